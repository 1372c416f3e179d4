#!/usr/bin/env bash
# Runs the whole test suite: the unit test programs and the command-line
# test scripts in tests/cli/. Every test prints TAP lines ("ok - ..." or
# "not ok - ..."); this script counts them and ends with "N passed, N failed".
#
# Environment: BOARDPACK_BUILD (build directory, default build),
# BOARDPACK_WRAP (a command to run the binaries under, e.g. valgrind),
# TESTS (patterns, separated by spaces, selecting test programs and scripts
# by name: "unit/ cli/leaks").
set -u
cd "$(dirname "$0")/.."
export BOARDPACK_BUILD=${BOARDPACK_BUILD:-build}
export BP="$BOARDPACK_BUILD/boardpack"
export BOARDPACK_WRAP=${BOARDPACK_WRAP:-}
export LC_ALL=C.UTF-8
export TZ=UTC
patterns=${TESTS:-}

selected() {  # name: is it selected by TESTS?
  [ -z "$patterns" ] && return 0
  local p
  for p in $patterns; do
    [[ $1 == *$p* ]] && return 0
  done
  return 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
failures=()

run_one() {  # name, command...
  local name=$1; shift
  local log="$tmp/log"
  local start=$SECONDS
  "$@" >"$log" 2>&1
  local rc=$?
  local ok notok
  ok=$(grep -c '^ok ' "$log")
  notok=$(grep -c '^not ok ' "$log")
  passed=$((passed + ok))
  failed=$((failed + notok))
  if [ "$notok" -gt 0 ]; then
    while IFS= read -r line; do failures+=("$name: $line"); done < <(grep '^not ok ' "$log")
  fi
  if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then
    failed=$((failed + 1))
    failures+=("$name: exited with status $rc without reporting a failure")
    tail -n 20 "$log" | sed 's/^/    /' >&2
  fi
  printf '%-34s %4d passed %3d failed  (%ds)\n' "$name" "$ok" "$notok" $((SECONDS - start))
}

for t in "$BOARDPACK_BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  name=unit/$(basename "$t")
  selected "$name" || continue
  if [ -n "$BOARDPACK_WRAP" ]; then
    run_one "$name" $BOARDPACK_WRAP "$t"
  else
    run_one "$name" "$t"
  fi
done

for s in tests/cli/*.sh; do
  [ "$(basename "$s")" = lib.sh ] && continue
  [ -f "$s" ] || continue
  name=cli/$(basename "$s" .sh)
  selected "$name" || continue
  run_one "$name" bash "$s"
done

if [ ${#failures[@]} -gt 0 ]; then
  echo
  echo "failures:"
  printf '  %s\n' "${failures[@]}"
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
