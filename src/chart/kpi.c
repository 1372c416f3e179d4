/* The KPI chart: a measure's actuals over time against the target
 * trajectory, the baseline and benchmark lines, with which way is better
 * stated above the plot and the latest RAG printed as a word.
 *
 * Layout, top down: optional title; the direction note (left) and the
 * latest status (right); the legend; the plot with value ticks on the
 * left in the measure's unit, month ticks below, and the names of the
 * horizontal reference lines (baseline, benchmarks) in a margin on the
 * right, where they can be read without a legend. */
#include <math.h>
#include <string.h>

#include "chart/internal.h"
#include "layout/contrast.h"

#define KPI_W 380.0
#define KPI_H 250.0
#define PAD 4.0

/* Lines must reach 3:1 against white (WCAG non-text contrast); the hues
 * stay Okabe-Ito's. */
static doc_rgb line_colour(doc_rgb c)
{
	return contrast_adjust(c, CHART_WHITE, 3.0);
}

struct bench_style {
	doc_rgb color;
	enum chart_dash dash;
};

static struct bench_style bench_style(size_t i)
{
	static const struct bench_style styles[] = {
		{ CHART_REDDISH_PURPLE, CHART_DASH_LONG },
		{ CHART_BLUISH_GREEN, CHART_DASH_DASH_DOT },
		{ CHART_ORANGE, CHART_DASH_LONG },
		{ CHART_SKY_BLUE, CHART_DASH_DASH_DOT },
	};
	struct bench_style s = styles[i % (sizeof styles / sizeof styles[0])];
	s.color = line_colour(s.color);
	return s;
}

static bool integer_unit(enum measure_unit u)
{
	return u == UNIT_COUNT || u == UNIT_DAYS || u == UNIT_GBP;
}

/* The value range of everything drawn. */
static bool value_range(const struct chart_kpi_data *d, double *lo, double *hi)
{
	bool any = false;
	double mn = 0, mx = 0;
#define SEE(v) do { double v_ = (v); if (!any || v_ < mn) mn = v_; if (!any || v_ > mx) mx = v_; any = true; } while (0)
	for (size_t i = 0; i < d->n_actuals; i++)
		if (d->actuals[i].present)
			SEE(d->actuals[i].v);
	for (size_t i = 0; i < d->n_targets; i++)
		SEE(d->targets[i].v);
	if (d->standing.present)
		SEE(d->standing.v);
	if (d->baseline.present)
		SEE(d->baseline.v);
	for (size_t i = 0; i < d->n_bench; i++)
		SEE(d->bench[i].v);
#undef SEE
	*lo = mn;
	*hi = mx;
	return any;
}

/* The day range of everything dated. */
static bool day_range(const struct chart_kpi_data *d, bp_day as_at, double *lo, double *hi)
{
	bool any = false;
	double mn = 0, mx = 0;
#define SEE(v) do { double v_ = (v); if (!any || v_ < mn) mn = v_; if (!any || v_ > mx) mx = v_; any = true; } while (0)
	for (size_t i = 0; i < d->n_actuals; i++)
		SEE(d->actuals[i].day);
	for (size_t i = 0; i < d->n_targets; i++)
		SEE(d->targets[i].day);
	if (d->baseline.present && d->baseline.day != BP_DAY_NONE)
		SEE(d->baseline.day);
#undef SEE
	if (!any && as_at != BP_DAY_NONE) {
		mn = mx = as_at;
		any = true;
	}
	*lo = mn;
	*hi = mx;
	return any;
}

/* The latest value, the target it was judged against and the RAG word on
 * its colour, right-aligned at right; returns the width used. */
static double status_note(struct chart *c, const struct chart_kpi_data *d, double right,
			  double y, bool place, double *height)
{
	const struct measure_eval *me = d->me;
	const struct chart_value *latest = chart_kpi_latest(d);
	*height = 0;
	if (!latest)
		return 0;
	const struct eval_point *ref = me->rag_reference.present ? &me->rag_reference
				       : me->target_now.present ? &me->target_now : NULL;
	const char *text = chart_printf(c->arena, "Latest %s%s%s%s",
					chart_format_value(c->arena, latest->v, d->unit, -1),
					latest->when ? chart_printf(c->arena, " (%s)", latest->when) : "",
					ref ? ", target " : "",
					ref ? chart_format_value(c->arena, ref->value, d->unit, -1) : "");
	const struct shape *s = chart_shape(c, text, CHART_FONT, 0);
	const struct shape *rag = NULL;
	double pill_w = 0;
	if (me->rag != EVAL_RAG_NONE) {
		rag = chart_shape(c, chart_rag_word(me->rag, true), CHART_FONT_BOLD, 0);
		pill_w = rag->width + 8;
	}
	double w = s->width + (rag ? pill_w + 5 : 0);
	*height = s->height + (rag ? 2 : 0);
	if (!place)
		return w;
	struct chart_rect bounds = { 0, 0, c->width, c->height };
	double x = right - w;
	struct chart_anchor at = { x, y + *height / 2, 0, 0.5 };
	chart_place(c, s, text, CHART_LABEL_NOTE, CHART_TEXT, &at, 1, bounds, 0);
	if (rag) {
		doc_rgb fill = chart_rag_colour(me->rag);
		struct chart_rect pill = { right - pill_w, y, pill_w, *height };
		chart_fill_rect(c, pill, fill);
		struct chart_anchor pa = { pill.x + pill.w / 2, pill.y + pill.h / 2, 0.5, 0.5 };
		long li = chart_place(c, rag, chart_rag_word(me->rag, true), CHART_LABEL_STATUS,
				      contrast_text_on(fill), &pa, 1, bounds, 0);
		if (li >= 0) {
			/* The word sits on the fill: its colour is for that fill. */
			c->labels[li].color = contrast_text_on(fill);
			c->labels[li].backed = true;
			c->labels[li].back = fill;
			c->labels[li].pad = 0;
		}
		chart_obstacle(c, pill);
	}
	return w;
}

static void x_axis(struct chart *c, struct chart_panel *p)
{
	struct chart_rect bounds = { 0, 0, c->width, c->height };
	double base = p->plot.y + p->plot.h;
	for (size_t i = 0; i < p->x.n_ticks; i++) {
		double x = chart_x_of(p, p->x.ticks[i]);
		chart_segment(c, x, base, x, base + 3, CHART_AXIS, 0.6, CHART_DASH_SOLID);
		if (!p->x.tick_text[i])
			continue;
		const struct shape *s = chart_shape(c, p->x.tick_text[i], CHART_FONT, 0);
		/* Low enough to clear the bottom value label. */
		struct chart_anchor at = { x, base + 6, 0.5, 0 };
		if (chart_place(c, s, p->x.tick_text[i], CHART_LABEL_TICK, CHART_MUTED_TEXT, &at, 1,
				bounds, 0) < 0)
			p->x.tick_text[i] = NULL;
	}
}

/* A point series from chart values. */
static struct chart_series *add_series(struct chart *c, struct chart_panel *p, const char *name,
				       enum chart_series_role role, doc_rgb color,
				       enum chart_marker marker, enum chart_dash dash,
				       const struct chart_value *v, size_t n)
{
	struct chart_series *s = &p->series[p->n_series++];
	s->name = name;
	s->role = role;
	s->color = color;
	s->marker = marker;
	s->dash = dash;
	s->points = arena_array(c->arena, struct chart_point, n ? n : 1);
	s->n_points = n;
	for (size_t i = 0; i < n; i++) {
		struct chart_point *pt = &s->points[i];
		pt->present = v[i].present && v[i].day != BP_DAY_NONE;
		pt->value = v[i].v;
		pt->day = v[i].day;
		if (pt->present) {
			pt->x = chart_x_of(p, v[i].day);
			pt->y = chart_y_of(p, v[i].v);
		}
	}
	return s;
}

/* Draws the actual series: lines between neighbouring present points
 * only, so a gap (TBC, not recorded) shows as a gap. */
static void draw_actuals(struct chart *c, const struct chart_series *s, bool markers)
{
	double *xy = arena_array(c->arena, double, 2 * (s->n_points + 1));
	size_t run = 0;
	for (size_t i = 0; i <= s->n_points; i++) {
		bool present = i < s->n_points && s->points[i].present;
		if (present) {
			xy[2 * run] = s->points[i].x;
			xy[2 * run + 1] = s->points[i].y;
			run++;
			continue;
		}
		chart_polyline(c, xy, run, s->color, 2.0, CHART_DASH_SOLID);
		run = 0;
	}
	const struct chart_point *last = NULL;
	for (size_t i = 0; i < s->n_points; i++)
		if (s->points[i].present)
			last = &s->points[i];
	for (size_t i = 0; i < s->n_points; i++) {
		const struct chart_point *pt = &s->points[i];
		/* A value between two gaps has no line: it needs its marker. */
		bool alone = (i == 0 || !s->points[i - 1].present) &&
			     (i + 1 == s->n_points || !s->points[i + 1].present);
		if (pt->present && (markers || alone || pt == last))
			chart_marker(c, pt->x, pt->y, pt == last ? 6.5 : 5, CHART_MARKER_CIRCLE, s->color,
				     false);
	}
}

/* A reference line's name and value on one line, or on two when one is
 * wider than cap; *widest grows to the width needed. */
static const char *ref_name(struct chart *c, const char *name, const char *value, double cap,
			    double *widest)
{
	const char *text = chart_printf(c->arena, "%s %s", name, value);
	double w = chart_shape(c, text, CHART_FONT, 0)->width;
	if (w > cap) {
		text = chart_printf(c->arena, "%s\n%s", name, value);
		w = chart_shape(c, text, CHART_FONT, 0)->width;
	}
	if (w > *widest)
		*widest = w;
	return text;
}

/* Names of the horizontal reference lines in the right margin, nudged
 * apart; a name that cannot be placed is dropped (the legend and the
 * table still have it). */
static void reference_label(struct chart *c, const struct chart_panel *p, double right,
			    const char *text, double y, doc_rgb color)
{
	double room = right - (p->plot.x + p->plot.w + 4);
	const struct shape *s = chart_shape_lines(c, text, CHART_FONT, room, 2);
	struct chart_rect margin = { p->plot.x + p->plot.w + 2, 0, right - (p->plot.x + p->plot.w + 2),
				     c->height };
	struct chart_anchor at = { p->plot.x + p->plot.w + 4, y, 0, 0.5 };
	chart_place(c, s, s->text, CHART_LABEL_REFERENCE, color, &at, 1, margin, CHART_PLACE_NUDGE);
}

static void point_label(struct chart *c, const struct chart_panel *p, const char *text,
			enum chart_label_kind kind, enum font_role role, doc_rgb color, double x,
			double y, double r)
{
	const struct shape *s = chart_shape(c, text, role, 0);
	struct chart_anchor cands[] = {
		{ x, y - r - 2, 0.5, 1 }, { x, y + r + 2, 0.5, 0 },
		{ x - r - 3, y, 1, 0.5 }, { x + r + 3, y, 0, 0.5 },
		{ x - r - 2, y - r - 1, 1, 1 }, { x + r + 2, y - r - 1, 0, 1 },
		{ x - r - 2, y + r + 1, 1, 0 }, { x + r + 2, y + r + 1, 0, 0 },
	};
	struct chart_rect bounds = { p->frame.x, p->frame.y, p->frame.w, p->frame.h };
	chart_place(c, s, text, kind, color, cands, sizeof cands / sizeof cands[0], bounds,
		    CHART_PLACE_BACKED | CHART_PLACE_NUDGE);
}

static void data_table(struct chart *c, const struct chart_kpi_data *d)
{
	struct arena *a = c->arena;
	chart_table_init(c, 3, d->n_actuals + d->n_targets + d->n_missing_targets + d->n_bench + 2,
			 "Series", "Date", "Value");
	if (d->baseline.present || d->has_baseline)
		chart_table_row(c, "Baseline", d->baseline.when ? d->baseline.when : "",
				d->baseline.present ? chart_format_value(a, d->baseline.v, d->unit, -1)
						    : d->baseline.missing);
	for (size_t i = 0; i < d->n_actuals; i++) {
		const struct chart_value *v = &d->actuals[i];
		chart_table_row(c, "Actual", v->when ? v->when : "",
				v->present ? chart_format_value(a, v->v, d->unit, -1) : v->missing);
	}
	for (size_t i = 0; i < d->n_targets; i++) {
		const struct chart_value *v = &d->targets[i];
		chart_table_row(c, "Target", v->when ? v->when : "",
				chart_format_value(a, v->v, d->unit, -1));
	}
	for (size_t i = 0; i < d->n_missing_targets; i++) {
		const struct chart_value *v = &d->missing_targets[i];
		chart_table_row(c, "Target", v->when ? v->when : "", v->missing);
	}
	if (d->standing.present)
		chart_table_row(c, "Target", "throughout",
				chart_format_value(a, d->standing.v, d->unit, -1));
	for (size_t i = 0; i < d->n_bench; i++)
		chart_table_row(c, d->bench[i].name, d->bench[i].when ? d->bench[i].when : "",
				chart_format_value(a, d->bench[i].v, d->unit, -1));
}

struct chart *chart_kpi(struct fonts *f, struct arena *a, const struct measure_eval *me,
			const struct chart_options *o)
{
	double W = o->width > 0 ? o->width : KPI_W, H = o->height > 0 ? o->height : KPI_H;
	struct chart *c = chart_new(f, a, CHART_KPI, W, H);
	struct chart_kpi_data d;
	chart_kpi_data(a, me, o->as_at, &d);
	c->better = d.better;
	c->title = o->title ? o->title
		   : d.code ? chart_printf(a, "%s: %s", d.code, d.name) : d.name;
	c->alt = chart_kpi_alt(a, &d, "Line chart");
	data_table(c, &d);
	struct chart_rect bounds = { 0, 0, W, H };

	double y = PAD;
	if (o->flags & CHART_SHOW_TITLE) {
		const struct shape *s = chart_shape_lines(c, c->title, CHART_FONT_BOLD, W - 2 * PAD, 2);
		struct chart_anchor at = { PAD, y, 0, 0 };
		chart_place(c, s, c->title, CHART_LABEL_TITLE, CHART_TEXT, &at, 1, bounds, 0);
		y += s->height + 4;
	}

	/* Direction of improvement and the latest status. */
	const char *in_line_ref = d.n_bench ? d.bench[0].name : NULL;
	double note_h;
	double note_w = chart_direction_note(c, d.better, in_line_ref, PAD, y, &note_h);
	double status_h;
	double status_w = status_note(c, &d, W - PAD, y, false, &status_h);
	if (status_w > 0) {
		if (note_w + 12 + status_w > W - 2 * PAD) {
			y += note_h + 3;
			note_h = 0;
		}
		status_note(c, &d, W - PAD, y, true, &status_h);
	}
	y += (note_h > status_h ? note_h : status_h) + 5;

	/* Legend. */
	const doc_rgb actual_c = line_colour(CHART_BLUE), target_c = line_colour(CHART_VERMILLION);
	const doc_rgb base_c = CHART_BLACK;
	struct chart_legend_entry le[8];
	size_t nle = 0;
	if (d.n_actuals)
		le[nle++] = (struct chart_legend_entry){ .text = "Actual", .color = actual_c,
			.line = true, .marker = CHART_MARKER_CIRCLE, .role = CHART_FONT };
	if (d.n_targets || d.standing.present)
		le[nle++] = (struct chart_legend_entry){ .text = "Target", .color = target_c,
			.line = true, .dash = CHART_DASH_DASHED, .marker = CHART_MARKER_TRIANGLE,
			.role = CHART_FONT };
	if (d.baseline.present)
		le[nle++] = (struct chart_legend_entry){ .text = "Baseline", .color = base_c,
			.line = true, .dash = CHART_DASH_DOTTED, .marker = CHART_MARKER_SQUARE,
			.hollow = true, .role = CHART_FONT };
	for (size_t i = 0; i < d.n_bench && nle < 8; i++) {
		struct bench_style bs = bench_style(i);
		le[nle++] = (struct chart_legend_entry){ .text = d.bench[i].name, .color = bs.color,
			.line = true, .dash = bs.dash, .role = CHART_FONT };
	}
	if (!(o->flags & CHART_NO_LEGEND) && nle)
		y += chart_legend(c, le, nle, PAD, y, W - 2 * PAD) + 6;

	c->n_panels = 1;
	c->panels = arena_new(a, struct chart_panel);
	struct chart_panel *p = c->panels;
	p->series = arena_array(a, struct chart_series, 3 + d.n_bench);

	double vlo, vhi, dlo, dhi;
	bool has_values = value_range(&d, &vlo, &vhi);
	bool has_days = day_range(&d, o->as_at, &dlo, &dhi);
	/* Rates say their unit once, above the axis: "27.9 per 10,000" on
	 * every tick would take a fifth of the width. */
	bool rate = d.unit == UNIT_RATE_10000 || d.unit == UNIT_RATE_1000;
	enum measure_unit tick_unit = rate ? UNIT_NONE : d.unit;
	if (rate && has_values) {
		const char *t = d.unit == UNIT_RATE_10000 ? "Rate per 10,000" : "Rate per 1,000";
		const struct shape *s = chart_shape(c, t, CHART_FONT, 0);
		struct chart_anchor at = { PAD, y, 0, 0 };
		chart_place(c, s, t, CHART_LABEL_AXIS_TITLE, CHART_MUTED_TEXT, &at, 1, bounds, 0);
		y += s->height + 2;
	}
	const struct shape *probe = chart_shape(c, "Apr 2023", CHART_FONT, 0);
	double tick_h = probe->height;
	double plot_top = y + tick_h / 2;
	double plot_bottom = H - PAD - tick_h - 6;
	p->frame = (struct chart_rect){ 0, y, W, H - y };
	if (!has_values || plot_bottom - plot_top < 20) {
		const struct shape *s = chart_shape(c, has_values ? "Too small to chart"
								 : "No values to chart yet",
						    CHART_FONT_ITALIC, 0);
		struct chart_anchor at = { W / 2, (y + H) / 2, 0.5, 0.5 };
		chart_place(c, s, s->text, CHART_LABEL_NOTE, CHART_MUTED_TEXT, &at, 1, bounds, 0);
		p->plot = (struct chart_rect){ PAD, plot_top, W - 2 * PAD,
					       plot_bottom > plot_top ? plot_bottom - plot_top : 0 };
		return c;
	}

	/* Value axis. */
	if (vlo >= 0 && vlo <= vhi * 0.5)
		vlo = 0;
	double plot_h = plot_bottom - plot_top;
	int max_ticks = (int)(plot_h / 26) + 1;
	if (max_ticks > 8)
		max_ticks = 8;
	if (max_ticks < 3)
		max_ticks = 3;
	chart_nice_axis(vlo, vhi, max_ticks, integer_unit(d.unit), d.unit == UNIT_PERCENT, &p->y);
	double left = PAD + chart_y_label_width(c, &p->y, tick_unit) + 6;

	/* Right margin: the reference lines' names. */
	const char **ref_text = arena_array(a, const char *, d.n_bench + 1);
	const double cap = W * 0.3;
	double right_w = 0;
	const char *base_text = d.baseline.present
		? ref_name(c, "Baseline", chart_format_value(a, d.baseline.v, d.unit, -1), cap, &right_w)
		: NULL;
	for (size_t i = 0; i < d.n_bench; i++)
		ref_text[i] = ref_name(c, d.bench[i].short_name,
				       chart_format_value(a, d.bench[i].v, d.unit, -1), cap, &right_w);
	if (right_w > cap)
		right_w = cap;
	double right = W - PAD;
	double plot_right = right_w > 0 ? right - right_w - 6 : right - 14;
	p->plot = (struct chart_rect){ left, plot_top, plot_right - left, plot_h };

	/* Time axis, with room around the first and last dates. */
	double span = dhi - dlo;
	double padd = span > 0 ? (span * 0.04 > 10 ? span * 0.04 : 10) : 45;
	if (has_days) {
		chart_time_axis(c, (bp_day)(dlo - padd), (bp_day)(dhi + padd), p->plot.w, &p->x);
	} else {
		memset(&p->x, 0, sizeof p->x);
		p->x.time = true;
		p->x.min = 0;
		p->x.max = 1;
	}

	chart_y_axis(c, p, tick_unit);
	x_axis(c, p);

	/* Reference lines first, so data is drawn over them. */
	for (size_t i = 0; i < d.n_bench; i++) {
		struct bench_style bs = bench_style(i);
		double ly = chart_y_of(p, d.bench[i].v);
		chart_segment(c, p->plot.x, ly, p->plot.x + p->plot.w, ly, bs.color, 1.4, bs.dash);
		struct chart_series *s = &p->series[p->n_series++];
		s->name = d.bench[i].name;
		s->role = CHART_SERIES_BENCHMARK;
		s->color = bs.color;
		s->dash = bs.dash;
		s->points = arena_new(a, struct chart_point);
		s->n_points = 1;
		s->points[0] = (struct chart_point){ true, d.bench[i].v, BP_DAY_NONE,
						     p->plot.x + p->plot.w, ly };
	}
	if (d.baseline.present) {
		double ly = chart_y_of(p, d.baseline.v);
		chart_segment(c, p->plot.x, ly, p->plot.x + p->plot.w, ly, base_c, 1.2, CHART_DASH_DOTTED);
		struct chart_series *s = add_series(c, p, "Baseline", CHART_SERIES_BASELINE, base_c,
						    CHART_MARKER_SQUARE, CHART_DASH_DOTTED, &d.baseline, 1);
		if (s->points[0].present)
			chart_marker(c, s->points[0].x, s->points[0].y, 6, CHART_MARKER_SQUARE, base_c, true);
		else if (d.baseline.day == BP_DAY_NONE) {
			/* An undated baseline is a level, not a point. */
			s->points[0].present = true;
			s->points[0].x = p->plot.x;
			s->points[0].y = ly;
		}
	}

	double *traj;
	size_t n_traj;
	/* Without dates only an undated target can be drawn: as a level. */
	if (chart_kpi_trajectory(a, &d, p->x.min, p->x.max, &traj, &n_traj)) {
		for (size_t i = 0; i < n_traj; i++) {
			traj[2 * i] = chart_x_of(p, traj[2 * i]);
			traj[2 * i + 1] = chart_y_of(p, traj[2 * i + 1]);
		}
		chart_polyline(c, traj, n_traj, target_c, 1.5, CHART_DASH_DASHED);
	}
	struct chart_series *ts = add_series(c, p, "Target", CHART_SERIES_TARGET, target_c,
					     CHART_MARKER_TRIANGLE, CHART_DASH_DASHED, d.targets,
					     d.n_targets);
	for (size_t i = 0; i < ts->n_points; i++)
		chart_marker(c, ts->points[i].x, ts->points[i].y, 6.5, CHART_MARKER_TRIANGLE, target_c,
			     false);

	struct chart_series *as = add_series(c, p, "Actual", CHART_SERIES_ACTUAL, actual_c,
					     CHART_MARKER_CIRCLE, CHART_DASH_SOLID, d.actuals,
					     d.n_actuals);
	draw_actuals(c, as, d.n_present <= 60);

	/* Labels: the latest actual first, then the final target, then the
	 * reference lines' names. */
	for (size_t i = as->n_points; i-- > 0;) {
		if (!as->points[i].present)
			continue;
		point_label(c, p, chart_format_value(a, as->points[i].value, d.unit, -1),
			    CHART_LABEL_VALUE, CHART_FONT_BOLD, actual_c, as->points[i].x,
			    as->points[i].y, 3.5);
		break;
	}
	if (ts->n_points) {
		const struct chart_point *tp = &ts->points[ts->n_points - 1];
		point_label(c, p,
			    chart_printf(a, "Target %s", chart_format_value(a, tp->value, d.unit, -1)),
			    CHART_LABEL_TARGET, CHART_FONT_ITALIC, target_c, tp->x, tp->y, 3.5);
	}
	if (base_text)
		reference_label(c, p, right, base_text, chart_y_of(p, d.baseline.v), base_c);
	for (size_t i = 0; i < d.n_bench; i++)
		reference_label(c, p, right, ref_text[i], chart_y_of(p, d.bench[i].v),
				bench_style(i).color);
	return c;
}
