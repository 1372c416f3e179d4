/* The KPI scorecard: a row per measure with the columns the template
 * chooses (baseline, latest, the target in force, RAG, direction of
 * travel, benchmarks, share of the gap closed, a sparkline and a bullet
 * chart in their cells …), grouped by outcome, focus area, area or
 * recommendation, and the measures with data charted. */
#include <string.h>

#include "base/strbuf.h"
#include "compose/internal.h"

struct sc_col_spec {
	const char *header;
	enum doc_width_kind kind;
	double value;
};

static const struct sc_col_spec specs[SCC_COUNT] = {
	[SCC_CODE] = { "Code", DOC_WIDTH_FIXED, 46 },
	[SCC_MEASURE] = { "Measure", DOC_WIDTH_FR, 3 },
	[SCC_UNIT] = { "Unit", DOC_WIDTH_FIXED, 56 },
	[SCC_BASELINE] = { "Baseline", DOC_WIDTH_FR, 1.1 },
	[SCC_LATEST] = { "Latest", DOC_WIDTH_FR, 1.1 },
	[SCC_TARGET] = { "Target now", DOC_WIDTH_FR, 1.1 },
	[SCC_FINAL_TARGET] = { "Final target", DOC_WIDTH_FR, 1.1 },
	[SCC_RAG] = { "RAG", DOC_WIDTH_FIXED, 62 },
	[SCC_TREND] = { "Direction of travel", DOC_WIDTH_FR, 1.8 },
	[SCC_YEAR_AGO] = { "Against a year ago", DOC_WIDTH_FR, 1.6 },
	[SCC_BENCHMARK] = { "Benchmarks", DOC_WIDTH_FR, 1.6 },
	[SCC_GAP] = { "Gap closed", DOC_WIDTH_FR, 1.2 },
	[SCC_OWNER] = { "Owner", DOC_WIDTH_FR, 1.2 },
	[SCC_FREQUENCY] = { "Frequency", DOC_WIDTH_FIXED, 62 },
	[SCC_SOURCE] = { "Source", DOC_WIDTH_FR, 1.2 },
	/* The charts' own widths (80 and 120 points) and the cell's padding. */
	[SCC_SPARKLINE] = { "Over time", DOC_WIDTH_FIXED, 88 },
	[SCC_BULLET] = { "Latest against target", DOC_WIDTH_FIXED, 128 },
};

struct sc {
	struct composer *c;
	const struct tpl_section *ts;
	enum sc_column order[SCC_COUNT];
	size_t n_order;
	const struct measure_eval **to_chart;  /* measures to chart, in order shown */
	size_t n_charts;
	bool *charted;                    /* [measure index] */
};

/* Rows of the tables: measures with some data (with-data: an actual).
 * Measures with no baseline, target or actual at all are listed apart. */
static bool shows(const struct sc *sc, const struct measure_eval *me)
{
	if (sc->ts && opt_int(sc->ts, SOPT_SHOW) == SC_SHOW_WITH_DATA)
		return me->latest.present;
	return measure_has_data(me);
}

/* Whether any measure in the tables fills an optional column. */
static bool column_filled(const struct sc *sc, enum sc_column k)
{
	for (size_t i = 0; i < sc->c->ev->n_measures; i++) {
		const struct measure_eval *me = &sc->c->ev->measures[i];
		const struct measure *m = me->measure;
		if (!shows(sc, me))
			continue;
		bool any = false;
		switch (k) {
		case SCC_CODE: any = m->code != NULL; break;
		case SCC_BENCHMARK: any = me->n_benchmarks > 0; break;
		case SCC_OWNER: any = m->owner.n > 0; break;
		case SCC_FREQUENCY: any = m->frequency != NULL; break;
		case SCC_SOURCE: any = m->source != NULL; break;
		case SCC_SPARKLINE:
		case SCC_BULLET: any = me->latest.present; break;
		default: return true;
		}
		if (any)
			return true;
	}
	return false;
}

static void no_data_list(struct sc *sc, struct doc_section *s, size_t n)
{
	struct composer *c = sc->c;
	doc_add_heading(s, 2, ctext(c, "Measures with no data yet"), local_anchor(c, "no-data"));
	say(c, s, "%s no baseline, target or actual value recorded as at %s:",
	    capitalised(c, count_words(c, n, "measure has", "measures have")),
	    day_words(c, c->ev->as_at));
	struct doc_list *l = doc_add_list(s);
	for (size_t i = 0; i < c->ev->n_measures; i++) {
		const struct measure_eval *me = &c->ev->measures[i];
		if (!measure_has_data(me))
			doc_list_add(l, 0, ctext(c, measure_name(c, me->measure)));
	}
}

static struct doc_text *benchmarks_text(struct composer *c, const struct measure_eval *me)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < me->n_benchmarks; i++) {
		const struct eval_benchmark *b = &me->benchmarks[i];
		const struct dated_value *dv = b->benchmark;
		const char *name = dv->label ? dv->label
				   : dv->bench_kind == BENCH_STAT_NEIGHBOURS ? "Statistical neighbours"
				   : dv->bench_kind == BENCH_ENGLAND	     ? "England"
				   : dv->bench_kind == BENCH_REGION	     ? "Region"
				   : dv->bench_kind == BENCH_LAST_YEAR	     ? "Last year"
										     : "Benchmark";
		if (i)
			doc_text_add(t, "\n", 0);
		doc_text_addf(t, 0, "%s %s", name,
			      dv->value.kind == VALUE_NUMBER ? value_words(c, me, dv->value.number)
							     : dv->value.text ? dv->value.text : "");
		static const char *const pos[] = {
			[EVAL_TREND_NONE] = NULL, [EVAL_TREND_BETTER] = "better",
			[EVAL_TREND_SAME] = "the same", [EVAL_TREND_WORSE] = "worse",
			[EVAL_TREND_UP] = "above", [EVAL_TREND_DOWN] = "below",
		};
		if (me->latest.present && pos[b->position])
			doc_text_addf(t, DOC_ITALIC, " (latest is %s)", pos[b->position]);
	}
	return t;
}

static struct doc_text *cell_text(struct sc *sc, enum sc_column k, const struct measure_eval *me)
{
	struct composer *c = sc->c;
	const struct measure *m = me->measure;
	switch (k) {
	case SCC_CODE: return ctext(c, m->code);
	case SCC_MEASURE: {
		struct doc_text *t = ctext(c, m->name ? m->name : m->id);
		if (me->n_missing && !me->latest.present)
			doc_text_addf(t, DOC_ITALIC, "\n%s", capitalised(c, me->missing[0]));
		return t;
	}
	case SCC_UNIT: return ctext(c, unit_symbol(m->unit));
	case SCC_BASELINE: {
		if (me->baseline.present)
			return ctext(c, point_words(c, me, &me->baseline));
		return ctext(c, m->baseline && m->baseline->value.text ? m->baseline->value.text
								       : NULL);
	}
	case SCC_LATEST: return ctext(c, me->latest.present ? point_words(c, me, &me->latest)
							    : "No data yet");
	case SCC_TARGET: return ctext(c, point_words(c, me, &me->target_now));
	case SCC_FINAL_TARGET: return ctext(c, point_words(c, me, &me->final_target));
	case SCC_RAG: return NULL;  /* a status, set by the row */
	case SCC_TREND: return ctext(c, trend_words(c, me, &me->previous));
	case SCC_YEAR_AGO: return ctext(c, trend_words(c, me, &me->year_ago));
	case SCC_BENCHMARK: return benchmarks_text(c, me);
	case SCC_GAP:
		return me->has_gap_closed ? ctextf(c, "%s of the gap from the baseline to the "
						   "final target",
						   chart_format_value(c->a, me->gap_closed,
								      UNIT_PERCENT, 0))
					  : NULL;
	case SCC_OWNER: return ctext(c, leads_words(c, &m->owner));
	case SCC_FREQUENCY: return ctext(c, m->frequency);
	case SCC_SOURCE: return ctext(c, m->source);
	case SCC_SPARKLINE:
	case SCC_BULLET: return NULL;  /* a figure, set by the row */
	case SCC_COUNT: break;
	}
	return NULL;
}

static struct doc_table *sc_table(struct sc *sc, struct doc_section *s)
{
	struct composer *c = sc->c;
	struct doc_table *t = new_table(c, s, sc->n_order);
	for (size_t i = 0; i < sc->n_order; i++) {
		const struct sc_col_spec *cs = &specs[sc->order[i]];
		column(c, t, i, cs->kind, cs->value, cs->header);
	}
	t->cols[0].row_header = true;
	return t;
}

/* A sparkline or bullet chart in its cell, with the chart's alternative
 * text; a measure with no actual value yet has none, and the cell says
 * so. */
static void chart_cell(struct sc *sc, struct doc_table *t, struct doc_cell *cell,
		       enum sc_column k, const struct measure_eval *me)
{
	struct composer *c = sc->c;
	if (!me->latest.present) {
		cell->text = ctext(c, k == SCC_SPARKLINE ? "No actual values to chart yet"
							 : "No actual value yet");
		return;
	}
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = c->ev->as_at;
	struct chart *ch = k == SCC_SPARKLINE ? chart_sparkline(c->fonts, c->a, me, &o)
					      : chart_bullet(c->fonts, c->a, me, &o);
	doc_cell_figure(t, cell, ch->width, ch->height, chart_draw, ch, ch->alt);
	record_chart(c, ch, k == SCC_SPARKLINE ? "sparkline" : "bullet");
}

static void sc_row(struct sc *sc, struct doc_table *t, const struct measure_eval *me)
{
	struct doc_row *row = doc_table_add_row(t);
	for (size_t i = 0; i < sc->n_order; i++) {
		enum sc_column k = sc->order[i];
		if (k == SCC_RAG) {
			row->cells[i].status = rag_fill(sc->c, me->rag);
			continue;
		}
		if (k == SCC_SPARKLINE || k == SCC_BULLET) {
			chart_cell(sc, t, &row->cells[i], k, me);
			continue;
		}
		row->cells[i].text = cell_text(sc, k, me);
	}
	if (sc->ts && me->latest.present && opt_bool(sc->ts, SOPT_CHARTS) &&
	    !sc->charted[me->measure->index]) {
		sc->charted[me->measure->index] = true;
		sc->to_chart[sc->n_charts++] = me;
	}
}

/* Whether measure m belongs to group g under the grouping. */
static bool in_group(enum sc_group by, const struct measure *m, const void *g)
{
	switch (by) {
	case SC_GROUP_OUTCOME: return refs_has(&m->outcomes, g);
	case SC_GROUP_FOCUS: return refs_has(&m->focus, g);
	case SC_GROUP_AREA: return refs_has(&m->areas, g);
	case SC_GROUP_RECOMMENDATION: return refs_has(&m->recommendations, g);
	case SC_GROUP_NONE: break;
	}
	return true;
}

static bool in_any_group(enum sc_group by, const struct measure *m)
{
	switch (by) {
	case SC_GROUP_OUTCOME: return m->outcomes.n > 0;
	case SC_GROUP_FOCUS: return m->focus.n > 0;
	case SC_GROUP_AREA: return m->areas.n > 0;
	case SC_GROUP_RECOMMENDATION: return m->recommendations.n > 0;
	case SC_GROUP_NONE: break;
	}
	return true;
}

static void group_table(struct sc *sc, struct doc_section *s, enum sc_group by, const void *g,
			const char *title, size_t index)
{
	struct composer *c = sc->c;
	struct doc_table *t = NULL;
	for (size_t i = 0; i < c->ev->n_measures; i++) {
		const struct measure_eval *me = &c->ev->measures[i];
		bool member = g ? in_group(by, me->measure, g) : !in_any_group(by, me->measure);
		if (!member || !shows(sc, me))
			continue;
		if (!t) {
			doc_add_heading(s, 2, ctext(c, title), local_anchor(c, "group-%zu", index));
			t = sc_table(sc, s);
		}
		sc_row(sc, t, me);
	}
}

/* KPI charts, two to a row on landscape pages. */
static void kpi_charts(struct composer *c, struct doc_section *s,
		       const struct measure_eval *const *mes, size_t n)
{
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = c->ev->as_at;
	o.flags = CHART_SHOW_TITLE;
	bool pairs = frame_width(s) >= 700;
	const struct chart *left = NULL;
	for (size_t i = 0; i < n; i++) {
		struct chart *ch = chart_kpi(c->fonts, c->a, mes[i], &o);
		if (!ch)
			continue;
		if (!pairs) {
			add_chart(c, s, ch, "kpi");
		} else if (left) {
			add_chart_pair(c, s, left, ch);
			left = NULL;
		} else {
			left = ch;
		}
	}
	if (left)
		add_chart(c, s, left, "kpi");
}

static void charts(struct sc *sc, struct doc_section *s)
{
	struct composer *c = sc->c;
	if (!sc->n_charts)
		return;
	doc_add_heading(s, 2, ctext(c, "Measures over time"), local_anchor(c, "charts"));
	say(c, s, "Each measure with data, against its target trajectory, baseline and "
		  "benchmarks.");
	kpi_charts(c, s, sc->to_chart, sc->n_charts);
}

void measures_table(struct composer *c, struct doc_section *s, const struct measure *const *ms,
		    size_t n)
{
	static const unsigned char cols[] = { SCC_CODE, SCC_MEASURE, SCC_BASELINE, SCC_LATEST,
					      SCC_TARGET, SCC_RAG, SCC_TREND };
	struct sc sc;
	memset(&sc, 0, sizeof sc);
	sc.c = c;
	for (size_t i = 0; i < sizeof cols; i++)
		sc.order[sc.n_order++] = (enum sc_column)cols[i];
	struct doc_table *t = sc_table(&sc, s);
	for (size_t i = 0; i < n; i++)
		sc_row(&sc, t, &c->ev->measures[ms[i]->index]);
}

void measure_charts(struct composer *c, struct doc_section *s, const struct measure *const *ms,
		    size_t n)
{
	const struct measure_eval **mes = arena_array(c->a, const struct measure_eval *, n ? n : 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (c->ev->measures[ms[i]->index].latest.present)
			mes[k++] = &c->ev->measures[ms[i]->index];
	kpi_charts(c, s, mes, k);
}

static const char *group_title(struct composer *c, enum sc_group by, size_t i)
{
	const struct plan *p = c->plan;
	switch (by) {
	case SC_GROUP_OUTCOME: {
		const struct outcome *o = p->outcomes.items[i];
		return o->ref ? arena_printf(c->a, "%s: %s", o->ref, short_text(c, o->text.text, 120))
			      : short_text(c, o->text.text, 140);
	}
	case SC_GROUP_FOCUS: {
		const struct focus_area *f = p->focus_areas.items[i];
		return f->ref ? arena_printf(c->a, "%s %s", f->ref, f->title) : f->title;
	}
	case SC_GROUP_AREA: return area_title(c, p->all_areas.items[i]);
	case SC_GROUP_RECOMMENDATION: {
		const struct recommendation *r = p->recommendations.items[i];
		return arena_printf(c->a, "Recommendation %s: %s", r->ref ? r->ref : r->id,
				    short_text(c, r->text.text, 110));
	}
	case SC_GROUP_NONE: break;
	}
	return "";
}

static size_t group_count(const struct plan *p, enum sc_group by)
{
	switch (by) {
	case SC_GROUP_OUTCOME: return p->outcomes.n;
	case SC_GROUP_FOCUS: return p->focus_areas.n;
	case SC_GROUP_AREA: return p->all_areas.n;
	case SC_GROUP_RECOMMENDATION: return p->recommendations.n;
	case SC_GROUP_NONE: break;
	}
	return 0;
}

static const void *group_item(const struct plan *p, enum sc_group by, size_t i)
{
	switch (by) {
	case SC_GROUP_OUTCOME: return p->outcomes.items[i];
	case SC_GROUP_FOCUS: return p->focus_areas.items[i];
	case SC_GROUP_AREA: return p->all_areas.items[i];
	case SC_GROUP_RECOMMENDATION: return p->recommendations.items[i];
	case SC_GROUP_NONE: break;
	}
	return NULL;
}

void compose_scorecard(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan_eval *ev = c->ev;
	struct sc sc;
	memset(&sc, 0, sizeof sc);
	sc.c = c;
	sc.ts = ts;
	const struct sopt_value *cols = &ts->opts[SOPT_COLUMNS];
	for (size_t i = 0; i < cols->n_items; i++)
		if (column_filled(&sc, (enum sc_column)cols->items[i]))
			sc.order[sc.n_order++] = (enum sc_column)cols->items[i];
	sc.to_chart = arena_array(c->a, const struct measure_eval *,
				  ev->n_measures ? ev->n_measures : 1);
	sc.charted = arena_array(c->a, bool, ev->n_measures ? ev->n_measures : 1);
	section_heading(c, s, ts);
	if (c->plan->measures_description.n)
		doc_add_paragraph(s, prose_text(c, &c->plan->measures_description));
	size_t with_data = 0, shown = 0, no_data = 0;
	for (size_t i = 0; i < ev->n_measures; i++) {
		with_data += ev->measures[i].latest.present;
		shown += shows(&sc, &ev->measures[i]);
		no_data += !measure_has_data(&ev->measures[i]);
	}
	if (ev->n_measures == 0) {
		say(c, s, "The plan has no measures.");
		return;
	}
	say(c, s, "%s, %zu with an actual value as at %s: %zu red, %zu amber, %zu green, "
		  "%zu not rated. RAG compares the latest value with the target in force then, "
		  "within the measure's tolerance and in the direction that is better.",
	    capitalised(c, count_words(c, ev->n_measures, "measure", "measures")), with_data,
	    day_words(c, ev->as_at), ev->totals.measures_by_rag[EVAL_RAG_RED],
	    ev->totals.measures_by_rag[EVAL_RAG_AMBER], ev->totals.measures_by_rag[EVAL_RAG_GREEN],
	    ev->totals.measures_by_rag[EVAL_RAG_NONE]);
	bool list_no_data = opt_int(ts, SOPT_SHOW) == SC_SHOW_ALL && no_data;
	if (shown == 0) {
		if (list_no_data)
			no_data_list(&sc, s, no_data);
		else
			say(c, s, "No measure has an actual value recorded as at %s.",
			    day_words(c, ev->as_at));
		return;
	}
	enum sc_group by = (enum sc_group)opt_int(ts, SOPT_GROUP_BY);
	if (by == SC_GROUP_NONE || group_count(c->plan, by) == 0) {
		struct doc_table *t = sc_table(&sc, s);
		for (size_t i = 0; i < ev->n_measures; i++)
			if (shows(&sc, &ev->measures[i]))
				sc_row(&sc, t, &ev->measures[i]);
	} else {
		size_t n = group_count(c->plan, by);
		for (size_t i = 0; i < n; i++)
			group_table(&sc, s, by, group_item(c->plan, by, i), group_title(c, by, i), i + 1);
		static const char *const rest[] = {
			[SC_GROUP_OUTCOME] = "Not linked to an outcome",
			[SC_GROUP_FOCUS] = "Not linked to a focus area",
			[SC_GROUP_AREA] = "Not linked to an area",
			[SC_GROUP_RECOMMENDATION] = "Not linked to a recommendation",
		};
		group_table(&sc, s, by, NULL, rest[by], n + 1);
	}
	if (list_no_data)
		no_data_list(&sc, s, no_data);
	charts(&sc, s);
}
