/* Tests of pictures in table cells (a sparkline, a bullet chart) and of
 * the structure text of wrapped cells and headings.
 *
 * Cell figures: room reserved above or below the text, scaled to the
 * column, never split between pages, never overlapping, caught by the
 * self-check when moved; each a Figure element inside its TD, with its
 * alternative text registered in structure order and written by the PDF
 * post-processor.
 *
 * Structure text: every line of a wrapped heading and table cell is in
 * its H1 or TD element (counted in the PDF's content stream with qpdf), is
 * read by poppler's structure reader (pdfinfo -struct-text, which stopped
 * at the first line while a line's wrapping space was written as a
 * marked-content sequence of its own) and comes out of pdftotext in
 * reading order. All documents are synthetic. */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "render/pdfpost.h"
#include "render/render.h"
#include "unit.h"
#include "unit_layout.h"
#include "unit_files.h"

static struct fonts fonts;
static char tmpdir[] = "/tmp/bp-cells-XXXXXX";

static void print_problem(const char *what, void *user)
{
	(void)user;
	printf("# layout problem: %s\n", what);
}

/* Counts its calls: a cell's figure is drawn once per output. */
static void draw_counted(cairo_t *cr, double w, double h, void *user)
{
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_stroke(cr);
	if (user)
		(*(int *)user)++;
}

static const struct layout_op *find_text(struct arena *a, const struct layout_doc *ld,
					 const char *needle)
{
	for (size_t p = 0; p < ld->n_pages; p++)
		for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			if (op->kind == LAYOUT_OP_TEXT && strstr(op_text(a, op), needle))
				return op;
		}
	return NULL;
}

static const struct layout_op *find_figure(const struct layout_doc *ld,
					   const struct doc_figure *fig, size_t *count)
{
	const struct layout_op *found = NULL;
	*count = 0;
	for (size_t p = 0; p < ld->n_pages; p++)
		for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			if (op->kind == LAYOUT_OP_FIGURE && op->u.figure.fig == fig) {
				found = op;
				(*count)++;
			}
		}
	return found;
}

static const char *words(struct arena *a, const char *first, size_t n)
{
	static const char w[] = "children families practice partners review plan audit ";
	char *s = arena_array(a, char, strlen(first) + n + 2);
	size_t k = (size_t)snprintf(s, strlen(first) + 2, "%s ", first);
	for (size_t i = 0; i < n; i++)
		s[k++] = w[i % (sizeof w - 1)];
	while (k > 0 && s[k - 1] == ' ')
		k--;
	s[k] = '\0';
	return s;
}

static void new_doc(struct doc *d, struct arena *a)
{
	doc_init(d, a);
	d->title = "Synthetic scorecard";
	d->as_at = "30 Sep 2023";
	d->year = 2023;
	d->month = 9;
	d->day = 30;
}

#define NEAR(a, b) (fabs((double)(a) - (double)(b)) < 0.01)

/* ---- geometry ---- */

struct scorecard {
	struct doc doc;
	struct doc_table *table;
	struct doc_figure *before, *spark, *bullet, *wide, *after;
	int drawn;
};

/* [figure][table: Ref | Measure | Over time (a sparkline above its text)
 * | Latest (status, text, a bullet chart below) | Narrow (a figure too
 * wide for it)][figure]. */
static void build_scorecard(struct scorecard *sc, struct arena *a, int rows)
{
	new_doc(&sc->doc, a);
	sc->drawn = 0;
	struct doc_section *s = doc_add_section(&sc->doc, DOC_LANDSCAPE);
	sc->before = doc_add_figure(s, 200, 40, draw_counted, &sc->drawn, "Block figure before");
	struct doc_table *t = sc->table = doc_add_table(s, 5);
	doc_table_column(t, 0, DOC_WIDTH_FIXED, 50, doc_text_plain(a, "Ref"));
	doc_table_column(t, 1, DOC_WIDTH_FR, 1, doc_text_plain(a, "Measure"));
	doc_table_column(t, 2, DOC_WIDTH_FIXED, 88, doc_text_plain(a, "Over time"));
	doc_table_column(t, 3, DOC_WIDTH_AUTO, 0, doc_text_plain(a, "Latest"));
	doc_table_column(t, 4, DOC_WIDTH_FIXED, 60, doc_text_plain(a, "Narrow"));
	const struct doc_status *green = doc_status_new(&sc->doc, "Green", 0x00B050);
	for (int i = 0; i < rows; i++) {
		struct doc_row *r = doc_table_add_row(t);
		r->cells[0].text = doc_text_plain(a, arena_printf(a, "M%d", i + 1));
		r->cells[1].text = doc_text_plain(a, words(a, arena_printf(a, "MEASURE%d", i + 1), 90));
		r->cells[2].text = doc_text_plain(a, arena_printf(a, "ABOVE%d rising", i + 1));
		struct doc_figure *spark = doc_cell_figure(t, &r->cells[2], 80, 18, draw_counted,
							   &sc->drawn,
							   arena_printf(a, "Sparkline %d", i + 1));
		r->cells[3].status = green;
		r->cells[3].text = doc_text_plain(a, arena_printf(a, "BELOW%d 48%%", i + 1));
		r->cells[3].figure_below = true;
		struct doc_figure *bullet = doc_cell_figure(t, &r->cells[3], 120, 18, draw_counted,
							    &sc->drawn,
							    arena_printf(a, "Bullet %d", i + 1));
		struct doc_figure *wide = doc_cell_figure(t, &r->cells[4], 120, 30, draw_counted,
							  &sc->drawn,
							  arena_printf(a, "Wide %d", i + 1));
		wide->align = DOC_ALIGN_CENTER;
		if (i == 0) {
			sc->spark = spark;
			sc->bullet = bullet;
			sc->wide = wide;
		}
	}
	sc->after = doc_add_figure(s, 200, 40, draw_counted, &sc->drawn, "Block figure after");
}

/* The open tags at operation k of page p, innermost last, as the
 * structure sees them; returns how many. */
static size_t tags_at(const struct layout_doc *ld, size_t page, size_t k, enum layout_tag *out,
		      size_t max)
{
	size_t n = 0;
	for (size_t p = 0; p <= page; p++)
		for (size_t i = 0; i < ld->pages[p].n_ops && (p < page || i < k); i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			if (op->kind == LAYOUT_OP_TAG_BEGIN && n < max)
				out[n++] = (enum layout_tag)op->tag;
			else if (op->kind == LAYOUT_OP_TAG_END && n > 0)
				n--;
		}
	return n;
}

static void test_cell_figures(void)
{
	struct arena a;
	arena_init(&a);
	struct scorecard sc;
	build_scorecard(&sc, &a, 3);
	struct layout_doc *ld = layout_doc(&fonts, &sc.doc, &a);
	CHECK(ld != NULL, "a table with figures in its cells lays out");
	if (!ld) {
		arena_release(&a);
		return;
	}
	CHECK_INT(layout_check(ld, print_problem, NULL), 0, "and passes the self-check");

	/* Above the text. */
	size_t n;
	const struct layout_op *spark = find_figure(ld, sc.spark, &n);
	const struct layout_op *above = find_text(&a, ld, "ABOVE1");
	CHECK(spark && n == 1 && NEAR(spark->w, 80) && NEAR(spark->h, 18),
	      "a sparkline that fits its column is drawn once at its own size");
	CHECK(spark && above && spark->y + spark->h <= above->y + 0.01 &&
	      above->y - (spark->y + spark->h) < 6,
	      "the figure sits just above the cell's text");
	CHECK(spark && above && NEAR(spark->x, above->x),
	      "the figure and the text share the cell's left edge");

	/* Below the text, after the status label. */
	const struct layout_op *bullet = find_figure(ld, sc.bullet, &n);
	const struct layout_op *below = find_text(&a, ld, "BELOW1");
	const struct layout_op *label = find_text(&a, ld, "Green");
	CHECK(bullet && below && label && label->y + label->h <= below->y + 0.01 &&
	      below->y + below->h <= bullet->y + 0.01,
	      "with figure_below: the status label, the text, then the figure");
	CHECK(bullet && NEAR(bullet->w, 120) && bullet->u.figure.cw >= 128 - 0.01,
	      "an automatic column widens to its figure (%.1f)", bullet ? bullet->u.figure.cw : 0);

	/* Too wide: scaled down, proportions kept, centred. */
	const struct layout_op *wide = find_figure(ld, sc.wide, &n);
	CHECK(wide && wide->w <= 52 + 0.01 && NEAR(wide->w / wide->h, 4.0),
	      "a figure wider than its column is scaled down keeping its proportions "
	      "(%.1f x %.1f)", wide ? wide->w : 0, wide ? wide->h : 0);
	CHECK(wide && NEAR(wide->x - wide->u.figure.cx, wide->u.figure.cx + wide->u.figure.cw -
				       (wide->x + wide->w)),
	      "a centred figure is centred in its cell");

	/* The row's grid is tall enough for its cells. */
	const struct layout_op *grid = NULL;
	for (size_t i = 0; i < ld->pages[0].n_ops; i++) {
		const struct layout_op *op = &ld->pages[0].ops[i];
		if (op->kind == LAYOUT_OP_GRID && bullet && op->y <= bullet->y &&
		    op->y + op->h >= bullet->y)
			grid = op;
	}
	CHECK(grid && bullet && bullet->y + bullet->h + 3 - 0.01 <= grid->y + grid->h,
	      "the row's height holds the text and the figure below it, with padding");

	/* Structure: a Figure inside its TD, texts beside it in Spans, and the
	 * alternative texts in the order the Figure elements open. */
	size_t figures = 0, in_td = 0, alts_in_order = 0, texts_beside = 0, spans = 0;
	for (size_t p = 0; p < ld->n_pages; p++) {
		for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			enum layout_tag open[64];
			if (op->kind == LAYOUT_OP_FIGURE) {
				size_t k = tags_at(ld, p, i, open, 64);
				if (figures < ld->n_figures && op->u.figure.fig->alt == ld->figure_alts[figures])
					alts_in_order++;
				figures++;
				if (k >= 2 && open[k - 1] == LAYOUT_TAG_FIGURE && open[k - 2] == LAYOUT_TAG_TD)
					in_td++;
			} else if (op->kind == LAYOUT_OP_TEXT) {
				char *txt = op_text(&a, op);
				if (strncmp(txt, "ABOVE", 5) && strncmp(txt, "BELOW", 5) &&
				    strcmp(txt, "Green"))
					continue;
				texts_beside++;
				size_t k = tags_at(ld, p, i, open, 64);
				if ((op->flags & LAYOUT_TEXT_WRAP) && op->tag == LAYOUT_TAG_SPAN && k &&
				    open[k - 1] == LAYOUT_TAG_TD)
					spans++;
			}
		}
	}
	CHECK_INT(figures, 2 + 3 * 3, "every figure is drawn once");
	CHECK_INT(ld->n_figures, figures, "one alternative text per Figure element");
	CHECK_INT(alts_in_order, figures, "alternative texts in the order the figures are drawn");
	CHECK(ld->n_figures == 11 && strcmp(ld->figure_alts[0], "Block figure before") == 0 &&
	      strcmp(ld->figure_alts[1], "Sparkline 1") == 0 &&
	      strcmp(ld->figure_alts[2], "Bullet 1") == 0 &&
	      strcmp(ld->figure_alts[4], "Sparkline 2") == 0 &&
	      strcmp(ld->figure_alts[10], "Block figure after") == 0,
	      "structure order: the figure before, the row's figures left to right, the one after");
	CHECK_INT(in_td, 9, "each cell's figure is a Figure element directly inside its TD");
	CHECK(texts_beside == 9 && spans == 9,
	      "text beside a cell's figure is in Span elements (%zu of %zu)", spans, texts_beside);

	/* The self-check covers cell figures. */
	struct layout_op *mut = (struct layout_op *)spark;
	if (mut) {
		float x = mut->x;
		mut->x += 30;
		CHECK(layout_check(ld, NULL, NULL) >= 1, "a figure pushed out of its cell is caught");
		mut->x = x;
		float y = mut->y;
		mut->y = (float)above->y;
		CHECK(layout_check(ld, NULL, NULL) >= 1, "a figure moved onto its text is caught");
		mut->y = y;
	}
	ld->n_figures--;
	CHECK(layout_check(ld, NULL, NULL) >= 1, "a Figure element without its text is caught");
	ld->n_figures++;
	CHECK_INT(layout_check(ld, NULL, NULL), 0, "restored, the layout is clean again");

	/* Drawn once per output. */
	char *pdf = arena_printf(&a, "%s/cells.pdf", tmpdir);
	sc.drawn = 0;
	CHECK(render_pdf(ld, pdf) == 0 && sc.drawn == 11, "the PDF draws each figure once (%d)",
	      sc.drawn);
	layout_release(ld);
	arena_release(&a);
}

/* A row taller than a page, its figure below a long text: the row splits
 * between lines of text, never through the figure. */
static void test_split_rows(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
	struct doc_table *t = doc_add_table(s, 3);
	doc_table_column(t, 0, DOC_WIDTH_FIXED, 40, doc_text_plain(&a, "Ref"));
	doc_table_column(t, 1, DOC_WIDTH_FIXED, 130, doc_text_plain(&a, "Chart"));
	doc_table_column(t, 2, DOC_WIDTH_FR, 1, doc_text_plain(&a, "Notes"));
	struct doc_figure *figs[12];
	for (int i = 0; i < 12; i++) {
		struct doc_row *r = doc_table_add_row(t);
		r->cells[0].text = doc_text_plain(&a, arena_printf(&a, "R%d", i));
		r->cells[1].text = doc_text_plain(&a, words(&a, arena_printf(&a, "LONG%d", i),
							    i == 5 ? 3000 : (size_t)(20 + 37 * i)));
		r->cells[1].figure_below = i % 2;
		r->cells[2].text = doc_text_plain(&a, words(&a, "notes", (size_t)(30 + 61 * i)));
		/* One absurdly tall: scaled to half the frame. */
		figs[i] = doc_cell_figure(t, &r->cells[1], 120, i == 7 ? 2000 : 40, draw_counted,
					  NULL, arena_printf(&a, "Chart %d", i));
	}
	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	CHECK(ld != NULL, "a table with cell figures and a row taller than a page lays out");
	if (!ld) {
		arena_release(&a);
		return;
	}
	CHECK(ld->n_pages >= 3, "it takes several pages (%zu)", ld->n_pages);
	size_t once = 0, whole = 0;
	for (int i = 0; i < 12; i++) {
		size_t n;
		const struct layout_op *op = find_figure(ld, figs[i], &n);
		once += n == 1;
		whole += op && op->h > 0 && op->h <= ld->pages[0].body.h / 2 + 0.01 &&
			 NEAR(op->w / op->h, i == 7 ? 120.0 / 2000 : 3.0);
	}
	CHECK_INT(once, 12, "each figure is drawn exactly once, on one page");
	CHECK_INT(whole, 12, "each whole, within half a frame, keeping its proportions");
	uint32_t lines = 0, total = 0;
	const struct layout_op *first = find_text(&a, ld, "LONG5");
	if (first) {
		total = first->u.text.shape->n_lines;
		for (size_t p = 0; p < ld->n_pages; p++)
			for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
				const struct layout_op *op = &ld->pages[p].ops[i];
				if (op->kind == LAYOUT_OP_TEXT && op->u.text.shape == first->u.text.shape)
					lines += op->u.text.to - op->u.text.from;
			}
	}
	CHECK(total > 60 && lines == total, "every line of the split cell is drawn once (%u of %u)",
	      lines, total);
	CHECK_INT(layout_check(ld, print_problem, NULL), 0, "the split rows pass the self-check");
	layout_release(ld);
	arena_release(&a);
}

static void test_refusals(void)
{
	struct arena a;
	arena_init(&a);
	FILE *null = fopen("/dev/null", "w");
	diag_set_stream(null);
	for (int k = 0; k < 3; k++) {
		struct doc d;
		new_doc(&d, &a);
		struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
		struct doc_table *t = doc_add_table(s, 2);
		struct doc_row *r = doc_table_add_row(t);
		struct doc_figure *f = doc_cell_figure(t, &r->cells[1], 80, 18,
						       k == 1 ? NULL : draw_counted, NULL,
						       k == 0 ? NULL : "A sparkline");
		if (k == 2)
			f->caption = doc_text_plain(&a, "A caption no cell has room for");
		static const char *const what[] = { "without alternative text",
						    "without a drawing callback", "with a caption" };
		CHECK(layout_doc(&fonts, &d, &a) == NULL, "a cell's figure %s is refused", what[k]);
	}
	diag_set_stream(NULL);
	fclose(null);
	arena_release(&a);
}

/* ---- the PDF's structure ---- */

/* A marked-content id's text-showing operators, page by page: how many
 * Tj, TJ, ' and " each id's sequence (nested ones included) holds. */
struct mc_counts {
	int ids[64];
	size_t n_ids;
	size_t shows;
};

static bool wanted(const struct mc_counts *m, int id)
{
	for (size_t i = 0; i < m->n_ids; i++)
		if (m->ids[i] == id)
			return true;
	return false;
}

/* Scans a content stream: marked-content sequences open with BDC (whose
 * property list may carry /MCID n) or BMC and close with EMC. */
static void count_shows(const unsigned char *s, size_t len, struct mc_counts *m)
{
	int stack[256];
	size_t depth = 0, inside = 0;
	int pending = -1;
	bool mcid_next = false;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (isspace(c)) {
			i++;
		} else if (c == '(') {
			int nest = 0;
			for (; i < len; i++) {
				if (s[i] == '\\') {
					i++;
				} else if (s[i] == '(') {
					nest++;
				} else if (s[i] == ')' && --nest == 0) {
					i++;
					break;
				}
			}
		} else if (c == '<' && i + 1 < len && s[i + 1] == '<') {
			i += 2;
		} else if (c == '>' && i + 1 < len && s[i + 1] == '>') {
			i += 2;
		} else if (c == '<') {
			while (i < len && s[i] != '>')
				i++;
			i++;
		} else if (c == '[' || c == ']' || c == '{' || c == '}') {
			i++;
		} else {
			size_t start = i++;
			while (i < len && !isspace(s[i]) && !strchr("()<>[]{}/%", s[i]))
				i++;
			size_t n = i - start;
			const char *w = (const char *)s + start;
			if (n == 5 && memcmp(w, "/MCID", 5) == 0) {
				mcid_next = true;
				continue;
			}
			if (mcid_next && isdigit((unsigned char)w[0])) {
				pending = atoi(w);
				mcid_next = false;
				continue;
			}
			mcid_next = false;
			if ((n == 3 && memcmp(w, "BDC", 3) == 0) || (n == 3 && memcmp(w, "BMC", 3) == 0)) {
				int id = w[1] == 'D' ? pending : -1;
				if (depth < 256)
					stack[depth] = id;
				depth++;
				if (wanted(m, id))
					inside++;
				pending = -1;
			} else if (n == 3 && memcmp(w, "EMC", 3) == 0) {
				if (depth > 0) {
					depth--;
					if (depth < 256 && wanted(m, stack[depth]))
						inside--;
				}
			} else if (((n == 2 && (memcmp(w, "Tj", 2) == 0 || memcmp(w, "TJ", 2) == 0)) ||
				    (n == 1 && (w[0] == '\'' || w[0] == '"'))) &&
				   inside > 0) {
				m->shows++;
			}
		}
	}
}

/* The marked-content ids of a structure element and its descendants. */
static void collect_mcids(qpdf_data q, qpdf_oh node, struct mc_counts *m, int depth)
{
	if (depth > 64)
		return;
	if (qpdf_oh_is_integer(q, node)) {
		if (m->n_ids < 64)
			m->ids[m->n_ids++] = (int)qpdf_oh_get_int_value(q, node);
	} else if (qpdf_oh_is_array(q, node)) {
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, node); i++)
			collect_mcids(q, qpdf_oh_get_array_item(q, node, i), m, depth + 1);
	} else if (qpdf_oh_is_dictionary(q, node)) {
		qpdf_oh id = qpdf_oh_get_key(q, node, "/MCID");
		if (qpdf_oh_is_integer(q, id) && m->n_ids < 64)
			m->ids[m->n_ids++] = (int)qpdf_oh_get_int_value(q, id);
		collect_mcids(q, qpdf_oh_get_key(q, node, "/K"), m, depth + 1);
	}
}

/* Structure elements found by a depth-first walk. */
struct found {
	qpdf_oh h1, cell, span_cell;   /* the heading; the wrapped TD; the TD
					  with a figure */
	size_t tds, figures, figures_in_td;
	char alts[8][64];
};

static void walk(qpdf_data q, qpdf_oh node, const char *parent, struct found *f, int depth)
{
	if (depth > 64)
		return;
	if (qpdf_oh_is_array(q, node)) {
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, node); i++)
			walk(q, qpdf_oh_get_array_item(q, node, i), parent, f, depth + 1);
		return;
	}
	if (!qpdf_oh_is_dictionary(q, node))
		return;
	qpdf_oh type = qpdf_oh_get_key(q, node, "/S");
	const char *name = qpdf_oh_is_name(q, type) ? qpdf_oh_get_name(q, type) : "";
	char here[16];
	snprintf(here, sizeof here, "%s", name);
	if (strcmp(here, "/H1") == 0)
		f->h1 = node;
	if (strcmp(here, "/TD") == 0 && f->tds++ == 1)
		f->cell = node;
	if (strcmp(here, "/TD") == 0 && f->tds == 3)
		f->span_cell = node;
	if (strcmp(here, "/Figure") == 0) {
		qpdf_oh alt = qpdf_oh_get_key(q, node, "/Alt");
		if (f->figures < 8)
			snprintf(f->alts[f->figures], 64, "%s",
				 qpdf_oh_is_string(q, alt) ? qpdf_oh_get_utf8_value(q, alt) : "(none)");
		f->figures++;
		f->figures_in_td += strcmp(parent, "/TD") == 0;
	}
	walk(q, qpdf_oh_get_key(q, node, "/K"), here, f, depth + 1);
}

/* Text-showing operators inside element el on page 0. */
static size_t shows_in(qpdf_data q, qpdf_oh el, const unsigned char *content, size_t len)
{
	struct mc_counts m = { .n_ids = 0 };
	collect_mcids(q, el, &m, 0);
	if (m.n_ids == 0)
		return 0;
	count_shows(content, len, &m);
	return m.shows;
}

static char *run_tool(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n < 1024)
			buf = xrealloc(buf, cap *= 2, 1);
	}
	buf[n] = '\0';
	pclose(p);
	return buf;
}

/* s with every run of white space made one space, in place. */
static char *squeeze(char *s)
{
	char *o = s;
	bool space = false;
	for (char *p = s; *p; p++) {
		if (isspace((unsigned char)*p)) {
			space = true;
			continue;
		}
		if (space && o != s)
			*o++ = ' ';
		space = false;
		*o++ = *p;
	}
	*o = '\0';
	return s;
}

/* Whether the words of want appear in text in their order. */
static bool in_order(const char *text, const char *want, struct arena *a)
{
	char *w = arena_strdup(a, want);
	const char *at = text;
	for (char *tok = w; *tok;) {
		char *end = tok;
		while (*end && *end != ' ')
			end++;
		char save = *end;
		*end = '\0';
		const char *hit = strstr(at, tok);
		if (!hit)
			return false;
		at = hit + strlen(tok);
		*end = save;
		tok = *end ? end + 1 : end;
	}
	return true;
}

static void test_structure_text(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
	const char *head = "Headingword outcomes for children looked after by the council and "
			   "their families in every locality over the whole of the plan period "
			   "endofheading";
	doc_add_heading(s, 1, doc_text_plain(&a, head), NULL);
	struct doc_table *t = doc_add_table(s, 3);
	doc_table_column(t, 0, DOC_WIDTH_FIXED, 50, doc_text_plain(&a, "Ref"));
	doc_table_column(t, 1, DOC_WIDTH_FIXED, 110, doc_text_plain(&a, "Lead"));
	doc_table_column(t, 2, DOC_WIDTH_FR, 1, doc_text_plain(&a, "Trend"));
	struct doc_row *r = doc_table_add_row(t);
	const char *cell = "Cellword Head of Safeguarding Children and Strategic Partnership "
			   "Boards for the whole county endofcell";
	const char *beside = "Besideword the actual values rose for six months and then fell "
			     "back below the target endofbeside";
	r->cells[0].text = doc_text_plain(&a, "1.2");
	r->cells[1].text = doc_text_plain(&a, cell);
	r->cells[2].text = doc_text_plain(&a, beside);
	doc_cell_figure(t, &r->cells[2], 80, 18, draw_counted, NULL, "Sparkline of the measure");
	doc_add_figure(s, 100, 50, draw_counted, NULL, "Block figure");

	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	CHECK(ld && ld->n_pages == 1, "the structure sample lays out on one page");
	if (!ld) {
		arena_release(&a);
		return;
	}
	const struct layout_op *h = find_text(&a, ld, "Headingword");
	const struct layout_op *c = find_text(&a, ld, "Cellword");
	const struct layout_op *b = find_text(&a, ld, "Besideword");
	uint32_t h_lines = h ? h->u.text.to - h->u.text.from : 0;
	uint32_t c_lines = c ? c->u.text.to - c->u.text.from : 0;
	uint32_t b_lines = b ? b->u.text.to - b->u.text.from : 0;
	CHECK(h_lines >= 2 && c_lines >= 3 && b_lines >= 2,
	      "the heading and both cells wrap (%u, %u and %u lines)", h_lines, c_lines, b_lines);

	char *raw = arena_printf(&a, "%s/struct-raw.pdf", tmpdir);
	char *pdf = arena_printf(&a, "%s/struct.pdf", tmpdir);
	struct pdfpost_options opt = {
		.lang = "en-GB",
		.title = "Synthetic scorecard",
		.figure_alts = ld->figure_alts,
		.figure_alt_count = ld->n_figures,
	};
	CHECK(render_pdf(ld, raw) == 0 && pdfpost_fix(raw, pdf, &opt, NULL) == 0,
	      "the sample is written as a PDF and post-processed");

	/* In the structure tree: every line inside its element. */
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_read(q, pdf, NULL);
	CHECK(!qpdf_has_error(q), "qpdf reads the PDF");
	struct found f = { 0 };
	qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
	walk(q, qpdf_oh_get_key(q, root, "/K"), "", &f, 0);
	unsigned char *content = NULL;
	size_t len = 0;
	if (qpdf_get_num_pages(q) > 0)
		qpdf_oh_get_page_content_data(q, qpdf_get_page_n(q, 0), &content, &len);
	size_t in_h1 = f.h1 ? shows_in(q, f.h1, content, len) : 0;
	size_t in_td = f.cell ? shows_in(q, f.cell, content, len) : 0;
	size_t in_spans = f.span_cell ? shows_in(q, f.span_cell, content, len) : 0;
	CHECK(in_h1 >= h_lines, "every line of the wrapped heading is inside its H1 (%zu for %u)",
	      in_h1, h_lines);
	CHECK(in_td >= c_lines, "every line of the wrapped cell is inside its TD (%zu for %u)",
	      in_td, c_lines);
	CHECK(in_spans >= b_lines, "every line beside a cell's figure is inside its TD's Span "
	      "(%zu for %u)", in_spans, b_lines);
	CHECK(f.figures == 2 && f.figures_in_td == 1, "the cell's figure is a Figure in its TD, "
	      "the block one is not (%zu of %zu)", f.figures_in_td, f.figures);
	CHECK(f.figures == 2 && strcmp(f.alts[0], "Sparkline of the measure") == 0 &&
	      strcmp(f.alts[1], "Block figure") == 0,
	      "each Figure has its own alternative text, in order ('%s', '%s')", f.alts[0],
	      f.alts[1]);
	free(content);
	qpdf_cleanup(&q);

	/* Read by poppler's structure reader, whole, inside one element each. */
	char *cmd = arena_printf(&a, "pdfinfo -struct-text '%s' 2>&1", pdf);
	char *st = run_tool(cmd);
	CHECK(st && strstr(st, "TD"), "pdfinfo -struct-text reads the structure");
	if (st) {
		squeeze(st);
		char *qh = squeeze(arena_printf(&a, "H1 (block) \"%s\"", head));
		char *qc = squeeze(arena_printf(&a, "TD \"%s\"", cell));
		char *qb = squeeze(arena_printf(&a, "Span (inline) \"%s\"", beside));
		CHECK(strstr(st, qh) != NULL, "the whole wrapped heading is the text of its H1");
		CHECK(strstr(st, qc) != NULL, "the whole wrapped cell is the text of its TD");
		CHECK(strstr(st, qb) != NULL, "the whole text beside a figure is the text of a Span");
		free(st);
	}

	/* Extracted in reading order. */
	cmd = arena_printf(&a, "pdftotext '%s' - 2>&1", pdf);
	char *text = run_tool(cmd);
	if (text)
		squeeze(text);
	CHECK(text && in_order(text, head, &a), "pdftotext gives the heading's words in order");
	CHECK(text && in_order(text, cell, &a), "pdftotext gives the cell's words in order");
	CHECK(text && in_order(text, beside, &a), "pdftotext gives the text beside the figure "
	      "in order");
	free(text);
	layout_release(ld);
	arena_release(&a);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		printf("not ok - a temporary directory is made\n");
		return 1;
	}
	if (fonts_init(&fonts, NULL) < 0) {
		printf("not ok - fonts are found and load\n");
		remove_tree(tmpdir);
		return 1;
	}
	test_cell_figures();
	test_split_rows();
	test_refusals();
	test_structure_text();
	fonts_release(&fonts);
	remove_tree(tmpdir);
	return unit_done();
}
