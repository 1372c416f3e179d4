/* The status of every milestone and action from its dates and completion
 * (docs/evaluation.md, "Milestones" and "Actions"), and the drift of due
 * dates. */
#include <string.h>
#include <strings.h>

#include "eval/internal.h"

/* Which open status decides when several apply: the higher, the more a
 * board needs to hear about it. */
int ev_severity(enum eval_status s)
{
	switch (s) {
	case EVAL_OVERDUE: return 8;
	case EVAL_DUE_SOON: return 7;
	case EVAL_ON_TRACK: return 6;
	case EVAL_NOT_STARTED: return 5;
	case EVAL_ONGOING: return 4;
	case EVAL_RECURRING: return 3;
	case EVAL_TBC: return 2;
	case EVAL_NO_DATE: return 1;
	case EVAL_DONE: case EVAL_DONE_LATE: break;
	}
	return 0;
}

static bool is_done(enum eval_status s)
{
	return s == EVAL_DONE || s == EVAL_DONE_LATE;
}

/* The verdict on something not done, from its start and due dates. */
struct judged {
	enum eval_status status;
	bp_day start, due;
	long days;
	const char *reason;
};

static struct judged judge_open(struct eval_ctx *c, const struct when_text *start,
				const struct when_text *due)
{
	struct judged j = { EVAL_NO_DATE, BP_DAY_NONE, BP_DAY_NONE, 0, NULL };
	bp_day now = c->as_at;
	if (start->text && when_is_dated(start->when))
		j.start = when_start(start->when);
	bool future_start = j.start != BP_DAY_NONE && j.start > now;
	const struct when *w = due->when;
	switch (w->kind) {
	case WHEN_POINT: case WHEN_RANGE: case WHEN_MULTI: {
		bp_day d = when_due(w);
		j.due = d;
		if (j.start == BP_DAY_NONE && w->kind == WHEN_RANGE) {
			j.start = when_start(w);
			future_start = j.start > now;
		}
		if (d < now) {
			j.status = EVAL_OVERDUE;
			j.days = now - d;
			j.reason = ev_printf(c, "was due %s and is not done (%s overdue)",
					     ev_day(c, d), ev_days(c, j.days));
		} else if (future_start) {
			j.status = EVAL_NOT_STARTED;
			j.days = d - now;
			j.reason = ev_printf(c, "starts %s; due %s", ev_day(c, j.start), ev_day(c, d));
		} else if (d - now <= c->due_soon) {
			j.status = EVAL_DUE_SOON;
			j.days = d - now;
			j.reason = d == now ? ev_printf(c, "due today (%s)", ev_day(c, d))
					    : ev_printf(c, "due in %s (%s)", ev_days(c, j.days), ev_day(c, d));
		} else {
			j.status = EVAL_ON_TRACK;
			j.days = d - now;
			j.reason = ev_printf(c, "due %s, in %s", ev_day(c, d), ev_days(c, j.days));
		}
		break;
	}
	case WHEN_FROM: {
		bp_day s = when_start(w);
		if (j.start == BP_DAY_NONE || s > j.start)
			j.start = s;
		if (j.start > now) {
			j.status = EVAL_NOT_STARTED;
			j.reason = ev_printf(c, "starts %s ('%s')", ev_day(c, j.start), due->text);
		} else {
			j.status = EVAL_ONGOING;
			j.reason = ev_printf(c, "ongoing since %s ('%s'); no end date", ev_day(c, j.start),
					     due->text);
		}
		break;
	}
	case WHEN_TBC:
		j.status = future_start ? EVAL_NOT_STARTED : EVAL_TBC;
		j.reason = future_start ? ev_printf(c, "starts %s; due date to be confirmed ('%s')",
						    ev_day(c, j.start), due->text)
					: ev_printf(c, "due date to be confirmed ('%s')", due->text);
		break;
	case WHEN_ONGOING:
		j.status = future_start ? EVAL_NOT_STARTED : EVAL_ONGOING;
		j.reason = future_start ? ev_printf(c, "starts %s; then ongoing", ev_day(c, j.start))
					: ev_printf(c, "ongoing ('%s'); no end date", due->text);
		break;
	case WHEN_CADENCE:
		j.status = future_start ? EVAL_NOT_STARTED : EVAL_RECURRING;
		j.reason = future_start
				   ? ev_printf(c, "starts %s; then recurring (%s)", ev_day(c, j.start),
					       when_cadence_name(w->cadence))
				   : ev_printf(c, "recurring (%s, '%s'); no end date",
					       when_cadence_name(w->cadence), due->text);
		break;
	case WHEN_UNKNOWN:
		j.status = future_start ? EVAL_NOT_STARTED : EVAL_NO_DATE;
		j.reason = ev_printf(c, "due date '%s' could not be understood: %s", due->text, w->why);
		break;
	case WHEN_EMPTY:
		if (future_start) {
			j.status = EVAL_NOT_STARTED;
			j.reason = ev_printf(c, "starts %s; no due date", ev_day(c, j.start));
		} else if (j.start != BP_DAY_NONE) {
			j.status = EVAL_NO_DATE;
			j.reason = ev_printf(c, "started %s; no due date", ev_day(c, j.start));
		} else {
			j.status = EVAL_NO_DATE;
			j.reason = "no due date";
		}
		break;
	}
	return j;
}

/* A done date as at the report date: *day receives its first day, or
 * BP_DAY_NONE when the text is not a date. Returns false when nothing
 * says it is done by the report date; *after is set when a done date is
 * recorded after it. */
static bool done_by(struct eval_ctx *c, const struct when_text *done, bp_day *day, bool *after)
{
	*day = BP_DAY_NONE;
	*after = false;
	if (!done->text)
		return false;
	const struct when *w = done->when;
	switch (w->kind) {
	case WHEN_EMPTY: case WHEN_TBC: case WHEN_ONGOING: case WHEN_CADENCE:
		return false;
	case WHEN_UNKNOWN:
		return true;
	default:
		break;
	}
	bp_day d = when_start(w);
	if (d != BP_DAY_NONE && d > c->as_at) {
		*after = true;
		*day = d;
		return false;
	}
	*day = d;
	return true;
}

static const char *done_reason(struct eval_ctx *c, const struct when_text *done, bp_day d,
			       bp_day due, long *days, enum eval_status *st)
{
	*st = EVAL_DONE;
	*days = 0;
	if (d == BP_DAY_NONE)
		return ev_printf(c, "done ('%s'; the done date could not be understood)", done->text);
	if (due == BP_DAY_NONE)
		return ev_printf(c, "done %s", ev_day(c, d));
	if (d > due) {
		*st = EVAL_DONE_LATE;
		*days = d - due;
		return ev_printf(c, "done %s, %s after its due date (%s)", ev_day(c, d),
				 ev_days(c, *days), ev_day(c, due));
	}
	*days = due - d;
	if (d == due)
		return ev_printf(c, "done %s, on its due date", ev_day(c, d));
	return ev_printf(c, "done %s, %s before its due date (%s)", ev_day(c, d), ev_days(c, *days),
			 ev_day(c, due));
}

/* A position statement that opens by saying the work is complete
 * ("Complete", "Completed – the group has been set up", "Action complete:
 * …") is a reported completion written in prose. Only the opening word
 * counts, and only when punctuation or the end follows it, so "Complete
 * by March" is not read as done. Returns the words quoted, or NULL. */
static const char *position_says_complete(struct eval_ctx *c, const struct prose *pos)
{
	static const char *const openings[] = { "action completed", "action complete",
						"completed", "complete" };
	const char *t = pos->text;
	if (!t)
		return NULL;
	while (*t == ' ' || *t == '\n' || *t == '\t')
		t++;
	for (size_t i = 0; i < sizeof openings / sizeof openings[0]; i++) {
		size_t n = strlen(openings[i]);
		if (strncasecmp(t, openings[i], n) != 0)
			continue;
		const char *after = t + n;
		while (*after == ' ')
			after++;
		if (*after == '\0' || strchr(".,;:!\n", *after) || strncmp(after, "-", 1) == 0 ||
		    strncmp(after, "\xe2\x80\x93", 3) == 0 || strncmp(after, "\xe2\x80\x94", 3) == 0)
			return arena_strndup(c->arena, t, n);
		return NULL;
	}
	return NULL;
}

static enum status_meaning open_meaning(enum eval_status s)
{
	switch (s) {
	case EVAL_DONE: case EVAL_DONE_LATE: return MEANS_COMPLETE;
	case EVAL_ON_TRACK: case EVAL_DUE_SOON: case EVAL_ONGOING: case EVAL_RECURRING:
		return MEANS_ON_TRACK;
	case EVAL_OVERDUE: return MEANS_OFF_TRACK;
	case EVAL_NOT_STARTED: return MEANS_NOT_STARTED;
	case EVAL_TBC: case EVAL_NO_DATE: return MEANS_NOT_APPLICABLE;
	}
	return MEANS_NOT_APPLICABLE;
}

static void milestone_status(struct eval_ctx *c, struct milestone_eval *me,
			     const struct milestone *m)
{
	me->milestone = m;
	me->start = BP_DAY_NONE;
	me->due = ev_due_day(m->due.when);
	if (m->start.text && when_is_dated(m->start.when))
		me->start = when_start(m->start.when);
	me->reported.status = m->status;
	me->drift = ev_drift(c, &m->due_changes);

	bp_day d;
	bool after;
	if (done_by(c, &m->done, &d, &after)) {
		me->done = d;
		me->reason = done_reason(c, &m->done, d, me->due, &me->days, &me->status);
		me->meaning = MEANS_COMPLETE;
		return;
	}
	me->done = BP_DAY_NONE;
	if (!after && m->status && m->status->means == MEANS_COMPLETE) {
		me->status = EVAL_DONE;
		me->done_as_reported = true;
		me->meaning = MEANS_COMPLETE;
		me->reason = ev_printf(c, "reported %s; no done date recorded", m->status->label);
		return;
	}
	const char *said = after || m->status ? NULL : position_says_complete(c, &m->position);
	if (said) {
		me->status = EVAL_DONE;
		me->done_as_reported = true;
		me->meaning = MEANS_COMPLETE;
		me->reason = ev_printf(c, "the position says '%s'; no done date or status recorded",
				       said);
		return;
	}
	struct judged j = judge_open(c, &m->start, &m->due);
	me->status = j.status;
	me->start = j.start;
	me->days = j.days;
	me->reason = j.reason;
	if (after)
		me->reason = ev_printf(c, "%s; recorded as done %s, after the report date", j.reason,
				       ev_day(c, d));
	me->meaning = open_meaning(j.status);
}

/* The action's reported delivery ratings are kept or ignored here (a
 * rating dated after the report date was not known at it). */
static void collect_ratings(struct eval_ctx *c, struct action_eval *ae, const struct action *a)
{
	ae->n_ratings = a->ratings.n;
	ae->ratings = EV_ARRAY(c, struct eval_rating, a->ratings.n);
	for (size_t i = 0; i < a->ratings.n; i++) {
		const struct rating *r = a->ratings.items[i];
		struct eval_rating *er = &ae->ratings[i];
		er->rating = r;
		er->status = r->status;
		if (r->date.text && when_is_dated(r->date.when) && when_start(r->date.when) > c->as_at)
			er->ignored = true;
	}
}

static const struct status_def *reported_complete(const struct action_eval *ae)
{
	for (size_t i = 0; i < ae->n_ratings; i++) {
		const struct eval_rating *er = &ae->ratings[i];
		if (er->ignored || !er->status || er->rating->kind == RATING_IMPACT)
			continue;
		if (er->status->means == MEANS_COMPLETE)
			return er->status;
	}
	return NULL;
}

/* Done through its milestones: all of them are done. */
static void done_by_milestones(struct eval_ctx *c, struct action_eval *ae, bp_day due)
{
	bp_day last = BP_DAY_NONE;
	const struct milestone *late = NULL, *last_m = NULL;
	size_t as_reported = 0;
	for (size_t i = 0; i < ae->n_milestones; i++) {
		const struct milestone_eval *me = &ae->milestones[i];
		if (me->done_as_reported)
			as_reported++;
		if (me->status == EVAL_DONE_LATE && !late)
			late = me->milestone;
		if (me->done != BP_DAY_NONE && (last == BP_DAY_NONE || me->done > last)) {
			last = me->done;
			last_m = me->milestone;
		}
	}
	ae->meaning = MEANS_COMPLETE;
	ae->done = last;
	ae->status = EVAL_DONE;
	const char *all = ae->n_milestones == 1 ? "its milestone is done"
						 : ev_printf(c, "all %zu milestones are done",
							     ae->n_milestones);
	if (due != BP_DAY_NONE && last != BP_DAY_NONE && last > due) {
		ae->status = EVAL_DONE_LATE;
		ae->days = last - due;
		ae->cause = last_m;
		ae->reason = ev_printf(c, "%s; the last, %s, on %s, %s after the action's due date (%s)",
				       all, ev_milestone_name(c, last_m), ev_day(c, last),
				       ev_days(c, ae->days), ev_day(c, due));
	} else if (late) {
		const struct milestone_eval *lm = &ae->milestones[late->index];
		ae->status = EVAL_DONE_LATE;
		ae->days = lm->days;
		ae->cause = late;
		ae->reason = ev_printf(c, "%s; %s was done %s late", all, ev_milestone_name(c, late),
				       ev_days(c, lm->days));
	} else if (last != BP_DAY_NONE) {
		ae->reason = ev_printf(c, "%s, the last on %s%s", all, ev_day(c, last),
				       as_reported ? ev_printf(c, " (%zu reported complete with no done date)",
							       as_reported)
						   : "");
	} else {
		ae->reason = ev_printf(c, "%s as reported (no done dates recorded)", all);
		ae->done_as_reported = true;
	}
}

static void action_status(struct eval_ctx *c, struct action_eval *ae, const struct action *a)
{
	ae->action = a;
	ae->n_milestones = a->milestones.n;
	ae->milestones = EV_ARRAY(c, struct milestone_eval, a->milestones.n);
	bp_day last_milestone_due = BP_DAY_NONE;
	for (size_t i = 0; i < a->milestones.n; i++) {
		struct milestone_eval *me = &ae->milestones[i];
		milestone_status(c, me, a->milestones.items[i]);
		if (me->due != BP_DAY_NONE && (last_milestone_due == BP_DAY_NONE || me->due > last_milestone_due))
			last_milestone_due = me->due;
		if (!is_done(me->status))
			ae->milestones_open++;
		if (me->status == EVAL_OVERDUE)
			ae->milestones_overdue++;
	}
	collect_ratings(c, ae, a);
	ae->drift = ev_drift(c, &a->due_changes);

	bp_day own_due = ev_due_day(a->due.when);
	/* the day the action as a whole is due: its own, else its last
	 * milestone's */
	bp_day due = own_due != BP_DAY_NONE ? own_due : last_milestone_due;
	ae->due = due;
	ae->start = BP_DAY_NONE;
	if (a->start.text && when_is_dated(a->start.when))
		ae->start = when_start(a->start.when);

	bp_day d;
	bool after;
	if (done_by(c, &a->done, &d, &after)) {
		ae->done = d;
		ae->reason = done_reason(c, &a->done, d, due, &ae->days, &ae->status);
		ae->meaning = MEANS_COMPLETE;
		return;
	}
	ae->done = BP_DAY_NONE;
	if (!after && ae->n_milestones > 0 && ae->milestones_open == 0) {
		done_by_milestones(c, ae, due);
		return;
	}
	const struct status_def *rc = after ? NULL : reported_complete(ae);
	if (rc && ae->milestones_open == 0) {
		ae->status = EVAL_DONE;
		ae->meaning = MEANS_COMPLETE;
		ae->done_as_reported = true;
		ae->reason = ev_printf(c, "reported %s; no done date recorded", rc->label);
		return;
	}
	const char *said = after || rc || ae->n_ratings ? NULL : position_says_complete(c, &a->position);
	if (said && ae->milestones_open == 0) {
		ae->status = EVAL_DONE;
		ae->meaning = MEANS_COMPLETE;
		ae->done_as_reported = true;
		ae->reason = ev_printf(c, "the position says '%s'; no done date or status recorded",
				       said);
		return;
	}

	/* Open: the action's own dates and each open milestone; the most
	 * pressing decides. */
	struct judged own = judge_open(c, &a->start, &a->due);
	bool own_counts = a->due.text || ae->n_milestones == 0 ||
			  (own.start != BP_DAY_NONE && own.start > c->as_at);
	const struct milestone_eval *cause = NULL;
	for (size_t i = 0; i < ae->n_milestones; i++) {
		const struct milestone_eval *me = &ae->milestones[i];
		if (is_done(me->status))
			continue;
		/* among equals the earliest due decides: the most overdue, the
		 * next due */
		if (!cause || ev_severity(me->status) > ev_severity(cause->status) ||
		    (me->status == cause->status && me->due != BP_DAY_NONE &&
		     (cause->due == BP_DAY_NONE || me->due < cause->due)))
			cause = me;
	}
	if (own_counts && cause) {
		int so = ev_severity(own.status), sm = ev_severity(cause->status);
		/* the action's own dates decide when as pressing, unless a
		 * milestone of the same status falls due earlier */
		if (so > sm || (so == sm && !(cause->due != BP_DAY_NONE &&
					      (own.due == BP_DAY_NONE || cause->due < own.due))))
			cause = NULL;
	}
	enum eval_status best = cause ? cause->status : own_counts ? own.status : EVAL_NO_DATE;
	ae->status = best;
	ae->start = own.start != BP_DAY_NONE ? own.start : ae->start;
	if (!cause) {
		ae->days = own.days;
		ae->reason = own_counts ? own.reason : "no due date on the action or its milestones";
		if (after)
			ae->reason = ev_printf(c, "%s; recorded as done %s, after the report date",
					       ae->reason, ev_day(c, d));
	} else {
		ae->cause = cause->milestone;
		ae->days = cause->days;
		const char *name = ev_milestone_name(c, cause->milestone);
		switch (cause->status) {
		case EVAL_OVERDUE:
			ae->reason = ev_printf(c, "%s was due %s and is not done (%s overdue)", name,
					       ev_day(c, cause->due), ev_days(c, cause->days));
			if (ae->milestones_overdue > 1)
				ae->reason = ev_printf(c, "%s; %zu more milestone%s overdue", ae->reason,
						       ae->milestones_overdue - 1,
						       ae->milestones_overdue == 2 ? " is" : "s are");
			break;
		case EVAL_DUE_SOON:
			ae->reason = cause->due == c->as_at
					     ? ev_printf(c, "%s is due today (%s)", name, ev_day(c, cause->due))
					     : ev_printf(c, "%s is due in %s (%s)", name,
							 ev_days(c, cause->days), ev_day(c, cause->due));
			break;
		case EVAL_ON_TRACK:
			ae->reason = ev_printf(c, "next, %s is due %s, in %s", name, ev_day(c, cause->due),
					       ev_days(c, cause->days));
			break;
		default:
			ae->reason = ev_printf(c, "%s: %s", name, cause->reason);
			break;
		}
	}
	ae->meaning = open_meaning(best);
	if (best == EVAL_OVERDUE && ae->cause && (due == BP_DAY_NONE || due >= c->as_at) &&
	    !(own_counts && own.status == EVAL_OVERDUE))
		ae->meaning = MEANS_AT_RISK;  /* slipping, but not yet past its end */
}

void ev_status_all(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	for (size_t i = 0; i < p->actions.n; i++)
		action_status(c, &c->ev->actions[i], p->actions.items[i]);
}

struct eval_drift ev_drift(struct eval_ctx *c, const struct due_change_vec *v)
{
	struct eval_drift dr = { 0, 0, true, "due date not moved" };
	bp_day prev_to = BP_DAY_NONE;
	const char *now = NULL;
	for (size_t i = 0; i < v->n; i++) {
		const struct due_change *ch = v->items[i];
		if (ch->date.text && when_is_dated(ch->date.when) &&
		    when_start(ch->date.when) > c->as_at)
			continue;
		dr.moves++;
		bp_day from = ch->from.text ? ev_due_day(ch->from.when) : prev_to;
		bp_day to = ev_due_day(ch->to.when);
		if (from != BP_DAY_NONE && to != BP_DAY_NONE)
			dr.days += to - from;
		else
			dr.days_known = false;
		prev_to = to;
		now = ch->to.text;
	}
	if (dr.moves == 0)
		return dr;
	const char *times = dr.moves == 1 ? "once" : dr.moves == 2 ? "twice"
							    : ev_printf(c, "%d times", dr.moves);
	const char *how;
	if (dr.days > 0)
		how = ev_printf(c, ", %s later in all", ev_days(c, dr.days));
	else if (dr.days < 0)
		how = ev_printf(c, ", %s earlier in all", ev_days(c, -dr.days));
	else
		how = dr.days_known ? ", back to where it was" : "";
	if (!dr.days_known)
		how = ev_printf(c, "%s (the size of %s is not recorded)", how,
				dr.moves == 1 ? "the move" : "some moves");
	dr.reason = ev_printf(c, "due date moved %s%s; now '%s'", times, how, now ? now : "?");
	return dr;
}
