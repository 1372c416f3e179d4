/* The status distribution: one 100 % stacked bar per priority and one for
 * the plan, actions split by computed status. Each status has a colour
 * and a fill pattern of its own, and a segment wide enough carries its
 * count; the row's total is printed at its end. */
#include <math.h>
#include <string.h>

#include "chart/internal.h"
#include "layout/contrast.h"

#define STATUS_W 500.0
#define BAR_H 14.0
#define ROW_GAP 8.0
#define PAD 4.0

struct category_style {
	const char *name;
	doc_rgb fill;
	enum chart_fill pattern;
	doc_rgb ink;
};

static const struct category_style styles[CHART_STATUS_CATEGORY_COUNT] = {
	[CHART_STATUS_DONE] = { "Done", CHART_BLUISH_GREEN, CHART_FILL_SOLID, 0 },
	[CHART_STATUS_ON_TRACK] = { "On track", CHART_SKY_BLUE, CHART_FILL_HORIZONTAL, 0x1F5F85u },
	[CHART_STATUS_DUE_SOON] = { "Due soon", CHART_YELLOW, CHART_FILL_HATCH, 0x6B6300u },
	[CHART_STATUS_OVERDUE] = { "Overdue", CHART_VERMILLION, CHART_FILL_CROSS_HATCH, 0x6E3000u },
	[CHART_STATUS_NOT_STARTED] = { "Not started", 0xDDDDDDu, CHART_FILL_DOTS, 0x505050u },
	[CHART_STATUS_NO_DATE] = { "No date or TBC", 0xFFFFFFu, CHART_FILL_BACK_HATCH, 0x7A7A7Au },
};

enum chart_status_category chart_status_category(enum eval_status s)
{
	switch (s) {
	case EVAL_DONE: case EVAL_DONE_LATE: return CHART_STATUS_DONE;
	case EVAL_ON_TRACK: case EVAL_ONGOING: case EVAL_RECURRING: return CHART_STATUS_ON_TRACK;
	case EVAL_DUE_SOON: return CHART_STATUS_DUE_SOON;
	case EVAL_OVERDUE: return CHART_STATUS_OVERDUE;
	case EVAL_NOT_STARTED: return CHART_STATUS_NOT_STARTED;
	case EVAL_NO_DATE: case EVAL_TBC: return CHART_STATUS_NO_DATE;
	}
	return CHART_STATUS_NO_DATE;
}

const char *chart_status_category_name(enum chart_status_category c)
{
	return c < CHART_STATUS_CATEGORY_COUNT ? styles[c].name : "Unknown";
}

static void category_counts(const struct eval_counts *k, size_t out[CHART_STATUS_CATEGORY_COUNT])
{
	memset(out, 0, CHART_STATUS_CATEGORY_COUNT * sizeof *out);
	for (int s = 0; s < EVAL_STATUS_COUNT; s++)
		out[chart_status_category((enum eval_status)s)] += k->by_status[s];
}

static size_t total_of(const size_t n[CHART_STATUS_CATEGORY_COUNT])
{
	size_t t = 0;
	for (int i = 0; i < CHART_STATUS_CATEGORY_COUNT; i++)
		t += n[i];
	return t;
}

static const char *actions_words(struct arena *a, size_t n)
{
	return chart_printf(a, "%zu action%s", n, n == 1 ? "" : "s");
}

static const char *alt_text(struct arena *a, const struct chart_status_row *rows, size_t n_rows,
			    size_t (*counts)[CHART_STATUS_CATEGORY_COUNT], const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n_parts = 0;
	for (size_t r = 0; r < n_rows; r++)
		if (!rows[r].total)
			n_parts++;
	strbuf_addf(&sb, "%s: a bar for each of %zu area%s%s, each split by the status computed "
		    "from its dates.", title, n_parts, n_parts == 1 ? "" : "s",
		    n_parts < n_rows ? " and one for the plan as a whole" : "");
	for (size_t r = 0; r < n_rows; r++) {
		size_t total = total_of(counts[r]);
		strbuf_addf(&sb, " %s: %s", rows[r].label, actions_words(a, total));
		const char *items[CHART_STATUS_CATEGORY_COUNT];
		size_t n = 0;
		for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++)
			if (counts[r][k])
				items[n++] = chart_printf(a, "%zu %s", counts[r][k],
							  k == CHART_STATUS_NO_DATE ? "with no date or TBC"
							  : chart_lower_first(a, styles[k].name));
		if (n)
			strbuf_addf(&sb, ": %s", chart_join(a, items, n, "and"));
		strbuf_adds(&sb, ".");
	}
	char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

static void data_table(struct chart *c, const struct chart_status_row *rows, size_t n_rows,
		       size_t (*counts)[CHART_STATUS_CATEGORY_COUNT], const bool *used)
{
	struct arena *a = c->arena;
	size_t n_cols = 2;
	for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++)
		n_cols += used[k];
	struct chart_table *t = &c->table;
	t->n_cols = n_cols;
	t->cap_rows = n_rows;
	t->head = arena_array(a, const char *, n_cols);
	t->cells = arena_array(a, const char *, n_cols * (n_rows ? n_rows : 1));
	size_t col = 0;
	t->head[col++] = "Area";
	for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++)
		if (used[k])
			t->head[col++] = styles[k].name;
	t->head[col] = "Actions";
	for (size_t r = 0; r < n_rows; r++) {
		const char **row = &t->cells[r * n_cols];
		col = 0;
		row[col++] = rows[r].label;
		for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++)
			if (used[k])
				row[col++] = chart_printf(a, "%zu", counts[r][k]);
		row[col] = chart_printf(a, "%zu", total_of(counts[r]));
		t->n_rows++;
	}
}

struct chart *chart_status(struct fonts *f, struct arena *a, const struct chart_status_row *rows,
			   size_t n_rows, const struct chart_options *o)
{
	double W = o->width > 0 ? o->width : STATUS_W;
	struct chart *c = chart_new(f, a, CHART_STATUS, W, 1e6);
	c->title = o->title ? o->title : "Actions by status";
	size_t (*counts)[CHART_STATUS_CATEGORY_COUNT] =
		arena_calloc(a, n_rows ? n_rows : 1, sizeof *counts);
	bool used[CHART_STATUS_CATEGORY_COUNT] = { false };
	for (size_t r = 0; r < n_rows; r++) {
		category_counts(rows[r].counts, counts[r]);
		for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++)
			if (counts[r][k])
				used[k] = true;
	}
	c->alt = alt_text(a, rows, n_rows, counts, c->title);
	data_table(c, rows, n_rows, counts, used);
	struct chart_rect wide = { 0, 0, W, 1e6 };

	double y = PAD;
	if (o->flags & CHART_SHOW_TITLE) {
		const struct shape *s = chart_shape_lines(c, c->title, CHART_FONT_BOLD, W - 2 * PAD, 2);
		struct chart_anchor at = { PAD, y, 0, 0 };
		chart_place(c, s, c->title, CHART_LABEL_TITLE, CHART_TEXT, &at, 1, wide, 0);
		y += s->height + 4;
	}
	struct chart_legend_entry le[CHART_STATUS_CATEGORY_COUNT];
	size_t nle = 0;
	for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++)
		if (used[k])
			le[nle++] = (struct chart_legend_entry){ .text = styles[k].name,
				.color = styles[k].fill, .swatch = true, .fill = styles[k].pattern,
				.ink = styles[k].ink, .role = CHART_FONT };
	if (!(o->flags & CHART_NO_LEGEND) && nle)
		y += chart_legend(c, le, nle, PAD, y, W - 2 * PAD) + 8;

	/* Row names on the left (two lines at most), totals on the right. */
	double label_w = 0, total_w = 0;
	for (size_t r = 0; r < n_rows; r++) {
		double w = chart_shape(c, rows[r].label, rows[r].total ? CHART_FONT_BOLD : CHART_FONT,
				       0)->width;
		if (w > label_w)
			label_w = w;
		double tw = chart_shape(c, actions_words(a, total_of(counts[r])),
					rows[r].total ? CHART_FONT_BOLD : CHART_FONT, 0)->width;
		if (tw > total_w)
			total_w = tw;
	}
	if (label_w > W * 0.35)
		label_w = W * 0.35;
	double bar_x = PAD + label_w + 8;
	double bar_w = W - PAD - total_w - 6 - bar_x;
	if (bar_w < 40)
		bar_w = 40;

	c->n_panels = 1;
	c->panels = arena_new(a, struct chart_panel);
	struct chart_panel *p = c->panels;
	p->x.min = 0;
	p->x.max = 100;
	p->x.step = 25;
	p->x.n_ticks = 5;
	chart_axis_ticks(c, &p->x, UNIT_PERCENT);

	size_t n_bars = 0;
	for (size_t r = 0; r < n_rows; r++)
		for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++)
			n_bars += counts[r][k] > 0;
	c->bars = arena_array(a, struct chart_bar, n_bars ? n_bars : 1);

	/* First pass: row heights, so the grid can be drawn under the bars. */
	double *row_y = arena_array(a, double, n_rows ? n_rows : 1);
	double *row_h = arena_array(a, double, n_rows ? n_rows : 1);
	const struct shape **names = arena_array(a, const struct shape *, n_rows ? n_rows : 1);
	double top = y, cy = y;
	for (size_t r = 0; r < n_rows; r++) {
		if (rows[r].total && r > 0)
			cy += 6;   /* the plan's bar stands apart */
		names[r] = chart_shape_lines(c, rows[r].label, rows[r].total ? CHART_FONT_BOLD : CHART_FONT,
					     label_w, 2);
		row_h[r] = names[r]->height > BAR_H ? names[r]->height : BAR_H;
		row_y[r] = cy;
		cy += row_h[r] + ROW_GAP;
	}
	double plot_bottom = cy - ROW_GAP + 3;
	p->plot = (struct chart_rect){ bar_x, top, bar_w, plot_bottom - top };
	const struct shape *probe = chart_shape(c, "100%", CHART_FONT, 0);
	c->height = plot_bottom + 4 + probe->height + PAD;
	p->frame = (struct chart_rect){ 0, top, W, c->height - top };
	struct chart_rect bounds = { 0, 0, W, c->height };

	for (size_t i = 0; i < p->x.n_ticks; i++) {
		double x = chart_x_of(p, p->x.ticks[i]);
		chart_segment(c, x, top, x, plot_bottom, i == 0 ? CHART_AXIS : CHART_GRID,
			      i == 0 ? 0.8 : 0.5, CHART_DASH_SOLID);
		const struct shape *s = chart_shape(c, p->x.tick_text[i], CHART_FONT, 0);
		struct chart_anchor at = { x, plot_bottom + 3, 0.5, 0 };
		if (chart_place(c, s, p->x.tick_text[i], CHART_LABEL_TICK, CHART_MUTED_TEXT, &at, 1,
				bounds, 0) < 0)
			p->x.tick_text[i] = NULL;
	}

	for (size_t r = 0; r < n_rows; r++) {
		double mid = row_y[r] + row_h[r] / 2;
		if (rows[r].total && r > 0)
			chart_segment(c, PAD, row_y[r] - 5, W - PAD, row_y[r] - 5, CHART_AXIS, 0.5,
				      CHART_DASH_SOLID);
		struct chart_anchor na = { PAD, mid, 0, 0.5 };
		chart_place(c, names[r], names[r]->text, CHART_LABEL_CATEGORY, CHART_TEXT, &na, 1, bounds,
			    0);
		size_t total = total_of(counts[r]);
		double x = bar_x;
		for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT && total; k++) {
			size_t n = counts[r][k];
			if (!n)
				continue;
			double w = bar_w * (double)n / (double)total;
			struct chart_rect seg = { x, mid - BAR_H / 2, w, BAR_H };
			struct chart_item *it = chart_item(c, CHART_ITEM_RECT);
			it->color = styles[k].fill;
			it->u.rect.r = seg;
			it->u.rect.fill = styles[k].pattern;
			it->u.rect.ink = styles[k].ink;
			it->u.rect.stroke = true;
			it->u.rect.outline = CHART_AXIS;
			it->width = 0.5;
			c->bars[c->n_bars++] = (struct chart_bar){ r, (size_t)k, n, seg };
			const char *num = chart_printf(a, "%zu", n);
			const struct shape *s = chart_shape(c, num, CHART_FONT_BOLD, 0);
			if (s->width + 4 <= w) {
				struct chart_anchor at = { x + w / 2, mid, 0.5, 0.5 };
				long li = chart_place(c, s, num, CHART_LABEL_VALUE, CHART_TEXT, &at, 1, seg,
						      CHART_PLACE_BACKED);
				/* A white chip keeps the count readable on any fill and
				 * pattern; the segment leaves 2 pt around it. */
				if (li >= 0)
					c->labels[li].pad = 1.5;
			}
			x += w;
		}
		const char *tw = total ? actions_words(a, total) : "no actions";
		const struct shape *ts = chart_shape(c, tw, rows[r].total ? CHART_FONT_BOLD : CHART_FONT, 0);
		struct chart_anchor ta = { bar_x + (total ? bar_w : 0) + 4, mid, 0, 0.5 };
		chart_place(c, ts, tw, CHART_LABEL_VALUE, CHART_TEXT, &ta, 1, bounds, 0);
	}
	return c;
}
