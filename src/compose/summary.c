/* Summary at a glance: actions by status for each priority and the plan
 * (a table and the status chart), the headline measures, and what moved
 * since the last board. */
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "compose/internal.h"

static void category_counts(const struct eval_counts *k,
			    size_t out[CHART_STATUS_CATEGORY_COUNT])
{
	memset(out, 0, CHART_STATUS_CATEGORY_COUNT * sizeof *out);
	for (int s = 0; s < EVAL_STATUS_COUNT; s++)
		out[chart_status_category((enum eval_status)s)] += k->by_status[s];
}

static void counts_row(struct composer *c, struct doc_table *t, struct doc_text *label,
		       const struct eval_counts *k)
{
	size_t n[CHART_STATUS_CATEGORY_COUNT];
	category_counts(k, n);
	struct doc_row *row = doc_table_add_row(t);
	row->cells[0].text = label;
	row->cells[1].text = ctextf(c, "%zu", k->actions);
	for (int i = 0; i < CHART_STATUS_CATEGORY_COUNT; i++)
		row->cells[2 + i].text = ctextf(c, "%zu", n[i]);
	row->cells[2 + CHART_STATUS_CATEGORY_COUNT].text = ctextf(c, "%zu", k->challenged);
}

static void status_table(struct composer *c, struct doc_section *s)
{
	const struct plan *p = c->plan;
	size_t ncol = 3 + CHART_STATUS_CATEGORY_COUNT;
	struct doc_table *t = new_table(c, s, ncol);
	const char *kind = p->areas.n && p->areas.items[0]->kind ? p->areas.items[0]->kind
								 : "Priority";
	column(c, t, 0, DOC_WIDTH_FR, 3, capitalised(c, kind));
	column(c, t, 1, DOC_WIDTH_FR, 0.8, "Actions");
	for (int i = 0; i < CHART_STATUS_CATEGORY_COUNT; i++)
		column(c, t, 2 + (size_t)i, DOC_WIDTH_FR, 0.9,
		       chart_status_category_name((enum chart_status_category)i));
	column(c, t, ncol - 1, DOC_WIDTH_FR, 1, "Rating challenged");
	t->cols[0].row_header = true;
	for (size_t i = 1; i < ncol; i++)
		t->cols[i].align = DOC_ALIGN_RIGHT;
	for (size_t i = 0; i < p->areas.n; i++) {
		const struct area *ar = p->areas.items[i];
		if (c->ev->areas[ar->index].counts.actions == 0)
			continue;
		struct doc_text *label = doc_text_new(c->a);
		if (c->area_heading && c->area_heading[ar->index])
			doc_text_add_ref(label, area_title(c, ar), 0, area_anchor(c, ar));
		else
			doc_text_add(label, area_title(c, ar), 0);
		counts_row(c, t, label, &c->ev->areas[ar->index].counts);
	}
	struct doc_text *total = doc_text_new(c->a);
	doc_text_add(total, "Whole plan", DOC_BOLD);
	counts_row(c, t, total, &c->ev->totals);
}

/* Top-level areas that hold no actions (enabling themes, say) are left
 * out of the table and chart; a sentence names them. */
static void empty_areas(struct composer *c, struct doc_section *s)
{
	const struct plan *p = c->plan;
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < p->areas.n; i++) {
		const struct area *ar = p->areas.items[i];
		if (c->ev->areas[ar->index].counts.actions)
			continue;
		strbuf_addf(&sb, "%s%s", n++ ? "; " : "", area_title(c, ar));
	}
	if (n)
		say(c, s, "%s no actions and %s not shown: %s.",
		    capitalised(c, count_words(c, n, "area holds", "areas hold")),
		    n == 1 ? "is" : "are", strbuf_str(&sb));
	strbuf_release(&sb);
}

static void status_chart(struct composer *c, struct doc_section *s)
{
	const struct plan *p = c->plan;
	struct chart_status_row *rows = arena_array(c->a, struct chart_status_row, p->areas.n + 1);
	size_t n = 0;
	for (size_t i = 0; i < p->areas.n; i++) {
		const struct area *ar = p->areas.items[i];
		if (c->ev->areas[ar->index].counts.actions == 0)
			continue;
		rows[n].label = short_text(c, area_title(c, ar), 48);
		rows[n].counts = &c->ev->areas[ar->index].counts;
		n++;
	}
	rows[n].label = "Whole plan";
	rows[n].counts = &c->ev->totals;
	rows[n].total = true;
	n++;
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = c->ev->as_at;
	o.title = "Actions by status worked out from the dates";
	o.width = frame_width(s) < 620 ? frame_width(s) : 620;
	struct chart *ch = chart_status(c->fonts, c->a, rows, n, &o);
	if (ch)
		add_chart(c, s, ch, "status");
}

/* Headline measures: those with a RAG, red first, then amber, then green,
 * in plan order within each. */
static void headline_measures(struct composer *c, struct doc_section *s, size_t max)
{
	const struct plan_eval *ev = c->ev;
	const struct measure_eval **pick = arena_array(c->a, const struct measure_eval *,
						      ev->n_measures ? ev->n_measures : 1);
	size_t n = 0;
	static const enum eval_rag order[] = { EVAL_RAG_RED, EVAL_RAG_AMBER, EVAL_RAG_GREEN };
	for (size_t r = 0; r < 3; r++)
		for (size_t i = 0; i < ev->n_measures && n < max; i++)
			if (ev->measures[i].rag == order[r])
				pick[n++] = &ev->measures[i];
	doc_add_heading(s, 2, ctext(c, "Headline measures"), local_anchor(c, "measures"));
	size_t rated = 0;
	for (size_t i = 0; i < ev->n_measures; i++)
		rated += ev->measures[i].rag != EVAL_RAG_NONE;
	if (n == 0) {
		say(c, s, ev->n_measures ? "None of the plan's %zu measures can be rated against a "
					   "target as at %s: no actual value or no target is "
					   "recorded yet."
					 : "The plan has %zu measures as at %s.",
		    ev->n_measures, day_words(c, ev->as_at));
		return;
	}
	say(c, s, "%s of %zu rated against the target in force, worst first (%zu red, %zu amber, "
		  "%zu green in all).",
	    capitalised(c, count_words(c, n, "measure", "measures")), rated,
	    ev->totals.measures_by_rag[EVAL_RAG_RED], ev->totals.measures_by_rag[EVAL_RAG_AMBER],
	    ev->totals.measures_by_rag[EVAL_RAG_GREEN]);
	struct doc_table *t = new_table(c, s, 5);
	column(c, t, 0, DOC_WIDTH_FR, 3, "Measure");
	column(c, t, 1, DOC_WIDTH_FR, 1.2, "Latest");
	column(c, t, 2, DOC_WIDTH_FR, 1.2, "Target now");
	column(c, t, 3, DOC_WIDTH_FIXED, 64, "RAG");
	column(c, t, 4, DOC_WIDTH_FR, 2, "Direction of travel");
	t->cols[0].row_header = true;
	for (size_t i = 0; i < n; i++) {
		const struct measure_eval *me = pick[i];
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = ctext(c, measure_name(c, me->measure));
		row->cells[1].text = ctext(c, point_words(c, me, &me->latest));
		row->cells[2].text = ctext(c, point_words(c, me, &me->target_now));
		row->cells[3].status = rag_fill(c, me->rag);
		row->cells[4].text = ctext(c, trend_words(c, me, &me->previous));
	}
}

static const char *move_words(enum eval_move_kind k)
{
	static const char *const words[EVAL_MOVE_COUNT] = {
		[EVAL_MOVE_ADDED] = "Added",
		[EVAL_MOVE_REMOVED] = "Removed",
		[EVAL_MOVE_COMPLETED] = "Completed",
		[EVAL_MOVE_NEWLY_OVERDUE] = "Newly overdue",
		[EVAL_MOVE_RATING_UP] = "Rating improved",
		[EVAL_MOVE_RATING_DOWN] = "Rating worsened",
		[EVAL_MOVE_RATING_CHANGED] = "Rating relabelled",
		[EVAL_MOVE_DUE_MOVED] = "Due date moved",
		[EVAL_MOVE_BETTER] = "Measure better",
		[EVAL_MOVE_WORSE] = "Measure worse",
		[EVAL_MOVE_RAG_UP] = "RAG improved",
		[EVAL_MOVE_RAG_DOWN] = "RAG worsened",
	};
	return k < EVAL_MOVE_COUNT ? words[k] : "Changed";
}

static const struct action *action_by_id(const struct plan *p, const char *id)
{
	if (!id)
		return NULL;
	size_t n = strcspn(id, "#");
	for (size_t i = 0; i < p->actions.n; i++) {
		const char *aid = p->actions.items[i]->id;
		if (strlen(aid) == n && strncmp(aid, id, n) == 0)
			return p->actions.items[i];
	}
	return NULL;
}

/* Computed statuses come by their stable names ("due-soon"): in words. */
static const char *label_words(struct composer *c, const char *label)
{
	if (!label)
		return "none";
	for (int k = 0; k < EVAL_STATUS_COUNT; k++)
		if (strcmp(label, eval_status_name((enum eval_status)k)) == 0)
			return eval_status_words((enum eval_status)k);
	(void)c;
	return label;
}

static void movement(struct composer *c, struct doc_section *s)
{
	const struct eval_movement *mv = c->ev->movement;
	doc_add_heading(s, 2, ctext(c, "Since the last board"), local_anchor(c, "movement"));
	if (!mv) {
		say(c, s, "No plan from the previous board was given (build --previous), so what "
			  "moved since then is not shown.");
		return;
	}
	if (mv->n_moves == 0) {
		say(c, s, "Nothing moved between %s and %s.", day_words(c, mv->previous_as_at),
		    day_words(c, c->ev->as_at));
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	size_t parts = 0;
	for (int k = 0; k < EVAL_MOVE_COUNT; k++) {
		if (!mv->counts[k])
			continue;
		strbuf_addf(&sb, "%s%s: %zu", parts++ ? "; " : "", move_words((enum eval_move_kind)k),
			    mv->counts[k]);
	}
	say(c, s, "%s between %s and %s (%s).",
	    capitalised(c, count_words(c, mv->n_moves, "change", "changes")), day_words(c, mv->previous_as_at), day_words(c, c->ev->as_at), strbuf_str(&sb));
	strbuf_release(&sb);
	struct doc_table *t = new_table(c, s, 5);
	column(c, t, 0, DOC_WIDTH_FR, 1.2, "What moved");
	column(c, t, 1, DOC_WIDTH_FIXED, 48, "Ref");
	column(c, t, 2, DOC_WIDTH_FR, 3, "Action, milestone or measure");
	column(c, t, 3, DOC_WIDTH_FR, 1.4, "Before \xe2\x86\x92 now");
	column(c, t, 4, DOC_WIDTH_FR, 2.4, "Detail");
	for (size_t i = 0; i < mv->n_moves; i++) {
		const struct eval_move *m = &mv->moves[i];
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = ctext(c, move_words(m->kind));
		const struct action *a = m->subject != EVAL_SUBJECT_MEASURE && m->kind != EVAL_MOVE_REMOVED
						 ? action_by_id(c->plan, m->id) : NULL;
		if (a)
			row->cells[1].text = action_ref_text(c, a);
		else
			row->cells[1].text = ctext(c, m->ref ? m->ref : m->id);
		row->cells[2].text = ctext(c, short_text(c, m->text, 160));
		if (m->from || m->to)
			row->cells[3].text = ctextf(c, "%s \xe2\x86\x92 %s", label_words(c, m->from),
						    label_words(c, m->to));
		row->cells[4].text = ctext(c, m->reason);
	}
}

void compose_summary(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct eval_counts *k = &c->ev->totals;
	section_heading(c, s, ts);
	size_t n[CHART_STATUS_CATEGORY_COUNT];
	category_counts(k, n);
	say(c, s, "As at %s the plan has %s: %zu done, %zu on track, %zu due soon, %zu overdue, "
		  "%zu not started and %zu with no date or a date to be confirmed. %s.",
	    day_words(c, c->ev->as_at), count_words(c, k->actions, "action", "actions"),
	    n[CHART_STATUS_DONE], n[CHART_STATUS_ON_TRACK], n[CHART_STATUS_DUE_SOON],
	    n[CHART_STATUS_OVERDUE], n[CHART_STATUS_NOT_STARTED], n[CHART_STATUS_NO_DATE],
	    k->challenged == 0 ? "No reported rating is kinder than the dates allow"
	    : k->challenged == 1 ? "One reported rating is kinder than the dates allow"
				 : arena_printf(c->a, "%zu reported ratings are kinder than the "
						"dates allow", k->challenged));
	doc_add_heading(s, 2, ctext(c, "Status by priority"), local_anchor(c, "status"));
	status_table(c, s);
	empty_areas(c, s);
	if (opt_bool(ts, SOPT_CHART) && k->actions)
		status_chart(c, s);
	if (opt_int(ts, SOPT_MEASURES) > 0)
		headline_measures(c, s, (size_t)opt_int(ts, SOPT_MEASURES));
	if (opt_bool(ts, SOPT_MOVEMENT))
		movement(c, s);
}
