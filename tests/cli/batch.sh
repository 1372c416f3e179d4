# boardpack build -j N: several plans and templates built in parallel
# worker processes give the same files and the same messages as a serial
# build, in the same order; a bad plan stops only its own packs; the exit
# code reports the worst failure; the progress line appears on a terminal
# only; a summary ends the run.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A template of the user's own beside two built-in ones.
cat > "$work/short.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<template xmlns="urn:boardpack:template:1" format="1" extends="cabinet-appendix">
  <title>Short appendix</title>
</template>
EOF
templates="cabinet-appendix,lead-updates,$work/short.xml"
plans="sample-plans/tameside-csc-2023.xml tests/bad/unknown-lead.xml sample-plans/lancashire-cs-2018.xml sample-plans/worcestershire-sip-2017.xml"

# shellcheck disable=SC2086
bp build -o "$work/serial" --format pdf,svg -t "$templates" $plans 2> "$work/serial.err"
serial_rc=$?
# shellcheck disable=SC2086
bp build -j 3 -o "$work/parallel" --format pdf,svg -t "$templates" $plans 2> "$work/parallel.err"
parallel_rc=$?

check "serial build with a bad plan: exit 1" test "$serial_rc" -eq 1
check "parallel build with a bad plan: exit 1" test "$parallel_rc" -eq 1
same=1
for f in $(cd "$work/serial" && find . -type f | sort); do
  cmp -s "$work/serial/$f" "$work/parallel/$f" || { same=0; echo "# differs: $f"; }
done
n_serial=$(cd "$work/serial" && find . -type f | wc -l)
n_parallel=$(cd "$work/parallel" && find . -type f | wc -l)
check "parallel build writes the same files as a serial one ($n_parallel of $n_serial)" \
  test "$same" -eq 1 -a "$n_serial" -eq "$n_parallel" -a "$n_serial" -gt 0
check "every good plan gets every pack (9 PDFs)" \
  test "$(find "$work/parallel" -maxdepth 1 -name '*.pdf' | wc -l)" -eq 9
check "the bad plan gets no pack" test -z "$(find "$work/parallel" -name 't-*')"

# Messages: those of the serial run, in the same order, then the summary.
sed "s|$work/serial|OUT|g" "$work/serial.err" > "$work/serial.msgs"
head -n -1 "$work/parallel.err" | sed "s|$work/parallel|OUT|g" > "$work/parallel.msgs"
check "parallel messages are the serial ones, in order" cmp -s "$work/serial.msgs" "$work/parallel.msgs"
diff "$work/serial.msgs" "$work/parallel.msgs" | head -n 6 | sed 's/^/# /'
check "the bad plan's error is printed once" \
  test "$(grep -c "unknown lead 'kh2'" "$work/parallel.err")" -eq 1
check "summary names the plan not built" \
  grep -q '^9 of 12 packs built in .* s; not built: tests/bad/unknown-lead.xml$' "$work/parallel.err"
check "no progress line when standard error is not a terminal" \
  bash -c "! grep -q -e \$'\\r' -e 'packs done' '$work/parallel.err'"

# All good: exit 0 and a summary; -q keeps only problems.
bp build -j 2 -o "$work/good" --format pdf -t cabinet-appendix sample-plans/tameside-csc-2023.xml \
  sample-plans/lancashire-cs-2018.xml 2> "$work/err"; rc=$?
check "all plans good: exit 0" test "$rc" -eq 0
check "all plans good: summary" grep -q '^2 packs built in .* s with 2 workers$' "$work/err"
bp build -j 2 -q -o "$work/good" --format pdf -t cabinet-appendix sample-plans/tameside-csc-2023.xml \
  sample-plans/lancashire-cs-2018.xml 2> "$work/err"; rc=$?
check "-q: exit 0 and no summary" bash -c "test $rc -eq 0 && ! grep -q 'packs built' '$work/err'"

# --timings: one line per pack, from the worker that built it, with every
# stage a PDF goes through.
bp build -j 2 -q --timings -o "$work/timed" --format pdf -t cabinet-appendix,lead-updates \
  sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "--timings with -j: exit 0" test "$rc" -eq 0
check "--timings: a line for each pack" \
  test "$(grep -c '^sample-plans/tameside-csc-2023.xml: [a-z-]*: [0-9]* pages: timings: ' "$work/err")" -eq 2
check "--timings: every stage of a PDF, a total and the peak" bash -c "
  grep ': lead-updates: ' '$work/err' | grep 'compose [0-9.]* s [0-9.]* cpu [0-9.]* MB;' | grep -q 'compose .*layout .*PDF .*PDF fix-up .*total .* s, peak .* MB$'"

# The worst failure decides the exit code: a plan that cannot be read (3)
# beats a plan with errors (1).
bp build -j 2 -q -o "$work/mixed" --format pdf -t cabinet-appendix tests/bad/unknown-lead.xml \
  "$work/no-such-plan.xml" sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "unreadable plan among others: exit 3" test "$rc" -eq 3
check "unreadable plan: its message" grep -q "no-such-plan.xml: error: cannot open" "$work/err"
check "unreadable plan: the good plan is still built" \
  test -s "$work/mixed/tameside-csc-2023-cabinet-appendix.pdf"
check "-q: the summary still reports failures" \
  grep -q "^1 of 3 packs built in .* s; not built: tests/bad/unknown-lead.xml, $work/no-such-plan.xml$" "$work/err"

# The command line.
bp build -j 0 -o "$work/x" sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "-j 0: exit 2" test "$rc" -eq 2
check "-j 0: message" grep -q "is not a number of workers" "$work/err"
bp build -j two -o "$work/x" sample-plans/tameside-csc-2023.xml 2> "$work/err"; rc=$?
check "-j two: exit 2" test "$rc" -eq 2
bp build --jobs=2 -q -o "$work/long" --format pdf -t cabinet-appendix sample-plans/tameside-csc-2023.xml 2> /dev/null; rc=$?
check "--jobs=2 is the long form: exit 0" test "$rc" -eq 0 -a -s "$work/long/tameside-csc-2023-cabinet-appendix.pdf"

# A failure inside a worker (a write that fails) ends that pack only,
# leaves the last good pack in place and no temporary files.
lib="${BOARDPACK_BUILD:-build}/tests/faultinject.so"
if [ -z "${BOARDPACK_WRAP:-}" ] && [ "${BOARDPACK_BUILD:-build}" = build ] && [ -e "$lib" ]; then
  cp -r "$work/good" "$work/before"
  BOARDPACK_FAIL=rename:1 LD_PRELOAD="$lib" "$BP" build -j 2 -q -o "$work/good" --format pdf \
    -t cabinet-appendix sample-plans/tameside-csc-2023.xml sample-plans/lancashire-cs-2018.xml \
    2> "$work/err"; rc=$?
  check "I/O failure in the workers: exit 3" test "$rc" -eq 3
  check "I/O failure in the workers: each says what failed" \
    test "$(grep -c 'error: cannot' "$work/err")" -eq 2
  check "I/O failure in the workers: the last good packs are untouched" diff -r "$work/before" "$work/good"
  check "I/O failure in the workers: no temporary files left" \
    test -z "$(find "$work/good" -name '*.tmp*' -o -name '.*.cairo')"
else
  ok "fault injection runs in the plain suite only"
fi

# On a terminal: one progress line, redrawn in place and removed at the end.
if command -v script > /dev/null && [ -z "${BOARDPACK_WRAP:-}" ]; then
  script -q -e -c "'$BP' build -j 2 -o '$work/tty' --format pdf -t cabinet-appendix \
    sample-plans/tameside-csc-2023.xml sample-plans/lancashire-cs-2018.xml" "$work/typescript" \
    > /dev/null 2>&1; rc=$?
  check "on a terminal: exit 0" test "$rc" -eq 0
  check "on a terminal: a progress line" grep -aq 'of 2 packs done' "$work/typescript"
  check "on a terminal: the line is redrawn in place" grep -aq $'\r\033\\[K' "$work/typescript"
  check "on a terminal: the progress line is gone before the summary" bash -c "
    tr '\\r' '\\n' < '$work/typescript' | grep -a -e 'packs done' -e 'packs built in' | tail -n 1 |
      grep -q '^2 packs built in'"
else
  ok "no script(1) here: the terminal is not checked"
fi
