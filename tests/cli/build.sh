# boardpack build: the packs of the sample plans checked through their
# extracted text and structure (pdftotext, pdfinfo, pdffonts, qpdf), the
# SVGs through xmllint, determinism, and the failure paths: a failed run
# never leaves a half-written pack in place of the last good one.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
out="$work/out"

bp build -q -o "$out" sample-plans/*.xml 2> "$work/err"; rc=$?
check "build of every sample plan: exit 0" test "$rc" -eq 0
check "build prints no errors" bash -c "! grep -q ': error:' '$work/err'"

for p in sample-plans/*.xml; do
  id=$(xmllint --xpath 'string(/*/@id)' "$p")
  title=$(xmllint --xpath 'string(/*/*[local-name()="title"])' "$p")
  pdf="$out/$id-improvement-board.pdf"
  check "$id: pdf written" test -s "$pdf"
  pdfinfo "$pdf" > "$work/info" 2>&1
  check "$id: pdfinfo reads it" grep -q '^Pages:' "$work/info"
  check "$id: tagged" grep -q '^Tagged: *yes' "$work/info"
  check "$id: title is the plan's" grep -qF "Title:           $title" "$work/info"
  check "$id: A4 pages" grep -q 'Page size: .*(A4)' "$work/info"
  pages=$(sed -n 's/^Pages: *//p' "$work/info")
  check "$id: qpdf --check passes" qpdf --check "$pdf"
  pdffonts "$pdf" > "$work/fonts" 2>&1
  check "$id: every font embedded" bash -c "tail -n +3 '$work/fonts' | awk '{ if (\$(NF-4) != \"yes\") bad=1 } END { exit bad }'"
  check "$id: only the bundled families and fallbacks" bash -c "! tail -n +3 '$work/fonts' | grep -v -e LiberationSans -e Noto -e WenQuanYiMicroHei -q"
  pdfinfo -struct-text "$pdf" > "$work/struct" 2>&1
  for tag in Table TH TD H1 H2; do
    check "$id: structure has $tag" grep -q "^ *$tag\b" "$work/struct"
  done
  # every action's ref, in the plan's order, in the text
  pdftotext "$pdf" "$work/text.txt"
  xmllint --xpath '//*[local-name()="action"]/@ref' "$p" 2>/dev/null \
    | sed 's/^ *ref="//; s/"$//' | sed 's/&amp;/\&/g' > "$work/refs"
  last=0; order_ok=1; missing=""
  while IFS= read -r ref; do
    [ -n "$ref" ] || continue
    line=$(grep -n -x -F -m 1 "$ref" <(tail -n +$((last + 1)) "$work/text.txt") | cut -d: -f1)
    if [ -z "$line" ]; then order_ok=0; missing="$missing $ref"; else last=$((last + line)); fi
  done < "$work/refs"
  check "$id: every action ref appears, in reading order${missing:+ (missing:$missing)}" test "$order_ok" -eq 1
  # and the opening words of every action's text
  xmllint --xpath '//*[local-name()="action"]/*[local-name()="text"]' "$p" 2>/dev/null \
    | sed -e 's/<[^>]*>/ /g' | tr -s ' \n' ' ' > /dev/null
  n_actions=$(xmllint --xpath 'count(//*[local-name()="action"])' "$p")
  found=0
  for i in $(seq 1 "$n_actions"); do
    words=$(xmllint --xpath "string((//*[local-name()='action'])[$i]/*[local-name()='text'])" "$p" \
      | tr -s ' \n\t' ' ' | sed 's/^ //' | cut -d' ' -f1-3)
    tr -s ' \n' ' ' < "$work/text.txt" | grep -qF -- "$words" && found=$((found + 1))
  done
  check "$id: the text of all $n_actions actions appears ($found found)" test "$found" -eq "$n_actions"
  # SVG pages: one per PDF page, valid, with a title
  svgs=$(ls "$out/$id-improvement-board"/page-*.svg 2>/dev/null | wc -l)
  check "$id: an SVG per page ($svgs of $pages)" test "$svgs" -eq "$pages"
  check "$id: SVGs parse" xmllint --noout "$out/$id-improvement-board"/page-*.svg
  check "$id: SVGs have a title" grep -q '<title' "$out/$id-improvement-board/page-01.svg"
done

# the marking, the as-at date and "Page X of Y" on every page
pdftotext sample-plans/../"$out"/blackpool-csc-2023-improvement-board.pdf "$work/bp.txt" 2>/dev/null ||
  pdftotext "$out/blackpool-csc-2023-improvement-board.pdf" "$work/bp.txt"
pages=$(pdfinfo "$out/blackpool-csc-2023-improvement-board.pdf" | sed -n 's/^Pages: *//p')
check "page furniture: 'Page X of $pages' on every page" \
  test "$(grep -c "Page [0-9]* of $pages" "$work/bp.txt")" -eq "$pages"
check "page furniture: as-at date on every page" \
  test "$(grep -c 'Data as at 23 Aug 2023' "$work/bp.txt")" -eq "$pages"

# determinism: a second run gives the same bytes
bp build -q -o "$work/again" sample-plans/*.xml 2> /dev/null
same=1
for f in $(cd "$out" && find . -type f | sort); do
  cmp -s "$out/$f" "$work/again/$f" || { same=0; echo "# differs: $f"; }
done
check "two runs give byte-identical PDFs and SVGs" test "$same" -eq 1

# PNG on request
bp build -q -o "$work/png" --format png --dpi 40 sample-plans/tameside-csc-2023.xml 2> /dev/null; rc=$?
check "--format png: exit 0" test "$rc" -eq 0
check "--format png writes PNG pages" bash -c "file '$work/png/tameside-csc-2023-improvement-board/page-01.png' | grep -q 'PNG image'"
check "--format png writes no PDF" test ! -e "$work/png/tameside-csc-2023-improvement-board.pdf"

# usage errors
bp build -o "$work/x" --format doc sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "unknown format: exit 2" test "$rc" -eq 2
bp build -o "$work/x" --template nonesuch sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "unknown template: exit 2" test "$rc" -eq 2
bp build 2> "$work/err"; rc=$?
check "no plan: exit 2" test "$rc" -eq 2

# a plan with errors gets no pack, the others still do, exit 1
mkdir -p "$work/mixed"
bp build -q -o "$work/mixed" tests/bad/unknown-lead.xml sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "a bad plan among good ones: exit 1" test "$rc" -eq 1
check "the bad plan's error is printed" grep -q "unknown lead 'kh2'" "$work/err"
check "the bad plan gets no pack" test ! -e "$work/mixed/t-improvement-board.pdf"
check "the good plan is still built" test -s "$work/mixed/tameside-csc-2023-improvement-board.pdf"

# failures never leave a half-written pack in place of the last good one
cp -r "$out" "$work/good"
lib="${BOARDPACK_BUILD:-build}/tests/faultinject.so"
if [ -z "${BOARDPACK_WRAP:-}" ] && [ "${BOARDPACK_BUILD:-build}" = build ] && [ -e "$lib" ]; then
  # fwrite:400 fails a write deep in the PDF: cairo 1.16 used to abort there
  for fail in rename:1 rename:2 rename:3 fopen:2 fopen:3 fwrite:5 fwrite:400; do
    BOARDPACK_FAIL=$fail LD_PRELOAD="$lib" "$BP" build -q -o "$out" sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
    check "I/O failure ($fail): exit 3" test "$rc" -eq 3
    check "I/O failure ($fail): a message says what failed" grep -q 'error:' "$work/err"
    check "I/O failure ($fail): the last good PDF is untouched" \
      cmp -s "$out/tameside-csc-2023-improvement-board.pdf" "$work/good/tameside-csc-2023-improvement-board.pdf"
    check "I/O failure ($fail): no temporary files left" \
      test -z "$(find "$out" -name '*.tmp*' -o -name '.*.cairo')"
  done
else
  ok "fault injection runs in the plain suite only"
fi
chmod a-w "$out"
if [ "$(id -u)" -ne 0 ]; then
  bp build -q -o "$out" sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
  check "unwritable output directory: exit 3" test "$rc" -eq 3
else
  # root can write anywhere: an output directory that is a file instead
  : > "$work/afile"
  bp build -q -o "$work/afile" sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
  check "output directory is a file: exit 3" test "$rc" -eq 3
  check "output directory is a file: message" grep -q "error: cannot" "$work/err"
fi
chmod u+w "$out"
