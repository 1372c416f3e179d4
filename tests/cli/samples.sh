# The sample plans: each is a complete transcription of a published plan,
# so what it holds is asserted against the source document's own counts;
# and generated plans of every size pass the check.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# plan | actions | milestones | measures | recommendations | focus areas | audit themes
# Sources: shared seeds 002 (Worcestershire: projects 1.1-8.4 of the RAG
# summary sheet, March and April milestones, Appendix 4 measures with the
# repeated Outcome 3 row once, 14 recommendations), 000 (Blackpool:
# actions 1.1-7.4 and the unnumbered UASC action, 113 dated milestone rows,
# 27 outcome indicators, 8 practice obsessions with the overall grade),
# 001 (Tameside: actions 1.1-1.10, 2.1-2.5, 3.1-3.4, 4.1-4.12, 53
# Appendix B measures, FA1-FA13), 004 (Lancashire: 109 actions 1.1.1-5.2.7,
# KPI rows 1a and 1b, 11 recommendations).
while read -r plan actions milestones measures recs focus themes; do
  bp check -q -s "sample-plans/$plan" > "$work/summary" 2> /dev/null
  line=$(cat "$work/summary")
  for pair in "$actions actions" "$milestones milestones" "$measures measures" \
              "$recs recommendations" "$focus focus areas" "($themes themes)"; do
    check "$plan holds $pair" grep -qF " $pair" "$work/summary"
  done
done <<'TABLE'
worcestershire-sip-2017.xml 47 94 49 14 0 0
blackpool-csc-2023.xml 33 113 27 0 0 8
tameside-csc-2023.xml 31 0 53 0 13 0
lancashire-cs-2018.xml 109 0 2 11 0 0
TABLE

# generated plans of 10, 1,000 and 10,000 actions are valid and check cleanly
gen="${BOARDPACK_BUILD:-build}/tools/genplan"
# the largest size only in the plain suite: under the sanitizers and
# valgrind it takes minutes and checks nothing the smaller ones do not
sizes="10 1000 10000"
if [ "${BOARDPACK_BUILD:-build}" != build ] || [ -n "${BOARDPACK_WRAP:-}" ]; then
  sizes="10 1000"
fi
for n in $sizes; do
  "$gen" --actions "$n" --seed 42 -o "$work/gen-$n.xml"
  check "genplan writes a plan of $n actions" test -s "$work/gen-$n.xml"
  check "generated plan of $n actions validates against the schema" \
    xmllint --noout --relaxng docs/plan.rng "$work/gen-$n.xml"
  bp check -q -s "$work/gen-$n.xml" > "$work/summary" 2> "$work/err"; rc=$?
  check "generated plan of $n actions: check exits 0" test "$rc" -eq 0
  check "generated plan of $n actions: no errors" bash -c "! grep -q ': error:' '$work/err'"
  check "generated plan of $n actions holds $n actions" grep -qF " $n actions," "$work/summary"
done
"$gen" --actions 50 --seed 3 > "$work/a.xml"
"$gen" --actions 50 --seed 3 > "$work/b.xml"
"$gen" --actions 50 --seed 4 > "$work/c.xml"
check "genplan: same seed, same bytes" cmp -s "$work/a.xml" "$work/b.xml"
check "genplan: another seed, another plan" bash -c "! cmp -s '$work/a.xml' '$work/c.xml'"
