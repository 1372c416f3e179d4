# One run of each command over inputs that reach every stage, for the
# valgrind pass of make check (the whole suite under valgrind takes about
# 25 minutes: make leakcheck). Under valgrind a leak or memory error makes
# the command exit 99; otherwise these are plain end-to-end runs.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bp check -q sample-plans/*.xml 2> "$work/err"; rc=$?
check "leaks: check of every sample plan (exit $rc)" test "$rc" -eq 0
bp check -q tests/bad/many-errors.xml tests/bad/entity-bomb.xml tests/bad/xinclude-cycle/plan.xml 2> /dev/null; rc=$?
check "leaks: check of bad plans, parts and hostile input (exit $rc)" test "$rc" -eq 1
printf 'code,period,value\nm1,Sep 2023,61\n' > "$work/data.csv"
bp eval --format json sample-plans/blackpool-csc-2023.xml > "$work/eval.json" 2> /dev/null; rc=$?
check "leaks: eval as JSON (exit $rc)" test "$rc" -eq 0
bp eval --format csv --previous sample-plans/blackpool-csc-2023.xml --as-at 2023-12-31 \
  sample-plans/blackpool-csc-2023.xml > "$work/eval.csv" 2> /dev/null; rc=$?
check "leaks: eval as CSV with movement (exit $rc)" test "$rc" -eq 0
bp build -q -o "$work/out" --template improvement-board,cabinet-appendix,ofsted-evidence,lead-updates \
  --format pdf,svg,png --dpi 20 sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "leaks: every template, every format (exit $rc)" test "$rc" -eq 0
bp build -q -o "$work/out" --template tests/templates/unknown-section.xml \
  sample-plans/tameside-csc-2023.xml 2> /dev/null; rc=$?
check "leaks: a bad template (exit $rc)" test "$rc" -ne 0 -a "$rc" -ne 99
bp build -q -o "$work/bad" tests/bad/unknown-lead.xml 2> /dev/null; rc=$?
check "leaks: a plan with errors (exit $rc)" test "$rc" -eq 1
