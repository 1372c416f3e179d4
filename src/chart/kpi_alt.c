/* The alternative text of the KPI chart, the sparkline and the bullet
 * chart, written from the data: which way is better, the trend from the
 * first to the latest actual, the latest against its target with the RAG
 * as a word, the baseline, the targets, the benchmarks, and every gap
 * (TBC, not given) said as such. */
#include <math.h>
#include <string.h>

#include "chart/internal.h"

static const char *at_when(struct arena *a, const char *when)
{
	return when ? chart_printf(a, " in %s", when) : "";
}

static const char *position_words(enum eval_trend t)
{
	switch (t) {
	case EVAL_TREND_BETTER: return "better than";
	case EVAL_TREND_WORSE: return "worse than";
	case EVAL_TREND_SAME: return "the same as";
	case EVAL_TREND_UP: return "above";
	case EVAL_TREND_DOWN: return "below";
	case EVAL_TREND_NONE: break;
	}
	return NULL;
}

static void trend(struct strbuf *sb, struct arena *a, const struct chart_kpi_data *d)
{
	const struct chart_value *first = NULL, *last = NULL;
	for (size_t i = 0; i < d->n_actuals; i++) {
		if (!d->actuals[i].present)
			continue;
		if (!first)
			first = &d->actuals[i];
		last = &d->actuals[i];
	}
	if (!first) {
		strbuf_adds(sb, " No actual value is known yet");
	} else if (first == last) {
		strbuf_addf(sb, " The actual value was %s%s",
			    chart_format_value(a, last->v, d->unit, -1), at_when(a, last->when));
	} else {
		double delta = last->v - first->v;
		double eps = 1e-9 * (fabs(first->v) > 1 ? fabs(first->v) : 1);
		const char *first_v = chart_format_value(a, first->v, d->unit, -1);
		const char *last_v = chart_format_value(a, last->v, d->unit, -1);
		if (fabs(delta) <= eps) {
			strbuf_addf(sb, " It stayed at %s from %s to %s", last_v,
				    first->when ? first->when : "the first value",
				    last->when ? last->when : "the latest");
		} else {
			strbuf_addf(sb, " It %s from %s%s to %s%s", delta > 0 ? "rose" : "fell", first_v,
				    at_when(a, first->when), last_v, at_when(a, last->when));
			bool better = (d->better == BETTER_HIGHER && delta > 0) ||
				      (d->better == BETTER_LOWER && delta < 0);
			bool worse = (d->better == BETTER_HIGHER && delta < 0) ||
				     (d->better == BETTER_LOWER && delta > 0);
			if (better)
				strbuf_adds(sb, ", an improvement");
			else if (worse)
				strbuf_adds(sb, ", a deterioration");
		}
		if (d->n_present > 2)
			strbuf_addf(sb, " (%zu values)", d->n_present);
	}
	const struct measure_eval *me = d->me;
	const struct eval_point *ref = me->rag_reference.present ? &me->rag_reference
				       : me->target_now.present ? &me->target_now : NULL;
	if (last && ref) {
		strbuf_addf(sb, ", against a target of %s",
			    chart_format_value(a, ref->value, d->unit, -1));
		if (me->rag != EVAL_RAG_NONE)
			strbuf_addf(sb, ": rated %s", chart_rag_word(me->rag, false));
	}
	strbuf_adds(sb, ".");
}

static void targets(struct strbuf *sb, struct arena *a, const struct chart_kpi_data *d)
{
	if (d->n_targets) {
		const char **items = arena_array(a, const char *, d->n_targets);
		for (size_t i = 0; i < d->n_targets; i++)
			items[i] = chart_printf(a, "%s by %s",
						chart_format_value(a, d->targets[i].v, d->unit, -1),
						d->targets[i].when);
		strbuf_addf(sb, " %s %s", d->n_targets == 1 ? "Target:" : "Targets:",
			    chart_join(a, items, d->n_targets, "and"));
		bool from_base = d->baseline.present && d->baseline.day != BP_DAY_NONE &&
				 d->baseline.day < d->targets[0].day;
		if (d->trajectory == TRAJECTORY_STEP)
			strbuf_adds(sb, ", each in force until its date");
		else if (from_base)
			strbuf_adds(sb, ", on a straight line from the baseline");
		strbuf_adds(sb, ".");
	} else if (d->standing.present) {
		strbuf_addf(sb, " The target is %s throughout.",
			    chart_format_value(a, d->standing.v, d->unit, -1));
	} else {
		strbuf_adds(sb, " No target is set.");
	}
}

static void benchmarks(struct strbuf *sb, struct arena *a, const struct chart_kpi_data *d)
{
	if (!d->n_bench)
		return;
	const char **items = arena_array(a, const char *, d->n_bench);
	const char **pos = arena_array(a, const char *, d->n_bench);
	size_t n_pos = 0;
	for (size_t i = 0; i < d->n_bench; i++) {
		const struct chart_bench *b = &d->bench[i];
		items[i] = chart_printf(a, "%s %s%s", b->name, chart_format_value(a, b->v, d->unit, -1),
					b->when ? chart_printf(a, " (%s)", b->when) : "");
		const char *w = position_words(b->position);
		if (w && chart_kpi_latest(d))
			pos[n_pos++] = chart_printf(a, "%s %s", w, b->words);
	}
	strbuf_addf(sb, " %s %s.", d->n_bench == 1 ? "Benchmark:" : "Benchmarks:",
		    chart_join(a, items, d->n_bench, "and"));
	if (n_pos)
		strbuf_addf(sb, " The latest value is %s.", chart_join(a, pos, n_pos, "and"));
}

static void gaps(struct strbuf *sb, struct arena *a, const struct chart_kpi_data *d)
{
	if (d->has_baseline && !d->baseline.present)
		strbuf_addf(sb, " The baseline%s is %s.",
			    d->baseline.when ? chart_printf(a, " for %s", d->baseline.when) : "",
			    d->baseline.missing);
	for (size_t i = 0; i < d->n_actuals; i++) {
		const struct chart_value *v = &d->actuals[i];
		if (!v->present)
			strbuf_addf(sb, " The value for %s is %s.", v->when ? v->when : "one date",
				    v->missing);
	}
	for (size_t i = 0; i < d->n_target_gaps; i++)
		strbuf_addf(sb, " %s.", chart_capitalise(a, d->target_gaps[i]));
}

const char *chart_kpi_alt(struct arena *a, const struct chart_kpi_data *d, const char *kind)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s of %s", kind, d->name);
	if (d->code && strcmp(d->code, d->name) != 0)
		strbuf_addf(&sb, " (%s)", d->code);
	strbuf_addf(&sb, ". %s", chart_better_sentence(d->better));
	trend(&sb, a, d);
	if (d->baseline.present)
		strbuf_addf(&sb, " The baseline was %s%s.",
			    chart_format_value(a, d->baseline.v, d->unit, -1),
			    at_when(a, d->baseline.when));
	targets(&sb, a, d);
	benchmarks(&sb, a, d);
	gaps(&sb, a, d);
	char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}
