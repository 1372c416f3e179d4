/* Building a chart: drawing items, shaped labels and their placement.
 *
 * Every label is shaped once here, with the fonts the chart will be drawn
 * with, and placed at the first candidate position where its box stays in
 * bounds and clear of every other label and of the markers; a label with
 * no such place is dropped and counted. So overlaps cannot happen by
 * construction, whatever the data. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "chart/internal.h"
#include "layout/contrast.h"

void chart_options_init(struct chart_options *o)
{
	memset(o, 0, sizeof *o);
	o->as_at = BP_DAY_NONE;
}

struct chart *chart_new(struct fonts *f, struct arena *a, enum chart_kind kind,
			double width, double height)
{
	struct chart *c = arena_new(a, struct chart);
	c->kind = kind;
	c->fonts = f;
	c->arena = a;
	c->width = width;
	c->height = height;
	return c;
}

struct chart_item *chart_item(struct chart *c, enum chart_item_kind kind)
{
	if (c->n_items == c->cap_items) {
		size_t cap = c->cap_items ? c->cap_items * 2 : 64;
		c->items = arena_grow(c->arena, c->items, c->n_items, cap, sizeof *c->items);
		c->cap_items = cap;
	}
	struct chart_item *it = &c->items[c->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

void chart_polyline(struct chart *c, const double *xy, size_t n, doc_rgb color, double width,
		    enum chart_dash dash)
{
	if (n < 2)
		return;
	double *copy = arena_array(c->arena, double, 2 * n);
	memcpy(copy, xy, 2 * n * sizeof *copy);
	struct chart_item *it = chart_item(c, CHART_ITEM_LINE);
	it->color = color;
	it->width = width;
	it->dash = dash;
	it->u.line.xy = copy;
	it->u.line.n = n;
}

void chart_segment(struct chart *c, double x0, double y0, double x1, double y1, doc_rgb color,
		   double width, enum chart_dash dash)
{
	double xy[4] = { x0, y0, x1, y1 };
	chart_polyline(c, xy, 2, color, width, dash);
}

void chart_fill_rect(struct chart *c, struct chart_rect r, doc_rgb color)
{
	struct chart_item *it = chart_item(c, CHART_ITEM_RECT);
	it->color = color;
	it->u.rect.r = r;
	it->u.rect.fill = CHART_FILL_SOLID;
}

void chart_marker(struct chart *c, double x, double y, double size, enum chart_marker shape,
		  doc_rgb color, bool hollow)
{
	if (shape == CHART_MARKER_NONE)
		return;
	struct chart_item *it = chart_item(c, CHART_ITEM_MARKER);
	it->color = color;
	it->width = 1.2;
	it->u.marker.x = x;
	it->u.marker.y = y;
	it->u.marker.size = size;
	it->u.marker.shape = shape;
	it->u.marker.hollow = hollow;
	double hw = shape == CHART_MARKER_BAR ? size : size / 2;
	double hh = shape == CHART_MARKER_BAR ? 1.5 : size / 2;
	chart_obstacle(c, (struct chart_rect){ x - hw, y - hh, 2 * hw, 2 * hh });
}

/* A legend sample: a short line in the series' dash with its marker. */
static void legend_sample(struct chart *c, double x, double y, double w, doc_rgb color,
			 enum chart_dash dash, enum chart_marker marker, bool hollow)
{
	chart_segment(c, x, y, x + w, y, color, 1.8, dash);
	if (marker != CHART_MARKER_NONE) {
		struct chart_item *it = chart_item(c, CHART_ITEM_MARKER);
		it->color = color;
		it->width = 1.2;
		it->u.marker.x = x + w / 2;
		it->u.marker.y = y;
		it->u.marker.size = 6;
		it->u.marker.shape = marker;
		it->u.marker.hollow = hollow;
	}
}

/* ---- text ---------------------------------------------------------------- */

const struct shape *chart_shape(struct chart *c, const char *text, enum font_role role,
				double wrap)
{
	struct doc_text *t = doc_text_plain(c->arena, text);
	return shape_text(c->fonts, c->arena, t, role, wrap, DOC_ALIGN_LEFT);
}

static bool fits(const struct shape *s, double wrap, uint32_t max_lines)
{
	return s->n_lines <= max_lines && s->width <= wrap + 0.01;
}

/* text cut to its first n bytes, trailing spaces dropped, with "…". */
static const char *cut_text(struct arena *a, const char *text, size_t n)
{
	while (n > 0 && text[n - 1] == ' ')
		n--;
	return chart_printf(a, "%.*s\xe2\x80\xa6", (int)n, text);
}

/* The shape of the longest cut of text that fits, or NULL. cuts are
 * increasing byte offsets; a longer cut never fits where a shorter one
 * does not, so bisection finds it in a few shapings. */
static const struct shape *longest_fit(struct chart *c, const char *text, const size_t *cuts,
				       size_t n_cuts, enum font_role role, double wrap,
				       uint32_t max_lines)
{
	const struct shape *best = NULL;
	size_t lo = 0, hi = n_cuts;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct shape *t = chart_shape(c, cut_text(c->arena, text, cuts[mid]), role, wrap);
		if (fits(t, wrap, max_lines)) {
			best = t;
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return best;
}

const struct shape *chart_shape_lines(struct chart *c, const char *text, enum font_role role,
				      double wrap, uint32_t max_lines)
{
	const struct shape *s = chart_shape(c, text, role, wrap);
	if (fits(s, wrap, max_lines))
		return s;
	/* Cut after a word; failing that (a first word too long), after any
	 * character. */
	size_t len = strlen(text), n = 0;
	size_t *cuts = arena_array(c->arena, size_t, len + 1);
	for (size_t i = 1; i < len; i++)
		if (text[i] == ' ' && text[i - 1] != ' ')
			cuts[n++] = i;
	const struct shape *best = longest_fit(c, text, cuts, n, role, wrap, max_lines);
	if (!best) {
		n = 0;
		for (const char *p = g_utf8_next_char(text); p < text + len; p = g_utf8_next_char(p))
			cuts[n++] = (size_t)(p - text);
		best = longest_fit(c, text, cuts, n, role, wrap, max_lines);
	}
	return best ? best : chart_shape(c, "\xe2\x80\xa6", role, wrap);
}

/* ---- placement --------------------------------------------------------- */

static bool overlap(struct chart_rect a, struct chart_rect b, double gap)
{
	return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap &&
	       a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

static bool inside(struct chart_rect r, struct chart_rect bounds)
{
	const double eps = 1e-6;
	return r.x >= bounds.x - eps && r.y >= bounds.y - eps &&
	       r.x + r.w <= bounds.x + bounds.w + eps && r.y + r.h <= bounds.y + bounds.h + eps;
}

void chart_obstacle(struct chart *c, struct chart_rect r)
{
	if (c->n_obstacles == c->cap_obstacles) {
		size_t cap = c->cap_obstacles ? c->cap_obstacles * 2 : 32;
		c->obstacles = arena_grow(c->arena, c->obstacles, c->n_obstacles, cap,
					  sizeof *c->obstacles);
		c->cap_obstacles = cap;
	}
	c->obstacles[c->n_obstacles++] = r;
}

/* True when r is free of labels and obstacles. */
static bool is_free(const struct chart *c, struct chart_rect r)
{
	for (size_t i = 0; i < c->n_labels; i++) {
		const struct chart_label *l = &c->labels[i];
		if (overlap(r, (struct chart_rect){ l->x, l->y, l->w, l->h }, CHART_LABEL_GAP))
			return false;
	}
	for (size_t i = 0; i < c->n_obstacles; i++)
		if (overlap(r, c->obstacles[i], CHART_LABEL_GAP / 2))
			return false;
	return true;
}

static size_t add_label(struct chart *c, const struct shape *s, const char *text,
			enum chart_label_kind kind, doc_rgb color, double x, double y,
			bool backed)
{
	if (c->n_labels == c->cap_labels) {
		size_t cap = c->cap_labels ? c->cap_labels * 2 : 32;
		c->labels = arena_grow(c->arena, c->labels, c->n_labels, cap, sizeof *c->labels);
		c->cap_labels = cap;
	}
	struct chart_label *l = &c->labels[c->n_labels];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->text = text;
	l->shape = s;
	l->x = x;
	l->y = y;
	l->w = s->width;
	l->h = s->height;
	l->backed = backed;
	l->back = CHART_WHITE;
	l->pad = 0.5;
	l->color = contrast_adjust(color, CHART_WHITE, CONTRAST_MIN);
	return c->n_labels++;
}

long chart_place(struct chart *c, const struct shape *s, const char *text,
		 enum chart_label_kind kind, doc_rgb color, const struct chart_anchor *cands,
		 size_t n_cands, struct chart_rect bounds, unsigned flags)
{
	static const double nudges[] = { 0, -2, 2, -4, 4, -6, 6, -9, 9, -12, 12 };
	size_t n_nudges = flags & CHART_PLACE_NUDGE ? sizeof nudges / sizeof nudges[0] : 1;
	for (size_t k = 0; k < n_nudges; k++) {
		for (size_t i = 0; i < n_cands; i++) {
			struct chart_rect r = { cands[i].x - cands[i].ax * s->width,
						cands[i].y - cands[i].ay * s->height + nudges[k],
						s->width, s->height };
			if (!inside(r, bounds) || !is_free(c, r))
				continue;
			return (long)add_label(c, s, text, kind, color, r.x, r.y,
					       flags & CHART_PLACE_BACKED);
		}
	}
	c->dropped_labels++;
	return -1;
}

/* ---- legend ------------------------------------------------------------ */

#define SAMPLE_W 20.0
#define SWATCH_W 10.0

double chart_legend(struct chart *c, const struct chart_legend_entry *e, size_t n, double x,
		    double y, double w)
{
	if (n == 0)
		return 0;
	struct chart_rect bounds = { 0, 0, c->width, c->height };
	double cx = x, row_h = 0, top = y;
	for (size_t i = 0; i < n; i++) {
		const struct shape *s = chart_shape(c, e[i].text, e[i].role, 0);
		double sample = e[i].swatch ? SWATCH_W : e[i].line || e[i].marker ? SAMPLE_W : 0;
		double ew = sample + (sample > 0 ? 4 : 0) + s->width;
		double eh = s->height > SWATCH_W ? s->height : SWATCH_W;
		if (cx > x && cx + ew > x + w) {
			cx = x;
			y += row_h + 3;
			row_h = 0;
		}
		double mid = y + eh / 2;
		if (e[i].swatch) {
			struct chart_item *it = chart_item(c, CHART_ITEM_RECT);
			it->color = e[i].color;
			it->u.rect.r = (struct chart_rect){ cx, mid - SWATCH_W / 2, SWATCH_W, SWATCH_W };
			it->u.rect.fill = e[i].fill;
			it->u.rect.ink = e[i].ink;
			it->u.rect.stroke = true;
			it->u.rect.outline = CHART_AXIS;
			it->width = 0.6;
		} else if (e[i].line) {
			legend_sample(c, cx, mid, SAMPLE_W, e[i].color, e[i].dash, e[i].marker,
					    e[i].hollow);
		} else if (e[i].marker) {
			struct chart_item *it = chart_item(c, CHART_ITEM_MARKER);
			it->color = e[i].color;
			it->width = 1.2;
			it->u.marker.x = cx + SAMPLE_W / 2;
			it->u.marker.y = mid;
			it->u.marker.size = e[i].marker == CHART_MARKER_BAR ? 7 : 6.5;
			it->u.marker.shape = e[i].marker;
			it->u.marker.hollow = e[i].hollow;
		}
		struct chart_anchor at = { cx + sample + (sample > 0 ? 4 : 0), mid, 0, 0.5 };
		chart_place(c, s, e[i].text, CHART_LABEL_LEGEND, CHART_TEXT, &at, 1, bounds, 0);
		cx += ew + 12;
		if (eh > row_h)
			row_h = eh;
	}
	return y + row_h - top;
}

/* ---- direction of improvement --------------------------------------- */

double chart_direction_note(struct chart *c, enum measure_better better, const char *in_line_ref,
			    double x, double y, double *height)
{
	const char *text;
	bool arrow = false, up = false;
	switch (better) {
	case BETTER_HIGHER: text = "Higher is better"; arrow = up = true; break;
	case BETTER_LOWER: text = "Lower is better"; arrow = true; break;
	case BETTER_IN_LINE:
		text = in_line_ref ? chart_printf(c->arena, "Closer to %s is better", in_line_ref)
				   : "In line with the benchmark is better";
		break;
	default: text = "Which way is better is not stated"; break;
	}
	c->direction = text;
	const struct shape *s = chart_shape(c, text, CHART_FONT_BOLD, 0);
	double aw = arrow ? 9 : 0;
	*height = s->height;
	if (arrow) {
		struct chart_item *it = chart_item(c, CHART_ITEM_ARROW);
		it->color = CHART_TEXT;
		it->width = 1.4;
		it->u.arrow.x = x + 3.5;
		it->u.arrow.len = s->height - 1;
		it->u.arrow.y = up ? y + s->height - 0.5 : y + 0.5;
		it->u.arrow.up = up;
		chart_obstacle(c, (struct chart_rect){ x, y, 7, s->height });
	}
	struct chart_anchor at = { x + aw, y, 0, 0 };
	struct chart_rect bounds = { 0, 0, c->width, c->height };
	chart_place(c, s, text, CHART_LABEL_NOTE, CHART_TEXT, &at, 1, bounds, 0);
	return aw + s->width;
}

/* ---- value axes ------------------------------------------------------- */

double chart_y_of(const struct chart_panel *p, double v)
{
	double span = p->y.max - p->y.min;
	if (!(span > 0))
		return p->plot.y + p->plot.h / 2;
	return p->plot.y + p->plot.h - (v - p->y.min) / span * p->plot.h;
}

double chart_x_of(const struct chart_panel *p, double x)
{
	double span = p->x.max - p->x.min;
	if (!(span > 0))
		return p->plot.x + p->plot.w / 2;
	return p->plot.x + (x - p->x.min) / span * p->plot.w;
}

void chart_axis_ticks(struct chart *c, struct chart_axis *ax, enum measure_unit unit)
{
	if (ax->ticks)
		return;
	ax->ticks = arena_array(c->arena, double, ax->n_ticks ? ax->n_ticks : 1);
	ax->tick_text = arena_array(c->arena, const char *, ax->n_ticks ? ax->n_ticks : 1);
	double f = pow(10, ax->decimals);
	for (size_t i = 0; i < ax->n_ticks; i++) {
		double v = ax->min + (double)i * ax->step;
		ax->ticks[i] = round(v * f) / f;
		if (ax->ticks[i] == 0)
			ax->ticks[i] = 0;   /* no "-0" */
		ax->tick_text[i] = chart_format_value(c->arena, ax->ticks[i], unit, ax->decimals);
	}
}

double chart_y_label_width(struct chart *c, const struct chart_axis *ax, enum measure_unit unit)
{
	struct chart_axis copy = *ax;
	copy.ticks = NULL;
	chart_axis_ticks(c, &copy, unit);
	double w = 0;
	for (size_t i = 0; i < copy.n_ticks; i++) {
		const struct shape *s = chart_shape(c, copy.tick_text[i], CHART_FONT, 0);
		if (s->width > w)
			w = s->width;
	}
	return w;
}

void chart_y_axis(struct chart *c, struct chart_panel *p, enum measure_unit unit)
{
	chart_axis_ticks(c, &p->y, unit);
	struct chart_rect bounds = { 0, 0, c->width, c->height };
	for (size_t i = 0; i < p->y.n_ticks; i++) {
		double y = chart_y_of(p, p->y.ticks[i]);
		bool edge = i == 0 || p->y.ticks[i] == 0;
		chart_segment(c, p->plot.x, y, p->plot.x + p->plot.w, y, edge ? CHART_AXIS : CHART_GRID,
			      edge ? 0.8 : 0.5, CHART_DASH_SOLID);
		const struct shape *s = chart_shape(c, p->y.tick_text[i], CHART_FONT, 0);
		struct chart_anchor at = { p->plot.x - 4, y, 1, 0.5 };
		if (chart_place(c, s, p->y.tick_text[i], CHART_LABEL_TICK, CHART_MUTED_TEXT, &at, 1,
				bounds, 0) < 0)
			p->y.tick_text[i] = NULL;
	}
}
