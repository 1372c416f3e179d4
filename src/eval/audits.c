/* Audits: each theme's result in each round against its target, and the
 * trend across rounds (docs/evaluation.md, "Audits"). Scores are
 * percentages and higher is better. */
#include <math.h>
#include <string.h>

#include "eval/internal.h"

#define EPS 1e-9

static const char *pct(struct eval_ctx *c, double v)
{
	return ev_value(c, v, UNIT_PERCENT);
}

static const char *round_name(struct eval_ctx *c, const struct audit_round *r)
{
	if (r->label)
		return r->label;
	return r->date.text ? ev_printf(c, "the %s round", r->date.text)
			    : ev_printf(c, "round '%s'", r->id);
}

static struct eval_change change(struct eval_ctx *c, const struct audit_score_eval *from,
				 double to, const char *what)
{
	struct eval_change ch;
	memset(&ch, 0, sizeof ch);
	ch.present = true;
	ch.from = (struct eval_point){ true, from->actual,
				       ev_point_day(from->round->date.when), NULL };
	ch.delta = to - from->actual;
	ch.trend = ch.delta > EPS ? EVAL_TREND_BETTER : ch.delta < -EPS ? EVAL_TREND_WORSE
								: EVAL_TREND_SAME;
	const char *move = ch.trend == EVAL_TREND_SAME
				   ? "unchanged"
				   : ev_printf(c, "%s %s", ch.delta > 0 ? "up" : "down",
					       ev_delta(c, ch.delta, UNIT_PERCENT));
	ch.reason = ev_printf(c, "%s from %s %s(%s)%s", move, pct(c, from->actual), what,
			      round_name(c, from->round),
			      ch.trend == EVAL_TREND_BETTER ? ": better"
			      : ch.trend == EVAL_TREND_WORSE ? ": worse" : "");
	return ch;
}

static double tolerance(const struct plan *p)
{
	return p->has_tolerance ? p->tolerance : 5.0;
}

static void score(struct eval_ctx *c, struct audit_score_eval *se, const struct audit_round *r,
		  const struct audit_score *s, const struct audit_score_eval *prev)
{
	se->round = r;
	se->score = s;
	se->has_actual = s && s->actual.kind == VALUE_NUMBER;
	se->has_target = s && s->target.kind == VALUE_NUMBER;
	if (se->has_actual)
		se->actual = s->actual.number;
	if (se->has_target)
		se->target = s->target.number;
	const struct when *w = r->date.when;
	bool started = when_is_dated(w) && when_start(w) <= c->as_at;
	bool over = when_is_dated(w) && ev_point_day(w) <= c->as_at;
	const char *name = round_name(c, r);
	const char *tgt = se->has_target ? ev_printf(c, "target %s", pct(c, se->target)) : "no target";

	if (se->has_actual && !started) {
		se->has_actual = false;
		se->state = EVAL_SCORE_NOT_YET;
		se->reason = ev_printf(c, "%s is after the report date, though a result is recorded; %s",
				       name, tgt);
		return;
	}
	if (!se->has_actual) {
		const char *tbc = s && s->actual.kind == VALUE_TBC ? " (TBC)" : "";
		if (over) {
			se->state = EVAL_SCORE_MISSING;
			se->reason = ev_printf(c, "no result recorded for %s%s; %s", name, tbc, tgt);
		} else {
			se->state = EVAL_SCORE_NOT_YET;
			se->reason = started ? ev_printf(c, "%s is under way; %s", name, tgt)
					     : ev_printf(c, "%s is after the report date; %s", name, tgt);
		}
		return;
	}
	if (prev)
		se->change = change(c, prev, se->actual, "");
	if (r->baseline) {
		se->state = EVAL_SCORE_BASELINE;
		se->reason = ev_printf(c, "baseline %s", pct(c, se->actual));
		return;
	}
	if (!se->has_target) {
		se->state = EVAL_SCORE_RESULT;
		se->reason = ev_printf(c, "%s in %s; no target to judge it against",
				       pct(c, se->actual), name);
		return;
	}
	se->gap = se->actual - se->target;
	double tol = tolerance(c->plan);
	if (se->gap >= -EPS) {
		se->state = EVAL_SCORE_MET;
		se->rag = EVAL_RAG_GREEN;
		se->reason = se->gap <= EPS ? ev_printf(c, "%s meets the target %s", pct(c, se->actual),
							pct(c, se->target))
					    : ev_printf(c, "%s beats the target %s by %s",
							pct(c, se->actual), pct(c, se->target),
							ev_delta(c, se->gap, UNIT_PERCENT));
	} else {
		se->state = EVAL_SCORE_BELOW;
		se->rag = -se->gap <= tol + EPS ? EVAL_RAG_AMBER : EVAL_RAG_RED;
		se->reason = ev_printf(c, "%s is %s below the target %s, %s the tolerance of %s",
				       pct(c, se->actual), ev_delta(c, se->gap, UNIT_PERCENT),
				       pct(c, se->target),
				       se->rag == EVAL_RAG_AMBER ? "within" : "beyond",
				       ev_delta(c, tol, UNIT_PERCENT));
	}
}

static void theme(struct eval_ctx *c, const struct audit *au, struct audit_theme_eval *te,
		  struct audit_round_eval *rounds)
{
	const struct audit_theme *t = te->theme;
	te->n_scores = au->rounds.n;
	te->scores = arena_array(c->arena, struct audit_score_eval, au->rounds.n ? au->rounds.n : 1);
	const struct audit_score_eval *prev = NULL, *base = NULL;
	for (size_t r = 0; r < au->rounds.n; r++) {
		const struct audit_round *round = au->rounds.items[r];
		const struct audit_score *s = NULL;
		for (size_t k = 0; k < t->scores.n && !s; k++)
			if (t->scores.items[k]->round == round)
				s = t->scores.items[k];
		struct audit_score_eval *se = &te->scores[r];
		score(c, se, round, s, prev);
		switch (se->state) {
		case EVAL_SCORE_MET: rounds[r].met++; break;
		case EVAL_SCORE_BELOW: rounds[r].below++; break;
		case EVAL_SCORE_MISSING: rounds[r].missing++; break;
		default: break;
		}
		if (se->has_actual) {
			rounds[r].results++;
			if (round->baseline && !base)
				base = se;
			prev = se;
			te->latest = (struct eval_point){ true, se->actual,
							  ev_point_day(round->date.when), NULL };
			te->latest_round = round;
		} else if (se->state == EVAL_SCORE_NOT_YET && se->has_target && !te->next_round) {
			te->next_round = round;
			te->next_target = se->target;
		}
	}
	if (!te->latest.present) {
		te->reason = te->next_round
				     ? ev_printf(c, "no result yet; next target %s in %s",
						 pct(c, te->next_target), round_name(c, te->next_round))
				     : "no result yet";
		return;
	}
	const struct audit_score_eval *last = prev;
	if (base && base != last)
		te->since_baseline = change(c, base, last->actual, "at baseline ");
	const struct audit_score_eval *before = NULL;
	for (size_t r = 0; r < au->rounds.n; r++)
		if (&te->scores[r] != last && te->scores[r].has_actual)
			before = &te->scores[r];
		else if (&te->scores[r] == last)
			break;
	if (before)
		te->since_previous = change(c, before, last->actual, "");
	const char *latest = ev_printf(c, "latest %s (%s)", pct(c, last->actual),
				       round_name(c, last->round));
	if (last->state == EVAL_SCORE_MET || last->state == EVAL_SCORE_BELOW)
		latest = ev_printf(c, "%s: %s", latest, last->reason);
	if (te->since_previous.present)
		latest = ev_printf(c, "%s; %s", latest, te->since_previous.reason);
	if (te->next_round) {
		double to_go = te->next_target - last->actual;
		latest = ev_printf(c, "%s; next target %s in %s%s", latest, pct(c, te->next_target),
				   round_name(c, te->next_round),
				   to_go > EPS ? ev_printf(c, ", %s to go",
							   ev_delta(c, to_go, UNIT_PERCENT))
					       : ", already reached");
	}
	te->reason = latest;
}

static void audit(struct eval_ctx *c, struct audit_eval *ae, const struct audit *au)
{
	ae->audit = au;
	ae->n_rounds = au->rounds.n;
	ae->rounds = arena_array(c->arena, struct audit_round_eval, au->rounds.n ? au->rounds.n : 1);
	for (size_t r = 0; r < au->rounds.n; r++) {
		const struct audit_round *round = au->rounds.items[r];
		ae->rounds[r].round = round;
		ae->rounds[r].date = ev_point_day(round->date.when);
		ae->rounds[r].held = when_is_dated(round->date.when) &&
				     when_start(round->date.when) <= c->as_at;
	}
	ae->n_themes = au->themes.n;
	ae->themes = arena_array(c->arena, struct audit_theme_eval, au->themes.n ? au->themes.n : 1);
	for (size_t t = 0; t < au->themes.n; t++) {
		ae->themes[t].theme = au->themes.items[t];
		theme(c, au, &ae->themes[t], ae->rounds);
	}
}

void ev_audits_all(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	for (size_t i = 0; i < p->audits.n; i++)
		audit(c, &c->ev->audits[i], p->audits.items[i]);
}
