# The eval command: usage, exit codes, output formats, writing through a
# temporary file, KPI data from CSV, movement since the previous board,
# the sample plans, and a generated plan at scale.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bp eval > /dev/null 2> "$work/err"; rc=$?
check "eval without a plan: exit 2" test "$rc" -eq 2
check "eval without a plan: usage on stderr" grep -q '^usage: boardpack eval' "$work/err"
bp eval --help > "$work/out"; rc=$?
check "eval --help: exit 0" test "$rc" -eq 0
for opt in '--as-at DATE' '--previous PLAN.xml' '--data FILE.csv' '--due-soon DAYS' '--format json|csv' '--output FILE'; do
  check "eval --help shows $opt" grep -qF -- "$opt" "$work/out"
done
bp --help > "$work/out"
check "boardpack --help lists eval" grep -q '^  eval ' "$work/out"

bp eval --format xml sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "unknown format: exit 2" test "$rc" -eq 2
check "unknown format: message" grep -q "eval: --format 'xml' is not json or csv" "$work/err"
bp eval --due-soon soon sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "bad --due-soon: exit 2" test "$rc" -eq 2
bp eval --due-soon 3661 sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "--due-soon out of range: exit 2" test "$rc" -eq 2
bp eval --as-at 'not a date' sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "bad --as-at: exit 2" test "$rc" -eq 2
bp eval sample-plans/tameside-csc-2023.xml sample-plans/blackpool-csc-2023.xml 2> "$work/err"; rc=$?
check "two plans: exit 2" test "$rc" -eq 2
check "two plans: message" grep -q 'eval: give one plan (2 given)' "$work/err"

bp eval "$work/none.xml" > "$work/out" 2> "$work/err"; rc=$?
check "missing plan: exit 3" test "$rc" -eq 3
check "missing plan: nothing on stdout" test ! -s "$work/out"
bp eval tests/bad/unknown-lead.xml > "$work/out" 2> "$work/err"; rc=$?
check "plan with errors: exit 1" test "$rc" -eq 1
check "plan with errors: the error is reported" grep -q "^tests/bad/unknown-lead.xml:.*unknown lead 'kh2'" "$work/err"
check "plan with errors: no evaluation printed" test ! -s "$work/out"

for p in sample-plans/*.xml; do
  name=$(basename "$p" .xml)
  bp eval "$p" > "$work/$name.json" 2> "$work/err"; rc=$?
  check "$name: eval exits 0" test "$rc" -eq 0
  check "$name: no errors" bash -c "! grep -q ': error:' '$work/err'"
  check "$name: JSON names its version" grep -q '^  "boardpack_eval": 1,$' "$work/$name.json"
  actions=$(grep -c '<action ' "$p")
  check "$name: one entry per action" test "$(grep -c '^    {$' "$work/$name.json")" -ge "$actions"
  bp eval "$p" > "$work/$name.again" 2> /dev/null
  check "$name: same bytes on a second run" cmp -s "$work/$name.json" "$work/$name.again"
  bp eval --format csv "$p" > "$work/$name.csv" 2> /dev/null; rc=$?
  check "$name: csv exits 0" test "$rc" -eq 0
  check "$name: csv has one action row per action" test "$(grep -c $'^action,' "$work/$name.csv")" -eq "$actions"
done

# what the Blackpool board would read
b="$work/blackpool-csc-2023.json"
check "blackpool: as at the plan's date" grep -q '"date": "2023-08-23",' "$b"
check "blackpool: a rating kinder than the dates is challenged" \
  grep -q '"challenge": "reported Green, but it was due ' "$b"
check "blackpool: an overdue milestone names its date" grep -q 'was due 30 Jun 2023 and is not done' "$b"
check "blackpool: overdue maps onto the plan's own At Risk" grep -q '"label": "At Risk",' "$b"

# --as-at moves the report date
bp eval --as-at 2024-06-30 sample-plans/blackpool-csc-2023.xml > "$work/later.json" 2> /dev/null; rc=$?
check "--as-at: exit 0" test "$rc" -eq 0
check "--as-at: the report date is the one given" grep -q '"date": "2024-06-30",' "$work/later.json"
check "--as-at: its source is the command line" grep -q '"source": "command line"' "$work/later.json"
check "--as-at: more is overdue later" test "$(grep -c '"status": "overdue"' "$work/later.json")" -gt "$(grep -c '"status": "overdue"' "$b")"

# -o writes through FILE.tmp and leaves nothing else behind
bp eval -o "$work/out.json" sample-plans/worcestershire-sip-2017.xml > "$work/stdout" 2> /dev/null; rc=$?
check "-o: exit 0" test "$rc" -eq 0
check "-o: nothing on stdout" test ! -s "$work/stdout"
check "-o: the file is the same as standard output" cmp -s "$work/out.json" "$work/worcestershire-sip-2017.json"
check "-o: no temporary file left" test ! -e "$work/out.json.tmp"
echo "previous good output" > "$work/keep.json"
bp eval -o "$work/keep.json" tests/bad/unknown-lead.xml 2> /dev/null; rc=$?
check "-o with a bad plan: exit 1" test "$rc" -eq 1
check "-o with a bad plan: the last good file is kept" grep -q 'previous good output' "$work/keep.json"
bp eval -o "$work/no/such/dir/out.json" sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "-o into a missing directory: exit 3" test "$rc" -eq 3
check "-o into a missing directory: message" grep -q "cannot write '$work/no/such/dir/out.json.tmp'" "$work/err"
if [ -w /dev/full ]; then
  bp eval sample-plans/tameside-csc-2023.xml > /dev/full 2> "$work/err"; rc=$?
  check "full disk on stdout: exit 3" test "$rc" -eq 3
fi

# KPI data: a byte order mark, CRLF, quoted notes, a heading row
cat > "$work/plan.xml" <<'EOF'
<plan xmlns="urn:boardpack:plan:1" id="kpi" format="1" as-at="2023-09-30">
  <title>Synthetic plan for KPI data</title>
  <people><person id="p" role="Head of Service"/></people>
  <areas><area id="a" title="Area">
    <action id="x" lead="p" due="31 Dec 2023"><text>Action</text></action>
  </area></areas>
  <measures>
    <measure id="cf22" code="CF22" unit="percent" better="higher">
      <name>Initial health assessments on time</name>
      <baseline value="60%" date="Mar 2023"/>
      <target value="90%" date="Mar 2024"/>
    </measure>
  </measures>
</plan>
EOF
printf '\xef\xbb\xbfcode,period,value,note\r\nCF22,Jul 2023,70%%,\r\nCF22,Aug 2023,"75","checked, as reported"\r\n' > "$work/data.csv"
bp eval --data "$work/data.csv" "$work/plan.xml" > "$work/kpi.json" 2> "$work/err"; rc=$?
check "--data: exit 0" test "$rc" -eq 0
check "--data: the latest actual comes from the file" grep -q '"text": "75",' "$work/kpi.json"
check "--data: with its note" grep -q '"note": "checked, as reported",' "$work/kpi.json"
check "--data: and its row" grep -q '"line": 3' "$work/kpi.json"
printf 'CF22,Sep 2023,lots\nCF22,Aug 2023,75\nCF22,Aug 2023,76\n' > "$work/bad.csv"
bp eval --data "$work/bad.csv" "$work/plan.xml" > "$work/out" 2> "$work/err"; rc=$?
check "--data with errors: exit 1" test "$rc" -eq 1
check "--data with errors: no evaluation printed" test ! -s "$work/out"
check "--data with errors: file and row of a bad value" grep -q "bad.csv:1: error: value 'lots' of measure 'CF22' is not a number" "$work/err"
check "--data with errors: file and row of a duplicate" grep -q "bad.csv:3: error: second value for measure 'CF22' for 'Aug 2023' (the first is on row 2)" "$work/err"
# a file with the wrong columns, and one saved in another encoding
printf 'code,value\nCF22,70\n' > "$work/cols.csv"
bp eval --data "$work/cols.csv" "$work/plan.xml" > /dev/null 2> "$work/err"; rc=$?
check "--data with the wrong columns: exit 1" test "$rc" -eq 1
check "--data with the wrong columns: says what a row holds" \
  grep -q "cols.csv:2: error: row has 2 fields; expected measure code, period or date, value and an optional note" "$work/err"
printf 'code,period,value,note\nCF22,Jul 2023,70,caf\xe9\n' > "$work/latin1.csv"
bp eval --data "$work/latin1.csv" "$work/plan.xml" > /dev/null 2> "$work/err"; rc=$?
check "--data in Latin-1: exit 1" test "$rc" -eq 1
check "--data in Latin-1: names the row and the remedy" \
  grep -q 'latin1.csv:2: error: field 4 is not valid UTF-8 (save the file as "CSV UTF-8")' "$work/err"
bp eval --data "$work/none.csv" "$work/plan.xml" > /dev/null 2> "$work/err"; rc=$?
check "--data missing file: exit 3" test "$rc" -eq 3

# movement since the previous board
sed -e 's/as-at="2023-09-30"/as-at="2023-08-31"/' -e 's/due="31 Dec 2023"/due="30 Nov 2023"/' "$work/plan.xml" > "$work/previous.xml"
bp eval --previous "$work/previous.xml" "$work/plan.xml" > "$work/moved.json" 2> "$work/err"; rc=$?
check "--previous: exit 0" test "$rc" -eq 0
check "--previous: the previous board's date" grep -q '"previous_as_at": "2023-08-31",' "$work/moved.json"
check "--previous: a due date moved" grep -q '"reason": "due date moved from 30 Nov 2023 to 31 Dec 2023, 31 days later"' "$work/moved.json"
bp eval --previous "$work/none.xml" "$work/plan.xml" > /dev/null 2> "$work/err"; rc=$?
check "--previous missing file: exit 3" test "$rc" -eq 3
bp eval --format csv --previous "$work/previous.xml" "$work/plan.xml" > "$work/moved.csv" 2> /dev/null
check "--previous in CSV: a movement row" grep -q '^movement,x,,action,Action,due-moved,' "$work/moved.csv"

# a generated plan at scale: every action evaluated
genplan="$BOARDPACK_BUILD/tools/genplan"
if [ -x "$genplan" ]; then
  "$genplan" --actions 1000 --measures 50 -o "$work/gen.xml"
  bp eval --format csv "$work/gen.xml" > "$work/gen.csv" 2> "$work/err"; rc=$?
  check "generated plan: exit 0" test "$rc" -eq 0
  check "generated plan: 1000 action rows" test "$(grep -c '^action,' "$work/gen.csv")" -eq 1000
  check "generated plan: 50 measure rows" test "$(grep -c '^measure,' "$work/gen.csv")" -eq 50
fi
