/* Tables and label-value panels: column widths, cell measurement, rows
 * across pages (header repeated, tall rows split between lines with a
 * "continued" marker on both sides). */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/contrast.h"
#include "layout/flow.h"

#define LABEL_GAP 2.0      /* between a status label and the cell's text */
#define FIGURE_GAP 3.0     /* between a cell's figure and its text */
#define MARKER_GAP 2.0     /* around a "continued" marker in its band */
#define EPS 1e-6

struct tcell {
	const struct doc_cell *cell;
	const struct shape *label;    /* status label */
	const struct shape *text;
	const struct doc_figure *fig; /* the cell's figure, or NULL */
	double dx;                    /* text origin offset in the cell (alignment
					 of a shape measured unwrapped) */
	float fig_w, fig_h;           /* the figure's size, fitted to the column */
	float fig_dx;                 /* its left edge from the content's */
	bool fig_below;               /* after the text rather than before */
	doc_rgb fill, color;
	bool has_fill;
	bool th;
	unsigned flags;               /* LAYOUT_TEXT_* for its text */
};

struct trow {
	struct tcell *cells;
	uint32_t n;                   /* n_cols, or 1 for a group row */
	double h;
	bool group;
};

/* Shapes of texts that repeat down a column (dates, leads, statuses),
 * made once per table: plan tables repeat them hundreds of times. */
#define SHARE_MAX_LEN 64
#define LABELS_MAX 16

struct share {
	size_t n_cols;
	GHashTable **by_col;          /* per column: text -> shape; lazily made */
	GHashTable **measured;        /* the same for unwrapped measurements, and
					 status labels in slot n_cols */
	struct {
		const char *label;
		const struct shape *shape;
	} labels[LABELS_MAX];
	size_t n_labels;
};

struct tprep {
	const struct doc_table *t;
	bool panel;
	size_t n_cols;
	double w;
	float *edges;                 /* n_cols + 1 column edges */
	float outer[2];               /* the table's two edges (group rows) */
	const struct shape *caption;
	bool has_header;
	struct trow header;
	struct trow *rows;
	size_t n_rows;
	double marker_h;
	uint32_t *scratch;            /* n_cols zeros, then n_cols line counts */
};

/* ---- cell geometry ----
 *
 * A cell's content is a column of "lines": its status label's lines, then
 * its figure (one line that never splits) and its text's lines, in the
 * order the cell asks for. Rows split between pages between these lines. */

static uint32_t label_lines(const struct tcell *c)
{
	return c->label ? c->label->n_lines : 0;
}

static uint32_t text_lines(const struct tcell *c)
{
	return c->text ? c->text->n_lines : 0;
}

static uint32_t cell_lines(const struct tcell *c)
{
	return label_lines(c) + text_lines(c) + (c->fig ? 1 : 0);
}

/* The index of the figure's line (valid when c->fig). */
static uint32_t figure_line(const struct tcell *c)
{
	return label_lines(c) + (c->fig_below ? text_lines(c) : 0);
}

/* The index of the text's first line. */
static uint32_t text_first(const struct tcell *c)
{
	return label_lines(c) + (c->fig && !c->fig_below ? 1 : 0);
}

static double label_block(const struct tcell *c)
{
	return c->label ? c->label->height + (c->text || c->fig ? LABEL_GAP : 0) : 0;
}

/* Top and bottom of line j, from the top of the cell's content. */
static void cell_line(const struct tcell *c, uint32_t j, double *top, double *bottom)
{
	uint32_t nl = label_lines(c);
	if (j < nl) {
		const struct shape *s = c->label;
		*top = s->lines[j].top - s->lines[0].top;
		*bottom = s->lines[j].bottom - s->lines[0].top;
		return;
	}
	j -= nl;
	double off = label_block(c);
	if (c->fig && !c->fig_below) {
		if (j == 0) {
			*top = off;
			*bottom = off + c->fig_h;
			return;
		}
		j--;
		off += c->fig_h + FIGURE_GAP;
	}
	if (j < text_lines(c)) {
		const struct shape *s = c->text;
		*top = off + s->lines[j].top - s->lines[0].top;
		*bottom = off + s->lines[j].bottom - s->lines[0].top;
		return;
	}
	/* The figure below the text. */
	if (c->text)
		off += c->text->height + FIGURE_GAP;
	*top = off;
	*bottom = off + c->fig_h;
}

/* Height of lines [from, to) of a cell. */
static double cell_span(const struct tcell *c, uint32_t from, uint32_t to)
{
	if (from >= to)
		return 0;
	double t0, b0, t1, b1;
	cell_line(c, from, &t0, &b0);
	cell_line(c, to - 1, &t1, &b1);
	return b1 - t0;
}

/* How many lines from `from` fit in avail points. */
static uint32_t cell_fit(const struct tcell *c, uint32_t from, double avail)
{
	uint32_t n = cell_lines(c), k = 0;
	while (from + k < n && cell_span(c, from, from + k + 1) <= avail + EPS)
		k++;
	return k;
}

/* ---- measuring ---- */

static double line_h(const struct flow *fl, enum font_role role)
{
	return 1.15 * fl->f->size[role];
}

static void row_height(const struct flow *fl, struct trow *r)
{
	double h = 0;
	for (uint32_t i = 0; i < r->n; i++) {
		const struct tcell *c = &r->cells[i];
		double ch = cell_span(c, 0, cell_lines(c));
		if (ch > h)
			h = ch;
	}
	if (h < line_h(fl, FONT_TABLE))
		h = line_h(fl, FONT_TABLE);
	r->h = h + 2 * CELL_PAD_Y;
}

/* Column widths from the column specifications and, for automatic
 * columns, the measured content (min_w, max_w include padding). */
static void column_widths(struct tprep *tp, const double *min_w, const double *max_w,
			  double frame, double auto_cap, double *out)
{
	const struct doc_table *t = tp->t;
	size_t n = tp->n_cols;
	double fixed = 0, frs = 0, sum_min = 0, sum_max = 0;
	size_t n_auto = 0, n_fr = 0;
	for (size_t i = 0; i < n; i++) {
		switch (t->cols[i].kind) {
		case DOC_WIDTH_FIXED: fixed += t->cols[i].value; break;
		case DOC_WIDTH_FR: frs += t->cols[i].value; n_fr++; break;
		case DOC_WIDTH_AUTO: sum_min += min_w[i]; sum_max += max_w[i]; n_auto++; break;
		}
	}
	const double fr_floor = 2 * CELL_PAD_X + 24;
	double fixed_scale = 1;
	if (fixed > 0) {
		double room = frame - (n_auto || n_fr ? (double)(n_auto + n_fr) * fr_floor : 0);
		if (room < frame * 0.3)
			room = frame * 0.3;
		if (fixed > room)
			fixed_scale = room / fixed;
	}
	double rest = frame - fixed * fixed_scale;
	double auto_room = rest - (double)n_fr * fr_floor;
	if (auto_room < 0)
		auto_room = 0;
	for (size_t i = 0; i < n; i++) {
		const struct doc_column *col = &t->cols[i];
		if (col->kind == DOC_WIDTH_FIXED) {
			out[i] = col->value * fixed_scale;
		} else if (col->kind == DOC_WIDTH_AUTO) {
			double w;
			if (sum_max <= auto_room)
				w = n_fr || sum_max <= 0
					? max_w[i]
					: max_w[i] + (auto_room - sum_max) * max_w[i] / sum_max;
			else if (sum_min <= auto_room && sum_max > sum_min)
				w = min_w[i] + (max_w[i] - min_w[i]) * (auto_room - sum_min) / (sum_max - sum_min);
			else
				w = sum_min > 0 ? min_w[i] * auto_room / sum_min : auto_room / (double)n_auto;
			out[i] = w;
		}
	}
	/* A cap on automatic columns (a panel's labels) gives its excess to
	 * the flexible columns. */
	if (auto_cap > 0)
		for (size_t i = 0; i < n; i++)
			if (t->cols[i].kind == DOC_WIDTH_AUTO && out[i] > auto_cap)
				out[i] = auto_cap;
	double used = 0;
	for (size_t i = 0; i < n; i++)
		if (t->cols[i].kind != DOC_WIDTH_FR)
			used += out[i];
	double fr_room = frame - used;
	for (size_t i = 0; i < n; i++)
		if (t->cols[i].kind == DOC_WIDTH_FR)
			out[i] = fr_room > 0 ? fr_room * t->cols[i].value / frs : fr_floor;
	double total = 0;
	for (size_t i = 0; i < n; i++) {
		if (out[i] < 2 * CELL_PAD_X + 4)
			out[i] = 2 * CELL_PAD_X + 4;
		total += out[i];
	}
	/* So many columns that even their least is too wide: narrower still,
	 * text breaking between letters, but never past the frame. */
	if (total > frame)
		for (size_t i = 0; i < n; i++)
			out[i] *= frame / total;
}

/* Narrower than this, a column cannot hold a letter beside its padding. */
#define COLUMN_MIN (2 * CELL_PAD_X + 6)

static bool has_text(const struct doc_text *t)
{
	return t && t->len > 0;
}

/* The role, colours and tag of a cell, before its text is shaped. */
static void style_cell(struct flow *fl, struct tprep *tp, const struct doc_cell *dc, size_t col,
		       struct tcell *c, enum font_role *role)
{
	const struct doc_theme *th = &fl->doc->theme;
	c->cell = dc;
	c->color = fl->color.text;
	c->flags = LAYOUT_TEXT_LINK_COLOR;
	*role = FONT_TABLE;
	if (tp->panel && col == 0) {
		*role = FONT_TABLE_BOLD;
		c->fill = th->label_fill;
		c->has_fill = true;
	}
	if (tp->t->cols[col].row_header)
		c->th = true;
	if (dc->status) {
		c->fill = dc->status->fill;
		c->has_fill = true;
	}
	if (c->has_fill) {
		/* Text on a fill is black or white, whichever reads better. */
		c->color = contrast_text_on(c->fill);
		c->flags = 0;
	}
}

static bool shareable(const struct doc_text *t)
{
	return t->n_spans == 0 && t->len <= SHARE_MAX_LEN;
}

/* t shaped in a column: from the column's cache when it repeats. */
static const struct shape *shape_shared(struct flow *fl, struct share *sh, size_t col,
					const struct doc_text *t, enum font_role role, double wrap,
					enum doc_align align)
{
	if (!shareable(t))
		return shape_text(fl->f, fl->a, t, role, wrap, align);
	if (!sh->by_col[col])
		sh->by_col[col] = g_hash_table_new(g_str_hash, g_str_equal);
	const struct shape *s = g_hash_table_lookup(sh->by_col[col], t->text);
	if (!s) {
		s = shape_text(fl->f, fl->a, t, role, wrap, align);
		g_hash_table_insert(sh->by_col[col], (gpointer)t->text, (gpointer)s);
	}
	return s;
}

static const struct shape *measure_shared(struct flow *fl, struct share *sh, size_t col,
					  const struct doc_text *t, enum font_role role)
{
	if (!shareable(t))
		return shape_measure(fl->f, fl->a, t, role);
	if (!sh->measured[col])
		sh->measured[col] = g_hash_table_new(g_str_hash, g_str_equal);
	const struct shape *s = g_hash_table_lookup(sh->measured[col], t->text);
	if (!s) {
		s = shape_measure(fl->f, fl->a, t, role);
		g_hash_table_insert(sh->measured[col], (gpointer)t->text, (gpointer)s);
	}
	return s;
}

/* A status label: the same few labels fill a whole column. */
static const struct shape *label_shape(struct flow *fl, struct share *sh, const char *label,
				       double wrap, bool measure)
{
	if (!*label)
		label = "\u2014";
	if (measure) {
		/* Slot n_cols of the measured caches holds the labels. */
		GHashTable **h = &sh->measured[sh->n_cols];
		if (!*h)
			*h = g_hash_table_new(g_str_hash, g_str_equal);
		const struct shape *s = g_hash_table_lookup(*h, label);
		if (!s) {
			const struct doc_text *t = doc_text_plain(fl->a, label);
			s = shape_measure(fl->f, fl->a, t, FONT_TABLE_BOLD);
			g_hash_table_insert(*h, (gpointer)t->text, (gpointer)s);
		}
		return s;
	}
	for (size_t i = 0; i < sh->n_labels; i++)
		if (strcmp(sh->labels[i].label, label) == 0 && sh->labels[i].shape->wrap == (float)wrap)
			return sh->labels[i].shape;
	const struct doc_text *t = doc_text_plain(fl->a, label);
	const struct shape *s = shape_text(fl->f, fl->a, t, FONT_TABLE_BOLD, wrap, DOC_ALIGN_LEFT);
	if (sh->n_labels < LABELS_MAX) {
		sh->labels[sh->n_labels].label = t->text;
		sh->labels[sh->n_labels].shape = s;
		sh->n_labels++;
	}
	return s;
}

static void share_release(struct share *sh)
{
	for (size_t i = 0; i <= sh->n_cols; i++) {
		if (sh->by_col[i])
			g_hash_table_destroy(sh->by_col[i]);
		if (sh->measured[i])
			g_hash_table_destroy(sh->measured[i]);
	}
}

/* A cell's figure fitted to content width cw: its own size, scaled down
 * keeping its proportions to that width and to half the frame's height,
 * so that a row holding it always fits a page. */
static void fit_cell_figure(const struct flow *fl, struct tcell *c, const struct doc_cell *dc,
			    double cw)
{
	const struct doc_figure *fig = dc->figure;
	if (!fig)
		return;
	double w = fig->width > 0 ? fig->width : cw;
	double h = fig->height > 0 ? fig->height : w * 0.5;
	double scale = 1, max_h = (fl->bottom - fl->top) / 2;
	if (w > cw)
		scale = cw / w;
	if (h * scale > max_h)
		scale = max_h / h;
	w *= scale;
	h *= scale;
	c->fig = fig;
	c->fig_w = (float)w;
	c->fig_h = (float)h;
	c->fig_below = dc->figure_below;
	c->fig_dx = (float)(fig->align == DOC_ALIGN_CENTER ? (cw - w) / 2
			    : fig->align == DOC_ALIGN_RIGHT ? cw - w : 0);
}

static void prepare_header(struct flow *fl, struct tprep *tp, const double *width)
{
	const struct doc_table *t = tp->t;
	tp->header.n = (uint32_t)tp->n_cols;
	tp->header.cells = arena_array(fl->a, struct tcell, tp->n_cols);
	for (size_t i = 0; i < tp->n_cols; i++) {
		struct tcell *c = &tp->header.cells[i];
		c->fill = fl->doc->theme.header_fill;
		c->has_fill = true;
		c->color = fl->color.header_text;
		c->th = true;
		if (has_text(t->cols[i].header))
			c->text = shape_text(fl->f, fl->a, t->cols[i].header, FONT_TABLE_BOLD,
					     fmax(width[i] - 2 * CELL_PAD_X, 1), t->cols[i].align);
	}
	row_height(fl, &tp->header);
}

static void prepare_group(struct flow *fl, struct tprep *tp, const struct doc_row *r,
			  struct trow *out)
{
	out->group = true;
	out->n = 1;
	out->cells = arena_array(fl->a, struct tcell, 1);
	struct tcell *c = &out->cells[0];
	c->cell = &r->cells[0];
	c->fill = r->has_fill ? r->group_fill : fl->doc->theme.group_fill;
	c->has_fill = true;
	c->color = contrast_text_on(c->fill);
	c->th = true;
	if (has_text(r->cells[0].text))
		c->text = shape_text(fl->f, fl->a, r->cells[0].text, FONT_TABLE_BOLD,
				     tp->w - 2 * CELL_PAD_X, DOC_ALIGN_LEFT);
	fit_cell_figure(fl, c, &r->cells[0], fmax(tp->w - 2 * CELL_PAD_X, 1));
	row_height(fl, out);
}

static struct tprep *prepare_table(struct flow *fl, const struct doc_table *t, bool panel)
{
	if (fl->ahead_key == t)
		return fl->ahead;
	struct tprep *tp = arena_new(fl->a, struct tprep);
	tp->t = t;
	tp->panel = panel;
	tp->n_cols = t->n_cols;
	size_t n = tp->n_cols;
	tp->has_header = t->header;
	tp->n_rows = t->n_rows;
	tp->rows = arena_array(fl->a, struct trow, t->n_rows);
	double frame = fl->x1 - fl->x0;
	if (has_text(t->caption))
		tp->caption = shape_text(fl->f, fl->a, t->caption, FONT_H3, frame, DOC_ALIGN_LEFT);
	tp->marker_h = fl->cont_below->height + MARKER_GAP;
	tp->scratch = arena_array(fl->a, uint32_t, 2 * (n ? n : 1));

	struct share sh = { .n_cols = n };
	sh.by_col = arena_array(fl->a, GHashTable *, n + 1);
	sh.measured = arena_array(fl->a, GHashTable *, n + 1);

	/* Automatic columns: measure every cell unwrapped. */
	double *min_w = arena_array(fl->a, double, n), *max_w = arena_array(fl->a, double, n);
	const struct shape **measured = NULL;
	bool any_auto = false;
	for (size_t i = 0; i < n; i++)
		if (t->cols[i].kind == DOC_WIDTH_AUTO)
			any_auto = true;
	if (any_auto) {
		measured = arena_array(fl->a, const struct shape *, t->n_rows * n);
		for (size_t i = 0; i < n; i++) {
			if (t->cols[i].kind != DOC_WIDTH_AUTO)
				continue;
			if (t->header && has_text(t->cols[i].header)) {
				const struct shape *s = shape_measure(fl->f, fl->a, t->cols[i].header,
								      FONT_TABLE_BOLD);
				min_w[i] = s->min_width;
				max_w[i] = s->width;
			}
		}
		for (size_t r = 0; r < t->n_rows; r++) {
			const struct doc_row *row = t->rows[r];
			if (row->kind == DOC_ROW_GROUP)
				continue;
			for (size_t i = 0; i < n; i++) {
				if (t->cols[i].kind != DOC_WIDTH_AUTO)
					continue;
				const struct doc_cell *dc = &row->cells[i];
				enum font_role role = panel && i == 0 ? FONT_TABLE_BOLD : FONT_TABLE;
				if (has_text(dc->text)) {
					const struct shape *s = measure_shared(fl, &sh, i, dc->text, role);
					measured[r * n + i] = s;
					if (s->min_width > min_w[i])
						min_w[i] = s->min_width;
					if (s->width > max_w[i])
						max_w[i] = s->width;
				}
				if (dc->status) {
					const struct shape *s = label_shape(fl, &sh, dc->status->label,
									    0, true);
					if (s->min_width > min_w[i])
						min_w[i] = s->min_width;
					if (s->width > max_w[i])
						max_w[i] = s->width;
				}
				/* A figure asks for its width; it is scaled down
				 * only when the columns cannot give it. */
				if (dc->figure && dc->figure->width > 0) {
					if (dc->figure->width > min_w[i])
						min_w[i] = dc->figure->width;
					if (dc->figure->width > max_w[i])
						max_w[i] = dc->figure->width;
				}
			}
		}
		for (size_t i = 0; i < n; i++) {
			/* Rounding up keeps a measured line from wrapping when it
			 * is shaped again at exactly its own width. */
			min_w[i] = ceil(min_w[i] + 2 * CELL_PAD_X + 0.5);
			max_w[i] = ceil(max_w[i] + 2 * CELL_PAD_X + 0.5);
		}
	}
	double *width = arena_array(fl->a, double, n);
	column_widths(tp, min_w, max_w, frame, panel ? frame * 0.4 : 0, width);
	for (size_t i = 0; i < n; i++) {
		if (width[i] < COLUMN_MIN - EPS) {
			error("a table of %zu columns does not fit across the page: column %zu would "
			      "be %.0f pt wide, and a column needs %.0f pt", n, i + 1, width[i],
			      (double)COLUMN_MIN);
			fl->failed = true;
			break;
		}
	}
	tp->edges = arena_array(fl->a, float, n + 1);
	double x = fl->x0;
	for (size_t i = 0; i < n; i++) {
		tp->edges[i] = (float)x;
		x += width[i];
	}
	tp->edges[n] = (float)x;
	tp->w = x - fl->x0;
	tp->outer[0] = tp->edges[0];
	tp->outer[1] = tp->edges[n];

	if (tp->has_header)
		prepare_header(fl, tp, width);
	for (size_t r = 0; r < t->n_rows; r++) {
		const struct doc_row *row = t->rows[r];
		struct trow *tr = &tp->rows[r];
		if (row->kind == DOC_ROW_GROUP) {
			prepare_group(fl, tp, row, tr);
			continue;
		}
		tr->n = (uint32_t)n;
		tr->cells = arena_array(fl->a, struct tcell, n);
		for (size_t i = 0; i < n; i++) {
			struct tcell *c = &tr->cells[i];
			const struct doc_cell *dc = &row->cells[i];
			enum font_role role;
			style_cell(fl, tp, dc, i, c, &role);
			double wrap = fmax(width[i] - 2 * CELL_PAD_X, 1);
			if (dc->status)
				c->label = label_shape(fl, &sh, dc->status->label, wrap, false);
			fit_cell_figure(fl, c, dc, wrap);
			if (!has_text(dc->text))
				continue;
			const struct shape *m = measured ? measured[r * n + i] : NULL;
			enum doc_align align = t->cols[i].align;
			if (m && m->width <= wrap + EPS && (m->n_lines == 1 || align == DOC_ALIGN_LEFT)) {
				/* Fits unwrapped: no need to shape it again. */
				c->text = m;
				if (align == DOC_ALIGN_CENTER)
					c->dx = (wrap - m->width) / 2;
				else if (align == DOC_ALIGN_RIGHT)
					c->dx = wrap - m->width;
			} else {
				c->text = shape_shared(fl, &sh, i, dc->text, role, wrap, align);
			}
		}
		row_height(fl, tr);
	}
	share_release(&sh);
	fl->ahead_key = t;
	fl->ahead = tp;
	return tp;
}

/* ---- placing ---- */

static double header_h(const struct tprep *tp)
{
	return tp->has_header ? tp->header.h : 0;
}

/* The least room, from its top to the foot of the page, row r needs to
 * start on this page instead of moving whole to the next (the rules of
 * place_tall_row): all of it; or, when it is split, the first line of
 * each cell with the "continued" band below, and for a row that fits a
 * page at least half a page, or it is moved rather than split. What comes
 * before a row (a heading, a table's header, a group band) is kept with
 * it by asking for this much. */
static double row_start_need(const struct flow *fl, const struct tprep *tp, const struct trow *r)
{
	double first = 0;
	for (uint32_t i = 0; i < r->n; i++) {
		const struct tcell *c = &r->cells[i];
		if (cell_lines(c))
			first = fmax(first, cell_span(c, 0, 1));
	}
	double split = 2 * CELL_PAD_Y + tp->marker_h + first;
	double fresh = fl->bottom - fl->top - header_h(tp);
	/* A hundredth of a point over half a page: place_tall_row moves a
	 * row when less than half is left, and rounding must not tip it. */
	if (r->h <= fresh + EPS)
		split = fmax(split, fresh * 0.5 + 0.01);
	return fmin(r->h, split);
}

/* The room group row i needs to stay with what follows it: a group band
 * never ends a page. */
static double group_keep(const struct flow *fl, const struct tprep *tp, size_t i)
{
	double h = 0;
	for (; i < tp->n_rows && tp->rows[i].group; i++)
		h += tp->rows[i].h;
	if (i < tp->n_rows)
		h += row_start_need(fl, tp, &tp->rows[i]);
	return h;
}

/* The room the table's start needs: the caption, the header row and the
 * start of the first row (with the row after it, if that is a group
 * band). A header row never ends a page. */
static double table_start_need(const struct flow *fl, const struct tprep *tp)
{
	double h = (tp->caption ? tp->caption->height + 3 : 0) + header_h(tp);
	if (tp->n_rows)
		h += tp->rows[0].group ? group_keep(fl, tp, 0) : row_start_need(fl, tp, &tp->rows[0]);
	return h;
}

double table_min_height(struct flow *fl, const struct doc_table *t)
{
	return table_start_need(fl, prepare_table(fl, t, false));
}

static double cell_x(const struct tprep *tp, const struct trow *r, uint32_t i)
{
	return r->group ? tp->outer[0] : tp->edges[i];
}

static double cell_w(const struct tprep *tp, const struct trow *r, uint32_t i)
{
	return r->group ? tp->outer[1] - tp->outer[0] : tp->edges[i + 1] - tp->edges[i];
}

enum { MARK_ABOVE = 1, MARK_BELOW = 2 };

/* Whether the part [from, to) of a cell holds its figure. */
static bool part_has_figure(const struct tcell *c, uint32_t from, uint32_t to)
{
	if (!c->fig)
		return false;
	uint32_t f = figure_line(c);
	return f >= from && f < to;
}

/* How many drawing operations the part [from, to) of a cell takes: its
 * label's lines, its text's, its figure. */
static int part_pieces(const struct tcell *c, uint32_t from, uint32_t to)
{
	uint32_t nl = label_lines(c), tf = text_first(c), nt = text_lines(c);
	return (from < nl && to > 0) + (nt && from < tf + nt && to > tf) +
	       part_has_figure(c, from, to);
}

/* Draws lines [from, to) of text shape s (the cell's lines [first + from,
 * first + to)) of cell c, whose part starts at y with its line t0. spans:
 * the cell also holds a Figure element, so its texts go in Span elements
 * of their own (cairo leaves out of the structure tree text drawn
 * directly in an element that has children). */
static void emit_piece_text(struct flow *fl, const struct tcell *c, const struct shape *s,
			    uint32_t first, uint32_t from, uint32_t to, double x, double y,
			    double t0, doc_rgb color, unsigned flags, const double *box, bool spans)
{
	double top, bot;
	cell_line(c, first + from, &top, &bot);
	struct layout_op *op = flow_text(fl, s, from, to, x, y + top - t0, color, flags, box[0],
					 box[1], box[2], box[3]);
	if (spans && !(flags & LAYOUT_TEXT_TAG_RUNS))
		flow_wrap(op, LAYOUT_TAG_SPAN);
}

/* Draws lines [from, to) of cell c whose content starts (for line from)
 * at y, its left edge at x, inside the cell box (bx, by, bw, bh), in
 * reading order: label, then figure and text in the cell's order. tagged:
 * the figure is a Figure element (and the texts beside it Spans). */
static void emit_cell_lines(struct flow *fl, const struct tcell *c, uint32_t from, uint32_t to,
			    double x, double y, double bx, double by, double bw, double bh,
			    bool tagged)
{
	if (from >= to)
		return;
	const double box[4] = { bx, by, bw, bh };
	bool fig = part_has_figure(c, from, to);
	bool spans = tagged && fig;
	double t0, b0;
	cell_line(c, from, &t0, &b0);
	uint32_t nl = label_lines(c);
	if (from < nl)
		emit_piece_text(fl, c, c->label, 0, from, to < nl ? to : nl, x, y, t0, c->color, 0,
				box, spans);
	uint32_t tf = text_first(c), nt = text_lines(c);
	bool text = nt && from < tf + nt && to > tf;
	for (int k = 0; k < 2; k++) {
		/* k == 0: what comes first after the label. */
		bool figure_turn = (k == 0) != c->fig_below;
		if (figure_turn && fig) {
			double top, bot;
			cell_line(c, figure_line(c), &top, &bot);
			double fx = x + c->fig_dx, fy = y + top - t0;
			if (tagged)
				flow_figure(fl, c->fig, fx, fy, c->fig_w, c->fig_h, bx, by, bw, bh);
			else
				flow_picture(fl, c->fig, fx, fy, c->fig_w, c->fig_h, bx, by, bw, bh);
		} else if (!figure_turn && text) {
			uint32_t a = from > tf ? from - tf : 0, e = (to < tf + nt ? to : tf + nt) - tf;
			emit_piece_text(fl, c, c->text, tf, a, e, x + c->dx, y, t0, c->color,
					c->flags | (c->text->has_links ? LAYOUT_TEXT_TAG_RUNS : 0),
					box, spans);
		}
	}
}

/* Emits one part of a row: lines [start[i], end[i]) of each cell, in a
 * band of height h at fl->y. tagged: the row's structure elements (a
 * repeated header is drawn untagged). */
static void emit_row(struct flow *fl, struct tprep *tp, const struct trow *r, const uint32_t *start,
		     const uint32_t *end, double h, bool tagged, unsigned marks,
		     enum layout_scope scope)
{
	double y = fl->y;
	bool first_part = true;
	for (uint32_t i = 0; i < r->n; i++)
		if (start[i])
			first_part = false;
	if (tagged && first_part)
		for (uint32_t i = 0; i < r->n; i++)
			if (r->cells[i].cell && r->cells[i].cell->anchor)
				flow_dest(fl, r->cells[i].cell->anchor, cell_x(tp, r, i), y);
	if (tagged)
		flow_tag(fl, LAYOUT_TAG_TR);
	/* A split row's markers sit in bands of their own, above and below
	 * the cells, clear of fills and column rules. */
	double above = marks & MARK_ABOVE ? tp->marker_h : 0;
	double below = marks & MARK_BELOW ? tp->marker_h : 0;
	double cy = y + above, ch = h - above - below;
	double content_y = cy + CELL_PAD_Y;
	for (uint32_t i = 0; i < r->n; i++) {
		const struct tcell *c = &r->cells[i];
		double bx = cell_x(tp, r, i), bw = cell_w(tp, r, i);
		if (c->has_fill)
			flow_fill(fl, bx, cy, bw, ch, c->fill);
		enum layout_tag tag = c->th ? LAYOUT_TAG_TH : LAYOUT_TAG_TD;
		const struct doc_cell *dc = c->cell;
		/* A whole-cell link gives way to links inside the text. */
		bool link = tagged && dc && (dc->link_dest || dc->link_uri) && end[i] > start[i] &&
			    !(c->text && c->text->has_links);
		int pieces = start[i] < end[i] ? part_pieces(c, start[i], end[i]) : 0;
		/* A cell drawn by one text operation carries its own tag. */
		bool wrap = tagged && !link && pieces == 1 && !part_has_figure(c, start[i], end[i]);
		if (tagged && !wrap)
			flow_tag(fl, tag);
		if (tagged && c->th)
			flow_add_th(fl, r->group ? LAYOUT_SCOPE_ROW : scope);
		if (link) {
			struct layout_op *op = flow_op(fl, LAYOUT_OP_TAG_BEGIN);
			op->tag = LAYOUT_TAG_LINK;
			op->u.link.dest = dc->link_dest;
			op->u.link.uri = dc->link_dest ? NULL : dc->link_uri;
			op->x = (float)(bx + CELL_PAD_X);
			op->y = (float)content_y;
			op->w = (float)(bw - 2 * CELL_PAD_X);
			op->h = (float)cell_span(c, start[i], end[i]);
		}
		emit_cell_lines(fl, c, start[i], end[i], bx + CELL_PAD_X, content_y, bx, cy, bw, ch,
				tagged);
		if (link)
			flow_end(fl, LAYOUT_TAG_LINK);
		if (wrap)
			flow_wrap(&fl->page->ops[fl->page->n_ops - 1], tag);
		else if (tagged)
			flow_end(fl, tag);
	}
	/* The markers are furniture: drawn in the row, outside its cells. */
	if (marks & MARK_ABOVE)
		flow_text(fl, fl->cont_above, 0, fl->cont_above->n_lines, tp->outer[0] + CELL_PAD_X,
			  y + MARKER_GAP / 2, fl->color.text, LAYOUT_TEXT_FURNITURE, tp->outer[0], y,
			  tp->w, above);
	if (marks & MARK_BELOW)
		flow_text(fl, fl->cont_below, 0, fl->cont_below->n_lines,
			  tp->outer[1] - CELL_PAD_X - fl->cont_below->width, y + h - below + MARKER_GAP / 2,
			  fl->color.text, LAYOUT_TEXT_FURNITURE, tp->outer[0], y + h - below, tp->w, below);
	if (tagged)
		flow_end(fl, LAYOUT_TAG_TR);
	struct layout_op *grid = flow_op(fl, LAYOUT_OP_GRID);
	grid->color = fl->color.rule;
	grid->x = tp->outer[0];
	grid->y = (float)y;
	grid->w = (float)tp->w;
	grid->h = (float)h;
	grid->u.grid.edges = r->group ? tp->outer : tp->edges;
	grid->u.grid.n = r->group ? 1 : (uint32_t)tp->n_cols;
	grid->u.grid.above = (float)above;
	grid->u.grid.below = (float)below;
	fl->y = y + h;
	fl->fresh = false;
}

static void emit_whole(struct flow *fl, struct tprep *tp, const struct trow *r, bool tagged,
		       enum layout_scope scope)
{
	uint32_t *e = tp->scratch + tp->n_cols;
	for (uint32_t i = 0; i < r->n; i++)
		e[i] = cell_lines(&r->cells[i]);
	emit_row(fl, tp, r, tp->scratch, e, r->h, tagged, 0, scope);
}

/* A new page inside the table, with the header row again. */
static void table_break(struct flow *fl, struct tprep *tp)
{
	flow_new_page(fl);
	if (tp->has_header)
		emit_whole(fl, tp, &tp->header, false, LAYOUT_SCOPE_COLUMN);
}

/* Places a row that does not fit whole in the space left: moved to the
 * next page when it fits there and little space is lost; otherwise split
 * between lines, as many parts as it takes. */
static void place_tall_row(struct flow *fl, struct tprep *tp, const struct trow *r)
{
	double fresh = fl->bottom - fl->top - header_h(tp);
	double avail = fl->bottom - fl->y;
	if (r->h <= fresh + EPS && avail < fresh * 0.5) {
		table_break(fl, tp);
		emit_whole(fl, tp, r, true, LAYOUT_SCOPE_ROW);
		return;
	}
	uint32_t n = r->n;
	uint32_t *start = arena_array(fl->a, uint32_t, 3 * n);
	uint32_t *end = start + n, *total = start + 2 * n;
	for (uint32_t i = 0; i < n; i++)
		total[i] = cell_lines(&r->cells[i]);
	unsigned marks = 0;
	for (;;) {
		avail = fl->bottom - fl->y;
		double above = marks & MARK_ABOVE ? tp->marker_h : 0;
		/* Try the rest whole first, then with a marker below. */
		double room = avail - 2 * CELL_PAD_Y - above;
		bool all = true;
		for (uint32_t i = 0; i < n; i++) {
			end[i] = start[i] + cell_fit(&r->cells[i], start[i], room);
			if (end[i] < total[i])
				all = false;
		}
		if (!all) {
			room -= tp->marker_h;
			for (uint32_t i = 0; i < n; i++)
				end[i] = start[i] + cell_fit(&r->cells[i], start[i], room);
		}
		bool progress = false;
		double content = 0;
		for (uint32_t i = 0; i < n; i++) {
			if (end[i] > start[i])
				progress = true;
			double s = cell_span(&r->cells[i], start[i], end[i]);
			if (s > content)
				content = s;
		}
		if (!progress) {
			if (fl->fresh || fl->y <= fl->top + header_h(tp) + EPS) {
				/* A single line taller than a page: place it anyway. */
				for (uint32_t i = 0; i < n; i++)
					if (start[i] < total[i]) {
						end[i] = start[i] + 1;
						double s = cell_span(&r->cells[i], start[i], end[i]);
						if (s > content)
							content = s;
					}
				all = true;
				for (uint32_t i = 0; i < n; i++)
					if (end[i] < total[i])
						all = false;
			} else {
				table_break(fl, tp);
				continue;
			}
		}
		unsigned part_marks = marks | (all ? 0 : MARK_BELOW);
		double h = 2 * CELL_PAD_Y + above + content + (all ? 0 : tp->marker_h);
		if (all && h < avail && content < line_h(fl, FONT_TABLE))
			h = 2 * CELL_PAD_Y + above + line_h(fl, FONT_TABLE);
		emit_row(fl, tp, r, start, end, h, true, part_marks, LAYOUT_SCOPE_ROW);
		if (all)
			return;
		for (uint32_t i = 0; i < n; i++)
			start[i] = end[i];
		table_break(fl, tp);
		marks = MARK_ABOVE;
	}
}

static void place_prepared(struct flow *fl, struct tprep *tp)
{
	if (!tp->has_header && tp->n_rows == 0 && !tp->caption)
		return;
	flow_space(fl, FLOW_TABLE_BEFORE);
	/* The caption, the header and the first row start together. */
	flow_need(fl, table_start_need(fl, tp));
	flow_tag(fl, LAYOUT_TAG_TABLE);
	if (tp->caption) {
		flow_tag(fl, LAYOUT_TAG_CAPTION);
		flow_text(fl, tp->caption, 0, tp->caption->n_lines, fl->x0, fl->y, fl->color.accent,
			  LAYOUT_TEXT_LINK_COLOR |
				  (tp->caption->has_links ? LAYOUT_TEXT_TAG_RUNS : 0),
			  fl->x0, fl->top, fl->x1 - fl->x0, fl->bottom - fl->top);
		flow_end(fl, LAYOUT_TAG_CAPTION);
		fl->y += tp->caption->height + 3;
		fl->fresh = false;
	}
	if (tp->has_header) {
		flow_tag(fl, LAYOUT_TAG_THEAD);
		emit_whole(fl, tp, &tp->header, true, LAYOUT_SCOPE_COLUMN);
		flow_end(fl, LAYOUT_TAG_THEAD);
	}
	if (tp->n_rows)
		flow_tag(fl, LAYOUT_TAG_TBODY);
	for (size_t i = 0; i < tp->n_rows; i++) {
		const struct trow *r = &tp->rows[i];
		if (r->group && (i == 0 || !tp->rows[i - 1].group) &&
		    fl->y + group_keep(fl, tp, i) > fl->bottom + EPS &&
		    fl->y > fl->top + header_h(tp) + EPS)
			table_break(fl, tp);
		if (fl->y + r->h <= fl->bottom + EPS)
			emit_whole(fl, tp, r, true, LAYOUT_SCOPE_ROW);
		else
			place_tall_row(fl, tp, r);
	}
	if (tp->n_rows)
		flow_end(fl, LAYOUT_TAG_TBODY);
	flow_end(fl, LAYOUT_TAG_TABLE);
	fl->y += FLOW_TABLE_AFTER;
}

void place_table(struct flow *fl, const struct doc_table *t)
{
	place_prepared(fl, prepare_table(fl, t, false));
}

/* A panel is a table of label and value, labels heading their rows;
 * made once, whether a heading before it or its placing asks first. */
static struct tprep *prepare_panel(struct flow *fl, const struct doc_panel *p)
{
	if (fl->ahead_key == p)
		return fl->ahead;
	struct doc_table *t = arena_new(fl->a, struct doc_table);
	t->arena = fl->a;
	t->n_cols = 2;
	t->cols = arena_array(fl->a, struct doc_column, 2);
	t->cols[0].kind = DOC_WIDTH_AUTO;
	t->cols[0].row_header = true;
	t->cols[1].kind = DOC_WIDTH_FR;
	t->cols[1].value = 1;
	t->header = false;
	t->n_rows = t->cap_rows = p->n;
	t->rows = arena_array(fl->a, struct doc_row *, p->n);
	for (size_t i = 0; i < p->n; i++) {
		struct doc_row *r = arena_new(fl->a, struct doc_row);
		r->kind = DOC_ROW_DATA;
		r->cells = arena_array(fl->a, struct doc_cell, 2);
		r->cells[0].text = p->rows[i].label;
		r->cells[1].text = p->rows[i].value;
		t->rows[i] = r;
	}
	struct tprep *tp = prepare_table(fl, t, true);
	fl->ahead_key = p;
	fl->ahead = tp;
	return tp;
}

double panel_min_height(struct flow *fl, const struct doc_panel *p)
{
	return p->n ? table_start_need(fl, prepare_panel(fl, p)) : 0;
}

void place_panel(struct flow *fl, const struct doc_panel *p)
{
	if (p->n == 0)
		return;
	place_prepared(fl, prepare_panel(fl, p));
}
