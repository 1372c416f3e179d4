/* Charts for a scorecard row: the sparkline (actuals over time, the
 * latest marked, the target in force dashed) and the bullet chart (the
 * latest as a bar against the target as a tall tick and the baseline as a
 * small triangle). No text fits at this size, so the alternative text
 * carries the numbers; nothing is told apart by colour alone (solid and
 * dashed lines; bar, tick and triangle). */
#include <math.h>
#include <string.h>

#include "chart/internal.h"
#include "layout/contrast.h"

#define SPARK_W 80.0
#define SPARK_H 18.0
#define BULLET_W 120.0
#define BULLET_H 18.0

static struct chart *start(struct fonts *f, struct arena *a, enum chart_kind kind,
			   const struct measure_eval *me, const struct chart_options *o, double w,
			   double h, const char *kind_words, struct chart_kpi_data *d)
{
	struct chart *c = chart_new(f, a, kind, o->width > 0 ? o->width : w,
				    o->height > 0 ? o->height : h);
	chart_kpi_data(a, me, o->as_at, d);
	c->better = d->better;
	c->title = o->title ? o->title
		   : d->code ? chart_printf(a, "%s: %s", d->code, d->name) : d->name;
	c->alt = chart_kpi_alt(a, d, kind_words);
	chart_table_init(c, 3, d->n_actuals + 3, "Series", "Date", "Value");
	if (d->baseline.present)
		chart_table_row(c, "Baseline", d->baseline.when ? d->baseline.when : "",
				chart_format_value(a, d->baseline.v, d->unit, -1));
	for (size_t i = 0; i < d->n_actuals; i++)
		chart_table_row(c, "Actual", d->actuals[i].when ? d->actuals[i].when : "",
				d->actuals[i].present
					? chart_format_value(a, d->actuals[i].v, d->unit, -1)
					: d->actuals[i].missing);
	const struct eval_point *t = &me->target_now;
	if (t->present)
		chart_table_row(c, "Target now", chart_point_words(a, t) ? chart_point_words(a, t) : "",
				chart_format_value(a, t->value, d->unit, -1));
	c->n_panels = 1;
	c->panels = arena_new(a, struct chart_panel);
	return c;
}

static void no_data(struct chart *c)
{
	const struct shape *s = chart_shape(c, "No data yet", CHART_FONT_ITALIC, 0);
	struct chart_anchor at = { c->width / 2, c->height / 2, 0.5, 0.5 };
	chart_place(c, s, s->text, CHART_LABEL_NOTE, CHART_MUTED_TEXT, &at, 1,
		    (struct chart_rect){ 0, 0, c->width, c->height }, 0);
}

static struct chart_series *series(struct chart *c, struct chart_panel *p, const char *name,
				   enum chart_series_role role, doc_rgb color,
				   enum chart_marker marker, enum chart_dash dash, size_t n)
{
	struct chart_series *s = &p->series[p->n_series++];
	s->name = name;
	s->role = role;
	s->color = color;
	s->marker = marker;
	s->dash = dash;
	s->points = arena_array(c->arena, struct chart_point, n ? n : 1);
	s->n_points = n;
	return s;
}

struct chart *chart_sparkline(struct fonts *f, struct arena *a, const struct measure_eval *me,
			      const struct chart_options *o)
{
	struct chart_kpi_data d;
	struct chart *c = start(f, a, CHART_SPARKLINE, me, o, SPARK_W, SPARK_H, "Sparkline", &d);
	struct chart_panel *p = c->panels;
	p->frame = (struct chart_rect){ 0, 0, c->width, c->height };
	p->plot = (struct chart_rect){ 3, 3, c->width - 6, c->height - 6 };
	p->series = arena_array(a, struct chart_series, 2);
	if (d.n_present == 0) {
		no_data(c);
		return c;
	}
	double d0 = 0, d1 = 0, lo = 0, hi = 0;
	bool first = true;
	for (size_t i = 0; i < d.n_actuals; i++) {
		const struct chart_value *v = &d.actuals[i];
		if (!v->present)
			continue;
		if (first || v->day < d0)
			d0 = v->day;
		if (first || v->day > d1)
			d1 = v->day;
		if (first || v->v < lo)
			lo = v->v;
		if (first || v->v > hi)
			hi = v->v;
		first = false;
	}
	const struct eval_point *t = &me->target_now;
	if (t->present) {
		lo = fmin(lo, t->value);
		hi = fmax(hi, t->value);
	}
	double pad = hi > lo ? (hi - lo) * 0.08 : fabs(hi) > 0 ? fabs(hi) * 0.1 : 1;
	p->y.min = lo - pad;
	p->y.max = hi + pad;
	p->x.time = true;
	p->x.min = d0 - (d1 > d0 ? 0 : 30);
	p->x.max = d1 + (d1 > d0 ? 0 : 30);

	doc_rgb actual_c = contrast_adjust(CHART_BLUE, CHART_WHITE, 3.0);
	doc_rgb target_c = contrast_adjust(CHART_VERMILLION, CHART_WHITE, 3.0);
	if (t->present) {
		double ty = chart_y_of(p, t->value);
		chart_segment(c, p->plot.x, ty, p->plot.x + p->plot.w, ty, target_c, 1.0,
			      CHART_DASH_DASHED);
		struct chart_series *ts = series(c, p, "Target", CHART_SERIES_TARGET, target_c,
						 CHART_MARKER_NONE, CHART_DASH_DASHED, 1);
		ts->points[0] = (struct chart_point){ true, t->value, t->date, p->plot.x + p->plot.w, ty };
	}
	struct chart_series *as = series(c, p, "Actual", CHART_SERIES_ACTUAL, actual_c,
					 CHART_MARKER_CIRCLE, CHART_DASH_SOLID, d.n_actuals);
	double *xy = arena_array(a, double, 2 * (d.n_actuals + 1));
	size_t run = 0;
	const struct chart_point *last = NULL;
	for (size_t i = 0; i <= d.n_actuals; i++) {
		if (i < d.n_actuals) {
			const struct chart_value *v = &d.actuals[i];
			struct chart_point *pt = &as->points[i];
			*pt = (struct chart_point){ v->present, v->v, v->day, 0, 0 };
			if (v->present) {
				pt->x = chart_x_of(p, v->day);
				pt->y = chart_y_of(p, v->v);
				xy[2 * run] = pt->x;
				xy[2 * run + 1] = pt->y;
				run++;
				last = pt;
				continue;
			}
		}
		chart_polyline(c, xy, run, actual_c, 1.2, CHART_DASH_SOLID);
		run = 0;
	}
	for (size_t i = 0; i < as->n_points; i++) {
		const struct chart_point *pt = &as->points[i];
		bool alone = (i == 0 || !as->points[i - 1].present) &&
			     (i + 1 == as->n_points || !as->points[i + 1].present);
		if (pt->present && (alone || pt == last))
			chart_marker(c, pt->x, pt->y, pt == last ? 3.5 : 2.5, CHART_MARKER_CIRCLE, actual_c,
				     false);
	}
	return c;
}

struct chart *chart_bullet(struct fonts *f, struct arena *a, const struct measure_eval *me,
			   const struct chart_options *o)
{
	struct chart_kpi_data d;
	struct chart *c = start(f, a, CHART_BULLET, me, o, BULLET_W, BULLET_H, "Bullet chart", &d);
	struct chart_panel *p = c->panels;
	double H = c->height;
	p->frame = (struct chart_rect){ 0, 0, c->width, H };
	p->plot = (struct chart_rect){ 3, H * 0.22, c->width - 6, H * 0.56 };
	p->series = arena_array(a, struct chart_series, 3);
	const struct chart_value *latest = chart_kpi_latest(&d);
	const struct eval_point *t = me->target_now.present ? &me->target_now
				     : me->final_target.present ? &me->final_target : NULL;
	if (!latest && !t && !d.baseline.present) {
		no_data(c);
		return c;
	}
	/* Bars start at zero, so the scale always includes it. */
	double lo = 0, hi = 0;
	if (latest) {
		lo = fmin(lo, latest->v);
		hi = fmax(hi, latest->v);
	}
	if (t) {
		lo = fmin(lo, t->value);
		hi = fmax(hi, t->value);
	}
	if (d.baseline.present) {
		lo = fmin(lo, d.baseline.v);
		hi = fmax(hi, d.baseline.v);
	}
	chart_nice_axis(lo, hi, 4, d.unit == UNIT_COUNT || d.unit == UNIT_DAYS,
			d.unit == UNIT_PERCENT, &p->x);
	chart_axis_ticks(c, &p->x, d.unit);
	double mid = p->plot.y + p->plot.h / 2;
	/* x is the value axis here; chart_x_of reads p->x. */
	chart_fill_rect(c, p->plot, CHART_TRACK);
	doc_rgb bar_c = contrast_adjust(CHART_BLUE, CHART_TRACK, 3.0);
	double x0 = chart_x_of(p, 0);
	if (latest) {
		double x1 = chart_x_of(p, latest->v);
		struct chart_rect bar = { fmin(x0, x1), mid - H * 0.14, fabs(x1 - x0), H * 0.28 };
		chart_fill_rect(c, bar, bar_c);
		struct chart_series *s = series(c, p, "Actual", CHART_SERIES_ACTUAL, bar_c,
						CHART_MARKER_NONE, CHART_DASH_SOLID, 1);
		s->points[0] = (struct chart_point){ true, latest->v, latest->day, x1, mid };
	}
	if (d.baseline.present) {
		double bx = chart_x_of(p, d.baseline.v);
		chart_marker(c, bx, p->plot.y - 0.5, 5, CHART_MARKER_TRIANGLE_DOWN, CHART_BLACK, true);
		struct chart_series *s = series(c, p, "Baseline", CHART_SERIES_BASELINE, CHART_BLACK,
						CHART_MARKER_TRIANGLE_DOWN, CHART_DASH_SOLID, 1);
		s->points[0] = (struct chart_point){ true, d.baseline.v, d.baseline.day, bx, mid };
	}
	if (t) {
		double tx = chart_x_of(p, t->value);
		chart_segment(c, tx, H * 0.1, tx, H * 0.9, CHART_BLACK, 2.0, CHART_DASH_SOLID);
		struct chart_series *s = series(c, p, "Target", CHART_SERIES_TARGET, CHART_BLACK,
						CHART_MARKER_NONE, CHART_DASH_SOLID, 1);
		s->points[0] = (struct chart_point){ true, t->value, t->date, tx, mid };
	}
	return c;
}
