/* Roll-ups: counts per area (with the areas below it), per lead, per focus
 * area, per Ofsted recommendation (what answers it and how those are
 * doing) and for the plan (docs/evaluation.md, "Roll-ups"). Every pass is
 * linear in the plan's size: sets are kept with a stamp per target rather
 * than by searching. */
#include <stdint.h>
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

/* What one action adds to any count it belongs to, worked out once: the
 * passes below read these small records rather than each action's
 * results and milestones again. */
struct contrib {
	uint8_t status, meaning, reported;   /* reported: EVAL_MEANING_COUNT for none */
	bool challenged, stale, no_updates;
	uint32_t drifted;
	uint32_t milestones;
	uint32_t milestones_by_status[EVAL_STATUS_COUNT];
};

static void make_contrib(struct contrib *cb, const struct action_eval *ae)
{
	cb->status = (uint8_t)ae->status;
	cb->meaning = (uint8_t)ae->meaning;
	const struct eval_rating *r = primary_rating(ae);
	cb->reported = (uint8_t)(r ? r->status->means : EVAL_MEANING_COUNT);
	cb->challenged = ae->challenged;
	cb->stale = ae->staleness.state == EVAL_STALE_STALE;
	cb->no_updates = ae->staleness.state == EVAL_STALE_NO_UPDATES;
	cb->drifted = ae->drift.moves > 0;
	cb->milestones = (uint32_t)ae->n_milestones;
	for (size_t i = 0; i < ae->n_milestones; i++) {
		cb->milestones_by_status[ae->milestones[i].status]++;
		cb->drifted += ae->milestones[i].drift.moves > 0;
	}
}

static void count_action(struct eval_counts *k, const struct contrib *cb)
{
	k->actions++;
	k->by_status[cb->status]++;
	k->by_meaning[cb->meaning]++;
	if (cb->reported < EVAL_MEANING_COUNT)
		k->reported_by_meaning[cb->reported]++;
	else
		k->unrated++;
	k->challenged += cb->challenged;
	k->stale += cb->stale;
	k->no_updates += cb->no_updates;
	k->drifted += cb->drifted;
	if (cb->milestones) {
		k->milestones += cb->milestones;
		for (size_t s = 0; s < EVAL_STATUS_COUNT; s++)
			k->milestones_by_status[s] += cb->milestones_by_status[s];
	}
	int sev = ev_severity((enum eval_status)cb->status);
	if (sev > 0 && (!k->has_worst || sev > ev_severity(k->worst))) {
		k->has_worst = true;
		k->worst = (enum eval_status)cb->status;
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

static void areas(struct eval_ctx *c, const struct contrib *cb)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	/* each action in its own area, then each area into its parent:
	 * all_areas lists parents before their children */
	for (size_t i = 0; i < p->actions.n; i++)
		if (p->actions.items[i]->area)
			count_action(&ev->areas[p->actions.items[i]->area->index].counts, &cb[i]);
	for (size_t i = p->all_areas.n; i-- > 0;) {
		const struct area *ar = p->all_areas.items[i];
		if (ar->parent)
			counts_add(&ev->areas[ar->parent->index].counts, &ev->areas[i].counts);
	}
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

static void leads(struct eval_ctx *c, const struct contrib *cb)
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
			count_action(&ev->leads[li].counts, &cb[i]);
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
		       size_t key, struct focus_eval *fe, const struct contrib *ae,
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

static void focus(struct eval_ctx *c, const struct contrib *cb)
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
		mark_focus(&ix, &a->focus, stamp, key, ev->focus, &cb[i], NULL);
		for (const struct area *ar = a->area; ar; ar = ar->parent)
			mark_focus(&ix, &ar->focus, stamp, key, ev->focus, &cb[i], NULL);
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

/* Sets of recommendation indices, built with a stamp per recommendation so
 * nothing is searched. */
struct rec_set {
	struct ptr_index ix;
	size_t *stamp;
	size_t key;
	size_t *items;      /* the set being built */
	size_t n;
};

static void set_begin(struct rec_set *rs)
{
	rs->key++;
	rs->n = 0;
}

static void set_add(struct rec_set *rs, size_t ri)
{
	if (ri == (size_t)-1 || rs->stamp[ri] == rs->key)
		return;
	rs->stamp[ri] = rs->key;
	rs->items[rs->n++] = ri;
}

static void set_add_refs(struct rec_set *rs, const struct refs *r)
{
	for (size_t k = 0; k < r->n; k++)
		set_add(rs, ptr_index_get(&rs->ix, r->targets[k]));
}

/* The recommendations the focus areas named answer. */
static void set_add_focus(struct rec_set *rs, const struct refs *focus)
{
	for (size_t k = 0; k < focus->n; k++) {
		const struct focus_area *fa = focus->targets[k];
		if (fa)
			set_add_refs(rs, &fa->recommendations);
	}
}

static void *grow_list(struct eval_ctx *c, void *items, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return items;
	size_t nc = *cap ? *cap * 2 : 4;
	void *p = arena_grow(c->arena, items, n, nc, size);
	*cap = nc;
	return p;
}

struct rec_caps {
	size_t actions, measures, areas;
};

static void recommendations(struct eval_ctx *c, const struct contrib *cb)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	size_t n = p->recommendations.n;
	struct rec_set rs;
	memset(&rs, 0, sizeof rs);
	ptr_index_init(&rs.ix, n);
	for (size_t i = 0; i < n; i++) {
		ptr_index_put(&rs.ix, p->recommendations.items[i], i);
		ev->recommendations[i].recommendation = p->recommendations.items[i];
	}
	rs.stamp = xcalloc(n + 1, sizeof *rs.stamp);
	rs.items = xcalloc(n + 1, sizeof *rs.items);
	struct rec_caps *caps = xcalloc(n + 1, sizeof *caps);

	/* what each area answers, with the areas above it; all_areas lists
	 * parents first, so a parent's set is ready for its children */
	size_t n_areas = p->all_areas.n;
	size_t **area_set = xcalloc(n_areas + 1, sizeof *area_set);
	size_t *area_n = xcalloc(n_areas + 1, sizeof *area_n);
	for (size_t i = 0; i < n_areas; i++) {
		const struct area *ar = p->all_areas.items[i];
		set_begin(&rs);
		if (ar->parent)
			for (size_t k = 0; k < area_n[ar->parent->index]; k++)
				set_add(&rs, area_set[ar->parent->index][k]);
		set_add_refs(&rs, &ar->recommendations);
		set_add_focus(&rs, &ar->focus);
		area_set[i] = xcalloc(rs.n + 1, sizeof **area_set);
		memcpy(area_set[i], rs.items, rs.n * sizeof *rs.items);
		area_n[i] = rs.n;
		/* the areas that name a recommendation themselves */
		set_begin(&rs);
		set_add_refs(&rs, &ar->recommendations);
		for (size_t k = 0; k < rs.n; k++) {
			struct recommendation_eval *re = &ev->recommendations[rs.items[k]];
			re->areas = grow_list(c, re->areas, re->n_areas, &caps[rs.items[k]].areas,
					      sizeof *re->areas);
			re->areas[re->n_areas++] = ar;
		}
	}
	/* areas a recommendation names */
	for (size_t i = 0; i < n; i++) {
		const struct recommendation *r = p->recommendations.items[i];
		struct recommendation_eval *re = &ev->recommendations[i];
		for (size_t k = 0; k < r->areas.n; k++) {
			const struct area *ar = r->areas.targets[k];
			bool seen = !ar;
			for (size_t q = 0; q < re->n_areas && !seen; q++)
				seen = re->areas[q] == ar;
			if (seen)
				continue;
			re->areas = grow_list(c, re->areas, re->n_areas, &caps[i].areas,
					      sizeof *re->areas);
			re->areas[re->n_areas++] = ar;
		}
	}

	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		if (a->all_recommendations)
			continue;   /* counted once for every recommendation, below */
		set_begin(&rs);
		set_add_refs(&rs, &a->recommendations);
		set_add_focus(&rs, &a->focus);
		if (a->area)
			for (size_t k = 0; k < area_n[a->area->index]; k++)
				set_add(&rs, area_set[a->area->index][k]);
		for (size_t k = 0; k < rs.n; k++) {
			size_t ri = rs.items[k];
			struct recommendation_eval *re = &ev->recommendations[ri];
			re->actions = grow_list(c, re->actions, re->n_actions, &caps[ri].actions,
						sizeof *re->actions);
			re->actions[re->n_actions++] = a;
			count_action(&re->counts, &cb[i]);
		}
	}
	for (size_t i = 0; i < p->measures.n; i++) {
		const struct measure *m = p->measures.items[i];
		set_begin(&rs);
		set_add_refs(&rs, &m->recommendations);
		set_add_focus(&rs, &m->focus);
		for (size_t k = 0; k < m->outcomes.n; k++) {
			const struct outcome *o = m->outcomes.targets[k];
			if (o)
				set_add_refs(&rs, &o->recommendations);
		}
		for (size_t k = 0; k < rs.n; k++) {
			size_t ri = rs.items[k];
			struct recommendation_eval *re = &ev->recommendations[ri];
			re->measures = grow_list(c, re->measures, re->n_measures, &caps[ri].measures,
						 sizeof *re->measures);
			re->measures[re->n_measures++] = m;
			count_measure(&re->counts, &ev->measures[i]);
		}
	}
	for (size_t i = 0; i < n_areas; i++)
		free(area_set[i]);
	free(area_set);
	free(area_n);
	free(caps);
	free(rs.stamp);
	free(rs.items);
	ptr_index_release(&rs.ix);

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
			count_action(&all, &cb[i]);
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
			re->reason = n_all ? ev_printf(c, "answered by %s (%zu of them answering every "
						       "recommendation)", by, n_all)
					   : ev_printf(c, "answered by %s", by);
	}
}

void ev_rollup_all(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	struct plan_eval *ev = c->ev;
	for (size_t i = 0; i < ev->n_areas; i++)
		ev->areas[i].area = p->all_areas.items[i];
	struct contrib *cb = xcalloc(ev->n_actions + 1, sizeof *cb);
	for (size_t i = 0; i < ev->n_actions; i++)
		make_contrib(&cb[i], &ev->actions[i]);
	areas(c, cb);
	leads(c, cb);
	focus(c, cb);
	recommendations(c, cb);
	memset(&ev->totals, 0, sizeof ev->totals);
	for (size_t i = 0; i < ev->n_actions; i++)
		count_action(&ev->totals, &cb[i]);
	free(cb);
	for (size_t i = 0; i < ev->n_measures; i++)
		count_measure(&ev->totals, &ev->measures[i]);
}
