# The check command's behaviour: usage, exit codes, the sample plans, and
# diagnostics for several plans in one run.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bp > /dev/null 2> "$work/err"; rc=$?
check "no arguments: exit 2" test "$rc" -eq 2
check "no arguments: usage on stderr" grep -q '^usage: boardpack' "$work/err"

bp --help > "$work/out"; rc=$?
check "--help: exit 0" test "$rc" -eq 0
check "--help lists check" grep -q '^  check' "$work/out"
bp --version > "$work/out"; rc=$?
check "--version: exit 0" test "$rc" -eq 0
check "--version prints the version" grep -Eq '^boardpack [0-9]+\.[0-9]+' "$work/out"
bp frobnicate 2> "$work/err"; rc=$?
check "unknown command: exit 2" test "$rc" -eq 2
check "unknown command: message" grep -q "'frobnicate' is not a boardpack command" "$work/err"

bp check 2> "$work/err"; rc=$?
check "check without plans: exit 2" test "$rc" -eq 2
bp check --help > "$work/out"; rc=$?
check "check --help: exit 0" test "$rc" -eq 0
check "check --help shows --as-at" grep -q -- '--as-at DATE' "$work/out"
bp check --bogus x.xml 2> "$work/err"; rc=$?
check "check unknown option: exit 2" test "$rc" -eq 2
check "check unknown option: message" grep -q "unknown option '--bogus'" "$work/err"
bp check --as-at 'not a date' sample-plans/blackpool-csc-2023.xml 2> "$work/err"; rc=$?
check "check bad --as-at: exit 2" test "$rc" -eq 2
bp check --as-at 2> "$work/err"; rc=$?
check "check --as-at without value: exit 2" test "$rc" -eq 2

for p in sample-plans/*.xml; do
  bp check -q "$p" 2> "$work/err"; rc=$?
  check "$(basename "$p"): check exits 0" test "$rc" -eq 0
  check "$(basename "$p"): no errors" bash -c "! grep -q ': error:' '$work/err'"
done
bp check sample-plans/*.xml 2> "$work/err"; rc=$?
check "all sample plans in one run: exit 0" test "$rc" -eq 0
check "summary counts every plan" grep -Eq '^0 errors and [0-9]+ warnings? in 4 plans$' "$work/err"

# two bad plans and a good one in one run: every problem, each file in order
bp check tests/bad/unknown-lead.xml sample-plans/tameside-csc-2023.xml tests/bad/duplicate-action-id.xml 2> "$work/err"; rc=$?
check "mixed run: exit 1" test "$rc" -eq 1
check "mixed run: first plan's error" grep -q "^tests/bad/unknown-lead.xml:.*unknown lead 'kh2'" "$work/err"
check "mixed run: last plan's error" grep -q "^tests/bad/duplicate-action-id.xml:.*duplicate action id '1.1'" "$work/err"
check "mixed run: files in the order given" bash -c "grep -n 'tests/bad/' '$work/err' | head -1 | grep -q unknown-lead"

# a missing file among good ones: exit 3, the others still checked
bp check sample-plans/tameside-csc-2023.xml "$work/none.xml" 2> "$work/err"; rc=$?
check "missing file: exit 3" test "$rc" -eq 3
check "missing file: message" grep -q "none.xml: error: cannot open: No such file or directory" "$work/err"

# the schema command prints the compiled-in schema
bp schema > "$work/plan.rng"; rc=$?
check "schema: exit 0" test "$rc" -eq 0
check "schema: the compiled-in schema is docs/plan.rng" cmp -s "$work/plan.rng" docs/plan.rng
check "schema: validates the sample plans" xmllint --noout --relaxng "$work/plan.rng" sample-plans/blackpool-csc-2023.xml
bp schema > /dev/full 2> "$work/err"; rc=$?
check "schema to a full disk: exit 3" test "$rc" -eq 3

# a plan split into parts
mkdir -p "$work/split/parts"
cat > "$work/split/plan.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<plan xmlns="urn:boardpack:plan:1" xmlns:xi="http://www.w3.org/2001/XInclude" id="split" format="1" as-at="30/09/2023">
  <title>Synthetic split plan</title>
  <xi:include href="parts/people.xml"/>
  <xi:include href="parts/actions.xml"/>
</plan>
XML
cat > "$work/split/parts/people.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<part xmlns="urn:boardpack:plan:1">
  <people><person id="ann" name="Ann Example"/></people>
</part>
XML
cat > "$work/split/parts/actions.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<part xmlns="urn:boardpack:plan:1">
  <areas>
    <area id="p1" title="Priority one">
      <action id="1.1" lead="ann" due="Oct 2023"><text>Do the work</text></action>
      <action id="1.2" lead="bob" due="Oct 2023"><text>Do more work</text></action>
    </area>
  </areas>
</part>
XML
bp check "$work/split/plan.xml" 2> "$work/err"; rc=$?
check "parts: exit 1 for an error in a part" test "$rc" -eq 1
check "parts: the error names the part and its line" grep -q "split/parts/actions.xml:6: error: unknown lead 'bob' in action '1.2'" "$work/err"
sed -i 's/lead="bob"/lead="ann"/' "$work/split/parts/actions.xml"
bp check "$work/split/plan.xml" 2> "$work/err"; rc=$?
check "parts: a valid split plan passes" test "$rc" -eq 0

# nothing from a file outside the plan's directory is ever printed
for d in tests/bad/xinclude-*; do
  bp check "$d/plan.xml" > "$work/out" 2> "$work/err"
  check "$(basename "$d"): prints nothing of outside files" bash -c "! grep -q -e SECRET-MARKER -e 'root:' '$work/out' '$work/err'"
done
