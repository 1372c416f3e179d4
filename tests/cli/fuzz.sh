# A short, bounded fuzzing campaign over parse → check, seeded from the
# sample plans, the bad-input corpus and the regression cases (make fuzz
# runs a longer one). Any crash, leak or sanitizer report fails the test;
# libFuzzer leaves the input that caused it in build/fuzz/.
. tests/cli/lib.sh
if [ "${BOARDPACK_BUILD:-build}" != build ] || [ -n "${BOARDPACK_WRAP:-}" ]; then
  ok "fuzz campaign runs in the plain suite only"
  exit 0
fi
seconds=${FUZZ_CI_SECONDS:-15}
if ! make --no-print-directory -j"$(nproc)" build/fuzz/fuzz_plan > build/fuzz-build.log 2>&1; then
  notok "fuzz target builds (see build/fuzz-build.log)"
  exit 0
fi
ok "fuzz target builds"
# fontconfig keeps its caches for the life of the process: not leaks
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp sample-plans/*.xml tests/bad/*.xml tests/fuzz/regressions/* "$corpus"/ 2>/dev/null
# regressions first: each must run clean on its own
for r in tests/fuzz/regressions/*; do
  check "fuzz regression $(basename "$r")" build/fuzz/fuzz_plan -runs=1 "$r" > /dev/null 2>&1
done
build/fuzz/fuzz_plan -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix=build/fuzz/ "$corpus" > build/fuzz-run.log 2>&1
rc=$?
check "fuzz campaign of ${seconds}s finds nothing (see build/fuzz-run.log)" test "$rc" -eq 0
