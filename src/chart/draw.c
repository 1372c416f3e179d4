/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* Drawing a built chart with cairo: items in order, then the labels with
 * render_shape(), the text drawing the pages use. Nothing is measured or decided here; the same chart
 * always draws the same, on any surface. */
#include <math.h>

#include "chart/internal.h"
#include "render/render.h"

static void set_rgb(cairo_t *cr, doc_rgb c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
			     (c & 0xff) / 255.0);
}

static void set_dash(cairo_t *cr, enum chart_dash d, double w)
{
	static const double dashed[] = { 5, 3 };
	static const double long_dash[] = { 9, 3.5 };
	double dotted[] = { 0.01, 2.2 + w };
	double dash_dot[] = { 6, 2.2, 0.01, 2.2 };
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	switch (d) {
	case CHART_DASH_SOLID: cairo_set_dash(cr, NULL, 0, 0); break;
	case CHART_DASH_DASHED: cairo_set_dash(cr, dashed, 2, 0); break;
	case CHART_DASH_LONG: cairo_set_dash(cr, long_dash, 2, 0); break;
	case CHART_DASH_DOTTED:
		/* Round caps on near-zero dashes draw dots. */
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, dotted, 2, 0);
		break;
	case CHART_DASH_DASH_DOT:
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, dash_dot, 4, 0);
		break;
	}
}

static void draw_line(cairo_t *cr, const struct chart_item *it)
{
	const double *xy = it->u.line.xy;
	cairo_new_path(cr);
	cairo_move_to(cr, xy[0], xy[1]);
	for (size_t i = 1; i < it->u.line.n; i++)
		cairo_line_to(cr, xy[2 * i], xy[2 * i + 1]);
	set_rgb(cr, it->color);
	cairo_set_line_width(cr, it->width);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	set_dash(cr, it->dash, it->width);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

/* Lines or dots of a pattern fill, clipped to the rectangle. */
static void draw_pattern(cairo_t *cr, struct chart_rect r, enum chart_fill fill, doc_rgb ink)
{
	if (fill == CHART_FILL_SOLID)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, r.x, r.y, r.w, r.h);
	cairo_clip(cr);
	cairo_new_path(cr);
	set_rgb(cr, ink);
	cairo_set_line_width(cr, 0.9);
	const double gap = 4;
	switch (fill) {
	case CHART_FILL_HATCH:
	case CHART_FILL_BACK_HATCH:
	case CHART_FILL_CROSS_HATCH:
		for (double t = -r.h; t <= r.w + gap; t += gap) {
			if (fill != CHART_FILL_BACK_HATCH) {
				cairo_move_to(cr, r.x + t, r.y + r.h);
				cairo_line_to(cr, r.x + t + r.h, r.y);
			}
			if (fill != CHART_FILL_HATCH) {
				cairo_move_to(cr, r.x + t, r.y);
				cairo_line_to(cr, r.x + t + r.h, r.y + r.h);
			}
		}
		cairo_stroke(cr);
		break;
	case CHART_FILL_HORIZONTAL:
		for (double y = r.y + gap / 2; y < r.y + r.h; y += gap) {
			cairo_move_to(cr, r.x, y);
			cairo_line_to(cr, r.x + r.w, y);
		}
		cairo_stroke(cr);
		break;
	case CHART_FILL_DOTS:
		for (double y = r.y + gap / 2, row = 0; y < r.y + r.h; y += gap, row++)
			for (double x = r.x + (fmod(row, 2) ? gap : gap / 2); x < r.x + r.w; x += gap) {
				cairo_new_sub_path(cr);
				cairo_arc(cr, x, y, 0.8, 0, 2 * M_PI);
			}
		cairo_fill(cr);
		break;
	case CHART_FILL_SOLID:
		break;
	}
	cairo_restore(cr);
}

static void draw_rect(cairo_t *cr, const struct chart_item *it)
{
	struct chart_rect r = it->u.rect.r;
	if (r.w <= 0 || r.h <= 0)
		return;
	cairo_new_path(cr);
	cairo_rectangle(cr, r.x, r.y, r.w, r.h);
	set_rgb(cr, it->color);
	cairo_fill(cr);
	draw_pattern(cr, r, it->u.rect.fill, it->u.rect.ink);
	if (it->u.rect.stroke) {
		cairo_new_path(cr);
		cairo_rectangle(cr, r.x, r.y, r.w, r.h);
		set_rgb(cr, it->u.rect.outline);
		cairo_set_line_width(cr, it->width > 0 ? it->width : 0.6);
		cairo_stroke(cr);
	}
}

static void marker_path(cairo_t *cr, enum chart_marker m, double x, double y, double s)
{
	double h = s / 2;
	cairo_new_path(cr);
	switch (m) {
	case CHART_MARKER_CIRCLE:
		cairo_arc(cr, x, y, h, 0, 2 * M_PI);
		cairo_close_path(cr);
		break;
	case CHART_MARKER_SQUARE:
		/* Squares look larger than circles of the same width. */
		cairo_rectangle(cr, x - h * 0.88, y - h * 0.88, s * 0.88, s * 0.88);
		break;
	case CHART_MARKER_TRIANGLE:
		cairo_move_to(cr, x, y - h * 1.1);
		cairo_line_to(cr, x + h * 1.05, y + h * 0.8);
		cairo_line_to(cr, x - h * 1.05, y + h * 0.8);
		cairo_close_path(cr);
		break;
	case CHART_MARKER_TRIANGLE_DOWN:
		cairo_move_to(cr, x, y + h * 1.1);
		cairo_line_to(cr, x + h * 1.05, y - h * 0.8);
		cairo_line_to(cr, x - h * 1.05, y - h * 0.8);
		cairo_close_path(cr);
		break;
	case CHART_MARKER_DIAMOND:
		cairo_move_to(cr, x, y - h * 1.15);
		cairo_line_to(cr, x + h * 1.15, y);
		cairo_line_to(cr, x, y + h * 1.15);
		cairo_line_to(cr, x - h * 1.15, y);
		cairo_close_path(cr);
		break;
	case CHART_MARKER_CROSS:
		cairo_move_to(cr, x - h, y - h);
		cairo_line_to(cr, x + h, y + h);
		cairo_move_to(cr, x + h, y - h);
		cairo_line_to(cr, x - h, y + h);
		break;
	case CHART_MARKER_BAR:
		cairo_rectangle(cr, x - s, y - 1.5, 2 * s, 3);
		break;
	case CHART_MARKER_NONE:
		break;
	}
}

static void draw_marker(cairo_t *cr, const struct chart_item *it)
{
	enum chart_marker m = it->u.marker.shape;
	marker_path(cr, m, it->u.marker.x, it->u.marker.y, it->u.marker.size);
	cairo_set_line_width(cr, it->width);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	if (m == CHART_MARKER_CROSS) {
		set_rgb(cr, it->color);
		cairo_set_line_width(cr, 1.6);
		cairo_stroke(cr);
		return;
	}
	if (it->u.marker.hollow) {
		set_rgb(cr, CHART_WHITE);
		cairo_fill_preserve(cr);
		set_rgb(cr, it->color);
		cairo_stroke(cr);
	} else {
		set_rgb(cr, it->color);
		cairo_fill_preserve(cr);
		/* A white rim keeps touching markers apart. */
		set_rgb(cr, CHART_WHITE);
		cairo_set_line_width(cr, 0.6);
		cairo_stroke(cr);
	}
}

static void draw_arrow(cairo_t *cr, const struct chart_item *it)
{
	double x = it->u.arrow.x, y = it->u.arrow.y, len = it->u.arrow.len;
	double tip = it->u.arrow.up ? y - len : y + len;
	double dir = it->u.arrow.up ? 1 : -1;
	set_rgb(cr, it->color);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_set_line_width(cr, it->width);
	cairo_new_path(cr);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x, tip + dir * 3);
	cairo_stroke(cr);
	cairo_new_path(cr);
	cairo_move_to(cr, x, tip);
	cairo_line_to(cr, x + 3.2, tip + dir * 4.2);
	cairo_line_to(cr, x - 3.2, tip + dir * 4.2);
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void draw_label(cairo_t *cr, struct fonts *f, const struct chart_label *l)
{
	const struct shape *s = l->shape;
	if (l->backed) {
		set_rgb(cr, l->back);
		cairo_new_path(cr);
		cairo_rectangle(cr, l->x - l->pad, l->y - l->pad, l->w + 2 * l->pad, l->h + 2 * l->pad);
		cairo_fill(cr);
	}
	if (s->n_lines == 0)
		return;
	set_rgb(cr, l->color);
	render_shape(cr, f, s, 0, s->n_lines, l->x, l->y);
}

void chart_draw(cairo_t *cr, double width, double height, void *user)
{
	const struct chart *c = user;
	if (!c || !(c->width > 0) || !(c->height > 0))
		return;
	double sx = width / c->width, sy = height / c->height;
	double scale = sx < sy ? sx : sy;
	cairo_save(cr);
	cairo_translate(cr, (width - c->width * scale) / 2, (height - c->height * scale) / 2);
	cairo_scale(cr, scale, scale);
	cairo_new_path(cr);
	cairo_rectangle(cr, 0, 0, c->width, c->height);
	set_rgb(cr, CHART_WHITE);
	cairo_fill(cr);
	for (size_t i = 0; i < c->n_items; i++) {
		const struct chart_item *it = &c->items[i];
		switch (it->kind) {
		case CHART_ITEM_LINE: draw_line(cr, it); break;
		case CHART_ITEM_RECT: draw_rect(cr, it); break;
		case CHART_ITEM_MARKER: draw_marker(cr, it); break;
		case CHART_ITEM_ARROW: draw_arrow(cr, it); break;
		}
	}
	for (size_t i = 0; i < c->n_labels; i++)
		draw_label(cr, c->fonts, &c->labels[i]);
	cairo_restore(cr);
}
