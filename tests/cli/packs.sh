# The packs: every built-in template for every sample plan and for a
# synthetic plan with measures, audits and a previous board, checked
# section by section from the PDF's text (pdftotext) and structure
# (pdfinfo -struct-text, -dests, qpdf); the standalone chart SVGs; the
# same bytes from two runs; and an installed boardpack that finds its
# templates and fonts away from the source tree.
. tests/cli/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out"
templates=improvement-board,cabinet-appendix,ofsted-evidence,lead-updates
GENPLAN="${BOARDPACK_BUILD:-build}/tools/genplan"

# headings of one level, one a line: heads PDF LEVEL
heads() {
  pdfinfo -struct-text "$1" | awk -v tag="H$2" '
    $1 == tag { want = 1; next }
    want { sub(/^ *"/, ""); sub(/"$/, ""); print; want = 0 }'
}
# the text of one section: from its H1 up to the next H1 (pdftotext -layout)
section_text() {  # PDF TITLE NEXT-TITLE
  pdftotext -layout "$1" - | awk -v a="$2" -v b="$3" '
    $0 ~ "^" a "$" { on = 1 } on && b != "" && $0 ~ "^" b "$" { exit } on'
}
count_xml() {  # FILE XPATH
  xmllint --xpath "count($2)" "$1" 2>/dev/null
}

# ---- build everything once ------------------------------------------------
"$GENPLAN" --actions 30 --measures 6 --audit-themes 4 --audit-rounds 3 --as-at 2023-09-30 \
  -o "$work/synthetic.xml"
sed 's/as-at="30 September 2023"/as-at="15 August 2023"/; 0,/ done="[^"]*"/s/ done="[^"]*"//' \
  "$work/synthetic.xml" > "$work/previous.xml"
bp build -q -o "$out" --template "$templates" sample-plans/*.xml 2> "$work/err"; rc=$?
check "all four templates for every sample plan: exit 0" test "$rc" -eq 0
check "no errors printed" bash -c "! grep -q ': error:' '$work/err'"
bp build -q -o "$out" --template "$templates" --previous "$work/previous.xml" \
  "$work/synthetic.xml" 2> "$work/err"; rc=$?
check "the synthetic plan with a previous board: exit 0" test "$rc" -eq 0

plans="blackpool-csc-2023 lancashire-cs-2018 tameside-csc-2023 worcestershire-sip-2017 synthetic-s1-a30"
plan_file() {
  case $1 in synthetic-*) echo "$work/synthetic.xml" ;; *) echo "sample-plans/$1.xml" ;; esac
}

# ---- every pack: a sound, accessible PDF, SVG pages and charts ------------
for id in $plans; do
  for t in ${templates//,/ }; do
    pdf="$out/$id-$t.pdf"
    name="$id-$t"
    if [ ! -s "$pdf" ]; then notok "$name: pdf written"; continue; fi
    pdfinfo "$pdf" > "$work/info"
    pages=$(sed -n 's/^Pages: *//p' "$work/info")
    check "$name: qpdf --check, tagged, A4" bash -c "qpdf --check '$pdf' > /dev/null &&
      grep -q '^Tagged: *yes' '$work/info' && grep -q 'Page size: .*(A4)' '$work/info'"
    svgs=$(ls "$out/$name"/page-*.svg | wc -l)
    check "$name: an SVG per page ($svgs of $pages)" test "$svgs" -eq "$pages"
    pdfinfo -struct-text "$pdf" > "$work/struct"
    figures=$(grep -c '^ *Figure' "$work/struct")
    qpdf --qdf --object-streams=disable "$pdf" "$work/q.pdf"
    alts=$(grep -a -c '/Alt' "$work/q.pdf")
    check "$name: one alternative text per figure ($alts for $figures)" test "$alts" -eq "$figures"
    charts=$(ls "$out/$name"/chart-*.svg 2>/dev/null | wc -l)
    logo=0
    check "$name: a chart SVG for each chart figure ($charts for $figures)" test "$charts" -ge "$figures"
    if [ "$charts" -gt 0 ]; then
      check "$name: chart SVGs parse, with title and description" bash -c "
        for f in '$out/$name'/chart-*.svg; do
          xmllint --noout \"\$f\" && grep -q '<title' \"\$f\" && grep -q '<desc' \"\$f\" || exit 1
        done"
    fi
    # every link to a named destination has one
    grep -a -o '/Dest *([^)]*)' "$work/q.pdf" | sed 's/.*(//; s/)$//' | sort -u > "$work/links"
    pdfinfo -dests "$pdf" | sed -n 's/.*"\(.*\)"$/\1/p' | sort -u > "$work/dests"
    check "$name: every internal link has its destination" \
      test -z "$(comm -23 "$work/links" "$work/dests")"
    # no heading stands empty: each H1 is followed by content before the next
    check "$name: no section heading is left empty" bash -c "
      awk '/^ *H1/ { if (h1 && !body) bad = 1; h1 = 1; body = 0; next }
           /^ *(P|Table|L|Figure|H2|TOC)( |\$)/ { body = 1 }
           END { if (h1 && !body) bad = 1; exit bad }' '$work/struct'"
  done
done

# ---- improvement-board: the sections and their content ---------------------
for id in $plans; do
  pdf="$out/$id-improvement-board.pdf"
  p=$(plan_file "$id")
  heads "$pdf" 1 > "$work/h1"
  printf '%s\n' "Contents" "Summary at a glance" "Exceptions" "Action plan" "Next key milestones" \
    "KPI scorecard" "Audit trends" "Outcomes framework" "Ofsted recommendations" \
    "What children and partners will say" "Key and definitions" > "$work/h1-want"
  check "$id board: the sections in order" cmp -s "$work/h1" "$work/h1-want"
  n_actions=$(count_xml "$p" '//*[local-name()="action"]')
  bp eval "$p" 2> /dev/null > "$work/eval.json"
  # summary: the whole plan's row adds up and matches the evaluation
  row=$(pdftotext -layout "$pdf" - | grep -m 1 '^ *Whole plan  ')
  read -r -a nums <<< "$(echo "$row" | sed 's/^ *Whole plan *//')"
  sum=$(( nums[1] + nums[2] + nums[3] + nums[4] + nums[5] + nums[6] ))
  check "$id board: summary counts add up (${nums[0]} = $sum)" test "${nums[0]}" -eq "$sum"
  check "$id board: summary counts every action (${nums[0]} of $n_actions)" test "${nums[0]}" -eq "$n_actions"
  overdue=$(jq '.totals.by_status.overdue' "$work/eval.json")
  check "$id board: summary's overdue count is the evaluation's ($overdue)" test "${nums[4]}" -eq "$overdue"
  # exceptions: the overdue list holds exactly the overdue actions
  section_text "$pdf" "Exceptions" "Action plan" > "$work/exc"
  check "$id board: exceptions count the overdue ($overdue)" grep -q "Overdue: $overdue\$" "$work/exc"
  if [ "$overdue" -eq 0 ]; then
    check "$id board: no overdue action is said in a sentence" grep -q "No action is overdue as at" "$work/exc"
  else
    jq -r '.actions[] | select(.status == "overdue") | .ref // .id' "$work/eval.json" > "$work/overdue-refs"
    missing=0
    while IFS= read -r ref; do grep -q -- "^ *$ref  " "$work/exc" || missing=$((missing + 1)); done < "$work/overdue-refs"
    check "$id board: every overdue action listed under Exceptions" test "$missing" -eq 0
  fi
  challenged=$(jq '.totals.challenged' "$work/eval.json")
  check "$id board: exceptions count the challenged ratings ($challenged)" \
    grep -q "Ratings kinder than the dates allow: $challenged\$" "$work/exc"
  # the action plan: a row anchor for every action, and refs link to it
  n_dests=$(pdfinfo -dests "$pdf" | grep -c '"action-[0-9]*"$')
  check "$id board: every action's row is a link destination ($n_dests of $n_actions)" \
    test "$n_dests" -eq "$n_actions"
  # next key milestones: a heading per month of the window
  heads "$pdf" 2 | grep -c -E '^(January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{4}$|^[0-9]+ [A-Z][a-z]{2} [0-9]{4} to [0-9]+ [A-Z][a-z]{2} [0-9]{4}$' > "$work/months"
  check "$id board: next key milestones has three months" test "$(cat "$work/months")" -eq 3
  # the key prints the plan's own labels
  label=$(xmllint --xpath 'string((//*[local-name()="status"])[1]/@label)' "$p")
  section_text "$pdf" "Key and definitions" "" > "$work/key"
  check "$id board: the key shows the plan's labels ('$label')" grep -q -- "$label" "$work/key"
done

# the synthetic plan has measures, audits and a previous board
pdf="$out/synthetic-s1-a30-improvement-board.pdf"
section_text "$pdf" "Summary at a glance" "Exceptions" > "$work/sum"
check "synthetic board: headline measures in a table with RAG words" \
  bash -c "grep -q 'Headline measures' '$work/sum' && grep -E -q ' (Red|Amber|Green) ' '$work/sum'"
check "synthetic board: what moved since the last board" \
  grep -q "between 15 Aug 2023 and 30 Sep 2023" "$work/sum"
check "synthetic board: the moves in a table" grep -q "Newly overdue\|Completed" "$work/sum"
section_text "$pdf" "KPI scorecard" "Audit trends" > "$work/kpi"
n_measures=$(count_xml "$work/synthetic.xml" '//*[local-name()="measure"]')
rows=$(grep -c -E '^ *C[A-Z]+[0-9]+ ' "$work/kpi")
check "synthetic board: a scorecard row per measure ($rows of $n_measures)" test "$rows" -eq "$n_measures"
check "synthetic board: KPI charts, two to a row" \
  test "$(ls "$out/synthetic-s1-a30-improvement-board"/chart-*-kpi.svg | wc -l)" -eq "$n_measures"
section_text "$pdf" "Audit trends" "Outcomes framework" > "$work/aud"
check "synthetic board: audit results against target (Met / Below)" \
  bash -c "grep -q 'Met' '$work/aud' && grep -q 'Below' '$work/aud'"
check "synthetic board: an audit chart" test -s "$out/synthetic-s1-a30-improvement-board/chart-"*"-audit.svg"
check "sample board without a previous plan: says movement is not shown" \
  bash -c "pdftotext '$out/tameside-csc-2023-improvement-board.pdf' - | grep -q 'No plan from the previous board was given'"
check "sample board without measure data: the measures are listed by name" \
  bash -c "pdftotext '$out/worcestershire-sip-2017-improvement-board.pdf' - | grep -q 'Measures with no data yet'"

# ---- cabinet-appendix: the summary sheet -------------------------------------
for id in $plans; do
  pdf="$out/$id-cabinet-appendix.pdf"
  check "$id cabinet: every page portrait" \
    bash -c "! pdfinfo -f 1 -l 999 '$pdf' | grep 'Page.*size' | grep -v -q '595.* x 841'"
  heads "$pdf" 1 > "$work/h1"
  printf '%s\n' "Summary sheet" "Ratings and next key milestones" "Key and definitions" \
    "Outcomes and measures linked to Ofsted recommendations" > "$work/h1-want"
  check "$id cabinet: the sections in order" cmp -s "$work/h1" "$work/h1-want"
done
pdf="$out/worcestershire-sip-2017-cabinet-appendix.pdf"
pdftotext -layout "$pdf" "$work/cab.txt"
check "worcestershire cabinet: next key milestones for March and April" \
  bash -c "grep -q 'To 31 Mar 2017' '$work/cab.txt' && grep -q 'Apr 2017' '$work/cab.txt'"
check "worcestershire cabinet: a milestone in its month's column" grep -q '9 Mar – End to End' "$work/cab.txt"
check "worcestershire cabinet: workstreams as bands" grep -q '^ *1 Support and Develop Our Workforce' "$work/cab.txt"
check "worcestershire cabinet: reported RAG words" \
  bash -c "grep -q ' Red ' '$work/cab.txt' && grep -q ' Amber ' '$work/cab.txt' && grep -q ' Green ' '$work/cab.txt'"
check "worcestershire cabinet: the RAG criteria" grep -q 'Clear Scope' "$work/cab.txt"
check "worcestershire cabinet: outcomes against Ofsted recommendations" \
  bash -c "grep -q 'Outcome 1' '$work/cab.txt' && grep -q 'Implement the workforce strategy' '$work/cab.txt'"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
check "worcestershire cabinet: a short appendix ($pages pages)" test "$pages" -le 10
check "tameside cabinet: two to six pages" \
  bash -c "p=\$(pdfinfo '$out/tameside-csc-2023-cabinet-appendix.pdf' | sed -n 's/^Pages: *//p'); [ \$p -ge 2 ] && [ \$p -le 6 ]"

# ---- ofsted-evidence: one part per recommendation ----------------------------
pdf="$out/lancashire-cs-2018-ofsted-evidence.pdf"
n_recs=$(count_xml sample-plans/lancashire-cs-2018.xml '//*[local-name()="recommendation"]')
parts=$(heads "$pdf" 2 | grep -c '^Recommendation [0-9]')
check "lancashire evidence: a part per recommendation ($parts of $n_recs)" test "$parts" -eq "$n_recs"
check "lancashire evidence: each part lists its actions" \
  test "$(heads "$pdf" 3 | grep -c '^Actions and their evidence$')" -eq "$n_recs"
check "lancashire evidence: what children and partners say" \
  bash -c "pdftotext '$pdf' - | grep -q 'I know who to talk to if I feel worried or frightened'"
check "lancashire evidence: the recommendations nothing answers" \
  bash -c "heads() { :; }; pdfinfo -struct-text '$pdf' | grep -A1 '^ *H1' | grep -q 'Recommendations nothing answers'"
pdf="$out/tameside-csc-2023-ofsted-evidence.pdf"
n_fa=$(count_xml sample-plans/tameside-csc-2023.xml '//*[local-name()="focus-area"]')
parts=$(heads "$pdf" 2 | grep -c '^FA[0-9]')
check "tameside evidence: no recommendations, so a part per focus area ($parts of $n_fa)" test "$parts" -eq "$n_fa"
check "tameside evidence: says why" bash -c "pdftotext '$pdf' - | tr -s ' \n' ' ' | grep -q 'set out by focus area'"
pdf="$out/blackpool-csc-2023-ofsted-evidence.pdf"
check "blackpool evidence: neither, so a part per priority" \
  bash -c "pdftotext '$pdf' - | tr -s ' \n' ' ' | grep -q 'evidence is set out by priority'"
check "blackpool evidence: nothing to answer is said in a sentence" \
  bash -c "pdftotext '$pdf' - | grep -q 'The plan records no Ofsted recommendations.'"
pdf="$out/synthetic-s1-a30-ofsted-evidence.pdf"
check "synthetic evidence: measures that show change, with charts" \
  bash -c "[ \$(ls '$out/synthetic-s1-a30-ofsted-evidence'/chart-*-kpi.svg | wc -l) -gt 0 ]"

# ---- lead-updates: a sheet per lead -----------------------------------------------
for id in blackpool-csc-2023 tameside-csc-2023; do
  pdf="$out/$id-lead-updates.pdf"
  bp eval "sample-plans/$id.xml" 2> /dev/null > "$work/eval.json"
  # headings are compared by their first 40 characters: a long one wraps
  jq -r '.leads[] | select(.counts.actions > 0) | .display[0:40]' "$work/eval.json" | sort > "$work/leads"
  heads "$pdf" 2 | jq -R -r '.[0:40]' | sort > "$work/sheets"
  check "$id leads: a sheet for every lead of an action" test -z "$(comm -23 "$work/leads" "$work/sheets")"
  pdfinfo -struct-text "$pdf" | grep -A1 '^ *H3' | grep -v '^ *H3\|^--' > "$work/h3"
  n=$(wc -l < "$work/leads")
  check "$id leads: each sheet has its actions, what is due and what is overdue" bash -c "
    a=\$(grep -c 'Actions led' '$work/h3'); d=\$(grep -c 'Due by' '$work/h3'); o=\$(grep -c 'Overdue' '$work/h3')
    [ \$a -eq \$d ] && [ \$d -eq \$o ] && [ \$a -ge $n ]"
done
check "synthetic leads: updates due back before the next board" \
  bash -c "pdftotext '$out/synthetic-s1-a30-lead-updates.pdf' - | tr -s ' \n' ' ' | grep -q 'Update due back'"

# ---- the same bytes every time ------------------------------------------------------
bp build -q -o "$work/again" --template "$templates" sample-plans/tameside-csc-2023.xml 2> /dev/null
bp build -q -o "$work/again" --template "$templates" --previous "$work/previous.xml" \
  "$work/synthetic.xml" 2> /dev/null
same=1
for f in $(cd "$work/again" && find . -type f | sort); do
  cmp -s "$out/$f" "$work/again/$f" || { same=0; echo "# differs: $f"; }
done
check "two runs give byte-identical PDFs, pages and charts" test "$same" -eq 1

# a run with fewer charts leaves none of the earlier ones behind
touch "$work/again/tameside-csc-2023-improvement-board/chart-99-kpi.svg"
bp build -q -o "$work/again" sample-plans/tameside-csc-2023.xml 2> /dev/null
check "stale chart files are removed" test ! -e "$work/again/tameside-csc-2023-improvement-board/chart-99-kpi.svg"

# ---- fast enough ------------------------------------------------------------------------
if [ -z "${BOARDPACK_WRAP:-}" ] && [ "${BOARDPACK_BUILD:-build}" = build ]; then
  start=$(date +%s%N)
  bp build -q -o "$work/time" --format pdf sample-plans/worcestershire-sip-2017.xml 2> /dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  check "the largest sample's board pack in under 2 s ($ms ms)" test "$ms" -lt 2000
else
  ok "timing is checked in the plain build only"
fi

# ---- installed, away from the source tree ------------------------------------------------
prefix="$work/prefix"
make --no-print-directory -s install-only PREFIX="$prefix" BUILD="${BOARDPACK_BUILD:-build}" \
  > "$work/install.log" 2>&1; rc=$?
check "make install-only PREFIX=…: exit 0" test "$rc" -eq 0
check "installed: binary, templates, fonts, man page" bash -c "
  test -x '$prefix/bin/boardpack' && test -s '$prefix/share/boardpack/templates/improvement-board.xml' &&
  test -s '$prefix/share/boardpack/fonts/fonts.conf' && test -s '$prefix/share/man/man1/boardpack.1'"
# the installed copy of a template is the one used: change its title
sed -i 's/<title>Improvement Board pack</<title>Installed board pack</' \
  "$prefix/share/boardpack/templates/improvement-board.xml"
cp sample-plans/tameside-csc-2023.xml "$work/plan.xml"
(cd "$work" && env -u BOARDPACK_TEMPLATES -u BOARDPACK_FONTS "$prefix/bin/boardpack" build -q \
  -o "$work/installed" --format pdf plan.xml) 2> "$work/err"; rc=$?
check "installed binary builds from another directory: exit 0" test "$rc" -eq 0
check "installed binary uses the installed templates" \
  bash -c "pdftotext '$work/installed/tameside-csc-2023-improvement-board.pdf' - | grep -q 'Installed board pack'"
check "installed binary uses the installed fonts" \
  bash -c "pdffonts '$work/installed/tameside-csc-2023-improvement-board.pdf' | grep -q LiberationSans"
(cd "$work" && env -u BOARDPACK_TEMPLATES "$prefix/bin/boardpack" build -q -o "$work/installed" \
  --format pdf --template cabinet-appendix plan.xml) 2> /dev/null
check "installed binary finds the other templates by name" \
  test -s "$work/installed/tameside-csc-2023-cabinet-appendix.pdf"
