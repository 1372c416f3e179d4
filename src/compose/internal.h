/* What the section builders share: the composer (the state of one pack
 * being built) and small helpers for the words, statuses, links and
 * tables every section uses. Not part of compose's interface. */
#ifndef BP_COMPOSE_INTERNAL_H
#define BP_COMPOSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "chart/chart.h"
#include "compose/compose.h"
#include "compose/sections.h"
#include "compose/template.h"

struct composer {
	const struct plan *plan;
	const struct plan_eval *ev;
	const struct pack_template *tpl;
	struct fonts *fonts;
	struct doc *doc;
	struct arena *a;
	struct diag_list *diags;
	size_t index;                 /* of the template section being built */
	/* Rows other sections may link to: the first action-plan section's
	 * action rows and area headings ([action->index], [area->index]). */
	const struct tpl_section *action_plan;
	bool *action_row;
	bool *area_heading;
	struct pack_chart *charts;
	size_t n_charts, cap_charts;
	bool has_impact;              /* some action has an impact rating */
	bool has_criteria;            /* some action records criteria met */
	bool has_milestones;
	bool failed;
};

typedef void (*section_fn)(struct composer *c, struct doc_section *s,
			   const struct tpl_section *ts);

void compose_cover(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_contents(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_introduction(struct composer *c, struct doc_section *s,
			  const struct tpl_section *ts);
void compose_text(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_summary(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_exceptions(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_action_plan(struct composer *c, struct doc_section *s,
			 const struct tpl_section *ts);
void compose_milestones(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_scorecard(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_audits(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_outcomes(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_recommendations(struct composer *c, struct doc_section *s,
			     const struct tpl_section *ts);
void compose_evidence(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_voice(struct composer *c, struct doc_section *s, const struct tpl_section *ts);
void compose_lead_sheets(struct composer *c, struct doc_section *s,
			 const struct tpl_section *ts);
void compose_key(struct composer *c, struct doc_section *s, const struct tpl_section *ts);

/** Which actions the action-plan section ts shows. */
bool action_plan_shows(const struct composer *c, const struct tpl_section *ts,
		       const struct action *a);

/** Shared by the evidence section: an audit's results as a table; a set
 *  of measures as a short scorecard; KPI charts of those with data. */
void audit_table(struct composer *c, struct doc_section *s, const struct audit_eval *ae);
void measures_table(struct composer *c, struct doc_section *s, const struct measure *const *ms,
		    size_t n);
void measure_charts(struct composer *c, struct doc_section *s, const struct measure *const *ms,
		    size_t n);

/** "Recommendation 3" (by its ref, else its place i in the plan). */
const char *recommendation_title(struct composer *c, const struct recommendation *r, size_t i);

/* ---- options ---------------------------------------------------------- */

static inline bool opt_bool(const struct tpl_section *ts, enum sopt k)
{
	return ts->opts[k].number != 0;
}
static inline long opt_int(const struct tpl_section *ts, enum sopt k)
{
	return ts->opts[k].number;
}
bool opt_has(const struct tpl_section *ts, enum sopt k, int choice);
/** The section's heading: its title option, else the section's own. */
const char *section_title(const struct tpl_section *ts);

/* ---- words (words.c) -------------------------------------------------- */

struct doc_text *ctext(struct composer *c, const char *s);
struct doc_text *ctextf(struct composer *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Prose (paragraphs, list items, inline markup) as one rich text. */
struct doc_text *prose_text(struct composer *c, const struct prose *p);
/** A day as boardpack prints it: "30 Sep 2023"; NULL for none. */
const char *day_words(struct composer *c, bp_day d);
/** The month of d in full: "September 2023". */
const char *month_words(struct composer *c, bp_day d);
/** "1 action", "3 actions". */
const char *count_words(struct composer *c, size_t n, const char *one, const char *many);
/** s with its first letter made a capital (ASCII). */
const char *capitalised(struct composer *c, const char *s);
/** Adds a body paragraph. */
struct doc_paragraph *say(struct composer *c, struct doc_section *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Expands {placeholders} of template text. */
const char *expand_placeholders(struct composer *c, const char *s);

/** The section's H1 (anchor "sN"). */
struct doc_heading *section_heading(struct composer *c, struct doc_section *s,
				    const struct tpl_section *ts);
/** An anchor unique to this section: "sN-" + the formatted rest. */
const char *local_anchor(struct composer *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *action_anchor(struct composer *c, const struct action *a);
const char *area_anchor(struct composer *c, const struct area *ar);

/** "1 Support and develop our workforce": the ref and title. */
const char *area_title(struct composer *c, const struct area *ar);
/** The top-level area an area or action sits in. */
const struct area *top_area(const struct area *ar);
/** Leads' names, one a line; leads_list(): separated by semicolons. */
const char *leads_words(struct composer *c, const struct refs *leads);
const char *leads_list(struct composer *c, const struct refs *leads);
bool refs_has(const struct refs *r, const void *target);
/** The action's ref (or, lacking one, its id), linked to its row in the
 *  action plan when the pack has one. */
void add_action_ref(struct composer *c, struct doc_text *t, const struct action *a);
struct doc_text *action_ref_text(struct composer *c, const struct action *a);
/** The first words of an action's text, for lists: up to about n
 *  characters, cut at a word. */
const char *short_text(struct composer *c, const char *s, size_t n);

/** A window of the months ahead: the first runs from the day after the
 *  report date to the end of the next month (or of the report date's
 *  month when that is its last day); the others are whole months. */
struct month_window {
	bp_day from, to;
	const char *label;          /* short: "To 31 Mar 2017", "Apr 2017" */
	const char *title;          /* long: "25 February to 31 March 2017" */
};
/** Fills out[0..months-1] (months at most 12); returns months. */
size_t month_windows(struct composer *c, int months, struct month_window *out);

/* ---- statuses ----------------------------------------------------------- */

doc_rgb meaning_fill(enum status_meaning m);
const struct doc_status *status_fill(struct composer *c, const struct status_def *s);
/** A computed status: on the plan's scheme where it maps, else in words. */
const struct doc_status *computed_fill(struct composer *c, enum eval_status st,
				       enum status_meaning meaning,
				       const struct eval_mapped *mapped);
/** A measure's RAG: "Green", "Amber", "Red" or "Not rated". */
const struct doc_status *rag_fill(struct composer *c, enum eval_rag r);
const char *rag_words(enum eval_rag r);
/** "Overdue" … */
const char *status_words(struct composer *c, enum eval_status st);
bool status_done(enum eval_status st);

/** The reported rating of a kind, or NULL. */
const struct rating *action_rating(const struct action *a, enum rating_kind k);
/** The rating a board reads first: the action rating, else the overall. */
const struct rating *reported_rating(const struct action *a);
const struct eval_rating *rating_eval(const struct action_eval *ae, const struct rating *r);
/** The latest dated update (the last written when none is dated). */
const struct update *latest_update(const struct update_vec *v);

/* ---- measures ------------------------------------------------------------ */

const char *value_words(struct composer *c, const struct measure_eval *me, double v);
/** A point with its date: "48% (Apr 2023)"; NULL when not present. */
const char *point_words(struct composer *c, const struct measure_eval *me,
			const struct eval_point *p);
/** "CIN8: Assessments completed in 45 days" or the name alone. */
const char *measure_name(struct composer *c, const struct measure *m);
/** Direction of travel in words: "Better (up 2 points)". */
const char *trend_words(struct composer *c, const struct measure_eval *me,
			const struct eval_change *ch);
bool measure_has_data(const struct measure_eval *me);

/* ---- tables and charts ----------------------------------------------------- */

struct doc_table *new_table(struct composer *c, struct doc_section *s, size_t n_cols);
void column(struct composer *c, struct doc_table *t, size_t i, enum doc_width_kind kind,
	    double value, const char *header);
/** Records the chart for its own SVG file (chart-NN-kind.svg), for a
 *  chart drawn otherwise than by add_chart(): in a table cell, say. */
void record_chart(struct composer *c, const struct chart *ch, const char *kind);
/** Adds the chart as a figure and records it for its own SVG file. */
void add_chart(struct composer *c, struct doc_section *s, const struct chart *ch,
	       const char *kind);
/** Two KPI charts side by side in one figure (landscape pages). */
void add_chart_pair(struct composer *c, struct doc_section *s, const struct chart *left,
		    const struct chart *right);
/** The width of the text frame of a section's pages, in points. */
double frame_width(const struct doc_section *s);

/** An action's evidence, one item a line: its date in bold, then its
 *  text, linked when it has an address. */
struct doc_text *evidence_text(struct composer *c, const struct action *a);

#endif
