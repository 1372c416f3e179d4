/** compose: a plan, its evaluation and a template → the document
 *  (layout/doc.h) the typesetter lays out, and the charts in it.
 *
 *  A template (template.h) is an ordered list of sections (cover,
 *  contents, summary at a glance, exceptions, the action plan as RAG
 *  tables, next key milestones, KPI scorecard, audit trends, outcomes,
 *  Ofsted recommendations, evidence by recommendation, voice, lead update
 *  sheets, key …), each with its options; compose_pack() walks the list
 *  and appends each section's blocks. Sections read the plan and the
 *  evaluation and never change them: every status, RAG and reason shown
 *  is the evaluation's.
 *
 *  Ownership: the document, the charts and everything in them are
 *  allocated from the arena passed in; they point into the plan, the
 *  evaluation, the template and the fonts, which must outlive them. */
#ifndef BP_COMPOSE_H
#define BP_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "compose/template.h"
#include "eval/eval.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "model/model.h"

struct chart;

/** A chart of the pack, to be written on its own as an SVG too. */
struct pack_chart {
	const char *name;           /* "chart-03-kpi": the file's name */
	const struct chart *chart;
};

struct composed_pack {
	struct doc *doc;
	struct pack_chart *charts;  /* in the order they appear */
	size_t n_charts;
};

/** Builds the pack of plan as evaluated, following the template. Charts
 *  are measured with fonts. Returns 0, or -1 after adding an error to
 *  diags when a section cannot be made. */
int compose_pack(const struct plan *plan, const struct plan_eval *ev,
		 const struct pack_template *t, struct fonts *fonts, struct arena *a,
		 struct diag_list *diags, struct composed_pack *out);

#endif
