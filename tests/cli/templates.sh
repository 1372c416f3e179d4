# Templates: the bad-template corpus (every tests/templates/NAME.xml, or
# NAME/template.xml for cases of several files, is built with
# `boardpack build --template` and its standard error and exit status
# compared with tests/templates/NAME.expect: first line "exit N", then the
# exact diagnostics, with $FILE for the case's file and $DIR for its
# directory); then templates of a user's own: logo, colours, marking,
# placeholders, extends and include, the search path, and the command
# line's handling of names and lists.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plan=sample-plans/tameside-csc-2023.xml

run_case() {  # template-file expect-file name
  local input=$1 expect=$2 name=$3
  local want_exit got_exit
  want_exit=$(head -n 1 "$expect" | sed -n 's/^exit //p')
  tail -n +2 "$expect" > "$work/want"
  sed -i "s|\\\$FILE|$input|g; s|\\\$DIR|$(dirname "$input")|g" "$work/want"
  rm -rf "$work/out"
  timeout 20 "$BP" build -q -o "$work/out" --template "$input" "$plan" 2> "$work/got" > /dev/null
  got_exit=$?
  if [ -n "${BOARDPACK_WRAP:-}" ]; then
    bp build -q -o "$work/out" --template "$input" "$plan" 2> /dev/null > /dev/null
    [ $? -ne 99 ] || { notok "$name: memory errors under $BOARDPACK_WRAP"; return; }
  fi
  if [ "$got_exit" = "$want_exit" ] && cmp -s "$work/want" "$work/got"; then
    ok "$name"
  else
    notok "$name (exit $got_exit, want $want_exit)"
    diff -u "$work/want" "$work/got" | head -n 12 | sed 's/^/    # /'
  fi
  check "$name: no pack written" test -z "$(find "$work/out" -name '*.pdf' 2>/dev/null)"
}

for expect in tests/templates/*.expect; do
  base=${expect%.expect}
  name=templates/$(basename "$base")
  if [ -e "$base.xml" ]; then
    run_case "$base.xml" "$expect" "$name"
  elif [ -e "$base/template.xml" ]; then
    run_case "$base/template.xml" "$expect" "$name"
  else
    notok "$name: no template for $expect"
  fi
done

# ---- the built-in templates follow the schema --------------------------
for t in templates/*.xml; do
  check "$(basename "$t") follows docs/template.rng" \
    xmllint --noout --relaxng docs/template.rng "$t"
done
check "docs/template.rng is docs/template.rnc (trang)" bash -c '
  ! command -v trang > /dev/null || {
    trang -I rnc -O rng docs/template.rnc "'"$work"'/t.rng" && cmp -s docs/template.rng "'"$work"'/t.rng"; }'

# ---- a template of the user's own ----------------------------------------
mine="$work/mine"
mkdir -p "$mine"
# a 4 x 2 pixel PNG logo (synthetic), written with the standard library only
python3 - "$mine/logo.png" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xffffffff)
rows = b"".join(b"\x00" + b"\x1f\x38\x64" * 4 for _ in range(2))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
EOF
cat > "$mine/base.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<template xmlns="urn:boardpack:template:1" format="1">
  <title>Base pack</title>
  <page orientation="portrait"/>
  <colours accent="#5A2D82" header-fill="#5A2D82"/>
  <sections>
    <exceptions include="overdue"/>
  </sections>
</template>
EOF
cat > "$mine/my-board.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<template xmlns="urn:boardpack:template:1" format="1" extends="base">
  <title>Synthetic test pack</title>
  <logo src="logo.png" width="30mm" alt="Synthetic council logo"/>
  <marking override="yes">OFFICIAL-SENSITIVE</marking>
  <header>{authority}: {pack}</header>
  <footer>Prepared for {board} as at {as-at}</footer>
  <sections>
    <cover notices="no"/>
    <text title="About this pack"><p>This pack shows {title} as at {as-at}.</p></text>
    <include template="base.xml"/>
    <key computed="no" title="How ratings are given"/>
  </sections>
</template>
EOF
bp build -q -o "$work/mine-out" --template "$mine/my-board.xml" "$plan" 2> "$work/err"; rc=$?
check "own template: exit 0" test "$rc" -eq 0
pdf="$work/mine-out/tameside-csc-2023-my-board.pdf"
check "own template: named after its file" test -s "$pdf"
pdftotext -layout "$pdf" "$work/mine.txt"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
check "own template: header placeholders expanded on every page" \
  test "$(grep -c 'Tameside Council: Synthetic test pack' "$work/mine.txt")" -ge "$pages"
check "own template: footer placeholders expanded" \
  bash -c "pdftotext '$pdf' - | tr -s ' \n' ' ' | grep -q \"Prepared for Children's Improvement Board as at 30 Sep 2023\""
check "own template: marking overrides the plan's, on every page" \
  test "$(grep -c 'OFFICIAL-SENSITIVE' "$work/mine.txt")" -ge "$pages"
check "own template: text section with placeholders" \
  grep -q "This pack shows Tameside Children's Social Care Improvement Plan as at 30 Sep 2023." "$work/mine.txt"
pdfinfo -struct-text "$pdf" | grep -A1 '^ *H1' | grep -v '^ *H1\|^--' | sed 's/^ *"//; s/"$//' > "$work/h1"
printf '%s\n' "About this pack" "Exceptions" "How ratings are given" > "$work/h1-want"
check "own template: sections in order, the included one in its place" cmp -s "$work/h1" "$work/h1-want"
check "own template: logo is a figure with its alternative text" \
  bash -c "pdfinfo -struct-text '$pdf' | grep -q '^ *Figure'"
check "own template: portrait from the template it extends" \
  bash -c "pdfinfo '$pdf' | grep -q 'Page size: *595.* x 841.*'"

# ---- the search path ----------------------------------------------------
mkdir -p "$work/dir"
sed 's/<title>Base pack</<title>Found by name</' "$mine/base.xml" > "$work/dir/found-me.xml"
BOARDPACK_TEMPLATES="$work/dir" bp build -q -o "$work/named" --template found-me "$plan" 2> "$work/err"; rc=$?
check "BOARDPACK_TEMPLATES: a template found by name" test "$rc" -eq 0 -a -s "$work/named/tameside-csc-2023-found-me.pdf"
sed 's/<title>Improvement Board pack</<title>Our own board pack</' templates/improvement-board.xml \
  > "$work/dir/improvement-board.xml"
BOARDPACK_TEMPLATES="$work/dir" bp build -q -o "$work/named" --format pdf "$plan" 2> "$work/err"
check "BOARDPACK_TEMPLATES: comes before the built-in templates" \
  bash -c "pdftotext '$work/named/tameside-csc-2023-improvement-board.pdf' - | grep -q 'Our own board pack'"

# ---- the command line ------------------------------------------------------
bp build -q -o "$work/x" --template nonesuch "$plan" 2> "$work/err"; rc=$?
check "unknown template name: exit 2" test "$rc" -eq 2
check "unknown template name: the built-in templates are listed" \
  grep -q "unknown template 'nonesuch' (the templates are: cabinet-appendix, improvement-board, lead-updates, ofsted-evidence" "$work/err"
bp build -q -o "$work/x" --template "$work/no-such.xml" "$plan" 2> "$work/err"; rc=$?
check "missing template file: exit 3" test "$rc" -eq 3
check "missing template file: message names it" grep -q "no-such.xml" "$work/err"
bp build -q -o "$work/two" --format pdf --template cabinet-appendix,ofsted-evidence "$plan" 2> "$work/err"; rc=$?
check "two templates at once: exit 0" test "$rc" -eq 0
check "two templates at once: both packs" \
  test -s "$work/two/tameside-csc-2023-cabinet-appendix.pdf" -a -s "$work/two/tameside-csc-2023-ofsted-evidence.pdf"
bp build -q -o "$work/x" --template cabinet-appendix,templates/cabinet-appendix.xml "$plan" 2> "$work/err"; rc=$?
check "two templates of the same name: exit 2" test "$rc" -eq 2
check "two templates of the same name: message" grep -q "both called 'cabinet-appendix'" "$work/err"
bp build -q -o "$work/x" --template "cabinet-appendix," "$plan" 2> "$work/err"; rc=$?
check "an empty name in the list: exit 2" test "$rc" -eq 2
