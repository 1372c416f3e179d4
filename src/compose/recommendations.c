/* Ofsted recommendations cross-referenced: each recommendation with the
 * actions and measures that answer it and their progress, and the
 * recommendations nothing answers. */
#include <string.h>

#include "base/strbuf.h"
#include "compose/internal.h"

const char *recommendation_title(struct composer *c, const struct recommendation *r, size_t i)
{
	return arena_printf(c->a, "Recommendation %s", r->ref ? r->ref : arena_printf(c->a, "%zu", i + 1));
}

static struct doc_text *progress_text(struct composer *c, const struct eval_counts *k)
{
	if (k->actions == 0)
		return NULL;
	size_t n[CHART_STATUS_CATEGORY_COUNT] = { 0 };
	for (int s = 0; s < EVAL_STATUS_COUNT; s++)
		n[chart_status_category((enum eval_status)s)] += k->by_status[s];
	struct doc_text *t = doc_text_new(c->a);
	doc_text_add(t, count_words(c, k->actions, "action", "actions"), DOC_BOLD);
	for (int i = 0; i < CHART_STATUS_CATEGORY_COUNT; i++)
		if (n[i])
			doc_text_addf(t, 0, "\n%zu %s", n[i],
				      chart_status_category_name((enum chart_status_category)i));
	return t;
}

static struct doc_text *answered_by(struct composer *c, const struct recommendation_eval *re)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < re->n_actions; i++) {
		if (i)
			doc_text_add(t, ", ", 0);
		add_action_ref(c, t, re->actions[i]);
	}
	if (re->n_all)
		doc_text_addf(t, DOC_ITALIC, "%s%s answering every recommendation",
			      doc_text_empty(t) ? "" : "\nand ",
			      count_words(c, re->n_all, "action", "actions"));
	for (size_t i = 0; i < re->n_areas; i++)
		doc_text_addf(t, 0, "%s%s", i ? "; " : doc_text_empty(t) ? "Area: " : "\nArea: ",
			      area_title(c, re->areas[i]));
	return t;
}

static struct doc_text *measures_text(struct composer *c, const struct recommendation_eval *re)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < re->n_measures; i++) {
		const struct measure *m = re->measures[i];
		const struct measure_eval *me = &c->ev->measures[m->index];
		doc_text_addf(t, 0, "%s%s", i ? "\n" : "", m->code ? m->code : short_text(c, m->name, 40));
		if (me->rag != EVAL_RAG_NONE)
			doc_text_addf(t, DOC_BOLD, " %s", rag_words(me->rag));
	}
	return t;
}

static void gaps(struct composer *c, struct doc_section *s, bool heading)
{
	const struct plan_eval *ev = c->ev;
	if (heading)
		doc_add_heading(s, 2, ctext(c, "Recommendations nothing answers"),
				local_anchor(c, "gaps"));
	struct doc_table *t = NULL;
	for (size_t i = 0; i < ev->n_recommendations; i++) {
		const struct recommendation_eval *re = &ev->recommendations[i];
		if (re->addressed)
			continue;
		if (!t) {
			t = new_table(c, s, 3);
			column(c, t, 0, DOC_WIDTH_FIXED, 90, "Recommendation");
			column(c, t, 1, DOC_WIDTH_FR, 3, "What it asks");
			column(c, t, 2, DOC_WIDTH_FR, 1.6, "Why it counts as a gap");
			t->cols[0].row_header = true;
		}
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = ctext(c, recommendation_title(c, re->recommendation, i));
		row->cells[1].text = prose_text(c, &re->recommendation->text);
		row->cells[2].text = ctext(c, capitalised(c, re->reason));
	}
	if (!t)
		say(c, s, "Every recommendation is answered by at least one action.");
}

void compose_recommendations(struct composer *c, struct doc_section *s,
			     const struct tpl_section *ts)
{
	const struct plan_eval *ev = c->ev;
	section_heading(c, s, ts);
	if (ev->n_recommendations == 0) {
		say(c, s, "The plan records no Ofsted recommendations.");
		return;
	}
	size_t gap = 0;
	for (size_t i = 0; i < ev->n_recommendations; i++)
		gap += !ev->recommendations[i].addressed;
	const struct recommendation *first = ev->recommendations[0].recommendation;
	say(c, s, "%s%s%s%s: %zu answered by actions of the plan, %zu not answered.",
	    capitalised(c, count_words(c, ev->n_recommendations, "recommendation",
				       "recommendations")),
	    first->source ? " from the " : "", first->source ? first->source : "",
	    first->source_date ? arena_printf(c->a, " (%s)", first->source_date) : "",
	    ev->n_recommendations - gap, gap);
	if (opt_int(ts, SOPT_SHOW) == REC_SHOW_GAPS) {
		gaps(c, s, false);
		return;
	}
	size_t linked = 0;
	for (size_t i = 0; i < ev->n_recommendations; i++)
		linked += ev->recommendations[i].n_measures;
	/* a column nothing fills is left out */
	bool measures = opt_bool(ts, SOPT_MEASURES) && linked;
	struct doc_table *t = new_table(c, s, measures ? 5 : 4);
	size_t k = 0;
	column(c, t, k++, DOC_WIDTH_FIXED, 90, "Recommendation");
	column(c, t, k++, DOC_WIDTH_FR, 3, "What it asks");
	column(c, t, k++, DOC_WIDTH_FR, 1.6, "Answered by");
	if (measures)
		column(c, t, k++, DOC_WIDTH_FR, 1.1, "Measures");
	column(c, t, k++, DOC_WIDTH_FR, 1.2, "Progress");
	t->cols[0].row_header = true;
	for (size_t i = 0; i < ev->n_recommendations; i++) {
		const struct recommendation_eval *re = &ev->recommendations[i];
		struct doc_row *row = doc_table_add_row(t);
		k = 0;
		struct doc_cell *head = &row->cells[k++];
		head->text = ctext(c, recommendation_title(c, re->recommendation, i));
		head->status = re->addressed ? doc_status_new(c->doc, "Answered", 0x00B050)
					     : doc_status_new(c->doc, "Gap", 0xC00000);
		struct doc_text *what = prose_text(c, &re->recommendation->text);
		if (re->recommendation->judgement)
			doc_text_addf(what, DOC_ITALIC, "\n%s", re->recommendation->judgement);
		row->cells[k++].text = what;
		row->cells[k++].text = answered_by(c, re);
		if (measures)
			row->cells[k++].text = measures_text(c, re);
		struct doc_text *prog = progress_text(c, &re->counts);
		row->cells[k++].text = prog ? prog : ctext(c, capitalised(c, re->reason));
	}
	gaps(c, s, true);
}
