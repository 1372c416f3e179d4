#!/usr/bin/env bash
# make check: the whole suite three ways, then one total.
#  1. plain: every test, with the optimised build;
#  2. asan: every test again, built with AddressSanitizer and
#     UndefinedBehaviorSanitizer (no recovery; leaks reported);
#  3. valgrind: the unit tests and tests/cli/leaks.sh (one run of each
#     command through every stage) under valgrind's memcheck — the whole
#     suite under valgrind takes about 25 minutes: make leakcheck. Unit
#     tests that read whole sample plans read fewer with
#     BOARDPACK_TEST_QUICK=1.
# 2 and 3 run side by side on machines with two cores or more. Each part's
# own results are printed; the last line is "N passed, N failed" over all.
set -u
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

count() {  # log → "passed failed" from its closing line
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
  [ -n "$line" ] || { echo "0 1"; return; }
  echo "$line" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/'
}

asan_env=(ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
          UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
          "LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0")
valgrind_wrap="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --suppressions=$PWD/tests/valgrind.supp"

echo "== plain"
tests/run.sh 2>&1 | tee "$logs/plain"

echo
echo "== building with the sanitizers and for valgrind"
make --no-print-directory build-asan > "$logs/build-asan" 2>&1 || { tail -n 30 "$logs/build-asan"; echo "not ok - asan build" >> "$logs/asan"; }
make --no-print-directory build-valgrind > "$logs/build-valgrind" 2>&1 || { tail -n 30 "$logs/build-valgrind"; echo "not ok - valgrind build" >> "$logs/valgrind"; }

run_asan() {
  env "${asan_env[@]}" BOARDPACK_BUILD=build/asan tests/run.sh > "$logs/asan" 2>&1
}
run_valgrind() {
  BOARDPACK_BUILD=build/valgrind BOARDPACK_WRAP="$valgrind_wrap" TESTS="unit/ cli/leaks" \
    BOARDPACK_TEST_QUICK=1 tests/run.sh > "$logs/valgrind" 2>&1
}
if [ "$(nproc)" -ge 2 ]; then
  run_asan & a=$!
  run_valgrind & v=$!
  wait "$a" "$v"
else
  run_asan
  run_valgrind
fi
echo
echo "== asan (AddressSanitizer and UndefinedBehaviorSanitizer)"
cat "$logs/asan"
echo
echo "== valgrind (memcheck: unit tests and one run of each command)"
cat "$logs/valgrind"

passed=0
failed=0
for m in plain asan valgrind; do
  read -r p f < <(count "$logs/$m")
  passed=$((passed + p))
  failed=$((failed + f))
done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
