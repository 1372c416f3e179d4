# Bad-input corpus: every tests/bad/NAME.xml is checked with
# `boardpack check` and its standard error and exit status compared with
# tests/bad/NAME.expect, whose first line is "exit N" and whose other lines
# are the exact diagnostics expected (the summary line included).
# Cases whose input must be generated (too large or too odd to keep in git)
# are made by tests/bad/generate.sh first.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash tests/bad/generate.sh "$work" || notok "generate hostile inputs"

run_case() {  # input-file expect-file display-name
  local input=$1 expect=$2 name=$3
  local want_exit got_exit
  want_exit=$(head -n 1 "$expect" | sed -n 's/^exit //p')
  tail -n +2 "$expect" > "$work/want"
  # the case's own name appears in the expected text as $FILE
  sed -i "s|\\\$FILE|$input|g; s|\\\$DIR|$(dirname "$input")|g" "$work/want"
  timeout 20 "$BP" check "$input" 2> "$work/got" > /dev/null
  got_exit=$?
  if [ -n "${BOARDPACK_WRAP:-}" ]; then
    # under valgrind only the exit status and memory errors are of interest
    bp check "$input" 2> /dev/null > /dev/null
    local wrapped=$?
    [ "$wrapped" -ne 99 ] || { notok "$name: memory errors under $BOARDPACK_WRAP"; return; }
  fi
  if [ "$got_exit" = "$want_exit" ] && cmp -s "$work/want" "$work/got"; then
    ok "$name"
  else
    notok "$name (exit $got_exit, want $want_exit)"
    diff -u "$work/want" "$work/got" | head -n 12 | sed 's/^/    # /'
  fi
}

for expect in tests/bad/*.expect; do
  base=${expect%.expect}
  name=$(basename "$base")
  if [ -e "$base.xml" ]; then
    run_case "$base.xml" "$expect" "bad/$name"
  elif [ -e "$work/$name.xml" ]; then
    run_case "$work/$name.xml" "$expect" "bad/$name (generated)"
  elif [ -e "$base/plan.xml" ]; then
    run_case "$base/plan.xml" "$expect" "bad/$name"
  elif [ -e "$work/$name/plan.xml" ]; then
    run_case "$work/$name/plan.xml" "$expect" "bad/$name (generated)"
  elif [[ $name == missing-* ]]; then
    run_case "$work/$name.xml" "$expect" "bad/$name"
  else
    notok "bad/$name: no input for $expect"
  fi
done
