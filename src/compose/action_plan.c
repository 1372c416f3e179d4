/* The action plan as RAG tables: a table per priority (top-level area),
 * sub-areas as bands, a row per action with the columns the template
 * chooses, the reported rating beside the status the dates give. */
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "compose/internal.h"

struct ap_col_spec {
	const char *header;
	enum doc_width_kind kind;
	double value;
};

static const struct ap_col_spec col_specs[APC_COUNT] = {
	[APC_REF] = { "Ref", DOC_WIDTH_FIXED, 38 },
	[APC_ACTION] = { "Action", DOC_WIDTH_FR, 3 },
	[APC_LEAD] = { "Lead", DOC_WIDTH_FR, 1.3 },
	[APC_START] = { "Start", DOC_WIDTH_FIXED, 58 },
	[APC_DUE] = { "Due", DOC_WIDTH_FIXED, 62 },
	[APC_MILESTONES] = { "Milestones", DOC_WIDTH_FR, 3 },
	[APC_NEXT_MILESTONES] = { NULL, DOC_WIDTH_FR, 2.2 },
	[APC_POSITION] = { "Current position", DOC_WIDTH_FR, 2.6 },
	[APC_UPDATE] = { "Latest update", DOC_WIDTH_FR, 2.2 },
	[APC_REPORTED] = { "Reported", DOC_WIDTH_FIXED, 54 },
	[APC_IMPACT] = { "Impact", DOC_WIDTH_FIXED, 54 },
	[APC_COMPUTED] = { "Dates say", DOC_WIDTH_FR, 1.8 },
	[APC_CRITERIA] = { "Criteria", DOC_WIDTH_FR, 1.4 },
	[APC_DRIFT] = { "Due date moved", DOC_WIDTH_FR, 1.2 },
	[APC_EVIDENCE] = { "Evidence", DOC_WIDTH_FR, 2 },
	[APC_MEASURES] = { "Measures", DOC_WIDTH_FR, 1.2 },
	[APC_RECOMMENDATIONS] = { "Ofsted recs", DOC_WIDTH_FIXED, 56 },
	[APC_FOCUS] = { "Focus areas", DOC_WIDTH_FIXED, 56 },
	[APC_HOW_WE_WILL_KNOW] = { "How we will know", DOC_WIDTH_FR, 2.2 },
	[APC_VOICE] = { "What children and partners will say", DOC_WIDTH_FR, 2 },
};

/* brief="yes": text cut near this many characters, at a word */
#define BRIEF_CHARS 220

struct ap_table {
	struct doc_table *t;
	size_t col[APC_COUNT];      /* first table column of each, or SIZE_MAX */
};

struct ap {
	struct composer *c;
	const struct tpl_section *ts;
	enum ap_column order[APC_COUNT];   /* the columns shown, in order */
	size_t n_order;
	struct month_window win[12];
	size_t n_months;
	bool linked;                /* this is the section other sections link to */
	bool brief;
};

bool action_plan_shows(const struct composer *c, const struct tpl_section *ts,
		       const struct action *a)
{
	if (opt_int(ts, SOPT_SHOW) == AP_SHOW_OPEN)
		return !status_done(c->ev->actions[a->index].status);
	return true;
}

/* Whether any action of the plan has something for the column: a column
 * nothing fills is left out. */
static bool column_filled(const struct composer *c, enum ap_column col)
{
	const struct plan *p = c->plan;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		bool any = false;
		switch (col) {
		case APC_START: any = a->start.text != NULL; break;
		case APC_MILESTONES: any = a->milestones.n > 0; break;
		case APC_POSITION:
			any = a->position.n || a->commentary.n || a->updates.n;
			break;
		case APC_UPDATE: any = a->updates.n > 0; break;
		case APC_REPORTED:
			any = action_rating(a, RATING_ACTION) || action_rating(a, RATING_OVERALL);
			break;
		case APC_IMPACT: any = action_rating(a, RATING_IMPACT) != NULL; break;
		case APC_CRITERIA: any = a->criteria.present; break;
		case APC_DRIFT: {
			any = a->due_changes.n > 0;
			for (size_t k = 0; k < a->milestones.n && !any; k++)
				any = a->milestones.items[k]->due_changes.n > 0;
			break;
		}
		case APC_EVIDENCE: any = a->evidence.n > 0; break;
		case APC_MEASURES: any = a->measures.n || a->metrics.n || a->kpi_refs; break;
		case APC_RECOMMENDATIONS:
			any = a->recommendations.n || a->all_recommendations || a->inspection;
			break;
		case APC_FOCUS: any = a->focus.n > 0; break;
		case APC_HOW_WE_WILL_KNOW: any = a->how_we_will_know.n > 0; break;
		case APC_VOICE: any = a->voices.n > 0; break;
		default: return true;
		}
		if (any)
			return true;
	}
	return false;
}

static struct ap_table ap_table_new(struct ap *ap, struct doc_section *s)
{
	struct composer *c = ap->c;
	struct ap_table at;
	for (size_t i = 0; i < APC_COUNT; i++)
		at.col[i] = (size_t)-1;
	size_t n = 0;
	for (size_t i = 0; i < ap->n_order; i++) {
		at.col[ap->order[i]] = n;
		n += ap->order[i] == APC_NEXT_MILESTONES ? ap->n_months : 1;
	}
	at.t = new_table(c, s, n);
	for (size_t i = 0; i < ap->n_order; i++) {
		enum ap_column k = ap->order[i];
		const struct ap_col_spec *cs = &col_specs[k];
		if (k == APC_NEXT_MILESTONES) {
			for (size_t m = 0; m < ap->n_months; m++)
				column(c, at.t, at.col[k] + m, cs->kind, cs->value, ap->win[m].label);
			continue;
		}
		column(c, at.t, at.col[k], cs->kind, cs->value, cs->header);
	}
	size_t ref_col = at.col[APC_REF] != (size_t)-1 ? at.col[APC_REF] : 0;
	at.t->cols[ref_col].row_header = true;
	return at;
}

static struct doc_text *milestones_text(struct composer *c, const struct action *a,
					const struct action_eval *ae)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < a->milestones.n; i++) {
		const struct milestone *m = a->milestones.items[i];
		const struct milestone_eval *me = &ae->milestones[i];
		if (i)
			doc_text_add(t, "\n", 0);
		doc_text_add(t, m->due.text ? m->due.text : "No date", DOC_BOLD);
		doc_text_add(t, " \xe2\x80\x93 ", 0);
		doc_text_add(t, m->text.text, 0);
		const char *state = m->status ? m->status->label : NULL;
		doc_text_addf(t, DOC_ITALIC, " (%s%s%s)", eval_status_words(me->status),
			      state ? "; reported " : "", state ? state : "");
	}
	return t;
}

/* "9 Mar": the column's heading gives the year. */
static const char *day_month(struct composer *c, bp_day d)
{
	const char *full = day_words(c, d);
	const char *last = full ? strrchr(full, ' ') : NULL;
	return last ? arena_strndup(c->a, full, (size_t)(last - full)) : "";
}

/* What is due in window w, and not done: milestones, or the action's own
 * due date when it has none. */
static struct doc_text *next_text(struct composer *c, const struct action *a,
				  const struct action_eval *ae, const struct month_window *w,
				  bool brief)
{
	struct doc_text *t = doc_text_new(c->a);
	if (a->milestones.n == 0) {
		if (!status_done(ae->status) && ae->due != BP_DAY_NONE && ae->due >= w->from &&
		    ae->due <= w->to)
			doc_text_addf(t, 0, "%s \xe2\x80\x93 due", day_month(c, ae->due));
		return t;
	}
	for (size_t i = 0; i < a->milestones.n; i++) {
		const struct milestone_eval *me = &ae->milestones[i];
		if (status_done(me->status) || me->due == BP_DAY_NONE || me->due < w->from ||
		    me->due > w->to)
			continue;
		if (!doc_text_empty(t))
			doc_text_add(t, "\n", 0);
		doc_text_add(t, day_month(c, me->due), DOC_BOLD);
		doc_text_add(t, " \xe2\x80\x93 ", 0);
		const char *what = a->milestones.items[i]->text.text;
		doc_text_add(t, brief ? short_text(c, what, BRIEF_CHARS / 2) : what, 0);
	}
	return t;
}

static void add_markup(struct strbuf *sb, const struct prose *p)
{
	for (size_t i = 0; i < p->n; i++) {
		if (sb->len)
			strbuf_addc(sb, '\n');
		strbuf_adds(sb, p->blocks[i].markup);
	}
}

static struct doc_text *markup_text(struct composer *c, struct strbuf *sb)
{
	char err[160];
	struct doc_text *t = doc_text_markup(c->a, strbuf_str(sb), err, sizeof err);
	strbuf_release(sb);
	return t ? t : doc_text_new(c->a);
}

static void add_update(struct strbuf *sb, const struct update *u)
{
	if (!u)
		return;
	if (sb->len)
		strbuf_addc(sb, '\n');
	strbuf_adds(sb, "<b>Update ");
	strbuf_add_escaped(sb, u->date.text ? u->date.text : "undated",
			   strlen(u->date.text ? u->date.text : "undated"));
	strbuf_adds(sb, ":</b> ");
	for (size_t i = 0; i < u->text.n; i++) {
		if (i)
			strbuf_addc(sb, ' ');
		strbuf_adds(sb, u->text.blocks[i].markup);
	}
}

/* brief: the first paragraph of the position (else the commentary, else
 * the latest update), cut at a word near BRIEF_CHARS. */
static struct doc_text *brief_position(struct composer *c, const struct action *a)
{
	const struct prose *p = a->position.n ? &a->position : &a->commentary;
	if (p->n)
		return ctext(c, short_text(c, p->blocks[0].text, BRIEF_CHARS));
	const struct update *u = latest_update(&a->updates);
	if (!u)
		return NULL;
	struct doc_text *t = doc_text_new(c->a);
	doc_text_addf(t, DOC_BOLD, "Update %s: ", u->date.text ? u->date.text : "undated");
	doc_text_add(t, short_text(c, u->text.text, BRIEF_CHARS), 0);
	return t;
}

static struct doc_text *position_text(struct composer *c, const struct action *a, bool update,
				      bool brief)
{
	if (brief)
		return brief_position(c, a);
	struct strbuf sb = STRBUF_INIT;
	add_markup(&sb, &a->position);
	add_markup(&sb, &a->commentary);
	if (update)
		add_update(&sb, latest_update(&a->updates));
	return markup_text(c, &sb);
}

static struct doc_text *update_text(struct composer *c, const struct action_eval *ae)
{
	struct strbuf sb = STRBUF_INIT;
	add_update(&sb, latest_update(&ae->action->updates));
	struct doc_text *t = markup_text(c, &sb);
	if (ae->staleness.state == EVAL_STALE_STALE && ae->staleness.reason)
		doc_text_addf(t, DOC_ITALIC, "%sStale: %s", doc_text_empty(t) ? "" : "\n",
			      ae->staleness.reason);
	return t;
}

static struct doc_text *computed_text(struct composer *c, const struct action_eval *ae)
{
	struct doc_text *why = doc_text_new(c->a);
	const char *words = status_words(c, ae->status);
	bool same_reason = ae->reason && strcasecmp(ae->reason, words) == 0;
	/* unmapped, the fill already says the words */
	if (ae->mapped.status)
		doc_text_add(why, words, DOC_BOLD);
	if (ae->reason && !same_reason)
		doc_text_addf(why, 0, "%s%s", ae->mapped.status ? ": " : "",
			      ae->mapped.status ? ae->reason : capitalised(c, ae->reason));
	for (size_t i = 0; i < ae->n_ratings; i++)
		if (ae->ratings[i].challenged && ae->ratings[i].challenge) {
			doc_text_addf(why, DOC_BOLD, "\nChallenge: %s", ae->ratings[i].challenge);
			break;
		}
	return why;
}

static struct doc_text *criteria_text(struct composer *c, const struct action_eval *ae)
{
	const struct eval_criteria *cr = &ae->criteria;
	if (!cr->present)
		return NULL;
	struct doc_text *t = doc_text_new(c->a);
	doc_text_addf(t, 0, "%zu of %zu met", cr->met, cr->total);
	for (size_t i = 0; i < cr->n_missing; i++)
		doc_text_addf(t, 0, "%s%s", i ? "; " : "\nNot in place: ", cr->missing[i]);
	if (cr->status)
		doc_text_addf(t, DOC_BOLD, "\nRules give %s", cr->status->label);
	return t;
}

static struct doc_text *drift_text(struct composer *c, const struct action_eval *ae)
{
	struct doc_text *t = doc_text_new(c->a);
	if (ae->drift.moves)
		doc_text_add(t, ae->drift.reason, 0);
	for (size_t i = 0; i < ae->n_milestones; i++) {
		const struct eval_drift *d = &ae->milestones[i].drift;
		if (!d->moves)
			continue;
		doc_text_addf(t, 0, "%sMilestone %zu: %s", doc_text_empty(t) ? "" : "\n", i + 1,
			      d->reason);
	}
	return t;
}


static struct doc_text *measures_text(struct composer *c, const struct action *a,
				      const struct action_eval *ae)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < a->measures.n; i++) {
		const struct measure *m = a->measures.targets[i];
		if (!m)
			continue;
		const struct measure_eval *me = &c->ev->measures[m->index];
		doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : "\n",
			      m->code ? m->code : m->name);
		if (me->rag != EVAL_RAG_NONE)
			doc_text_addf(t, DOC_BOLD, " %s", rag_words(me->rag));
	}
	for (size_t i = 0; i < a->metrics.n; i++) {
		const struct metric *m = a->metrics.items[i];
		const struct measure_eval *me = &ae->metrics[i];
		doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : "\n", m->name ? m->name : "Metric");
		if (me->latest.present)
			doc_text_addf(t, 0, ": %s", value_words(c, me, me->latest.value));
		if (me->final_target.present)
			doc_text_addf(t, 0, " (target %s)", value_words(c, me, me->final_target.value));
		if (me->rag != EVAL_RAG_NONE)
			doc_text_addf(t, DOC_BOLD, " %s", rag_words(me->rag));
	}
	if (a->kpi_refs)
		doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : "\n", a->kpi_refs);
	return t;
}

static struct doc_text *recommendations_text(struct composer *c, const struct action *a)
{
	struct doc_text *t = doc_text_new(c->a);
	if (a->all_recommendations)
		doc_text_add(t, "All", 0);
	for (size_t i = 0; i < a->recommendations.n; i++) {
		const struct recommendation *r = a->recommendations.targets[i];
		const char *ref = r && r->ref ? r->ref : a->recommendations.ids[i];
		doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : ", ", ref);
	}
	if (a->inspection)
		doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : "\n", a->inspection);
	return t;
}

static struct doc_text *focus_text(struct composer *c, const struct action *a)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < a->focus.n; i++) {
		const struct focus_area *f = a->focus.targets[i];
		doc_text_addf(t, 0, "%s%s", i ? ", " : "", f && f->ref ? f->ref : a->focus.ids[i]);
	}
	return t;
}

static struct doc_text *voice_text(struct composer *c, const struct action *a)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < a->voices.n; i++) {
		const struct voice *v = a->voices.items[i];
		if (i)
			doc_text_add(t, "\n", 0);
		doc_text_addf(t, DOC_BOLD, "%s: ", capitalised(c, v->of ? v->of : "voice"));
		doc_text_addf(t, DOC_ITALIC, "\xe2\x80\x9c%s\xe2\x80\x9d", v->text.text);
	}
	return t;
}

static void action_row(struct ap *ap, struct ap_table *at, const struct action *a)
{
	struct composer *c = ap->c;
	const struct action_eval *ae = &c->ev->actions[a->index];
	struct doc_row *row = doc_table_add_row(at->t);
	bool has_update_col = at->col[APC_UPDATE] != (size_t)-1;
	for (size_t i = 0; i < ap->n_order; i++) {
		enum ap_column k = ap->order[i];
		struct doc_cell *cell = &row->cells[at->col[k]];
		switch (k) {
		case APC_REF:
			cell->text = ctext(c, a->ref ? a->ref : a->id);
			if (ap->linked)
				cell->anchor = action_anchor(c, a);
			break;
		case APC_ACTION:
			cell->text = ap->brief ? ctext(c, short_text(c, a->text.text, BRIEF_CHARS))
					       : prose_text(c, &a->text);
			break;
		case APC_LEAD: cell->text = ctext(c, leads_words(c, &a->leads)); break;
		case APC_START: cell->text = ctext(c, a->start.text); break;
		case APC_DUE: {
			struct doc_text *due = doc_text_new(c->a);
			if (a->start.text && at->col[APC_START] == (size_t)-1)
				doc_text_addf(due, 0, "From %s\n", a->start.text);
			if (a->due.text)
				doc_text_add(due, a->due.text, 0);
			else if (ae->due != BP_DAY_NONE)
				doc_text_addf(due, DOC_ITALIC, "%s (last milestone)",
					      day_words(c, ae->due));
			if (a->done.text)
				doc_text_addf(due, DOC_ITALIC, "%sDone %s",
					      doc_text_empty(due) ? "" : "\n", a->done.text);
			cell->text = due;
			break;
		}
		case APC_MILESTONES:
			if (a->milestones.n)
				cell->text = milestones_text(c, a, ae);
			break;
		case APC_NEXT_MILESTONES:
			for (size_t m = 0; m < ap->n_months; m++)
				row->cells[at->col[k] + m].text = next_text(c, a, ae, &ap->win[m], ap->brief);
			break;
		case APC_POSITION:
			cell->text = position_text(c, a, !has_update_col, ap->brief);
			break;
		case APC_UPDATE: cell->text = update_text(c, ae); break;
		case APC_REPORTED: {
			const struct rating *r = reported_rating(a);
			const struct eval_rating *er = rating_eval(ae, r);
			if (r && r->status && !(er && er->ignored))
				cell->status = status_fill(c, r->status);
			break;
		}
		case APC_IMPACT: {
			const struct rating *r = action_rating(a, RATING_IMPACT);
			const struct eval_rating *er = rating_eval(ae, r);
			if (r && r->status && !(er && er->ignored))
				cell->status = status_fill(c, r->status);
			break;
		}
		case APC_COMPUTED:
			cell->status = computed_fill(c, ae->status, ae->meaning, &ae->mapped);
			cell->text = computed_text(c, ae);
			break;
		case APC_CRITERIA: cell->text = criteria_text(c, ae); break;
		case APC_DRIFT: cell->text = drift_text(c, ae); break;
		case APC_EVIDENCE: cell->text = evidence_text(c, a); break;
		case APC_MEASURES: cell->text = measures_text(c, a, ae); break;
		case APC_RECOMMENDATIONS: cell->text = recommendations_text(c, a); break;
		case APC_FOCUS: cell->text = focus_text(c, a); break;
		case APC_HOW_WE_WILL_KNOW: cell->text = prose_text(c, &a->how_we_will_know); break;
		case APC_VOICE: cell->text = voice_text(c, a); break;
		case APC_COUNT: break;
		}
	}
}

static size_t count_shown(const struct ap *ap, const struct area *ar)
{
	size_t n = 0;
	for (size_t i = 0; i < ar->n_items; i++) {
		const struct area_item *it = &ar->items[i];
		if (it->kind == AREA_ITEM_ACTION)
			n += action_plan_shows(ap->c, ap->ts, it->u.action);
		else
			n += count_shown(ap, it->u.area);
	}
	return n;
}

static void area_rows(struct ap *ap, struct ap_table *at, const struct area *ar)
{
	struct composer *c = ap->c;
	for (size_t i = 0; i < ar->n_items; i++) {
		const struct area_item *it = &ar->items[i];
		if (it->kind == AREA_ITEM_ACTION) {
			if (action_plan_shows(c, ap->ts, it->u.action))
				action_row(ap, at, it->u.action);
			continue;
		}
		const struct area *sub = it->u.area;
		if (count_shown(ap, sub) == 0)
			continue;
		struct doc_row *g = doc_table_add_group(at->t, ctext(c, area_title(c, sub)));
		g->cells[0].anchor = ap->linked ? area_anchor(c, sub)
						: local_anchor(c, "area-%zu", sub->index + 1);
		area_rows(ap, at, sub);
	}
}

static void choose_columns(struct ap *ap)
{
	const struct sopt_value *v = &ap->ts->opts[SOPT_COLUMNS];
	for (size_t i = 0; i < v->n_items; i++) {
		enum ap_column k = (enum ap_column)v->items[i];
		if (k == APC_NEXT_MILESTONES || column_filled(ap->c, k))
			ap->order[ap->n_order++] = k;
	}
}

static const char *intro(struct ap *ap, size_t shown)
{
	struct composer *c = ap->c;
	struct strbuf sb = STRBUF_INIT;
	bool reported = false, computed = false, next = false;
	for (size_t i = 0; i < ap->n_order; i++) {
		reported = reported || ap->order[i] == APC_REPORTED || ap->order[i] == APC_IMPACT;
		computed = computed || ap->order[i] == APC_COMPUTED;
		next = next || ap->order[i] == APC_NEXT_MILESTONES;
	}
	if (opt_int(ap->ts, SOPT_SHOW) == AP_SHOW_OPEN)
		strbuf_addf(&sb, "%s still open as at %s (%zu done are left out).",
			    count_words(c, shown, "action", "actions"), day_words(c, c->ev->as_at),
			    c->plan->actions.n - shown);
	else
		strbuf_addf(&sb, "%s as at %s.", count_words(c, shown, "action", "actions"),
			    day_words(c, c->ev->as_at));
	if (reported)
		strbuf_adds(&sb, " \xe2\x80\x9cReported\xe2\x80\x9d is the rating the plan gives.");
	if (computed)
		strbuf_adds(&sb, " \xe2\x80\x9c" "Dates say\xe2\x80\x9d is the status worked out from "
				 "the due dates and completion, on the plan's own scheme, with a "
				 "challenge where a reported rating is kinder than the dates allow.");
	if (next)
		strbuf_addf(&sb, " The last %s show what is due next and not yet done.",
			    ap->n_months == 1 ? "column" : "columns");
	const char *s = arena_strdup(c->a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

void compose_action_plan(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan *p = c->plan;
	struct ap ap;
	memset(&ap, 0, sizeof ap);
	ap.c = c;
	ap.ts = ts;
	ap.linked = ts == c->action_plan;
	ap.brief = opt_bool(ts, SOPT_BRIEF);
	ap.n_months = month_windows(c, (int)opt_int(ts, SOPT_MONTHS), ap.win);
	choose_columns(&ap);
	section_heading(c, s, ts);
	size_t shown = 0;
	for (size_t i = 0; i < p->actions.n; i++)
		shown += action_plan_shows(c, ts, p->actions.items[i]);
	say(c, s, "%s", intro(&ap, shown));
	if (shown == 0) {
		say(c, s, "No action is still open as at %s.", day_words(c, c->ev->as_at));
		return;
	}
	if (opt_int(ts, SOPT_GROUP_BY) == AP_GROUP_NONE) {
		struct ap_table at = ap_table_new(&ap, s);
		for (size_t i = 0; i < p->actions.n; i++)
			if (action_plan_shows(c, ts, p->actions.items[i]))
				action_row(&ap, &at, p->actions.items[i]);
		return;
	}
	if (opt_int(ts, SOPT_GROUP_BY) == AP_GROUP_BAND) {
		struct ap_table at = ap_table_new(&ap, s);
		for (size_t i = 0; i < p->areas.n; i++) {
			const struct area *ar = p->areas.items[i];
			if (count_shown(&ap, ar) == 0)
				continue;
			struct doc_row *g = doc_table_add_group(at.t, ctext(c, area_title(c, ar)));
			g->cells[0].anchor = ap.linked ? area_anchor(c, ar)
						       : local_anchor(c, "area-%zu", ar->index + 1);
			area_rows(&ap, &at, ar);
		}
		return;
	}
	bool first = true;
	for (size_t i = 0; i < p->areas.n; i++) {
		const struct area *ar = p->areas.items[i];
		if (count_shown(&ap, ar) == 0)
			continue;
		if (!first && opt_bool(ts, SOPT_PAGE_PER_GROUP))
			doc_add_page_break(s);
		first = false;
		doc_add_heading(s, 2, ctext(c, area_title(c, ar)),
				ap.linked ? area_anchor(c, ar)
					  : local_anchor(c, "area-%zu", ar->index + 1));
		if (opt_bool(ts, SOPT_DESCRIPTIONS)) {
			if (ar->leads.n)
				say(c, s, "Lead: %s", leads_list(c, &ar->leads));
			if (ar->description.n)
				doc_add_paragraph(s, prose_text(c, &ar->description));
		}
		struct ap_table at = ap_table_new(&ap, s);
		area_rows(&ap, &at, ar);
	}
}
