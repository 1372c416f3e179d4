/* Measures and action metrics: the target in force, RAG with tolerance and
 * direction, direction of travel, benchmarks, share of the gap closed
 * (docs/evaluation.md, "Measures"). TBC and missing values are reported,
 * never filled in. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval/internal.h"

#define DEFAULT_TOLERANCE 5.0
/* how far from exactly a year earlier an actual may be to stand for it:
 * half a quarter, so quarterly series find their year-earlier value */
#define YEAR_AGO_WINDOW 46

/* What a measure and a metric have in common. */
struct series {
	enum measure_unit unit;
	enum measure_better better;
	enum measure_trajectory trajectory;
	bool has_tolerance;
	double tolerance;
	const struct dated_value *baseline;
	const struct dated_value *const *targets;
	size_t n_targets;
	const struct dated_value *const *actuals;
	size_t n_actuals;
	const struct dated_value *const *benchmarks;
	size_t n_benchmarks;
	bool undated_actual_is_current;  /* metrics: "current" with no date */
};

struct pt {
	bp_day day;
	double v;
	const struct dated_value *dv;
	size_t order;
};

struct mctx {
	struct eval_ctx *c;
	const struct series *s;
	struct measure_eval *me;
	struct pt *targets;     /* numeric and dated, by day */
	size_t n_targets;
	const struct dated_value *standing;  /* an undated numeric target */
	struct pt *actuals;     /* numeric, known at the report date, by day */
	size_t n_actuals;
	bool *kept;             /* benchmarks in force and not superseded */
	const char *missing[24];
	size_t n_missing;
};

static void note_missing(struct mctx *m, const char *what)
{
	if (m->n_missing < sizeof m->missing / sizeof m->missing[0])
		m->missing[m->n_missing++] = what;
}

static int cmp_pt(const void *a, const void *b)
{
	const struct pt *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static double eps_for(double ref)
{
	return 1e-9 * (fabs(ref) > 1 ? fabs(ref) : 1);
}

static const char *value_words(struct mctx *m, double v)
{
	return ev_value(m->c, v, m->s->unit);
}

static const char *delta_words(struct mctx *m, double d)
{
	return ev_delta(m->c, d, m->s->unit);
}

static const char *kind_text(enum value_kind k)
{
	return k == VALUE_TBC ? "TBC" : k == VALUE_NA ? "n/a" : "not given";
}

static const char *date_words(struct mctx *m, const struct dated_value *dv, bp_day d)
{
	if (dv && dv->date.text && dv->date.when->kind == WHEN_POINT &&
	    dv->date.when->points[0].precision != WHEN_PREC_DAY)
		return ev_printf(m->c, "%s (%s)", dv->date.text, ev_day(m->c, d));
	return ev_day(m->c, d);
}

/* ---- tolerance ------------------------------------------------------- */

static void tolerance(struct mctx *m)
{
	struct measure_eval *me = m->me;
	const struct plan *p = m->c->plan;
	if (m->s->has_tolerance) {
		me->tolerance = m->s->tolerance;
		me->tolerance_kind = EVAL_TOL_UNITS;
		me->tolerance_source = "measure";
		return;
	}
	me->tolerance = p->has_tolerance ? p->tolerance : DEFAULT_TOLERANCE;
	me->tolerance_source = p->has_tolerance ? "plan" : "default";
	me->tolerance_kind = m->s->unit == UNIT_PERCENT ? EVAL_TOL_POINTS : EVAL_TOL_PERCENT_OF_TARGET;
}

/* The amber band around a reference value, in the measure's unit. */
static double band(const struct measure_eval *me, double ref)
{
	if (me->tolerance_kind == EVAL_TOL_PERCENT_OF_TARGET)
		return fabs(ref) * me->tolerance / 100.0;
	return me->tolerance;
}

static const char *band_words(struct mctx *m, double ref)
{
	const struct measure_eval *me = m->me;
	if (me->tolerance_kind == EVAL_TOL_PERCENT_OF_TARGET)
		return ev_printf(m->c, "%s (%s%% of %s)", delta_words(m, band(me, ref)),
				 ev_number(m->c, me->tolerance), value_words(m, ref));
	return delta_words(m, me->tolerance);
}

/* ---- the target in force --------------------------------------------- */

static void collect_targets(struct mctx *m)
{
	const struct series *s = m->s;
	m->targets = arena_array(m->c->arena, struct pt, s->n_targets ? s->n_targets : 1);
	for (size_t i = 0; i < s->n_targets; i++) {
		const struct dated_value *t = s->targets[i];
		if (t->value.kind != VALUE_NUMBER) {
			const char *when = t->date.text ? ev_printf(m->c, " for %s", t->date.text) : "";
			if (t->value.kind != VALUE_NONE)
				note_missing(m, ev_printf(m->c, "target%s is %s", when,
							  kind_text(t->value.kind)));
			else
				note_missing(m, ev_printf(m->c, "target%s has no value", when));
			continue;
		}
		bp_day d = t->date.text ? ev_due_day(t->date.when) : BP_DAY_NONE;
		if (d == BP_DAY_NONE) {
			if (!t->date.text)
				m->standing = t;
			else
				note_missing(m, ev_printf(m->c, "target %s is dated '%s', which is not a "
							  "date a trajectory can use", t->value.text,
							  t->date.text));
			continue;
		}
		m->targets[m->n_targets++] = (struct pt){ d, t->value.number, t, i };
	}
	qsort(m->targets, m->n_targets, sizeof *m->targets, cmp_pt);
}

/* The target in force on day d; *why explains it. */
static bool target_at(struct mctx *m, bp_day d, double *out, const char **why)
{
	struct eval_ctx *c = m->c;
	const struct measure_eval *me = m->me;
	if (m->n_targets == 0) {
		if (m->standing) {
			*out = m->standing->value.number;
			*why = ev_printf(c, "the target %s (undated) applies throughout",
					 value_words(m, *out));
			return true;
		}
		*why = "no target is set";
		return false;
	}
	const struct pt *first = &m->targets[0], *last = &m->targets[m->n_targets - 1];
	bool has_base = me->baseline.present && me->baseline.date != BP_DAY_NONE &&
			me->baseline.date < first->day;
	if (has_base && d < me->baseline.date) {
		*why = ev_printf(c, "%s is before the baseline date (%s): no target is in force yet",
				 ev_day(c, d), ev_day(c, me->baseline.date));
		return false;
	}
	if (d >= last->day) {
		*out = last->v;
		*why = d == last->day
			       ? ev_printf(c, "the target for %s", date_words(m, last->dv, last->day))
			       : ev_printf(c, "the last target, %s by %s, stays in force",
					   value_words(m, last->v), date_words(m, last->dv, last->day));
		return true;
	}
	size_t k = 0;
	while (m->targets[k].day < d)
		k++;
	const struct pt *next = &m->targets[k];
	if (next->day == d) {
		*out = next->v;
		*why = ev_printf(c, "the target for %s", date_words(m, next->dv, next->day));
		return true;
	}
	if (m->s->trajectory == TRAJECTORY_STEP) {
		*out = next->v;
		*why = ev_printf(c, "step trajectory: the next target, %s by %s", value_words(m, next->v),
				 date_words(m, next->dv, next->day));
		return true;
	}
	double a_v;
	bp_day a_d;
	const char *from;
	if (k > 0) {
		a_v = m->targets[k - 1].v;
		a_d = m->targets[k - 1].day;
		from = ev_printf(c, "the target %s by %s", value_words(m, a_v),
				 date_words(m, m->targets[k - 1].dv, a_d));
	} else if (has_base) {
		a_v = me->baseline.value;
		a_d = me->baseline.date;
		from = ev_printf(c, "the baseline %s (%s)", value_words(m, a_v),
				 date_words(m, me->baseline.source, a_d));
	} else {
		*out = first->v;
		*why = ev_printf(c, "the first target, %s by %s, applies until its date (no dated "
				 "baseline to start a trajectory from)", value_words(m, first->v),
				 date_words(m, first->dv, first->day));
		return true;
	}
	double f = (double)(d - a_d) / (double)(next->day - a_d);
	*out = a_v + (next->v - a_v) * f;
	*why = ev_printf(c, "on the straight line from %s to %s by %s", from, value_words(m, next->v),
			 date_words(m, next->dv, next->day));
	return true;
}

/* ---- actuals ----------------------------------------------------------- */

static void collect_actuals(struct mctx *m)
{
	const struct series *s = m->s;
	struct eval_ctx *c = m->c;
	m->actuals = arena_array(c->arena, struct pt, s->n_actuals ? s->n_actuals : 1);
	const struct dated_value *latest_any = NULL;
	bp_day latest_any_day = BP_DAY_NONE;
	for (size_t i = 0; i < s->n_actuals; i++) {
		const struct dated_value *a = s->actuals[i];
		bp_day d;
		if (!a->date.text && s->undated_actual_is_current) {
			d = c->as_at;
		} else {
			if (!a->date.text || !when_is_dated(a->date.when))
				continue;
			if (when_start(a->date.when) > c->as_at)
				continue;   /* not known at the report date */
			d = ev_point_day(a->date.when);
			if (d > c->as_at)
				d = c->as_at;
		}
		if (latest_any_day == BP_DAY_NONE || d >= latest_any_day) {
			latest_any_day = d;
			latest_any = a;
		}
		if (a->value.kind == VALUE_NUMBER)
			m->actuals[m->n_actuals++] = (struct pt){ d, a->value.number, a, i };
	}
	qsort(m->actuals, m->n_actuals, sizeof *m->actuals, cmp_pt);
	if (latest_any && latest_any->value.kind != VALUE_NUMBER) {
		note_missing(m, ev_printf(c, "the latest actual%s is %s",
					  latest_any->date.text
						  ? ev_printf(c, " (%s)", latest_any->date.text)
						  : "",
					  kind_text(latest_any->value.kind)));
	}
	if (m->n_actuals == 0)
		note_missing(m, s->n_actuals ? "no actual value known at the report date"
					     : "no actual recorded");
}

static struct eval_point point_of(const struct pt *p)
{
	struct eval_point e = { true, p->v, p->day, p->dv };
	return e;
}

/* ---- judging against a reference ------------------------------------- */

static const char *bench_words(struct mctx *m, const struct dated_value *b)
{
	(void)m;
	if (b->label)
		return b->label;
	switch (b->bench_kind) {
	case BENCH_STAT_NEIGHBOURS: return "the statistical neighbours' average";
	case BENCH_ENGLAND: return "England";
	case BENCH_REGION: return "the region";
	case BENCH_LAST_YEAR: return "last year's outturn";
	case BENCH_OTHER: break;
	}
	return "the benchmark";
}

/* Benchmarks in force at the report date: of several with the same kind
 * and label, the latest dated on or before it. */
static bool bench_in_force(struct eval_ctx *c, const struct dated_value *b)
{
	if (b->value.kind != VALUE_NUMBER)
		return false;
	if (b->date.text && when_is_dated(b->date.when) && when_start(b->date.when) > c->as_at)
		return false;
	return true;
}

struct bench_ref {
	const struct dated_value *b;
	bp_day day;     /* BP_DAY_NONE, the lowest, when undated */
	size_t i;
};

static int cmp_bench(const void *x, const void *y)
{
	const struct bench_ref *a = x, *b = y;
	if (a->b->bench_kind != b->b->bench_kind)
		return a->b->bench_kind < b->b->bench_kind ? -1 : 1;
	const char *la = a->b->label, *lb = b->b->label;
	if (!la != !lb)
		return la ? 1 : -1;
	int c = la ? strcmp(la, lb) : 0;
	if (c)
		return c;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Marks the benchmarks in force that no later one of the same kind and
 * label supersedes: sorted by kind, label, date and position, the last of
 * each run is kept. */
static void keep_benchmarks(struct mctx *m)
{
	const struct series *s = m->s;
	size_t n = s->n_benchmarks;
	m->kept = EV_ARRAY(m->c, bool, n);
	if (!n)
		return;
	struct bench_ref *refs = xcalloc(n, sizeof *refs);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct dated_value *b = s->benchmarks[i];
		if (!bench_in_force(m->c, b))
			continue;
		bp_day d = b->date.text && when_is_dated(b->date.when) ? ev_point_day(b->date.when)
								      : BP_DAY_NONE;
		refs[k++] = (struct bench_ref){ b, d, i };
	}
	qsort(refs, k, sizeof *refs, cmp_bench);
	for (size_t i = 0; i < k; i++) {
		bool last = i + 1 == k || refs[i + 1].b->bench_kind != refs[i].b->bench_kind ||
			    !refs[i + 1].b->label != !refs[i].b->label ||
			    (refs[i].b->label && strcmp(refs[i + 1].b->label, refs[i].b->label) != 0);
		if (last)
			m->kept[refs[i].i] = true;
	}
	free(refs);
}

/* The benchmark an "in line" measure is judged against. */
static const struct dated_value *inline_benchmark(struct mctx *m)
{
	static const enum benchmark_kind order[] = {
		BENCH_STAT_NEIGHBOURS, BENCH_ENGLAND, BENCH_REGION, BENCH_OTHER, BENCH_LAST_YEAR
	};
	const struct series *s = m->s;
	for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
		for (size_t i = 0; i < s->n_benchmarks; i++) {
			const struct dated_value *b = s->benchmarks[i];
			if (b->bench_kind == order[o] && m->kept[i])
				return b;
		}
	return NULL;
}

/* Better or worse from a change, by the measure's direction. For "in
 * line" measures a move towards the reference is better. */
static enum eval_trend trend_of(struct mctx *m, double from, double to, bool has_ref, double ref)
{
	double eps = eps_for(from);
	switch (m->s->better) {
	case BETTER_HIGHER:
		return to > from + eps ? EVAL_TREND_BETTER : to < from - eps ? EVAL_TREND_WORSE
								   : EVAL_TREND_SAME;
	case BETTER_LOWER:
		return to < from - eps ? EVAL_TREND_BETTER : to > from + eps ? EVAL_TREND_WORSE
								   : EVAL_TREND_SAME;
	case BETTER_IN_LINE:
		if (has_ref) {
			double a = fabs(from - ref), b = fabs(to - ref);
			return b < a - eps ? EVAL_TREND_BETTER : b > a + eps ? EVAL_TREND_WORSE
								 : EVAL_TREND_SAME;
		}
		break;
	case BETTER_UNKNOWN:
		break;
	}
	return to > from + eps ? EVAL_TREND_UP : to < from - eps ? EVAL_TREND_DOWN : EVAL_TREND_SAME;
}

static const char *trend_suffix(enum eval_trend t)
{
	switch (t) {
	case EVAL_TREND_BETTER: return ": better";
	case EVAL_TREND_WORSE: return ": worse";
	case EVAL_TREND_SAME: return ": no change";
	case EVAL_TREND_UP: case EVAL_TREND_DOWN:
		return " (the plan does not say which direction is better)";
	case EVAL_TREND_NONE: break;
	}
	return "";
}

static void rag(struct mctx *m)
{
	struct eval_ctx *c = m->c;
	struct measure_eval *me = m->me;
	if (!me->latest.present) {
		me->rag_reason = "no actual to judge";
		return;
	}
	double a = me->latest.value;
	const char *aw = ev_printf(c, "%s (%s)", value_words(m, a),
				   date_words(m, me->latest.source, me->latest.date));
	if (m->s->better == BETTER_UNKNOWN) {
		me->rag_reason = "the plan does not say whether higher or lower is better";
		return;
	}
	double ref;
	const char *ref_words;
	if (m->s->better == BETTER_IN_LINE) {
		const struct dated_value *b = inline_benchmark(m);
		const char *why;
		if (b) {
			ref = b->value.number;
			ref_words = ev_printf(c, "%s, %s", bench_words(m, b), value_words(m, ref));
		} else if (target_at(m, me->latest.date, &ref, &why)) {
			ref_words = ev_printf(c, "the target in force then, %s", value_words(m, ref));
		} else {
			me->rag_reason = "nothing to be in line with: no benchmark and no target";
			return;
		}
		me->rag_reference = (struct eval_point){ true, ref, BP_DAY_NONE, b };
		double dist = fabs(a - ref), tol = band(me, ref), eps = eps_for(ref);
		const char *diff = dist <= eps ? "equal to"
					       : ev_printf(c, "%s %s", delta_words(m, dist),
							   a > ref ? "above" : "below");
		if (dist <= tol + eps)
			me->rag = EVAL_RAG_GREEN;
		else if (dist <= 2 * tol + eps)
			me->rag = EVAL_RAG_AMBER;
		else
			me->rag = EVAL_RAG_RED;
		me->rag_reason = ev_printf(c, "%s is %s %s; in line means within %s%s", aw, diff,
					   ref_words, band_words(m, ref),
					   me->rag == EVAL_RAG_GREEN ? ""
					   : me->rag == EVAL_RAG_AMBER ? ", amber within twice that"
								       : ", and it is more than twice that");
		return;
	}
	const char *why;
	if (!target_at(m, me->latest.date, &ref, &why)) {
		me->rag_reason = ev_printf(c, "no target in force on %s: %s",
					   ev_day(c, me->latest.date), why);
		return;
	}
	me->rag_reference = (struct eval_point){ true, ref, me->latest.date, NULL };
	double shortfall = m->s->better == BETTER_HIGHER ? ref - a : a - ref;
	double tol = band(me, ref), eps = eps_for(ref);
	const char *tw = ev_printf(c, "the target in force then, %s (%s)", value_words(m, ref), why);
	if (shortfall <= eps) {
		me->rag = EVAL_RAG_GREEN;
		me->rag_reason = fabs(shortfall) <= eps
					 ? ev_printf(c, "%s meets %s", aw, tw)
					 : ev_printf(c, "%s is better than %s by %s", aw, tw,
						     delta_words(m, shortfall));
	} else {
		me->rag = shortfall <= tol + eps ? EVAL_RAG_AMBER : EVAL_RAG_RED;
		me->rag_reason = ev_printf(c, "%s is %s %s %s, %s the tolerance of %s", aw,
					   delta_words(m, shortfall),
					   m->s->better == BETTER_HIGHER ? "below" : "above", tw,
					   me->rag == EVAL_RAG_AMBER ? "within" : "beyond",
					   band_words(m, ref));
	}
}

static struct eval_change change_from(struct mctx *m, const struct pt *from, const char *what)
{
	struct eval_ctx *c = m->c;
	const struct measure_eval *me = m->me;
	struct eval_change ch;
	memset(&ch, 0, sizeof ch);
	ch.present = true;
	ch.from = point_of(from);
	ch.delta = me->latest.value - from->v;
	ch.trend = trend_of(m, from->v, me->latest.value, me->rag_reference.present &&
			    m->s->better == BETTER_IN_LINE, me->rag_reference.value);
	double eps = eps_for(from->v);
	const char *move = fabs(ch.delta) <= eps ? "unchanged"
			   : ev_printf(c, "%s %s", ch.delta > 0 ? "up" : "down", delta_words(m, ch.delta));
	ch.reason = ev_printf(c, "%s from %s %s(%s)%s", move, value_words(m, from->v), what,
			      date_words(m, from->dv, from->day), trend_suffix(ch.trend));
	return ch;
}

static void travel(struct mctx *m)
{
	struct eval_ctx *c = m->c;
	struct measure_eval *me = m->me;
	if (m->n_actuals < 2) {
		me->previous.reason = me->latest.present ? "only one actual: no previous value"
							 : "no actual";
		me->year_ago.reason = me->previous.reason;
		return;
	}
	size_t li = m->n_actuals - 1;
	me->previous = change_from(m, &m->actuals[li - 1], "");
	bp_day want = day_add_months(me->latest.date, -12);
	const struct pt *best = NULL;
	long best_gap = 0;
	for (size_t i = 0; i < li; i++) {
		long gap = labs((long)m->actuals[i].day - (long)want);
		if (gap <= YEAR_AGO_WINDOW && (!best || gap < best_gap)) {
			best = &m->actuals[i];
			best_gap = gap;
		}
	}
	if (best)
		me->year_ago = change_from(m, best, "a year earlier ");
	else
		me->year_ago.reason = ev_printf(c, "no actual within %d days of %s, a year before the "
						"latest", YEAR_AGO_WINDOW, ev_day(c, want));
}

static void benchmarks(struct mctx *m)
{
	struct eval_ctx *c = m->c;
	struct measure_eval *me = m->me;
	const struct series *s = m->s;
	me->benchmarks = arena_array(c->arena, struct eval_benchmark,
				     s->n_benchmarks ? s->n_benchmarks : 1);
	for (size_t i = 0; i < s->n_benchmarks; i++) {
		const struct dated_value *b = s->benchmarks[i];
		if (!bench_in_force(c, b)) {
			if (b->value.kind == VALUE_TBC || b->value.kind == VALUE_NA)
				note_missing(m, ev_printf(c, "benchmark %s is %s", bench_words(m, b),
							  kind_text(b->value.kind)));
			continue;
		}
		if (!m->kept[i])
			continue;
		struct eval_benchmark *eb = &me->benchmarks[me->n_benchmarks++];
		eb->benchmark = b;
		const char *bw = ev_printf(c, "%s, %s%s", bench_words(m, b), value_words(m, b->value.number),
					   b->date.text ? ev_printf(c, " (%s)", b->date.text) : "");
		if (!me->latest.present) {
			eb->position = EVAL_TREND_NONE;
			eb->reason = ev_printf(c, "no actual to compare with %s", bw);
			continue;
		}
		double bv = b->value.number, a = me->latest.value;
		eb->difference = a - bv;
		/* position: as if moving from the benchmark to the actual */
		if (s->better == BETTER_IN_LINE || s->better == BETTER_UNKNOWN) {
			double eps = eps_for(bv);
			eb->position = a > bv + eps ? EVAL_TREND_UP : a < bv - eps ? EVAL_TREND_DOWN
								    : EVAL_TREND_SAME;
		} else {
			eb->position = trend_of(m, bv, a, false, 0);
		}
		double eps = eps_for(bv);
		const char *rel = fabs(eb->difference) <= eps
					  ? "level with"
					  : ev_printf(c, "%s %s", delta_words(m, eb->difference),
						      eb->difference > 0 ? "above" : "below");
		const char *verdict = eb->position == EVAL_TREND_BETTER ? ": better"
				      : eb->position == EVAL_TREND_WORSE ? ": worse" : "";
		eb->reason = ev_printf(c, "%s is %s %s%s", value_words(m, a), rel, bw, verdict);
	}
}

static void gap_closed(struct mctx *m)
{
	struct eval_ctx *c = m->c;
	struct measure_eval *me = m->me;
	if (!me->baseline.present) {
		me->gap_reason = m->s->baseline ? ev_printf(c, "the baseline is %s",
							    kind_text(m->s->baseline->value.kind))
						: "no baseline";
		return;
	}
	if (!me->final_target.present) {
		me->gap_reason = "no target";
		return;
	}
	if (!me->latest.present) {
		me->gap_reason = "no actual";
		return;
	}
	double b = me->baseline.value, t = me->final_target.value, a = me->latest.value;
	if (fabs(t - b) <= eps_for(b)) {
		me->gap_reason = ev_printf(c, "the target (%s) equals the baseline, so there is no gap "
					   "to close", value_words(m, t));
		return;
	}
	me->has_gap_closed = true;
	me->gap_closed = (a - b) / (t - b) * 100.0;
	const char *span = ev_printf(c, "from the baseline %s to the target %s", value_words(m, b),
				     value_words(m, t));
	if (me->gap_closed < 0)
		me->gap_reason = ev_printf(c, "%s has moved away from the target: %s%% of the gap %s",
					   value_words(m, a), ev_number(c, me->gap_closed), span);
	else if (me->gap_closed > 100)
		me->gap_reason = ev_printf(c, "%s is beyond the target: %s%% of the gap %s",
					   value_words(m, a), ev_number(c, me->gap_closed), span);
	else
		me->gap_reason = ev_printf(c, "%s closes %s%% of the gap %s", value_words(m, a),
					   ev_number(c, me->gap_closed), span);
}

static void eval_series(struct eval_ctx *c, struct measure_eval *me, const struct series *s)
{
	struct mctx m;
	memset(&m, 0, sizeof m);
	m.c = c;
	m.s = s;
	m.me = me;
	tolerance(&m);

	const struct dated_value *b = s->baseline;
	if (!b) {
		note_missing(&m, "no baseline");
	} else if (b->value.kind == VALUE_NUMBER) {
		bp_day d = b->date.text ? ev_due_day(b->date.when) : BP_DAY_NONE;
		me->baseline = (struct eval_point){ true, b->value.number, d, b };
	} else {
		note_missing(&m, b->value.kind == VALUE_NONE
				       ? ev_printf(c, "the baseline%s has no value",
						   b->date.text ? ev_printf(c, " (%s)", b->date.text) : "")
				       : ev_printf(c, "the baseline is %s", kind_text(b->value.kind)));
	}

	collect_targets(&m);
	if (m.n_targets) {
		const struct pt *last = &m.targets[m.n_targets - 1];
		me->final_target = point_of(last);
	} else if (m.standing) {
		me->final_target = (struct eval_point){ true, m.standing->value.number, BP_DAY_NONE,
							m.standing };
	} else if (s->n_targets == 0) {
		note_missing(&m, "no target");
	}
	double tv;
	if (target_at(&m, c->as_at, &tv, &me->target_reason))
		me->target_now = (struct eval_point){ true, tv, c->as_at, NULL };

	collect_actuals(&m);
	if (m.n_actuals)
		me->latest = point_of(&m.actuals[m.n_actuals - 1]);
	if (s->better == BETTER_UNKNOWN)
		note_missing(&m, "the direction (higher or lower is better) is not given");

	keep_benchmarks(&m);
	rag(&m);
	travel(&m);
	benchmarks(&m);
	gap_closed(&m);

	me->n_missing = m.n_missing;
	me->missing = arena_array(c->arena, const char *, m.n_missing ? m.n_missing : 1);
	memcpy(me->missing, m.missing, m.n_missing * sizeof *m.missing);
}

static void measure(struct eval_ctx *c, struct measure_eval *me, const struct measure *ms)
{
	me->measure = ms;
	struct series s = {
		.unit = ms->unit,
		.better = ms->better,
		.trajectory = ms->trajectory,
		.has_tolerance = ms->has_tolerance,
		.tolerance = ms->tolerance,
		.baseline = ms->baseline,
		.targets = (const struct dated_value *const *)ms->targets.items,
		.n_targets = ms->targets.n,
		.actuals = (const struct dated_value *const *)ms->actuals.items,
		.n_actuals = ms->actuals.n,
		.benchmarks = (const struct dated_value *const *)ms->benchmarks.items,
		.n_benchmarks = ms->benchmarks.n,
	};
	eval_series(c, me, &s);
}


static struct dated_value *metric_value(struct eval_ctx *c, const struct metric *mt,
					const struct value *v, const struct when_text *date)
{
	if (v->kind == VALUE_NONE && !date->text)
		return NULL;
	struct dated_value *dv = arena_new(c->arena, struct dated_value);
	dv->loc = mt->loc;
	dv->value = *v;
	dv->date = *date;
	return dv;
}

static void metric(struct eval_ctx *c, struct measure_eval *me, const struct metric *mt)
{
	me->metric = mt;
	const struct dated_value *target = metric_value(c, mt, &mt->target, &mt->target_date);
	const struct dated_value *current = metric_value(c, mt, &mt->current, &mt->current_date);
	struct series s = {
		.unit = mt->unit,
		.better = (enum measure_better)mt->better,
		.trajectory = TRAJECTORY_LINEAR,
		.baseline = metric_value(c, mt, &mt->baseline, &mt->baseline_date),
		.targets = target ? &target : NULL,
		.n_targets = target ? 1 : 0,
		.actuals = current ? &current : NULL,
		.n_actuals = current ? 1 : 0,
		.undated_actual_is_current = true,
	};
	if (s.better == BETTER_UNKNOWN && mt->measure)
		s.better = mt->measure->better;
	eval_series(c, me, &s);
}

void ev_measures_all(struct eval_ctx *c)
{
	const struct plan *p = c->plan;
	for (size_t i = 0; i < p->measures.n; i++)
		measure(c, &c->ev->measures[i], p->measures.items[i]);
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		struct action_eval *ae = &c->ev->actions[i];
		ae->n_metrics = a->metrics.n;
		ae->metrics = EV_ARRAY(c, struct measure_eval, a->metrics.n);
		for (size_t k = 0; k < a->metrics.n; k++)
			metric(c, &ae->metrics[k], a->metrics.items[k]);
	}
}
