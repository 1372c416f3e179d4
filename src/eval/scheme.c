/* Computed statuses on the plan's own scheme, reported ratings beside
 * them, challenges, and rule-based (criteria) schemes
 * (docs/evaluation.md, "Schemes" and "Challenge"). */
#include <string.h>

#include "eval/internal.h"

static const struct status_def *first_with(const struct scheme *s, enum status_meaning m)
{
	for (size_t i = 0; i < s->statuses.n; i++)
		if (s->statuses.items[i]->means == m)
			return s->statuses.items[i];
	return NULL;
}

/* The meaning used when the scheme has no status of the one wanted. */
static bool fallback(enum status_meaning m, enum status_meaning *out)
{
	switch (m) {
	case MEANS_COMPLETE: *out = MEANS_ON_TRACK; return true;
	case MEANS_AT_RISK: *out = MEANS_OFF_TRACK; return true;
	case MEANS_OFF_TRACK: *out = MEANS_AT_RISK; return true;
	case MEANS_NOT_STARTED: *out = MEANS_NOT_APPLICABLE; return true;
	case MEANS_ON_TRACK: case MEANS_NOT_APPLICABLE: break;
	}
	return false;
}

const struct status_def *ev_scheme_status_for(const struct scheme *s, enum status_meaning m)
{
	if (!s)
		return NULL;
	const struct status_def *st = first_with(s, m);
	enum status_meaning f;
	if (!st && fallback(m, &f))
		st = first_with(s, f);
	return st;
}

static const struct scheme *plan_scheme(const struct plan *p)
{
	if (p->default_scheme)
		return p->default_scheme;
	return p->schemes.n == 1 ? p->schemes.items[0] : NULL;
}

static struct eval_mapped map_uncached(struct eval_ctx *c, const struct scheme *s,
				       enum eval_status st, enum status_meaning m)
{
	struct eval_mapped mp = { s, NULL, NULL };
	if (!s) {
		mp.reason = "the plan declares no status scheme";
		return mp;
	}
	mp.status = ev_scheme_status_for(s, m);
	const char *scheme_name = s->name ? s->name : s->id;
	if (!mp.status)
		mp.reason = ev_printf(c, "%s means %s, and scheme '%s' has no status for that",
				      eval_status_words(st), status_meaning_name(m), scheme_name);
	else if (mp.status->means == m)
		mp.reason = ev_printf(c, "%s means %s: %s", eval_status_words(st),
				      status_meaning_name(m), mp.status->label);
	else
		mp.reason = ev_printf(c, "%s means %s; scheme '%s' has no status for that, so the "
				      "nearest, %s (%s), is used", eval_status_words(st),
				      status_meaning_name(m), scheme_name, mp.status->label,
				      status_meaning_name(mp.status->means));
	return mp;
}

/* The mapping depends only on the scheme, the status and its meaning, so
 * it is worked out once for each and shared. */
static struct eval_mapped map_status(struct eval_ctx *c, const struct scheme *s,
				     enum eval_status st, enum status_meaning m)
{
	size_t k = 0;
	while (k < c->n_mapped_schemes && c->mapped_schemes[k] != s)
		k++;
	if (k == c->n_mapped_schemes) {
		if (k == c->plan->schemes.n + 1)
			return map_uncached(c, s, st, m);   /* a scheme from elsewhere */
		c->mapped_schemes[k] = s;
		c->n_mapped_schemes++;
	}
	struct eval_mapped *slot =
		&c->mapped_cache[(k * EVAL_STATUS_COUNT + st) * EVAL_MEANING_COUNT + m];
	if (!slot->reason)
		*slot = map_uncached(c, s, st, m);
	return *slot;
}

/* Kinder: the reported meaning ranks above the computed one, both being
 * ranked (not-applicable on either side is never challenged). */
static bool kinder(enum status_meaning reported, enum status_meaning computed)
{
	int r = ev_meaning_rank(reported), k = ev_meaning_rank(computed);
	return r > 0 && k > 0 && r > k;
}

/* The computed meaning as the rating's scheme can say it: a scheme with no
 * off-track status cannot rate an overdue item worse than at risk, so a
 * rating of at risk is not kinder than the dates there. */
static enum status_meaning expressible(const struct scheme *s, enum status_meaning m)
{
	const struct status_def *st = ev_scheme_status_for(s, m);
	return st ? st->means : m;
}

/* What the dates say against a kinder rating of an action. */
static const char *action_evidence(struct eval_ctx *c, const struct action_eval *ae)
{
	if (ae->status == EVAL_OVERDUE)
		return ae->cause ? ae->reason : ev_printf(c, "it %s", ae->reason);
	if (ae->cause) {
		const struct milestone_eval *me = &ae->milestones[ae->cause->index];
		const char *name = ev_milestone_name(c, ae->cause);
		if (ae->milestones_open > 1)
			return ev_printf(c, "%zu milestones are not done; the next, %s, is %s",
					 ae->milestones_open, name, me->reason);
		return ev_printf(c, "%s is not done (%s)", name, me->reason);
	}
	return ev_printf(c, "it is not done (%s)", ae->reason);
}

static void criteria_eval(struct eval_ctx *c, struct action_eval *ae, const struct action *a)
{
	const struct criteria_met *cm = &a->criteria;
	struct eval_criteria *ec = &ae->criteria;
	if (!cm->present)
		return;
	ec->present = true;
	const struct scheme *s = cm->scheme ? cm->scheme : plan_scheme(c->plan);
	ec->scheme = s;
	if (!s || s->criteria.n == 0) {
		ec->reason = "the scheme has no criteria to count";
		return;
	}
	ec->total = s->criteria.n;
	ec->missing = arena_array(c->arena, const char *, s->criteria.n);
	const struct criterion *critical = NULL;
	for (size_t i = 0; i < s->criteria.n; i++) {
		const struct criterion *cr = s->criteria.items[i];
		bool met = false;
		for (size_t k = 0; k < cm->met.n && !met; k++)
			met = cm->met.targets[k] == cr;
		if (met) {
			ec->met++;
			continue;
		}
		ec->missing[ec->n_missing++] = cr->text ? cr->text : cr->id;
		if (cr->critical && !critical) {
			critical = cr;
			ec->critical_missing = true;
		}
	}
	const struct scheme_rule *rule = NULL;
	for (size_t i = 0; i < s->rules.n && ec->critical_missing && !rule; i++)
		if (s->rules.items[i]->kind == RULE_CRITICAL_MISSING)
			rule = s->rules.items[i];
	for (size_t i = 0; i < s->rules.n && !rule; i++) {
		const struct scheme_rule *r = s->rules.items[i];
		if ((r->kind == RULE_MISSING && (long)ec->n_missing == r->count) ||
		    (r->kind == RULE_MISSING_AT_LEAST && (long)ec->n_missing >= r->count))
			rule = r;
	}
	const char *list = "";
	for (size_t i = 0; i < ec->n_missing; i++)
		list = ev_printf(c, "%s%s'%s'", list, i ? ", " : "", ec->missing[i]);
	const char *in_place = ev_printf(c, "%zu of %zu criteria in place", ec->met, ec->total);
	if (ec->n_missing)
		in_place = ev_printf(c, "%s; not in place: %s", in_place, list);
	if (!rule || !rule->status) {
		ec->reason = ev_printf(c, "%s; no rule of the scheme applies", in_place);
		return;
	}
	ec->status = rule->status;
	const char *why;
	switch (rule->kind) {
	case RULE_CRITICAL_MISSING:
		why = ev_printf(c, "a critical criterion ('%s') is not in place",
				critical->text ? critical->text : critical->id);
		break;
	case RULE_MISSING:
		why = rule->count == 0 ? "all are in place"
				       : ev_printf(c, "%ld %s not in place", rule->count,
						   rule->count == 1 ? "is" : "are");
		break;
	default:
		why = ev_printf(c, "%ld or more are not in place", rule->count);
		break;
	}
	ec->reason = ev_printf(c, "%s; %s, so the rules give %s", in_place, why, rule->status->label);
}

static void action_scheme(struct eval_ctx *c, struct action_eval *ae)
{
	const struct action *a = ae->action;
	const struct scheme *s = NULL;
	for (size_t i = 0; i < a->ratings.n && !s; i++)
		if (a->ratings.items[i]->kind != RATING_IMPACT)
			s = a->ratings.items[i]->scheme;
	if (!s)
		s = plan_scheme(c->plan);
	ae->mapped = map_status(c, s, ae->status, ae->meaning);

	criteria_eval(c, ae, a);

	for (size_t i = 0; i < ae->n_milestones; i++) {
		struct milestone_eval *me = &ae->milestones[i];
		const struct milestone *m = me->milestone;
		const struct scheme *ms = m->scheme ? m->scheme : s;
		me->mapped = map_status(c, ms, me->status, me->meaning);
		const struct status_def *rs = me->reported.status;
		if (rs && kinder(rs->means, expressible(rs->scheme, me->meaning))) {
			me->reported.challenged = true;
			me->reported.challenge = ev_printf(c, "reported %s, but it %s", rs->label, me->reason);
			ae->challenged = true;
		}
	}

	for (size_t i = 0; i < ae->n_ratings; i++) {
		struct eval_rating *er = &ae->ratings[i];
		if (er->ignored || !er->status || er->rating->kind == RATING_IMPACT)
			continue;
		const char *why = NULL;
		if (kinder(er->status->means, expressible(er->status->scheme, ae->meaning)))
			why = action_evidence(c, ae);
		const struct eval_criteria *ec = &ae->criteria;
		if (ec->status && er->status->scheme == ec->scheme &&
		    kinder(er->status->means, expressible(er->status->scheme, ec->status->means))) {
			why = why ? ev_printf(c, "%s; and %s", why, ec->reason) : ec->reason;
		}
		if (why) {
			er->challenged = true;
			er->challenge = ev_printf(c, "reported %s, but %s", er->status->label, why);
			ae->challenged = true;
		}
	}
}

void ev_scheme_all(struct eval_ctx *c)
{
	size_t n = c->plan->schemes.n + 1;   /* every scheme, and none */
	c->mapped_schemes = arena_array(c->arena, const struct scheme *, n);
	c->mapped_cache = arena_array(c->arena, struct eval_mapped,
				      n * EVAL_STATUS_COUNT * EVAL_MEANING_COUNT);
	for (size_t i = 0; i < c->ev->n_actions; i++)
		action_scheme(c, &c->ev->actions[i]);
}
