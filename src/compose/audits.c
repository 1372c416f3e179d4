/* Audit trends: each case audit's themes across its rounds, as a chart of
 * small multiples and a table of results against targets. */
#include <string.h>

#include "compose/internal.h"

static const char *round_label(struct composer *c, const struct audit_round *r)
{
	if (r->label && r->date.text && !strpbrk(r->label, "0123456789"))
		return arena_printf(c->a, "%s (%s)", r->label, r->date.text);
	return r->label ? r->label : r->date.text ? r->date.text : r->id;
}

static const struct doc_status *score_fill(struct composer *c, const struct audit_score_eval *se)
{
	switch (se->state) {
	case EVAL_SCORE_MET: return doc_status_new(c->doc, "Met", 0x00B050);
	case EVAL_SCORE_BELOW:
		return doc_status_new(c->doc, "Below", se->rag == EVAL_RAG_AMBER ? 0xFFC000 : 0xC00000);
	default: break;
	}
	return NULL;
}

static struct doc_text *score_text(struct composer *c, const struct audit_score_eval *se)
{
	struct doc_text *t = doc_text_new(c->a);
	if (se->has_actual)
		doc_text_addf(t, DOC_BOLD, "%s", chart_format_value(c->a, se->actual, UNIT_PERCENT, -1));
	else if (se->state == EVAL_SCORE_MISSING)
		doc_text_add(t, "Not recorded", DOC_ITALIC);
	else if (se->state == EVAL_SCORE_NOT_YET)
		doc_text_add(t, "To come", DOC_ITALIC);
	if (se->has_target)
		doc_text_addf(t, 0, "%starget %s", doc_text_empty(t) ? "" : "\n",
			      chart_format_value(c->a, se->target, UNIT_PERCENT, -1));
	if (se->state == EVAL_SCORE_BASELINE)
		doc_text_addf(t, DOC_ITALIC, "%sbaseline", doc_text_empty(t) ? "" : "\n");
	return t;
}

void audit_table(struct composer *c, struct doc_section *s, const struct audit_eval *ae)
{
	size_t n = ae->n_rounds;
	struct doc_table *t = new_table(c, s, n + 2);
	column(c, t, 0, DOC_WIDTH_FR, 2.4, "Theme");
	for (size_t r = 0; r < n; r++)
		column(c, t, r + 1, DOC_WIDTH_FR, 1, round_label(c, ae->rounds[r].round));
	column(c, t, n + 1, DOC_WIDTH_FR, 1.8, "Change since baseline");
	t->cols[0].row_header = true;
	for (size_t i = 0; i < ae->n_themes; i++) {
		const struct audit_theme_eval *te = &ae->themes[i];
		const struct audit_theme *th = te->theme;
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = ctext(c, th->ref ? arena_printf(c->a, "%s %s", th->ref, th->title)
						      : th->title);
		for (size_t r = 0; r < te->n_scores && r < n; r++) {
			row->cells[r + 1].text = score_text(c, &te->scores[r]);
			row->cells[r + 1].status = score_fill(c, &te->scores[r]);
		}
		if (te->since_baseline.present)
			row->cells[n + 1].text = ctext(c, capitalised(c, te->since_baseline.reason));
		else
			row->cells[n + 1].text = ctext(c, "No result since the baseline yet");
	}
}

static void development(struct composer *c, struct doc_section *s, const struct audit *au,
			size_t ai)
{
	bool any = false;
	for (size_t i = 0; i < au->themes.n && !any; i++)
		any = au->themes.items[i]->development.n > 0;
	if (!any)
		return;
	doc_add_heading(s, 3, ctext(c, "Development work"), local_anchor(c, "audit-%zu-dev", ai + 1));
	struct doc_list *l = doc_add_list(s);
	for (size_t i = 0; i < au->themes.n; i++) {
		const struct audit_theme *th = au->themes.items[i];
		for (size_t k = 0; k < th->development.n; k++) {
			const struct prose_vec_item *d = th->development.items[k];
			struct doc_text *t = doc_text_new(c->a);
			doc_text_addf(t, DOC_BOLD, "%s%s%s: ", th->title, d->period ? ", " : "",
				      d->period ? d->period : "");
			doc_text_add(t, d->text.text, 0);
			doc_list_add(l, 0, t);
		}
	}
}

void compose_audits(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan_eval *ev = c->ev;
	section_heading(c, s, ts);
	if (ev->n_audits == 0) {
		say(c, s, "The plan records no case audits.");
		return;
	}
	for (size_t i = 0; i < ev->n_audits; i++) {
		const struct audit_eval *ae = &ev->audits[i];
		const struct audit *au = ae->audit;
		doc_add_heading(s, 2, ctext(c, au->title ? au->title : au->id),
				local_anchor(c, "audit-%zu", i + 1));
		if (au->description.n)
			doc_add_paragraph(s, prose_text(c, &au->description));
		size_t held = 0, met = 0, below = 0;
		for (size_t r = 0; r < ae->n_rounds; r++) {
			held += ae->rounds[r].held;
			met += ae->rounds[r].met;
			below += ae->rounds[r].below;
		}
		say(c, s, "%s across %s, %zu held by %s: %zu results met their target and %zu were "
			  "below it.%s",
		    capitalised(c, count_words(c, ae->n_themes, "theme", "themes")),
		    count_words(c, ae->n_rounds, "round", "rounds"), held, day_words(c, ev->as_at),
		    met, below, au->measure ? arena_printf(c->a, " Results are %s.", au->measure) : "");
		if (opt_bool(ts, SOPT_CHART) && ae->n_themes) {
			struct chart_options o;
			chart_options_init(&o);
			o.as_at = ev->as_at;
			o.width = frame_width(s);
			struct chart *ch = chart_audit(c->fonts, c->a, ae, &o);
			if (ch)
				add_chart(c, s, ch, "audit");
		}
		if (opt_bool(ts, SOPT_TABLE) && ae->n_themes)
			audit_table(c, s, ae);
		if (opt_bool(ts, SOPT_DEVELOPMENT))
			development(c, s, au, i);
	}
}
