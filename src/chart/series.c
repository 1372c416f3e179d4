/* A measure's (or an action metric's) data as the charts need it: dated
 * actuals known at the report date, the dated targets and the trajectory
 * through them, the baseline, the benchmarks in force. The rules follow
 * evaluation's (docs/evaluation.md, "Measures"), so a chart shows the
 * numbers the RAG was judged on. TBC and missing values are kept as gaps,
 * never as zeros. */
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"

static const char *missing_word(enum value_kind k)
{
	switch (k) {
	case VALUE_TBC: return "TBC";
	case VALUE_NA: return "n/a";
	default: return "not given";
	}
}

static struct chart_value value_of(struct arena *a, const struct value *v,
				   const struct when_text *date)
{
	struct chart_value cv;
	memset(&cv, 0, sizeof cv);
	cv.present = v->kind == VALUE_NUMBER;
	cv.v = cv.present ? v->number : 0;
	cv.day = date && date->text ? chart_when_day(date->when) : BP_DAY_NONE;
	cv.when = cv.day != BP_DAY_NONE ? chart_when_words(a, date) : NULL;
	cv.missing = cv.present ? NULL : missing_word(v->kind);
	return cv;
}

static int cmp_value(const void *x, const void *y)
{
	const struct chart_value *a = x, *b = y;
	return (a->day > b->day) - (a->day < b->day);
}

/* Stable: qsort is not, and equal days keep the order written. */
static void sort_values(struct chart_value *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct chart_value t = v[i];
		size_t j = i;
		while (j > 0 && cmp_value(&v[j - 1], &t) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = t;
	}
}

static void add_actual(struct arena *a, struct chart_kpi_data *d, const struct dated_value *dv,
		       bp_day as_at, bool undated_is_current)
{
	struct chart_value cv;
	if (!dv->date.text && undated_is_current && as_at != BP_DAY_NONE) {
		cv = value_of(a, &dv->value, NULL);
		cv.day = as_at;
		cv.when = chart_day_words(a, as_at);
	} else {
		if (!dv->date.text || !when_is_dated(dv->date.when))
			return;
		if (as_at != BP_DAY_NONE && when_start(dv->date.when) > as_at)
			return;   /* not known at the report date */
		cv = value_of(a, &dv->value, &dv->date);
		if (as_at != BP_DAY_NONE && cv.day > as_at)
			cv.day = as_at;
	}
	d->actuals[d->n_actuals++] = cv;
	if (cv.present)
		d->n_present++;
}

static void add_target(struct arena *a, struct chart_kpi_data *d, const struct dated_value *dv)
{
	struct chart_value cv = value_of(a, &dv->value, &dv->date);
	const char *when = dv->date.text ? chart_when_words(a, &dv->date) : NULL;
	if (!cv.present) {
		cv.when = when;
		d->missing_targets[d->n_missing_targets++] = cv;
		d->target_gaps[d->n_target_gaps++] =
			when ? chart_printf(a, "the target for %s is %s", when, cv.missing)
			     : chart_printf(a, "the target is %s", cv.missing);
		return;
	}
	if (cv.day == BP_DAY_NONE) {
		if (dv->date.text)
			d->target_gaps[d->n_target_gaps++] = chart_printf(
				a, "a target is dated '%s', which cannot be placed on a timeline",
				dv->date.text);
		else
			d->standing = cv;
		return;
	}
	d->targets[d->n_targets++] = cv;
}

static void bench_names(const struct dated_value *b, struct chart_bench *cb)
{
	if (b->label) {
		cb->name = cb->short_name = cb->words = b->label;
		return;
	}
	switch (b->bench_kind) {
	case BENCH_STAT_NEIGHBOURS:
		cb->name = "Statistical neighbours";
		cb->short_name = "Stat. neighbours";
		cb->words = "the statistical neighbours' average";
		return;
	case BENCH_ENGLAND:
		cb->name = cb->short_name = cb->words = "England";
		return;
	case BENCH_REGION:
		cb->name = cb->short_name = "Region";
		cb->words = "the region";
		return;
	case BENCH_LAST_YEAR:
		cb->name = cb->short_name = "Last year";
		cb->words = "last year's outturn";
		return;
	case BENCH_OTHER:
		break;
	}
	cb->name = cb->short_name = "Benchmark";
	cb->words = "the benchmark";
}


void chart_kpi_data(struct arena *a, const struct measure_eval *me, bp_day as_at,
		    struct chart_kpi_data *d)
{
	memset(d, 0, sizeof *d);
	d->me = me;
	const struct measure *ms = me->measure;
	const struct metric *mt = me->metric;
	if (ms) {
		d->name = ms->name;
		d->code = ms->code;
		d->unit = ms->unit;
		d->better = ms->better;
		d->trajectory = ms->trajectory;
		d->actuals = arena_array(a, struct chart_value, ms->actuals.n + 1);
		for (size_t i = 0; i < ms->actuals.n; i++)
			add_actual(a, d, ms->actuals.items[i], as_at, false);
		d->targets = arena_array(a, struct chart_value, ms->targets.n + 1);
		d->target_gaps = arena_array(a, const char *, ms->targets.n + 1);
		d->missing_targets = arena_array(a, struct chart_value, ms->targets.n + 1);
		for (size_t i = 0; i < ms->targets.n; i++)
			add_target(a, d, ms->targets.items[i]);
		if (ms->baseline) {
			d->has_baseline = true;
			d->baseline = value_of(a, &ms->baseline->value, &ms->baseline->date);
		}
	} else if (mt) {
		d->name = mt->name;
		d->unit = mt->unit;
		d->better = (enum measure_better)mt->better;
		if (d->better == BETTER_UNKNOWN && mt->measure)
			d->better = mt->measure->better;
		d->trajectory = TRAJECTORY_LINEAR;
		d->actuals = arena_array(a, struct chart_value, 1);
		d->targets = arena_array(a, struct chart_value, 1);
		d->target_gaps = arena_array(a, const char *, 1);
		d->missing_targets = arena_array(a, struct chart_value, 1);
		if (mt->current.kind != VALUE_NONE || mt->current_date.text) {
			struct dated_value dv = { .value = mt->current, .date = mt->current_date };
			add_actual(a, d, &dv, as_at, true);
		}
		if (mt->target.kind != VALUE_NONE || mt->target_date.text) {
			struct dated_value dv = { .value = mt->target, .date = mt->target_date };
			add_target(a, d, &dv);
		}
		if (mt->baseline.kind != VALUE_NONE || mt->baseline_date.text) {
			d->has_baseline = true;
			d->baseline = value_of(a, &mt->baseline, &mt->baseline_date);
		}
	} else {
		d->name = "Measure";
		d->actuals = arena_array(a, struct chart_value, 1);
		d->targets = arena_array(a, struct chart_value, 1);
		d->target_gaps = arena_array(a, const char *, 1);
		d->missing_targets = arena_array(a, struct chart_value, 1);
	}
	if (!d->name)
		d->name = d->code ? d->code : "Measure";
	sort_values(d->actuals, d->n_actuals);
	sort_values(d->targets, d->n_targets);

	d->bench = arena_array(a, struct chart_bench, me->n_benchmarks + 1);
	for (size_t i = 0; i < me->n_benchmarks; i++) {
		const struct eval_benchmark *eb = &me->benchmarks[i];
		const struct dated_value *b = eb->benchmark;
		if (!b || b->value.kind != VALUE_NUMBER)
			continue;
		struct chart_bench *cb = &d->bench[d->n_bench++];
		bench_names(b, cb);
		cb->v = b->value.number;
		cb->kind = b->bench_kind;
		cb->position = eb->position;
		cb->when = b->date.text && when_is_dated(b->date.when)
				   ? chart_when_words(a, &b->date)
				   : NULL;
	}
}

const struct chart_value *chart_kpi_latest(const struct chart_kpi_data *d)
{
	for (size_t i = d->n_actuals; i-- > 0;)
		if (d->actuals[i].present)
			return &d->actuals[i];
	return NULL;
}

bool chart_kpi_trajectory(struct arena *a, const struct chart_kpi_data *d, double d0, double d1,
			  double **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (d->n_targets == 0 && !d->standing.present)
		return false;
	double *p = arena_array(a, double, 4 * (d->n_targets + 3));
	size_t k = 0;
#define PUT(x, y) (p[2 * k] = (x), p[2 * k + 1] = (y), k++)
	if (d->n_targets == 0) {
		PUT(d0, d->standing.v);
		PUT(d1, d->standing.v);
		*out = p;
		*n = k;
		return true;
	}
	const struct chart_value *first = &d->targets[0];
	bool from_base = d->baseline.present && d->baseline.day != BP_DAY_NONE &&
			 d->baseline.day < first->day;
	if (d->trajectory == TRAJECTORY_STEP) {
		/* Each target is in force from the one before it up to its date. */
		double start = from_base ? d->baseline.day : d0;
		for (size_t i = 0; i < d->n_targets; i++) {
			double from = i ? d->targets[i - 1].day : start;
			PUT(from, d->targets[i].v);
			PUT(d->targets[i].day, d->targets[i].v);
		}
	} else {
		if (from_base)
			PUT(d->baseline.day, d->baseline.v);
		else if (first->day > d0)
			PUT(d0, first->v);   /* the first target applies until its date */
		for (size_t i = 0; i < d->n_targets; i++)
			PUT(d->targets[i].day, d->targets[i].v);
	}
	const struct chart_value *last = &d->targets[d->n_targets - 1];
	if (last->day < d1)
		PUT(d1, last->v);   /* the last target stays in force */
#undef PUT
	*out = p;
	*n = k;
	return true;
}
