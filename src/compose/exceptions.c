/* Exceptions: the actions a board should look at first — overdue, due
 * soon, rated red, ratings kinder than the dates allow, slipped, stale,
 * never updated, undated — each list with the evaluation's reasons. */
#include <string.h>

#include "compose/internal.h"

static bool rated_off_track(const struct action_eval *ae)
{
	for (size_t i = 0; i < ae->n_ratings; i++) {
		const struct eval_rating *r = &ae->ratings[i];
		if (!r->ignored && r->status && r->status->means == MEANS_OFF_TRACK)
			return true;
	}
	return false;
}

static bool slipped(const struct action_eval *ae)
{
	if (ae->drift.moves)
		return true;
	for (size_t i = 0; i < ae->n_milestones; i++)
		if (ae->milestones[i].drift.moves)
			return true;
	return false;
}

static bool is_open(const struct action_eval *ae)
{
	return !status_done(ae->status);
}

static bool matches(enum exception_kind k, const struct action_eval *ae)
{
	switch (k) {
	case EXC_OVERDUE: return ae->status == EVAL_OVERDUE;
	case EXC_DUE_SOON: return ae->status == EVAL_DUE_SOON;
	case EXC_RED: return rated_off_track(ae);
	case EXC_CHALLENGED: return ae->challenged;
	case EXC_SLIPPED: return slipped(ae);
	case EXC_STALE: return is_open(ae) && ae->staleness.state == EVAL_STALE_STALE;
	case EXC_NO_UPDATE: return is_open(ae) && ae->staleness.state == EVAL_STALE_NO_UPDATES;
	case EXC_NO_DATE: return ae->status == EVAL_NO_DATE || ae->status == EVAL_TBC;
	case EXC_KIND_COUNT: break;
	}
	return false;
}

static const char *const titles[EXC_KIND_COUNT] = {
	[EXC_OVERDUE] = "Overdue",
	[EXC_DUE_SOON] = "Due soon",
	[EXC_RED] = "Rated red (off track)",
	[EXC_CHALLENGED] = "Ratings kinder than the dates allow",
	[EXC_SLIPPED] = "Due dates moved",
	[EXC_STALE] = "Updates out of date",
	[EXC_NO_UPDATE] = "No update recorded",
	[EXC_NO_DATE] = "No due date",
};

static const char *intro(struct composer *c, enum exception_kind k)
{
	const struct plan_eval *ev = c->ev;
	switch (k) {
	case EXC_OVERDUE:
		return "Actions not done whose due date, or a milestone's, has passed.";
	case EXC_DUE_SOON:
		return arena_printf(c->a, "Actions not done that fall due within %ld days of %s.",
				    ev->due_soon_days, day_words(c, ev->as_at));
	case EXC_RED:
		return "Actions whose reported rating means off track.";
	case EXC_CHALLENGED:
		return "Reported ratings that say more than the dates allow: the plan rates the "
		       "work on track or complete, but its dates or milestones say otherwise.";
	case EXC_SLIPPED:
		return "Actions whose due date, or a milestone's, has been moved, with how often "
		       "and how far.";
	case EXC_STALE:
		return arena_printf(c->a, "Open actions whose latest update is older than the "
				    "update cadence (%s: every %d days).",
				    ev->cadence_text ? ev->cadence_text : "the default",
				    ev->cadence_days);
	case EXC_NO_UPDATE:
		return "Open actions with no dated update recorded.";
	case EXC_NO_DATE:
		return "Actions with no due date, or one still to be confirmed.";
	case EXC_KIND_COUNT: break;
	}
	return "";
}

static const char *none(struct composer *c, enum exception_kind k)
{
	const char *day = day_words(c, c->ev->as_at);
	switch (k) {
	case EXC_OVERDUE: return arena_printf(c->a, "No action is overdue as at %s.", day);
	case EXC_DUE_SOON:
		return arena_printf(c->a, "No action falls due in the %ld days after %s.",
				    c->ev->due_soon_days, day);
	case EXC_RED: return arena_printf(c->a, "No action is rated off track as at %s.", day);
	case EXC_CHALLENGED:
		return arena_printf(c->a, "No reported rating is kinder than the dates allow as "
				    "at %s.", day);
	case EXC_SLIPPED: return "No due date has been moved.";
	case EXC_STALE: return arena_printf(c->a, "Every open action's latest update is within "
					    "the update cadence as at %s.", day);
	case EXC_NO_UPDATE: return "Every open action has an update recorded.";
	case EXC_NO_DATE: return "Every action has a due date.";
	case EXC_KIND_COUNT: break;
	}
	return "";
}

static struct doc_text *why(struct composer *c, enum exception_kind k,
			    const struct action_eval *ae)
{
	struct doc_text *t = doc_text_new(c->a);
	switch (k) {
	case EXC_RED:
		for (size_t i = 0; i < ae->n_ratings; i++) {
			const struct eval_rating *r = &ae->ratings[i];
			if (r->ignored || !r->status || r->status->means != MEANS_OFF_TRACK)
				continue;
			if (r->rating->kind == RATING_IMPACT)
				doc_text_addf(t, 0, "%sImpact rated %s", doc_text_empty(t) ? "" : "\n",
					      r->status->label);
			if (r->rating->note.n)
				doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : "\n",
					      r->rating->note.text);
		}
		if (ae->criteria.present && ae->criteria.reason)
			doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : "\n",
				      capitalised(c, ae->criteria.reason));
		doc_text_addf(t, 0, "%sDates say %s", doc_text_empty(t) ? "" : "\n",
			      eval_status_words(ae->status));
		if (ae->reason)
			doc_text_addf(t, 0, ": %s", ae->reason);
		break;
	case EXC_CHALLENGED:
		for (size_t i = 0; i < ae->n_ratings; i++)
			if (ae->ratings[i].challenged && ae->ratings[i].challenge)
				doc_text_addf(t, 0, "%s%s", doc_text_empty(t) ? "" : "\n",
					      capitalised(c, ae->ratings[i].challenge));
		for (size_t i = 0; i < ae->n_milestones; i++) {
			const struct eval_rating *r = &ae->milestones[i].reported;
			if (r->challenged && r->challenge)
				doc_text_addf(t, 0, "%sMilestone %zu: %s", doc_text_empty(t) ? "" : "\n",
					      i + 1, r->challenge);
		}
		break;
	case EXC_SLIPPED:
		if (ae->drift.moves)
			doc_text_add(t, capitalised(c, ae->drift.reason), 0);
		for (size_t i = 0; i < ae->n_milestones; i++)
			if (ae->milestones[i].drift.moves)
				doc_text_addf(t, 0, "%sMilestone %zu: %s", doc_text_empty(t) ? "" : "\n",
					      i + 1, ae->milestones[i].drift.reason);
		break;
	case EXC_STALE:
	case EXC_NO_UPDATE:
		doc_text_add(t, capitalised(c, ae->staleness.reason), 0);
		break;
	default:
		doc_text_add(t, capitalised(c, ae->reason), 0);
		break;
	}
	return t;
}

static void kind_table(struct composer *c, struct doc_section *s, enum exception_kind k)
{
	const struct plan *p = c->plan;
	struct doc_table *t = NULL;
	size_t n = 0;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		const struct action_eval *ae = &c->ev->actions[i];
		if (!matches(k, ae))
			continue;
		if (!t) {
			t = new_table(c, s, 6);
			column(c, t, 0, DOC_WIDTH_FIXED, 42, "Ref");
			column(c, t, 1, DOC_WIDTH_FR, 2.6, "Action");
			column(c, t, 2, DOC_WIDTH_FR, 1.2, "Lead");
			column(c, t, 3, DOC_WIDTH_FIXED, 62, "Due");
			column(c, t, 4, DOC_WIDTH_FIXED, 70, k == EXC_RED ? "Reported" : "Dates say");
			column(c, t, 5, DOC_WIDTH_FR, 2.6, "Why");
			t->cols[0].row_header = true;
		}
		n++;
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = action_ref_text(c, a);
		row->cells[1].text = ctext(c, short_text(c, a->text.text, 220));
		row->cells[2].text = ctext(c, leads_words(c, &a->leads));
		row->cells[3].text = ctext(c, a->due.text ? a->due.text : day_words(c, ae->due));
		if (k == EXC_RED) {
			const struct rating *r = reported_rating(a);
			if (!r || !r->status || r->status->means != MEANS_OFF_TRACK)
				r = action_rating(a, RATING_IMPACT);
			row->cells[4].status = r ? status_fill(c, r->status) : NULL;
		} else {
			row->cells[4].status = computed_fill(c, ae->status, ae->meaning, &ae->mapped);
		}
		row->cells[5].text = why(c, k, ae);
	}
	if (n == 0)
		say(c, s, "%s", none(c, k));
}

void compose_exceptions(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct sopt_value *v = &ts->opts[SOPT_INCLUDE];
	section_heading(c, s, ts);
	size_t counts[EXC_KIND_COUNT] = { 0 };
	for (size_t i = 0; i < c->plan->actions.n; i++)
		for (int k = 0; k < EXC_KIND_COUNT; k++)
			counts[k] += matches((enum exception_kind)k, &c->ev->actions[i]);
	struct doc_list *l = NULL;
	for (size_t i = 0; i < v->n_items; i++) {
		enum exception_kind k = (enum exception_kind)v->items[i];
		if (!l) {
			say(c, s, "As at %s, out of %s:", day_words(c, c->ev->as_at),
			    count_words(c, c->plan->actions.n, "action", "actions"));
			l = doc_add_list(s);
		}
		doc_list_add(l, 0, ctextf(c, "%s: %zu", titles[k], counts[k]));
	}
	for (size_t i = 0; i < v->n_items; i++) {
		enum exception_kind k = (enum exception_kind)v->items[i];
		doc_add_heading(s, 2, ctext(c, titles[k]), local_anchor(c, "kind-%d", (int)k + 1));
		say(c, s, "%s", intro(c, k));
		kind_table(c, s, k);
	}
}
