/* The outcomes framework: each outcome with its indicators (the measures
 * that name it), their baseline, dated targets, latest value and RAG, and
 * the Ofsted recommendations it answers. */
#include <string.h>

#include "compose/internal.h"

static const char *dated_words(struct composer *c, const struct measure_eval *me,
			       const struct dated_value *dv, const char *joiner)
{
	const char *v = dv->value.kind == VALUE_NUMBER ? value_words(c, me, dv->value.number)
		       : dv->value.text		    ? dv->value.text
						    : "";
	return dv->date.text ? arena_printf(c->a, "%s %s %s", v, joiner, dv->date.text) : v;
}

static struct doc_text *targets_text(struct composer *c, const struct measure_eval *me)
{
	const struct measure *m = me->measure;
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < m->targets.n; i++)
		doc_text_addf(t, 0, "%s%s", i ? "\n" : "", dated_words(c, me, m->targets.items[i], "by"));
	return t;
}

/* With no data anywhere, indicators are listed by name: a table of empty
 * columns would say nothing more. */
static void indicators(struct composer *c, struct doc_section *s, const struct outcome *o,
		       bool targets, bool any_data)
{
	struct doc_table *t = NULL;
	struct doc_list *l = NULL;
	for (size_t i = 0; i < c->ev->n_measures; i++) {
		const struct measure_eval *me = &c->ev->measures[i];
		const struct measure *m = me->measure;
		if (!refs_has(&m->outcomes, o))
			continue;
		if (!any_data) {
			if (!l) {
				say(c, s, "Measured by:");
				l = doc_add_list(s);
			}
			doc_list_add(l, 0, ctext(c, measure_name(c, m)));
			continue;
		}
		if (!t) {
			size_t n = targets ? 5 : 4, k = 0;
			t = new_table(c, s, n);
			column(c, t, k++, DOC_WIDTH_FR, 3, "Indicator");
			column(c, t, k++, DOC_WIDTH_FR, 1.2, "Baseline");
			if (targets)
				column(c, t, k++, DOC_WIDTH_FR, 1.5, "Targets");
			column(c, t, k++, DOC_WIDTH_FR, 1.2, "Latest");
			column(c, t, k++, DOC_WIDTH_FIXED, 62, "RAG");
			t->cols[0].row_header = true;
		}
		struct doc_row *row = doc_table_add_row(t);
		size_t k = 0;
		row->cells[k++].text = ctext(c, measure_name(c, m));
		row->cells[k++].text =
			ctext(c, m->baseline ? dated_words(c, me, m->baseline, "at") : "Not given");
		if (targets)
			row->cells[k++].text = m->targets.n ? targets_text(c, me) : ctext(c, "Not set");
		row->cells[k++].text = ctext(c, me->latest.present ? point_words(c, me, &me->latest)
								   : "No data yet");
		row->cells[k].status = rag_fill(c, me->rag);
	}
	if (!t && !l)
		say(c, s, "No measure is linked to this outcome yet.");
}

static bool all_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void recommendations_of(struct composer *c, struct doc_section *s, const struct outcome *o)
{
	if (o->recommendations.n == 0) {
		say(c, s, "No Ofsted recommendation is linked to this outcome.");
		return;
	}
	say(c, s, "Ofsted recommendations it answers:");
	struct doc_list *l = doc_add_list(s);
	for (size_t k = 0; k < o->recommendations.n; k++) {
		const struct recommendation *r = o->recommendations.targets[k];
		if (!r)
			continue;
		struct doc_text *t = doc_text_new(c->a);
		if (r->ref)
			doc_text_addf(t, DOC_BOLD, "%s. ", r->ref);
		doc_text_add(t, r->text.text, 0);
		doc_list_add(l, 0, t);
	}
}

static struct doc_text *indicators_text(struct composer *c, const struct outcome *o)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < c->ev->n_measures; i++) {
		const struct measure_eval *me = &c->ev->measures[i];
		if (!refs_has(&me->measure->outcomes, o))
			continue;
		doc_text_addf(t, 0, "%s\xe2\x80\xa2 %s", doc_text_empty(t) ? "" : "\n",
			      measure_name(c, me->measure));
		if (me->latest.present)
			doc_text_addf(t, 0, ": %s", point_words(c, me, &me->latest));
		if (me->rag != EVAL_RAG_NONE)
			doc_text_addf(t, DOC_BOLD, " %s", rag_words(me->rag));
	}
	if (doc_text_empty(t))
		doc_text_add(t, "No measure linked yet", DOC_ITALIC);
	return t;
}

static struct doc_text *recommendations_text(struct composer *c, const struct outcome *o)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t k = 0; k < o->recommendations.n; k++) {
		const struct recommendation *r = o->recommendations.targets[k];
		if (!r)
			continue;
		if (!doc_text_empty(t))
			doc_text_add(t, "\n", 0);
		if (r->ref)
			doc_text_addf(t, DOC_BOLD, "%s. ", r->ref);
		doc_text_add(t, r->text.text, 0);
	}
	if (doc_text_empty(t))
		doc_text_add(t, "None linked", DOC_ITALIC);
	return t;
}

/* One row per outcome: the outcome, its indicators, the recommendations
 * it answers (the Worcestershire appendix's layout). */
static void outcomes_table(struct composer *c, struct doc_section *s, bool recommendations)
{
	const struct plan *p = c->plan;
	struct doc_table *t = new_table(c, s, recommendations ? 3 : 2);
	column(c, t, 0, DOC_WIDTH_FR, 1.3, "Outcome");
	column(c, t, 1, DOC_WIDTH_FR, 1.5, "Measures");
	if (recommendations)
		column(c, t, 2, DOC_WIDTH_FR, 1.7, "Ofsted recommendations");
	t->cols[0].row_header = true;
	for (size_t i = 0; i < p->outcomes.n; i++) {
		const struct outcome *o = p->outcomes.items[i];
		struct doc_row *row = doc_table_add_row(t);
		struct doc_text *ot = doc_text_new(c->a);
		if (o->ref)
			doc_text_addf(ot, DOC_BOLD, "%s\n", all_digits(o->ref)
							       ? arena_printf(c->a, "Outcome %s", o->ref)
							       : o->ref);
		doc_text_add(ot, o->text.text, 0);
		row->cells[0].text = ot;
		row->cells[1].text = indicators_text(c, o);
		if (recommendations)
			row->cells[2].text = recommendations_text(c, o);
	}
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

void compose_outcomes(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan *p = c->plan;
	section_heading(c, s, ts);
	if (p->outcomes.n == 0) {
		say(c, s, "The plan sets out no outcomes framework.");
		return;
	}
	size_t linked = 0, with_data = 0, frameworks = 0;
	for (size_t i = 0; i < p->measures.n; i++) {
		if (!p->measures.items[i]->outcomes.n)
			continue;
		linked++;
		with_data += measure_has_data(&c->ev->measures[i]);
	}
	for (size_t i = 0; i < p->outcomes.n; i++)
		frameworks += i == 0 || !same(p->outcomes.items[i]->framework_title,
					      p->outcomes.items[i - 1]->framework_title);
	bool table = opt_int(ts, SOPT_STYLE) == OUTCOME_STYLE_TABLE;
	say(c, s, "%s, with %s that measure them.%s",
	    capitalised(c, count_words(c, p->outcomes.n, "outcome", "outcomes")),
	    count_words(c, linked, "indicator", "indicators"),
	    linked && !with_data ? table ? " No indicator has a baseline, target or value "
					   "recorded yet."
					 : " No indicator has a baseline, target or value recorded "
					   "yet, so indicators are listed by name."
				 : "");
	if (opt_int(ts, SOPT_STYLE) == OUTCOME_STYLE_TABLE) {
		outcomes_table(c, s, opt_bool(ts, SOPT_RECOMMENDATIONS));
		return;
	}
	int level = frameworks > 1 ? 3 : 2;
	for (size_t i = 0; i < p->outcomes.n; i++) {
		const struct outcome *o = p->outcomes.items[i];
		if (level == 3 && (i == 0 || !same(o->framework_title,
						   p->outcomes.items[i - 1]->framework_title)))
			doc_add_heading(s, 2, ctext(c, o->framework_title ? o->framework_title
									  : "Outcomes"),
					local_anchor(c, "framework-%zu", i + 1));
		const char *head = !o->ref	      ? arena_printf(c->a, "Outcome %zu", i + 1)
				   : all_digits(o->ref) ? arena_printf(c->a, "Outcome %s", o->ref)
							: o->ref;
		doc_add_heading(s, level, ctext(c, head), local_anchor(c, "outcome-%zu", i + 1));
		doc_add_paragraph(s, prose_text(c, &o->text));
		if (opt_bool(ts, SOPT_RECOMMENDATIONS))
			recommendations_of(c, s, o);
		indicators(c, s, o, opt_bool(ts, SOPT_TARGETS), with_data > 0);
	}
}
