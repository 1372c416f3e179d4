/* Staleness: days since an action was last updated, against the plan's
 * reporting cadence (docs/evaluation.md, "Staleness"). */
#include "eval/internal.h"

/* The day an update counts from: a period ("July 2023") at its last day,
 * but never after the report date; updates dated after it are not
 * known at it. */
static void consider(struct eval_ctx *c, const struct when_text *w, bp_day *last)
{
	if (!w->text || !when_is_dated(w->when))
		return;
	if (when_start(w->when) > c->as_at)
		return;
	bp_day d = ev_point_day(w->when);
	if (d == BP_DAY_NONE)
		return;
	if (d > c->as_at)
		d = c->as_at;
	if (*last == BP_DAY_NONE || d > *last)
		*last = d;
}

static void consider_updates(struct eval_ctx *c, const struct update_vec *v, bp_day *last)
{
	for (size_t i = 0; i < v->n; i++)
		consider(c, &v->items[i]->date, last);
}

static void staleness(struct eval_ctx *c, struct action_eval *ae)
{
	const struct action *a = ae->action;
	struct eval_staleness *st = &ae->staleness;
	int every = c->ev->cadence_days;
	st->last_update = BP_DAY_NONE;
	st->days_since = -1;
	consider_updates(c, &a->updates, &st->last_update);
	for (size_t i = 0; i < a->milestones.n; i++)
		consider_updates(c, &a->milestones.items[i]->updates, &st->last_update);
	for (size_t i = 0; i < ae->n_ratings; i++)
		if (!ae->ratings[i].ignored)
			consider(c, &ae->ratings[i].rating->date, &st->last_update);

	if (ae->status == EVAL_DONE || ae->status == EVAL_DONE_LATE) {
		st->state = EVAL_STALE_NOT_APPLICABLE;
		st->reason = "done: no further updates expected";
		return;
	}
	if (ae->status == EVAL_NOT_STARTED) {
		st->state = EVAL_STALE_NOT_APPLICABLE;
		st->reason = "not started: no updates expected yet";
		return;
	}
	if (!c->stale_expected)
		c->stale_expected = ev_printf(c, "updates are expected every %s", ev_days(c, every));
	const char *expected = c->stale_expected;
	if (st->last_update != BP_DAY_NONE) {
		st->days_since = c->as_at - st->last_update;
		st->state = st->days_since > every ? EVAL_STALE_STALE : EVAL_STALE_CURRENT;
		st->reason = ev_printf(c, "last updated %s, %s before the report date; %s",
				       ev_day(c, st->last_update), ev_days(c, st->days_since), expected);
		return;
	}
	if (ae->start != BP_DAY_NONE && ae->start <= c->as_at) {
		st->days_since = c->as_at - ae->start;
		st->state = st->days_since > every ? EVAL_STALE_STALE : EVAL_STALE_CURRENT;
		st->reason = ev_printf(c, "no update recorded since it started on %s, %s before the "
				       "report date; %s", ev_day(c, ae->start),
				       ev_days(c, st->days_since), expected);
		return;
	}
	st->state = EVAL_STALE_NO_UPDATES;
	st->reason = "no update recorded";
}

void ev_staleness_all(struct eval_ctx *c)
{
	for (size_t i = 0; i < c->ev->n_actions; i++)
		staleness(c, &c->ev->actions[i]);
}
