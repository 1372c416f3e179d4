/* Roll-ups: counts per area (with the areas below it), per lead, per focus
 * area, per Ofsted recommendation (what answers it and how those are
 * doing) and for the plan (docs/evaluation.md, "Roll-ups"). Every pass is
 * linear in the plan's size: sets are kept with a stamp per target rather
 * than by searching. */
#include <stdlib.h>
#include <string.h>

#include "eval/internal.h"

static const struct eval_rating *primary_rating(const struct action_eval *ae)
{
	for (size_t i = 0; i < ae->n_ratings; i++) {
		const struct eval_rating *er = &ae->ratings[i];
		if (!er->ignored && er->status && er->rating->kind != RATING_IMPACT)
			return er;
	}
	return NULL;
}

static void count_milestone(struct eval_counts *k, const struct milestone_eval *me)
{
	k->milestones++;
	k->milestones_by_status[me->status]++;
	if (me->drift.moves > 0)
		k->drifted++;
}

static void count_action(struct eval_counts *k, const struct action_eval *ae)
{
	k->actions++;
	k->by_status[ae->status]++;
	k->by_meaning[ae->meaning]++;
	const struct eval_rating *r = primary_rating(ae);
	if (r)
		k->reported_by_meaning[r->status->means]++;
	else
		k->unrated++;
	if (ae->challenged)
		k->challenged++;
	if (ae->staleness.state == EVAL_STALE_STALE)
		k->stale++;
	else if (ae->staleness.state == EVAL_STALE_NO_UPDATES)
		k->no_updates++;
	if (ae->drift.moves > 0)
		k->drifted++;
	for (size_t i = 0; i < ae->n_milestones; i++)
		count_milestone(k, &ae->milestones[i]);
	int s = ev_severity(ae->status);
	if (s > 0 && (!k->has_worst || s > ev_severity(k->worst))) {
		k->has_worst = true;
		k->worst = ae->status;
	}
}

static void count_measure(struct eval_counts *k, const struct measure_eval *me)
{
	k->measures++;
	k->measures_by_rag[me->rag]++;
}

static void counts_add(struct eval_counts *k, const struct eval_counts *o)
{
	k->actions += o->actions;
	for (size_t s = 0; s < EVAL_STATUS_COUNT; s++) {
		k->by_status[s] += o->by_status[s];
		k->milestones_by_status[s] += o->milestones_by_status[s];
	}
	for (size_t m = 0; m < EVAL_MEANING_COUNT; m++) {
		k->by_meaning[m] += o->by_meaning[m];
		k->reported_by_meaning[m] += o->reported_by_meaning[m];
	}
	k->unrated += o->unrated;
	k->challenged += o->challenged;
	k->stale += o->stale;
	k->no_updates += o->no_updates;
	k->drifted += o->drifted;
	k->milestones += o->milestones;
	k->measures += o->measures;
	for (size_t r = 0; r < EVAL_RAG_COUNT; r++)
		k->measures_by_rag[r] += o->measures_by_rag[r];
	if (o->has_worst && (!k->has_worst || ev_severity(o->worst) > ev_severity(k->worst))) {
		k->has_worst = true;
		k->worst = o->worst;
	}
}

static const char *measure_words(struct eval_ctx *c, const struct eval_counts *k)
{
	static const enum eval_rag rags[] = { EVAL_RAG_RED, EVAL_RAG_AMBER, EVAL_RAG_GREEN,
					      EVAL_RAG_NONE };
	const char *s = ev_printf(c, "%zu measure%s", k->measures, k->measures == 1 ? "" : "s");
	const char *sep = ": ";
	for (size_t i = 0; i < 4; i++) {
		size_t n = k->measures_by_rag[rags[i]];
		if (!n)
			continue;
		s = ev_printf(c, "%s%s%zu %s", s, sep, n,
			      rags[i] == EVAL_RAG_NONE ? "not rated" : eval_rag_name(rags[i]));
		sep = ", ";
	}
	return s;
}

const char *ev_counts_words(struct eval_ctx *c, const struct eval_counts *k)
{
	static const enum eval_status order[] = {
		EVAL_OVERDUE, EVAL_DUE_SOON, EVAL_ON_TRACK, EVAL_NOT_STARTED, EVAL_ONGOING,
		EVAL_RECURRING, EVAL_TBC, EVAL_NO_DATE, EVAL_DONE_LATE, EVAL_DONE
	};
	const char *s = ev_printf(c, "%zu action%s", k->actions, k->actions == 1 ? "" : "s");
	const char *sep = ": ";
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		size_t n = k->by_status[order[i]];
		if (!n)
			continue;
		s = ev_printf(c, "%s%s%zu %s", s, sep, n, eval_status_words(order[i]));
		sep = ", ";
	}
	if (k->challenged)
		s = ev_printf(c, "%s; %zu with a rating kinder than the dates allow", s, k->challenged);
	if (k->stale)
		s = ev_printf(c, "%s; %zu stale", s, k->stale);
	if (k->measures)
		s = ev_printf(c, "%s; %s", s, measure_words(c, k));
	return s;
}

/* ---- areas ------------------------------------------------------------ */

static void areas(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	for (size_t i = 0; i < p->actions.n; i++)
		for (const struct area *ar = p->actions.items[i]->area; ar; ar = ar->parent)
			count_action(&ev->areas[ar->index].counts, &ev->actions[i]);
	size_t *stamp = xcalloc(p->all_areas.n ? p->all_areas.n : 1, sizeof *stamp);
	for (size_t i = 0; i < p->measures.n; i++) {
		const struct measure *m = p->measures.items[i];
		for (size_t k = 0; k < m->areas.n; k++)
			for (const struct area *ar = m->areas.targets[k]; ar; ar = ar->parent) {
				if (stamp[ar->index] == i + 1)
					break;
				stamp[ar->index] = i + 1;
				count_measure(&ev->areas[ar->index].counts, &ev->measures[i]);
			}
	}
	free(stamp);
	for (size_t i = 0; i < ev->n_areas; i++)
		ev->areas[i].reason = ev_counts_words(c, &ev->areas[i].counts);
}

/* ---- leads ------------------------------------------------------------ */

static void leads(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	struct ptr_index ix;
	ptr_index_init(&ix, p->people.n);
	for (size_t i = 0; i < p->people.n; i++) {
		ptr_index_put(&ix, p->people.items[i], i);
		ev->leads[i].person = p->people.items[i];
	}
	size_t *stamp = xcalloc(p->people.n ? p->people.n : 1, sizeof *stamp);
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		const struct action_eval *ae = &ev->actions[i];
		for (size_t k = 0; k < a->leads.n; k++) {
			size_t li = ptr_index_get(&ix, a->leads.targets[k]);
			if (li == (size_t)-1 || stamp[li] == i + 1)
				continue;
			stamp[li] = i + 1;
			count_action(&ev->leads[li].counts, ae);
		}
		/* milestones led by someone who does not lead the action */
		for (size_t m = 0; m < a->milestones.n; m++) {
			const struct milestone *ms = a->milestones.items[m];
			for (size_t k = 0; k < ms->leads.n; k++) {
				size_t li = ptr_index_get(&ix, ms->leads.targets[k]);
				if (li == (size_t)-1 || stamp[li] == i + 1)
					continue;
				count_milestone(&ev->leads[li].counts, &ae->milestones[m]);
			}
		}
	}
	for (size_t i = 0; i < p->measures.n; i++) {
		const struct measure *m = p->measures.items[i];
		for (size_t k = 0; k < m->owner.n; k++) {
			size_t li = ptr_index_get(&ix, m->owner.targets[k]);
			if (li != (size_t)-1)
				count_measure(&ev->leads[li].counts, &ev->measures[i]);
		}
	}
	free(stamp);
	ptr_index_release(&ix);
	for (size_t i = 0; i < ev->n_leads; i++)
		ev->leads[i].reason = ev_counts_words(c, &ev->leads[i].counts);
}

/* ---- focus areas -------------------------------------------------------- */

static void mark_focus(const struct ptr_index *ix, const struct refs *r, size_t *stamp,
		       size_t key, struct focus_eval *fe, const struct action_eval *ae,
		       const struct measure_eval *me)
{
	for (size_t k = 0; k < r->n; k++) {
		size_t fi = ptr_index_get(ix, r->targets[k]);
		if (fi == (size_t)-1 || stamp[fi] == key)
			continue;
		stamp[fi] = key;
		if (ae)
			count_action(&fe[fi].counts, ae);
		else
			count_measure(&fe[fi].counts, me);
	}
}

static void focus(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	struct ptr_index ix;
	ptr_index_init(&ix, p->focus_areas.n);
	for (size_t i = 0; i < p->focus_areas.n; i++) {
		ptr_index_put(&ix, p->focus_areas.items[i], i);
		ev->focus[i].focus = p->focus_areas.items[i];
	}
	size_t *stamp = xcalloc(p->focus_areas.n ? p->focus_areas.n : 1, sizeof *stamp);
	size_t key = 0;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		key++;
		mark_focus(&ix, &a->focus, stamp, key, ev->focus, &ev->actions[i], NULL);
		for (const struct area *ar = a->area; ar; ar = ar->parent)
			mark_focus(&ix, &ar->focus, stamp, key, ev->focus, &ev->actions[i], NULL);
	}
	for (size_t i = 0; i < p->measures.n; i++) {
		key++;
		mark_focus(&ix, &p->measures.items[i]->focus, stamp, key, ev->focus, NULL,
			   &ev->measures[i]);
	}
	free(stamp);
	ptr_index_release(&ix);
	for (size_t i = 0; i < ev->n_focus; i++)
		ev->focus[i].reason = ev_counts_words(c, &ev->focus[i].counts);
}

/* ---- recommendations ---------------------------------------------------- */

struct rec_pass {
	struct eval_ctx *c;
	struct ptr_index recs, focus;
	size_t *stamp;
	size_t key;
	bool fill;
	size_t *n_actions, *n_measures, *n_areas;
};

static void rec_refs(struct rec_pass *rp, const struct refs *r, const struct action *a,
		     const struct measure *m, const struct area *ar)
{
	struct plan_eval *ev = rp->c->ev;
	for (size_t k = 0; k < r->n; k++) {
		size_t ri = ptr_index_get(&rp->recs, r->targets[k]);
		if (ri == (size_t)-1 || rp->stamp[ri] == rp->key)
			continue;
		rp->stamp[ri] = rp->key;
		struct recommendation_eval *re = &ev->recommendations[ri];
		if (a) {
			if (rp->fill) {
				re->actions[re->n_actions++] = a;
				count_action(&re->counts, &ev->actions[a->index]);
			} else {
				rp->n_actions[ri]++;
			}
		} else if (m) {
			if (rp->fill) {
				re->measures[re->n_measures++] = m;
				count_measure(&re->counts, &ev->measures[m->index]);
			} else {
				rp->n_measures[ri]++;
			}
		} else if (ar) {
			if (rp->fill)
				re->areas[re->n_areas++] = ar;
			else
				rp->n_areas[ri]++;
		}
	}
}

/* The recommendations a focus area answers, for an action or measure. */
static void rec_via_focus(struct rec_pass *rp, const struct refs *focus, const struct action *a,
			  const struct measure *m)
{
	for (size_t k = 0; k < focus->n; k++) {
		const struct focus_area *fa = focus->targets[k];
		if (fa)
			rec_refs(rp, &fa->recommendations, a, m, NULL);
	}
}

static void rec_pass(struct rec_pass *rp)
{
	const struct plan *p = rp->c->plan;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		if (a->all_recommendations)
			continue;   /* counted once for every recommendation */
		rp->key++;
		rec_refs(rp, &a->recommendations, a, NULL, NULL);
		rec_via_focus(rp, &a->focus, a, NULL);
		for (const struct area *ar = a->area; ar; ar = ar->parent) {
			rec_refs(rp, &ar->recommendations, a, NULL, NULL);
			rec_via_focus(rp, &ar->focus, a, NULL);
		}
	}
	for (size_t i = 0; i < p->measures.n; i++) {
		const struct measure *m = p->measures.items[i];
		rp->key++;
		rec_refs(rp, &m->recommendations, NULL, m, NULL);
		rec_via_focus(rp, &m->focus, NULL, m);
		for (size_t k = 0; k < m->outcomes.n; k++) {
			const struct outcome *o = m->outcomes.targets[k];
			if (o)
				rec_refs(rp, &o->recommendations, NULL, m, NULL);
		}
	}
	for (size_t i = 0; i < p->all_areas.n; i++) {
		rp->key++;
		rec_refs(rp, &p->all_areas.items[i]->recommendations, NULL, NULL, p->all_areas.items[i]);
	}
	/* areas a recommendation names itself */
	for (size_t i = 0; i < p->recommendations.n; i++) {
		const struct recommendation *r = p->recommendations.items[i];
		for (size_t k = 0; k < r->areas.n; k++) {
			const struct area *ar = r->areas.targets[k];
			if (!ar)
				continue;
			struct recommendation_eval *re = &rp->c->ev->recommendations[i];
			bool seen = false;
			if (rp->fill)
				for (size_t q = 0; q < re->n_areas && !seen; q++)
					seen = re->areas[q] == ar;
			if (seen)
				continue;
			if (rp->fill)
				re->areas[re->n_areas++] = ar;
			else
				rp->n_areas[i]++;
		}
	}
}

static void recommendations(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	size_t n = p->recommendations.n;
	struct rec_pass rp;
	memset(&rp, 0, sizeof rp);
	rp.c = c;
	ptr_index_init(&rp.recs, n);
	for (size_t i = 0; i < n; i++) {
		ptr_index_put(&rp.recs, p->recommendations.items[i], i);
		ev->recommendations[i].recommendation = p->recommendations.items[i];
	}
	rp.stamp = xcalloc(n ? n : 1, sizeof *rp.stamp);
	rp.n_actions = xcalloc(n ? n : 1, sizeof *rp.n_actions);
	rp.n_measures = xcalloc(n ? n : 1, sizeof *rp.n_measures);
	rp.n_areas = xcalloc(n ? n : 1, sizeof *rp.n_areas);
	rec_pass(&rp);
	for (size_t i = 0; i < n; i++) {
		struct recommendation_eval *re = &ev->recommendations[i];
		re->actions = arena_array(c->arena, const struct action *, rp.n_actions[i] + 1);
		re->measures = arena_array(c->arena, const struct measure *, rp.n_measures[i] + 1);
		re->areas = arena_array(c->arena, const struct area *, rp.n_areas[i] + 1);
		rp.stamp[i] = 0;
	}
	rp.fill = true;
	rp.key = 0;
	rec_pass(&rp);

	/* actions that answer every recommendation */
	size_t n_all = 0;
	for (size_t i = 0; i < p->actions.n; i++)
		n_all += p->actions.items[i]->all_recommendations;
	ev->all_recommendation_actions = arena_array(c->arena, const struct action *, n_all + 1);
	struct eval_counts all;
	memset(&all, 0, sizeof all);
	for (size_t i = 0; i < p->actions.n; i++)
		if (p->actions.items[i]->all_recommendations) {
			ev->all_recommendation_actions[ev->n_all_recommendation_actions++] =
				p->actions.items[i];
			count_action(&all, &ev->actions[i]);
		}

	for (size_t i = 0; i < n; i++) {
		struct recommendation_eval *re = &ev->recommendations[i];
		re->n_all = n_all;
		counts_add(&re->counts, &all);
		re->addressed = re->n_actions + re->n_all > 0;
		const char *by = ev_counts_words(c, &re->counts);
		if (!re->addressed)
			re->reason = re->n_measures
					     ? ev_printf(c, "no action answers this recommendation; it is "
							 "tracked by %s", measure_words(c, &re->counts))
					     : "no action answers this recommendation";
		else
			re->reason = n_all && re->n_all
					     ? ev_printf(c, "answered by %s (%zu of them answering every "
							 "recommendation)", by, re->n_all)
					     : ev_printf(c, "answered by %s", by);
	}
	free(rp.stamp);
	free(rp.n_actions);
	free(rp.n_measures);
	free(rp.n_areas);
	ptr_index_release(&rp.recs);
}

void ev_rollup_all(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	for (size_t i = 0; i < ev->n_areas; i++)
		ev->areas[i].area = p->all_areas.items[i];
	areas(c);
	leads(c);
	focus(c);
	recommendations(c);
	memset(&ev->totals, 0, sizeof ev->totals);
	for (size_t i = 0; i < ev->n_actions; i++)
		count_action(&ev->totals, &ev->actions[i]);
	for (size_t i = 0; i < ev->n_measures; i++)
		count_measure(&ev->totals, &ev->measures[i]);
}
