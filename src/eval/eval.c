/* evaluate_plan(): the report date, the due-soon window and the update
 * cadence, then each part of the evaluation in turn. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "eval/internal.h"

#define DEFAULT_DUE_SOON 14
#define DEFAULT_CADENCE_DAYS 31

const char *eval_status_name(enum eval_status s)
{
	switch (s) {
	case EVAL_DONE: return "done";
	case EVAL_DONE_LATE: return "done-late";
	case EVAL_ON_TRACK: return "on-track";
	case EVAL_DUE_SOON: return "due-soon";
	case EVAL_OVERDUE: return "overdue";
	case EVAL_NOT_STARTED: return "not-started";
	case EVAL_NO_DATE: return "no-date";
	case EVAL_TBC: return "tbc";
	case EVAL_ONGOING: return "ongoing";
	case EVAL_RECURRING: return "recurring";
	}
	return "no-date";
}

const char *eval_status_words(enum eval_status s)
{
	switch (s) {
	case EVAL_DONE: return "done";
	case EVAL_DONE_LATE: return "done late";
	case EVAL_ON_TRACK: return "on track";
	case EVAL_DUE_SOON: return "due soon";
	case EVAL_OVERDUE: return "overdue";
	case EVAL_NOT_STARTED: return "not started";
	case EVAL_NO_DATE: return "no due date";
	case EVAL_TBC: return "date to be confirmed";
	case EVAL_ONGOING: return "ongoing";
	case EVAL_RECURRING: return "recurring";
	}
	return "no due date";
}

const char *eval_rag_name(enum eval_rag r)
{
	switch (r) {
	case EVAL_RAG_GREEN: return "green";
	case EVAL_RAG_AMBER: return "amber";
	case EVAL_RAG_RED: return "red";
	case EVAL_RAG_NONE: break;
	}
	return "none";
}

const char *eval_trend_name(enum eval_trend t)
{
	switch (t) {
	case EVAL_TREND_BETTER: return "better";
	case EVAL_TREND_SAME: return "same";
	case EVAL_TREND_WORSE: return "worse";
	case EVAL_TREND_UP: return "up";
	case EVAL_TREND_DOWN: return "down";
	case EVAL_TREND_NONE: break;
	}
	return "none";
}

const char *eval_stale_name(enum eval_stale_state s)
{
	switch (s) {
	case EVAL_STALE_CURRENT: return "current";
	case EVAL_STALE_STALE: return "stale";
	case EVAL_STALE_NO_UPDATES: return "no-updates";
	case EVAL_STALE_NOT_APPLICABLE: break;
	}
	return "not-applicable";
}

const char *eval_score_state_name(enum eval_score_state s)
{
	switch (s) {
	case EVAL_SCORE_BASELINE: return "baseline";
	case EVAL_SCORE_MET: return "met";
	case EVAL_SCORE_BELOW: return "below";
	case EVAL_SCORE_RESULT: return "result";
	case EVAL_SCORE_MISSING: return "missing";
	case EVAL_SCORE_NOT_YET: break;
	}
	return "not-yet";
}

const char *eval_move_name(enum eval_move_kind k)
{
	switch (k) {
	case EVAL_MOVE_ADDED: return "added";
	case EVAL_MOVE_REMOVED: return "removed";
	case EVAL_MOVE_COMPLETED: return "completed";
	case EVAL_MOVE_NEWLY_OVERDUE: return "newly-overdue";
	case EVAL_MOVE_RATING_UP: return "rating-up";
	case EVAL_MOVE_RATING_DOWN: return "rating-down";
	case EVAL_MOVE_RATING_CHANGED: return "rating-changed";
	case EVAL_MOVE_DUE_MOVED: return "due-moved";
	case EVAL_MOVE_BETTER: return "better";
	case EVAL_MOVE_WORSE: return "worse";
	case EVAL_MOVE_RAG_UP: return "rag-up";
	case EVAL_MOVE_RAG_DOWN: return "rag-down";
	}
	return "changed";
}

const char *eval_subject_name(enum eval_subject s)
{
	switch (s) {
	case EVAL_SUBJECT_MILESTONE: return "milestone";
	case EVAL_SUBJECT_MEASURE: return "measure";
	case EVAL_SUBJECT_ACTION: break;
	}
	return "action";
}

void eval_options_init(struct eval_options *opt)
{
	opt->as_at = BP_DAY_NONE;
	opt->due_soon_days = -1;
	opt->previous = NULL;
}

/* A whole number of days written as the cadence ("21"), or -1. */
static long days_written(const char *s)
{
	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	long n = 0;
	for (; isdigit((unsigned char)*s); s++) {
		n = n * 10 + (*s - '0');
		if (n > 100000)
			return -1;
	}
	while (*s == ' ')
		s++;
	if (strncmp(s, "days", 4) == 0)
		s += 4;
	while (*s == ' ')
		s++;
	return *s ? -1 : n;
}

static int cadence_of(struct eval_ctx *c, const char *text)
{
	long n = days_written(text);
	if (n > 0)
		return (int)n;
	struct when w;
	struct when_context ctx = { c->as_at };
	when_parse(text, &ctx, &w);
	if (w.kind == WHEN_CADENCE && when_cadence_days(w.cadence) > 0)
		return when_cadence_days(w.cadence);
	return -1;
}

static void cadence(struct eval_ctx *c)
{
	struct plan_eval *ev = c->ev;
	const struct governance *g = &c->plan->governance;
	ev->cadence_days = DEFAULT_CADENCE_DAYS;
	ev->cadence_source = "default";
	if (g->update_cadence) {
		int d = cadence_of(c, g->update_cadence);
		if (d > 0) {
			ev->cadence_days = d;
			ev->cadence_source = "update-cadence";
			ev->cadence_text = g->update_cadence;
			return;
		}
		diag_add(c->diags, DIAG_WARNING, g->loc.file, g->loc.file_order, g->loc.line,
			 "update-cadence '%s' is neither a cadence (Weekly, Monthly, Quarterly …) nor "
			 "a number of days; staleness uses %d days", g->update_cadence,
			 DEFAULT_CADENCE_DAYS);
		return;
	}
	if (g->cadence) {
		int d = cadence_of(c, g->cadence);
		if (d > 0) {
			ev->cadence_days = d;
			ev->cadence_source = "board cadence";
			ev->cadence_text = g->cadence;
		}
	}
}

struct plan_eval *evaluate_plan(const struct plan *plan, const struct eval_options *opt,
				struct diag_list *diags)
{
	struct eval_ctx c;
	memset(&c, 0, sizeof c);
	c.plan = plan;
	c.arena = plan->arena;
	c.diags = diags;
	const char *as_at_source = "command line";
	c.as_at = opt->as_at;
	if (c.as_at == BP_DAY_NONE && plan->as_at.text && plan->as_at.when->kind == WHEN_POINT) {
		c.as_at = when_due(plan->as_at.when);
		as_at_source = "plan";
	}
	if (c.as_at == BP_DAY_NONE) {
		diag_add(diags, DIAG_ERROR, plan->loc.file, plan->loc.file_order, plan->loc.line,
			 "no report date: the plan has no usable as-at date; give --as-at DATE");
		return NULL;
	}
	struct plan_eval *ev = arena_new(c.arena, struct plan_eval);
	c.ev = ev;
	ev->plan = plan;
	ev->as_at = c.as_at;
	ev->as_at_source = as_at_source;
	if (opt->due_soon_days >= 0) {
		ev->due_soon_days = opt->due_soon_days;
		ev->due_soon_source = "command line";
	} else if (plan->due_soon_days >= 0) {
		ev->due_soon_days = plan->due_soon_days;
		ev->due_soon_source = "plan";
	} else {
		ev->due_soon_days = DEFAULT_DUE_SOON;
		ev->due_soon_source = "default";
	}
	c.due_soon = ev->due_soon_days;
	cadence(&c);

	ev->n_actions = plan->actions.n;
	ev->actions = arena_array(c.arena, struct action_eval, ev->n_actions + 1);
	ev->n_measures = plan->measures.n;
	ev->measures = arena_array(c.arena, struct measure_eval, ev->n_measures + 1);
	ev->n_audits = plan->audits.n;
	ev->audits = arena_array(c.arena, struct audit_eval, ev->n_audits + 1);
	ev->n_areas = plan->all_areas.n;
	ev->areas = arena_array(c.arena, struct area_eval, ev->n_areas + 1);
	ev->n_leads = plan->people.n;
	ev->leads = arena_array(c.arena, struct lead_eval, ev->n_leads + 1);
	ev->n_focus = plan->focus_areas.n;
	ev->focus = arena_array(c.arena, struct focus_eval, ev->n_focus + 1);
	ev->n_recommendations = plan->recommendations.n;
	ev->recommendations = arena_array(c.arena, struct recommendation_eval,
					  ev->n_recommendations + 1);

	ev_status_all(&c);
	ev_scheme_all(&c);
	ev_staleness_all(&c);
	ev_measures_all(&c);
	ev_audits_all(&c);
	ev_rollup_all(&c);

	if (opt->previous) {
		const struct plan *prev = opt->previous;
		struct eval_options po = *opt;
		po.as_at = BP_DAY_NONE;
		po.previous = NULL;
		if (!(prev->as_at.text && prev->as_at.when->kind == WHEN_POINT)) {
			po.as_at = c.as_at;
			diag_add(diags, DIAG_WARNING, prev->loc.file, prev->loc.file_order, prev->loc.line,
				 "the previous plan has no as-at date: it is evaluated as at the report "
				 "date, so movement shows changes to the plan only");
		}
		const struct plan_eval *pev = evaluate_plan(prev, &po, diags);
		if (pev) {
			if (pev->as_at > c.as_at)
				diag_add(diags, DIAG_WARNING, prev->loc.file, prev->loc.file_order,
					 prev->loc.line, "the previous plan's as-at date (%s) is after "
					 "the report date (%s)", ev_day(&c, pev->as_at),
					 ev_day(&c, c.as_at));
			ev_movement(&c, pev, prev->path);
		}
	}
	return ev;
}
