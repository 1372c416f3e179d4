# The typesetting engine end to end: the synthetic sample pack of
# tests/unit/test_render.c, written as PDF, SVG and PNG, checked with the
# tools a reader's software relies on (poppler's pdfinfo, pdffonts and
# pdftotext, qpdf, xmllint) and for byte-identical repeat runs.
. tests/cli/lib.sh
bin="${BOARDPACK_BUILD:-build}/tests/test_render"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_sample() {  # directory
  mkdir -p "$1"
  if [ -n "${BOARDPACK_WRAP:-}" ]; then
    BOARDPACK_TYPESET_OUT="$1" $BOARDPACK_WRAP "$bin" > "$1.log" 2>&1
  else
    BOARDPACK_TYPESET_OUT="$1" "$bin" > "$1.log" 2>&1
  fi
}

if [ ! -x "$bin" ]; then
  notok "typeset: $bin is built"
  exit 0
fi
run_sample "$work/a"; rc=$?
if [ "$rc" -ne 0 ] || [ ! -s "$work/a/sample.pdf" ]; then
  notok "sample pack written (exit $rc)"
  sed 's/^/# /' "$work/a.log" | tail -n 20
  exit 0
fi
ok "sample pack written"
pdf="$work/a/sample.pdf"
pages=$(sed -n 's/^pages //p' "$work/a/sample.counts")
figures=$(sed -n 's/^figures //p' "$work/a/sample.counts")
ths=$(sed -n 's/^th //p' "$work/a/sample.counts")

pdfinfo "$pdf" > "$work/info" 2>&1
check "pdfinfo: tagged" grep -q '^Tagged: *yes' "$work/info"
check "pdfinfo: $pages pages" grep -q "^Pages: *$pages\$" "$work/info"
check "pdfinfo: title" grep -qF "Title:           Synthetic Council Children's Services Improvement Plan" "$work/info"
check "pdfinfo: author" grep -qF "Author:          Performance and Improvement Team" "$work/info"
check "pdfinfo: date from the document" grep -q '^CreationDate: .*Sep 30 .*2023' "$work/info"
check "pdfinfo: A4 portrait and landscape pages" bash -c \
  "pdfinfo -f 1 -l $pages '$pdf' | grep -q '595.276 x 841.89' && pdfinfo -f 1 -l $pages '$pdf' | grep -q '841.89 x 595.276'"
check "qpdf --check passes" bash -c "qpdf --check '$pdf' > /dev/null"

pdffonts "$pdf" > "$work/fonts" 2>&1
check "pdffonts: every font embedded" bash -c \
  "tail -n +3 '$work/fonts' | awk '{ if (\$(NF-4) != \"yes\") bad=1 } END { exit bad }'"
check "pdffonts: Liberation Sans and the fallbacks only" bash -c \
  "tail -n +3 '$work/fonts' | grep -q LiberationSans && ! tail -n +3 '$work/fonts' | grep -v -e LiberationSans -e Noto -e WenQuanYiMicroHei -q"
for fam in NotoSansBengali WenQuanYiMicroHei NotoSansArabic NotoSansGurmukhi; do
  check "pdffonts: $fam used for its script" grep -q "$fam" "$work/fonts"
done

pdftotext "$pdf" "$work/text" 2> /dev/null
check "pdftotext: protective marking" grep -q 'OFFICIAL-SENSITIVE' "$work/text"
check "pdftotext: Page 1 of $pages" grep -q "Page 1 of $pages" "$work/text"
check "pdftotext: as-at date and version" grep -q 'Data as at 30 Sep 2023 – Version 3.0' "$work/text"
check "pdftotext: Chinese text extracts" grep -q '听取我们的意见' "$work/text"
check "pdftotext: Punjabi text extracts" grep -q 'ਸਾਡੀ ਗੱਲ ਸੁਣੋ' "$work/text"
check "pdftotext: Polish and Turkish text extracts" grep -q 'Posłuchaj nas, Bizi dinleyin' "$work/text"
# reading order: the headings and a few texts in document order
last=0; order_ok=1
for s in 'Improvement Board pack' 'Contents' 'Summary at a glance' 'Most actions are on track' \
         'Practice quality is improving' 'Figure 1: actions by status' 'Action plan' \
         'Priority 1: practice' 'Priority 2: partnership' '2.20'; do
  line=$(grep -n -F -m 1 -- "$s" <(tail -n +$((last + 1)) "$work/text") | cut -d: -f1)
  if [ -z "$line" ]; then order_ok=0; echo "# out of order or missing: $s"; else last=$((last + line)); fi
done
check "pdftotext: texts in reading order" test "$order_ok" -eq 1
check "pdftotext: a tall row says it continues" bash -c \
  "grep -q 'Continued on the next page' '$work/text' && grep -q 'Continued from the previous page' '$work/text'"

pdfinfo -struct-text "$pdf" > "$work/struct" 2>&1
for tag in Document H1 H2 P L LI Lbl LBody Table THead TBody TR TH TD Caption Figure Link TOC TOCI; do
  check "structure has $tag" grep -q "^ *$tag\\b" "$work/struct"
done
check "structure: $ths TH elements, as layout reports" \
  test "$(grep -c '^ *TH\b' "$work/struct")" -eq "$ths"
check "structure: $figures Figure elements, as layout reports" \
  test "$(grep -c '^ *Figure\b' "$work/struct")" -eq "$figures"
check "structure: running headers and footers are not content" \
  bash -c "! grep -q 'Page 1 of' '$work/struct'"
check "structure: the marking is in the body once" \
  test "$(grep -c '"OFFICIAL-SENSITIVE"' "$work/struct")" -eq 1

svgs=$(ls "$work/a"/sample-*.svg 2> /dev/null | wc -l)
pngs=$(ls "$work/a"/sample-*.png 2> /dev/null | wc -l)
check "an SVG per page ($svgs of $pages)" test "$svgs" -eq "$pages"
check "a PNG per page ($pngs of $pages)" test "$pngs" -eq "$pages"
check "SVGs are well-formed" xmllint --noout "$work/a"/sample-*.svg
check "PNGs are PNG" bash -c "head -c 4 '$work/a/sample-01.png' | grep -q PNG"

run_sample "$work/b"
check "a second run gives the same PDF bytes" cmp -s "$pdf" "$work/b/sample.pdf"
same=1
for f in "$work/a"/sample-*.svg "$work/a"/sample-*.png; do
  cmp -s "$f" "$work/b/$(basename "$f")" || same=0
done
check "a second run gives the same SVG and PNG bytes" test "$same" -eq 1
check "no temporary files are left in the output directory" \
  test -z "$(find "$work/a" "$work/b" -name '.*' -type f)"
