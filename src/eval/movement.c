/* Movement since the previous board: both plans evaluated, each as at its
 * own date, and matched by id (docs/evaluation.md, "Movement"). Whatever
 * comes from the previous plan is copied into this plan's arena, so the
 * previous plan can be freed afterwards. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"
#include "eval/internal.h"

/* ---- the list of moves ------------------------------------------------ */

struct moves {
	struct eval_ctx *c;
	const struct plan_eval *prev;
	struct eval_movement *mv;
	size_t cap;
};

static struct eval_move *add(struct moves *ms, enum eval_move_kind kind, enum eval_subject subject)
{
	struct eval_movement *mv = ms->mv;
	if (mv->n_moves == ms->cap) {
		size_t nc = ms->cap ? ms->cap * 2 : 16;
		mv->moves = arena_grow(ms->c->arena, mv->moves, mv->n_moves, nc, sizeof *mv->moves);
		ms->cap = nc;
	}
	struct eval_move *m = &mv->moves[mv->n_moves++];
	memset(m, 0, sizeof *m);
	m->kind = kind;
	m->subject = subject;
	mv->counts[kind]++;
	return m;
}

static const char *copy(struct moves *ms, const char *s)
{
	return s ? arena_strdup(ms->c->arena, s) : NULL;
}

static bool done(enum eval_status s)
{
	return s == EVAL_DONE || s == EVAL_DONE_LATE;
}

static const struct status_def *primary(const struct action_eval *ae)
{
	for (size_t i = 0; i < ae->n_ratings; i++) {
		const struct eval_rating *er = &ae->ratings[i];
		if (!er->ignored && er->status && er->rating->kind != RATING_IMPACT)
			return er->status;
	}
	return NULL;
}

static const char *milestone_id(struct moves *ms, const struct action *a, const struct milestone *m)
{
	if (m->id)
		return m->id;
	return ev_printf(ms->c, "%s#%zu", a->id, m->index + 1);
}

struct subject {
	enum eval_subject kind;
	const char *id, *ref, *text;
};

static void describe(struct eval_move *m, const struct subject *s)
{
	m->subject = s->kind;
	m->id = s->id;
	m->ref = s->ref;
	m->text = s->text;
}

/* What both kinds of item share: completion, becoming overdue, due date.
 * Returns true when a move already explains a change of computed rating. */
static bool compare_item(struct moves *ms, const struct subject *s, enum eval_status now,
			 enum eval_status before, const char *reason, bp_day due_now,
			 bp_day due_before)
{
	struct eval_ctx *c = ms->c;
	bool explained = false;
	if (done(now) && !done(before)) {
		explained = true;
		struct eval_move *m = add(ms, EVAL_MOVE_COMPLETED, s->kind);
		describe(m, s);
		m->from = eval_status_name(before);
		m->to = eval_status_name(now);
		m->reason = ev_printf(c, "completed since the previous board: %s", reason);
	}
	if (now == EVAL_OVERDUE && before != EVAL_OVERDUE) {
		explained = true;
		struct eval_move *m = add(ms, EVAL_MOVE_NEWLY_OVERDUE, s->kind);
		describe(m, s);
		m->from = eval_status_name(before);
		m->to = eval_status_name(now);
		m->reason = ev_printf(c, "overdue now, %s at the previous board: %s",
				      eval_status_words(before), reason);
	}
	if (due_now != BP_DAY_NONE && due_before != BP_DAY_NONE && due_now != due_before) {
		struct eval_move *m = add(ms, EVAL_MOVE_DUE_MOVED, s->kind);
		describe(m, s);
		m->days = (long)due_now - (long)due_before;
		m->from = ev_day_keep(c, due_before);
		m->to = ev_day_keep(c, due_now);
		m->reason = ev_printf(c, "due date moved from %s to %s, %s %s", m->from, m->to,
				      ev_days(c, labs(m->days)), m->days > 0 ? "later" : "earlier");
	}
	return explained;
}

static void compare_rating(struct moves *ms, const struct subject *s, const struct status_def *now,
			   const struct status_def *before, const char *basis)
{
	if (!now || !before || now == before)
		return;
	if (strcmp(now->id, before->id) == 0 && now->label && before->label &&
	    strcmp(now->label, before->label) == 0)
		return;
	int rn = ev_meaning_rank(now->means), rb = ev_meaning_rank(before->means);
	enum eval_move_kind k = rn > rb && rn && rb ? EVAL_MOVE_RATING_UP
				: rn < rb && rn && rb ? EVAL_MOVE_RATING_DOWN
						      : EVAL_MOVE_RATING_CHANGED;
	struct eval_move *m = add(ms, k, s->kind);
	describe(m, s);
	m->from = copy(ms, before->label);
	m->to = now->label;
	m->basis = basis;
	m->reason = ev_printf(ms->c, "%s rating %s from %s to %s", basis,
			      k == EVAL_MOVE_RATING_UP ? "up" : k == EVAL_MOVE_RATING_DOWN ? "down"
											 : "changed",
			      m->from, m->to);
}

static void compare_milestones(struct moves *ms, const struct action_eval *ae,
			       const struct action_eval *pae)
{
	const struct action *a = ae->action, *pa = pae->action;
	bool *matched = xcalloc(pae->n_milestones + 1, sizeof *matched);
	struct strmap ids;
	strmap_init(&ids, pae->n_milestones);
	for (size_t k = 0; k < pae->n_milestones; k++)
		if (pae->milestones[k].milestone->id)
			strmap_put(&ids, pae->milestones[k].milestone->id, &pae->milestones[k]);
	for (size_t i = 0; i < ae->n_milestones; i++) {
		const struct milestone_eval *me = &ae->milestones[i];
		const struct milestone *m = me->milestone;
		/* by id; a milestone with no id by its position */
		const struct milestone_eval *same_id = m->id ? strmap_get(&ids, m->id) : NULL;
		size_t k = m->id ? (same_id ? (size_t)(same_id - pae->milestones) : (size_t)-1) : i;
		const struct milestone_eval *pme = NULL;
		if (k < pae->n_milestones && !matched[k] &&
		    !m->id == !pae->milestones[k].milestone->id) {
			pme = &pae->milestones[k];
			matched[k] = true;
		}
		struct subject s = { EVAL_SUBJECT_MILESTONE, milestone_id(ms, a, m), m->ref,
				     ev_short_text(ms->c, m->text.text, 200) };
		if (!pme) {
			struct eval_move *mv = add(ms, EVAL_MOVE_ADDED, s.kind);
			describe(mv, &s);
			mv->reason = ev_printf(ms->c, "new since the previous board (in %s)",
					       a->ref ? a->ref : a->id);
			continue;
		}
		bool explained = compare_item(ms, &s, me->status, pme->status, me->reason, me->due,
					      pme->due);
		if (me->reported.status && pme->reported.status)
			compare_rating(ms, &s, me->reported.status, pme->reported.status, "reported");
		else if (!explained)
			compare_rating(ms, &s, me->mapped.status, pme->mapped.status, "computed");
	}
	for (size_t k = 0; k < pae->n_milestones; k++) {
		if (matched[k])
			continue;
		const struct milestone *pm = pae->milestones[k].milestone;
		struct subject s = { EVAL_SUBJECT_MILESTONE, copy(ms, milestone_id(ms, pa, pm)),
				     copy(ms, pm->ref), copy(ms, ev_short_text(ms->c, pm->text.text, 200)) };
		struct eval_move *mv = add(ms, EVAL_MOVE_REMOVED, s.kind);
		describe(mv, &s);
		mv->reason = ev_printf(ms->c, "no longer in the plan (was in %s)", a->ref ? a->ref : a->id);
	}
	strmap_release(&ids);
	free(matched);
}

static void actions(struct moves *ms)
{
	struct eval_ctx *c = ms->c;
	const struct plan_eval *ev = c->ev, *prev = ms->prev;
	struct strmap pmap;
	strmap_init(&pmap, prev->n_actions);
	for (size_t i = 0; i < prev->n_actions; i++)
		strmap_put(&pmap, prev->actions[i].action->id, &prev->actions[i]);
	bool *seen = xcalloc(prev->n_actions + 1, sizeof *seen);
	for (size_t i = 0; i < ev->n_actions; i++) {
		const struct action_eval *ae = &ev->actions[i];
		const struct action *a = ae->action;
		struct subject s = { EVAL_SUBJECT_ACTION, a->id, a->ref,
				     ev_short_text(c, a->text.text, 200) };
		const struct action_eval *pae = strmap_get(&pmap, a->id);
		if (!pae) {
			struct eval_move *m = add(ms, EVAL_MOVE_ADDED, s.kind);
			describe(m, &s);
			m->reason = "new since the previous board";
			continue;
		}
		seen[pae - prev->actions] = true;
		bool explained = compare_item(ms, &s, ae->status, pae->status, ae->reason,
					      ev_due_day(a->due.when),
					      ev_due_day(pae->action->due.when));
		const struct status_def *rn = primary(ae), *rb = primary(pae);
		if (rn && rb)
			compare_rating(ms, &s, rn, rb, "reported");
		else if (!explained)
			compare_rating(ms, &s, ae->mapped.status, pae->mapped.status, "computed");
		compare_milestones(ms, ae, pae);
	}
	for (size_t i = 0; i < prev->n_actions; i++) {
		if (seen[i])
			continue;
		const struct action *pa = prev->actions[i].action;
		struct subject s = { EVAL_SUBJECT_ACTION, copy(ms, pa->id), copy(ms, pa->ref),
				     copy(ms, ev_short_text(c, pa->text.text, 200)) };
		struct eval_move *m = add(ms, EVAL_MOVE_REMOVED, s.kind);
		describe(m, &s);
		m->reason = "no longer in the plan";
	}
	free(seen);
	strmap_release(&pmap);
}

static void measures(struct moves *ms)
{
	struct eval_ctx *c = ms->c;
	const struct plan_eval *ev = c->ev, *prev = ms->prev;
	struct strmap pmap;
	strmap_init(&pmap, prev->n_measures);
	for (size_t i = 0; i < prev->n_measures; i++)
		strmap_put(&pmap, prev->measures[i].measure->id, &prev->measures[i]);
	for (size_t i = 0; i < ev->n_measures; i++) {
		const struct measure_eval *me = &ev->measures[i];
		const struct measure *m = me->measure;
		const struct measure_eval *pme = strmap_get(&pmap, m->id);
		if (!pme)
			continue;
		struct subject s = { EVAL_SUBJECT_MEASURE, m->id, m->code, m->name };
		if (me->latest.present && pme->latest.present &&
		    (me->latest.date != pme->latest.date || me->latest.value != pme->latest.value)) {
			double d = me->latest.value - pme->latest.value;
			double eps = 1e-9 * (fabs(pme->latest.value) > 1 ? fabs(pme->latest.value) : 1);
			int sign = d > eps ? 1 : d < -eps ? -1 : 0;
			int better = 0;
			if (m->better == BETTER_HIGHER)
				better = sign;
			else if (m->better == BETTER_LOWER)
				better = -sign;
			else if (m->better == BETTER_IN_LINE && me->rag_reference.present) {
				double r = me->rag_reference.value;
				double dn = fabs(me->latest.value - r), db = fabs(pme->latest.value - r);
				better = dn < db - eps ? 1 : dn > db + eps ? -1 : 0;
			}
			if (better) {
				struct eval_move *mv = add(ms, better > 0 ? EVAL_MOVE_BETTER : EVAL_MOVE_WORSE,
							   s.kind);
				describe(mv, &s);
				mv->delta = d;
				mv->from = ev_value(c, pme->latest.value, m->unit);
				mv->to = ev_value(c, me->latest.value, m->unit);
				mv->reason = ev_printf(c, "%s (%s) against %s (%s) at the previous board: %s",
						       mv->to, ev_day(c, me->latest.date), mv->from,
						       ev_day(c, pme->latest.date),
						       better > 0 ? "better" : "worse");
			}
		}
		if (me->rag != EVAL_RAG_NONE && pme->rag != EVAL_RAG_NONE && me->rag != pme->rag) {
			/* green 1, amber 2, red 3: a lower number is better */
			struct eval_move *mv = add(ms, me->rag < pme->rag ? EVAL_MOVE_RAG_UP
									   : EVAL_MOVE_RAG_DOWN, s.kind);
			describe(mv, &s);
			mv->from = eval_rag_name(pme->rag);
			mv->to = eval_rag_name(me->rag);
			mv->reason = ev_printf(c, "RAG %s from %s to %s",
					       me->rag < pme->rag ? "up" : "down", mv->from, mv->to);
		}
	}
	strmap_release(&pmap);
}

void ev_movement(struct eval_ctx *c, const struct plan_eval *prev, const char *prev_path)
{
	struct eval_movement *mv = arena_new(c->arena, struct eval_movement);
	mv->previous_path = prev_path ? arena_strdup(c->arena, prev_path) : NULL;
	mv->previous_as_at = prev->as_at;
	struct moves ms = { c, prev, mv, 0 };
	actions(&ms);
	measures(&ms);
	c->ev->movement = mv;
}
