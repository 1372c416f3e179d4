#!/usr/bin/env bash
# The post-processed PDF and SVG seen by other tools: the unit tests leave
# their results in a directory, and qpdf, poppler and xmllint judge them.
set -u
. "$(dirname "$0")/lib.sh"

build=${BOARDPACK_BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_unit() {  # name: runs build/tests/test_<name>, keeping its output file
  local bin="$build/tests/test_$1"
  if [ ! -x "$bin" ]; then
    notok "$1: $bin is built"
    return 1
  fi
  # shellcheck disable=SC2086
  if BOARDPACK_TEST_KEEP_DIR="$tmp" ${BOARDPACK_WRAP:-} "$bin" >"$tmp/$1.log" 2>&1; then
    ok "$1: unit test passes and keeps its output"
  else
    notok "$1: unit test passes and keeps its output"
    sed 's/^/    /' "$tmp/$1.log" | grep -v '^    ok ' | head -20
    return 1
  fi
}

pdf=$tmp/pdfpost.pdf
if run_unit pdfpost && [ -s "$pdf" ]; then
  qpdf --check "$pdf" >"$tmp/check.txt" 2>&1
  rc=$?
  check "qpdf --check finds no errors" [ "$rc" -eq 0 ]
  check "qpdf --check finds no warnings" \
    bash -c '! grep -qi "warning\|error:" "$1"' _ "$tmp/check.txt"

  TZ=UTC pdfinfo "$pdf" >"$tmp/info.txt" 2>&1
  check "pdfinfo: tagged" grep -q '^Tagged: *yes' "$tmp/info.txt"
  check "pdfinfo: title" grep -q '^Title: *Improvement plan board pack$' "$tmp/info.txt"
  check "pdfinfo: creation date read as UTC" \
    grep -q '^CreationDate: *Sat Sep 30 00:00:00 2023 UTC' "$tmp/info.txt"
  check "pdfinfo: two pages" grep -q '^Pages: *2$' "$tmp/info.txt"

  pdfinfo -struct-text "$pdf" >"$tmp/struct.txt" 2>&1
  check "structure: headings and paragraphs" \
    bash -c 'grep -q "^  H1" "$1" && grep -q "^  P" "$1"' _ "$tmp/struct.txt"
  check "structure: two figures" [ "$(grep -c '^ *Figure' "$tmp/struct.txt")" -eq 2 ]
  check "structure: both header cells have a column scope" \
    [ "$(grep -c '/Scope /Column' "$tmp/struct.txt")" -eq 2 ]
  check "structure: cell text is in the tree" grep -q '"On track"' "$tmp/struct.txt"

  qpdf --qdf --object-streams=disable "$pdf" "$tmp/plain.pdf" 2>/dev/null
  check "catalog has /Lang (en-GB)" grep -aq '/Lang (en-GB)' "$tmp/plain.pdf"
  check "both figures have /Alt" [ "$(grep -ac '/Alt (' "$tmp/plain.pdf")" -eq 2 ]
  check "DisplayDocTitle is set" grep -aq '/DisplayDocTitle true' "$tmp/plain.pdf"
else
  notok "fixed PDF kept for inspection"
fi

svg=$tmp/svgpost.svg
if run_unit svgpost && [ -s "$svg" ]; then
  check "xmllint: the SVG is well-formed" xmllint --noout --nonet "$svg"
  check "SVG root has role=img and a label" \
    grep -q '<svg [^>]*role="img" aria-labelledby="p3-title"' "$svg"
  check "SVG has no unprefixed id" bash -c '! grep -o " id=\"[^\"]*\"" "$1" | grep -qv " id=\"p3-"' _ "$svg"
else
  notok "fixed SVG kept for inspection"
fi
