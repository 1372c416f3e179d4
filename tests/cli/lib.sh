# Helpers for the command-line test scripts (sourced, not run).
# $BP is the boardpack binary; $BOARDPACK_WRAP an optional wrapper.

bp() {
  if [ -n "${BOARDPACK_WRAP:-}" ]; then
    $BOARDPACK_WRAP "$BP" "$@"
  else
    "$BP" "$@"
  fi
}

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
# check NAME CONDITION-COMMAND...
check() {
  local name=$1; shift
  if "$@"; then ok "$name"; else notok "$name"; fi
}
