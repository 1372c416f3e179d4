#!/usr/bin/env bash
# make bench: how fast boardpack builds packs, and with how much memory.
#
# Cases: the Improvement Board pack of each sample plan (the PDF alone,
# then with its SVG pages and charts, the default of `boardpack build`);
# generated plans of 100, 1,000 and 10,000 actions with measures, their
# monthly series and a case audit (genplan's defaults); the 15,000-cell
# table of docs/performance.md (2,500 actions in six wrapped columns, the
# table the peers were timed on); and the sample plans' sixteen packs built
# one after another and with -j 2.
#
# Each case runs BENCH_RUNS times (default 3; the 10,000-action plan once
# unless BENCH_RUNS_LARGE says otherwise); the table gives the median wall
# and CPU time, pages, pages per second of wall time, the largest peak
# memory, and the share of the PDF post-processor in the build's own time
# (from `boardpack build --timings`). Then the growth from one size of
# generated plan to the next. No case fails: this measures, it does not
# judge (goals and results are in docs/performance.md).
#
# Environment: BOARDPACK_BUILD (default build), BENCH_RUNS,
# BENCH_RUNS_LARGE, BENCH_SIZES (default "100 1000 10000"), BENCH_KEEP=1
# keeps the work directory.
set -u
cd "$(dirname "$0")/.."
build=${BOARDPACK_BUILD:-build}
bp=$build/boardpack
genplan=$build/tools/genplan
runs=${BENCH_RUNS:-3}
runs_large=${BENCH_RUNS_LARGE:-1}
sizes=${BENCH_SIZES:-100 1000 10000}
export LC_ALL=C

for tool in "$bp" "$genplan" /usr/bin/time; do
  [ -x "$tool" ] || { echo "bench: $tool is missing (make build; GNU time is Debian's 'time' package)" >&2; exit 2; }
done
# An older boardpack (BOARDPACK_BUILD pointing at another build, to compare)
# may not know --timings or -j: those columns and cases are left out.
timings=--timings
"$bp" build --help | grep -q -- --timings || timings=
parallel=yes
"$bp" build --help | grep -q -- --jobs || parallel=
work=$(mktemp -d "${TMPDIR:-/tmp}/boardpack-bench.XXXXXX")
if [ "${BENCH_KEEP:-}" = 1 ]; then
  echo "bench: keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

cat > "$work/tables.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<template xmlns="urn:boardpack:template:1" format="1">
  <title>Action plan tables</title>
  <page size="A4" orientation="landscape"/>
  <sections>
    <action-plan columns="ref action lead due reported computed"/>
  </sections>
</template>
EOF

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_case NAME RUNS BOARDPACK-ARGS...: one row of the table.
results="$work/results"
: > "$results"
run_case() {
  local name=$1 n=$2; shift 2
  local i walls=() cpus=() peak=0 pages=0 post=0 total=0 rc=0
  for ((i = 0; i < n; i++)); do
    rm -rf "$work/out"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bp" build $timings -q -o "$work/out" "$@" \
      2> "$work/err"
    rc=$?
    read -r wall user sys kb < <(tail -n 1 "$work/time")
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')")
    [ "$kb" -gt "$peak" ] && peak=$kb
    # pages, and the post-processor's share, from the --timings lines
    # (from the PDFs themselves when there are none)
    if [ -n "$timings" ]; then
      pages=$(sed -n 's/.*: \([0-9]*\) pages: timings:.*/\1/p' "$work/err" | awk '{ s += $1 } END { print s + 0 }')
    else
      pages=$(for f in "$work/out"/*.pdf; do pdfinfo "$f" 2> /dev/null | sed -n 's/^Pages: *//p'; done |
        awk '{ s += $1 } END { print s + 0 }')
    fi
    post=$(sed -n 's/.*PDF fix-up \([0-9.]*\) s.*/\1/p' "$work/err" | awk '{ s += $1 } END { print s + 0 }')
    total=$(sed -n 's/.*total \([0-9.]*\) s,.*/\1/p' "$work/err" | awk '{ s += $1 } END { print s + 0 }')
  done
  local mw mc
  mw=$(printf '%s\n' "${walls[@]}" | median)
  mc=$(printf '%s\n' "${cpus[@]}" | median)
  awk -v name="$name" -v w="$mw" -v c="$mc" -v p="$pages" -v kb="$peak" -v post="$post" \
    -v total="$total" -v rc="$rc" -v n="$n" 'BEGIN {
      printf "%-34s %8.3f %8.3f %7d %8.1f %9.1f %6s %4d %3d\n", name, w, c, p,
        (w > 0 ? p / w : 0), kb / 1024, (total > 0 ? sprintf("%.0f%%", 100 * post / total) : "-"), n, rc }' \
    | tee -a "$results"
}

printf 'boardpack bench: %s, %s cores, load average %s\n' "$(uname -m)" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %8s %8s %7s %8s %9s %6s %4s %3s\n' case "wall s" "cpu s" pages "pages/s" "peak MB" post runs rc
printf '%-34s %8s %8s %7s %8s %9s %6s %4s %3s\n' "----" "------" "-----" "-----" "-------" "-------" "----" "----" "--"

# The sample plans: a fontconfig cache is made on the first run of all;
# one run first keeps that out of the timings.
"$bp" build -q -o "$work/warm" --format pdf sample-plans/tameside-csc-2023.xml 2> /dev/null
for p in sample-plans/*.xml; do
  run_case "sample $(basename "$p" .xml) pdf" "$runs" --format pdf "$p"
done
for p in sample-plans/*.xml; do
  run_case "sample $(basename "$p" .xml) pdf+svg" "$runs" --format pdf,svg "$p"
done

for n in $sizes; do
  "$genplan" --actions "$n" -o "$work/plan-$n.xml" || exit 2
  r=$runs
  [ "$n" -ge 10000 ] && r=$runs_large
  run_case "generated $n actions pdf" "$r" --format pdf "$work/plan-$n.xml"
done

"$genplan" --actions 2500 --measures 0 --audit-rounds 0 --milestones-per-action 0 \
  --updates-per-action 0 -o "$work/tables-2500.xml" || exit 2
run_case "table 15,000 cells pdf" "$runs" --format pdf -t "$work/tables.xml" "$work/tables-2500.xml"

all_templates=improvement-board,cabinet-appendix,ofsted-evidence,lead-updates
run_case "16 sample packs pdf+svg serial" "$runs" -t "$all_templates" sample-plans/*.xml
[ -n "$parallel" ] &&
  run_case "16 sample packs pdf+svg -j 2" "$runs" -j 2 -t "$all_templates" sample-plans/*.xml

echo
echo "growth between generated plans (time and memory per page should stay level):"
awk '/^generated / {
    n = $2; w[n] = $5; c[n] = $6; p[n] = $7; m[n] = $9; order[++k] = n
  } END {
    for (i = 2; i <= k; i++) {
      a = order[i - 1]; b = order[i]
      printf "  %6d -> %-6d actions: pages x%.1f, cpu x%.1f, peak memory x%.1f; cpu per page %.2f -> %.2f ms\n",
        a, b, p[b] / p[a], c[b] / c[a], m[b] / m[a], 1000 * c[a] / p[a], 1000 * c[b] / p[b]
    }
  }' "$results"
