/* Tests of the typesetting engine's layout half: fonts and fallback, the
 * document builder and markup, table column widths, pagination (header
 * rows repeated, tall rows split, long lists), page furniture, contents,
 * contrast, and the layout self-check. All documents are synthetic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/contrast.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "unit.h"
#include "unit_layout.h"

static struct fonts fonts;

/* ---- finding things in a layout ---- */

/* Number of text operations on page p whose text contains needle. */
static size_t count_text(struct arena *a, const struct layout_page *p, const char *needle,
			 unsigned need_flags)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_ops; i++) {
		const struct layout_op *op = &p->ops[i];
		if (op->kind == LAYOUT_OP_TEXT && (op->flags & need_flags) == need_flags &&
		    strstr(op_text(a, op), needle))
			n++;
	}
	return n;
}

static const struct layout_op *find_text(struct arena *a, const struct layout_page *p,
					 const char *needle)
{
	for (size_t i = 0; i < p->n_ops; i++) {
		const struct layout_op *op = &p->ops[i];
		if (op->kind == LAYOUT_OP_TEXT && strstr(op_text(a, op), needle))
			return op;
	}
	return NULL;
}

static size_t count_tags(const struct layout_doc *ld, enum layout_tag tag)
{
	size_t n = 0;
	for (size_t p = 0; p < ld->n_pages; p++) {
		for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			if ((op->kind == LAYOUT_OP_TAG_BEGIN && op->tag == tag) ||
			    (op->kind == LAYOUT_OP_TEXT && (op->flags & LAYOUT_TEXT_WRAP) &&
			     op->tag == tag))
				n++;
		}
	}
	return n;
}

static void print_problem(const char *what, void *user)
{
	(void)user;
	printf("# layout problem: %s\n", what);
}

static void new_doc(struct doc *d, struct arena *a)
{
	doc_init(d, a);
	d->title = "Synthetic improvement plan";
	d->marking = "OFFICIAL-SENSITIVE";
	d->as_at = "30 Sep 2023";
	d->version = "2.1";
	d->year = 2023;
	d->month = 9;
	d->day = 30;
}

static const char *lorem(struct arena *a, size_t chars)
{
	static const char words[] =
		"review the multi-agency safeguarding arrangements with partners and "
		"train practitioners in the new assessment framework so that every "
		"child has a timely plan ";
	char *s = arena_array(a, char, chars + 1);
	for (size_t i = 0; i < chars; i++)
		s[i] = words[i % (sizeof words - 1)];
	s[chars] = '\0';
	return s;
}

/* ---- fonts ---- */

static void test_fonts(void)
{
	CHECK(FcConfigGetCurrent() == fonts.config,
	      "boardpack's own font configuration is fontconfig's current one");
	static const char *const names[] = { "Sans", "Arial", "Helvetica", "sans-serif" };
	for (size_t i = 0; i < 4; i++) {
		PangoFontDescription *d = pango_font_description_from_string(names[i]);
		pango_font_description_set_absolute_size(d, 10 * PANGO_SCALE);
		PangoFont *font = pango_font_map_load_font(fonts.map, fonts.context, d);
		PangoFontDescription *got = pango_font_describe(font);
		CHECK_STR(pango_font_description_get_family(got), "Liberation Sans",
			  "family \"%s\" resolves to Liberation Sans", names[i]);
		pango_font_description_free(got);
		g_object_unref(font);
		pango_font_description_free(d);
	}
	/* 10 pt at 72 dpi: the em box is 10 points, not 13.3. */
	struct arena a;
	arena_init(&a);
	const struct shape *s = shape_text(&fonts, &a, doc_text_plain(&a, "Hg"), FONT_BODY, 0,
					   DOC_ALIGN_LEFT);
	CHECK(s->height > 10.5 && s->height < 12.5, "10 pt text is about 11.5 pt high (got %.2f)",
	      s->height);

	static const struct { const char *lang, *text, *family; } scripts[] = {
		{ "Bengali", "\u0986\u09AE\u09BE\u09B0 \u09B8\u09CB\u09A8\u09BE\u09B0 \u09AC\u09BE\u0982\u09B2\u09BE", "Noto Sans Bengali" },
		{ "Chinese", "\u513F\u7AE5\u670D\u52A1\u6539\u8FDB\u8BA1\u5212", "WenQuanYi Micro Hei" },
		{ "Urdu", "\u0628\u0686\u0648\u06BA \u06A9\u06CC \u062E\u062F\u0645\u0627\u062A \u06D2", "Noto Sans Arabic" },
		{ "Punjabi", "\u0A2C\u0A71\u0A1A\u0A3F\u0A06\u0A02 \u0A26\u0A40\u0A06\u0A02 \u0A38\u0A47\u0A35\u0A3E\u0A35\u0A3E\u0A02", "Noto Sans Gurmukhi" },
		{ "Kurdish (Sorani)", "\u062E\u0632\u0645\u06D5\u062A\u06AF\u0648\u0632\u0627\u0631\u06CC \u0695\u06CE\u06B5", "Noto Sans Arabic" },
		{ "Kurdish (Kurmanji)", "Xizmetgiz\u00EEya zarokan \u015F\u00EA \u00EE\u00FB", "Liberation Sans" },
		{ "Polish", "Us\u0142ugi dla dzieci: \u0105\u0107\u0119\u0142\u0144\u00F3\u015B\u017A\u017C", "Liberation Sans" },
		{ "Turkish", "\u00C7ocuk hizmetleri: \u011F\u0131\u015F\u0130\u00E7\u00F6\u00FC", "Liberation Sans" },
	};
	char fam[128];
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
		CHECK_INT(fonts_unknown_glyphs(&fonts, FONT_BODY, scripts[i].text), 0,
			  "%s text has a font for every character", scripts[i].lang);
		CHECK_INT(fonts_unknown_glyphs(&fonts, FONT_TABLE_BOLD, scripts[i].text), 0,
			  "%s text in bold has a font for every character", scripts[i].lang);
		CHECK_STR(fonts_family_for(&fonts, FONT_BODY, scripts[i].text, fam, sizeof fam),
			  scripts[i].family, "%s is set in %s", scripts[i].lang, scripts[i].family);
		const struct shape *sh = shape_text(&fonts, &a, doc_text_plain(&a, scripts[i].text),
						    FONT_TABLE, 120, DOC_ALIGN_LEFT);
		CHECK(sh->unknown_glyphs == 0 && sh->n_glyphs > 0,
		      "%s text shapes into real glyphs", scripts[i].lang);
	}
	/* A script no bundled font covers is counted, not silently lost. */
	CHECK(fonts_unknown_glyphs(&fonts, FONT_BODY, "\u0F40\u0F41") > 0,
	      "Tibetan, which no configured font covers, is reported as unknown glyphs");
	arena_release(&a);
}

/* ---- text and markup ---- */

static void test_text(void)
{
	struct arena a;
	arena_init(&a);
	struct doc_text *t = doc_text_plain(&a, "Fish & chips <b>not bold</b>");
	CHECK_STR(t->text, "Fish & chips <b>not bold</b>", "plain text keeps & < > as written");
	CHECK_INT(t->n_spans, 0, "plain text has no styled spans");

	char err[128] = "";
	struct doc_text *m = doc_text_markup(
		&a, "A <b>bold</b> and <i>italic <b>both</b></i> &amp; <a href=\"#a-1\">link</a>", err,
		sizeof err);
	CHECK(m != NULL, "valid markup parses (%s)", err);
	if (m) {
		CHECK_STR(m->text, "A bold and italic both & link", "markup text without tags");
		CHECK_INT(m->n_spans, 4, "markup gives bold, italic, bold italic and link spans");
		CHECK(m->n_spans == 4 && m->spans[2].style == (DOC_BOLD | DOC_ITALIC),
		      "nested markup combines styles");
		CHECK(m->n_spans == 4 && m->spans[3].dest && strcmp(m->spans[3].dest, "a-1") == 0,
		      "href starting with # is an internal link");
	}
	static const char *const bad[] = { "<b>open", "a < b", "<u>x</u>", "&nbsp;", "<b><i>x</b></i>",
					   "<a href=\"#x\"><a href=\"#y\">z</a></a>" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		CHECK(doc_text_markup(&a, bad[i], err, sizeof err) == NULL && err[0],
		      "bad markup \"%s\" is refused with a message (%s)", bad[i], err);
	}
	const char *user = "Tom's \"plan\" <draft> & more";
	struct doc_text *round = doc_text_markup(&a, doc_markup_escape(&a, user), err, sizeof err);
	CHECK(round && strcmp(round->text, user) == 0, "escaped user text survives markup unchanged");

	struct doc_text *bin = doc_text_plain(&a, "bad \xff\xfe bytes");
	CHECK(g_utf8_validate(bin->text, -1, NULL), "invalid UTF-8 is repaired");

	struct doc_text *parts = doc_text_new(&a);
	doc_text_add(parts, "one ", 0);
	doc_text_add(parts, "two", DOC_BOLD);
	doc_text_add(parts, " three", DOC_BOLD);
	CHECK(parts->n_spans == 1 && parts->spans[0].start == 4 && parts->spans[0].end == 13,
	      "adjacent runs in one style merge into one span");
	arena_release(&a);
}

/* ---- tables ---- */

static const struct layout_op *first_grid(const struct layout_doc *ld, uint32_t n)
{
	for (size_t p = 0; p < ld->n_pages; p++)
		for (size_t i = 0; i < ld->pages[p].n_ops; i++)
			if (ld->pages[p].ops[i].kind == LAYOUT_OP_GRID && ld->pages[p].ops[i].u.grid.n == n)
				return &ld->pages[p].ops[i];
	return NULL;
}

static void test_column_widths(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_LANDSCAPE);
	struct doc_table *t = doc_add_table(s, 4);
	doc_table_column(t, 0, DOC_WIDTH_FIXED, 72, doc_text_plain(&a, "Fixed"));
	doc_table_column(t, 1, DOC_WIDTH_FR, 2, doc_text_plain(&a, "Two shares"));
	doc_table_column(t, 2, DOC_WIDTH_FR, 1, doc_text_plain(&a, "One share"));
	doc_table_column(t, 3, DOC_WIDTH_AUTO, 0, doc_text_plain(&a, "Auto"));
	for (int i = 0; i < 3; i++) {
		struct doc_row *r = doc_table_add_row(t);
		r->cells[0].text = doc_text_plain(&a, "1.1");
		r->cells[1].text = doc_text_plain(&a, lorem(&a, 300));
		r->cells[2].text = doc_text_plain(&a, lorem(&a, 120));
		r->cells[3].text = doc_text_plain(&a, i == 1 ? "Head of Early Help" : "Sep 23");
	}
	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	CHECK(ld != NULL, "a table with every kind of column lays out");
	if (!ld) {
		arena_release(&a);
		return;
	}
	const struct layout_op *g = first_grid(ld, 4);
	CHECK(g != NULL, "the table has a four-column grid");
	if (g) {
		const float *e = g->u.grid.edges;
		double frame = ld->pages[0].body.w;
		CHECK(fabs((e[1] - e[0]) - 72) < 0.01, "fixed column is exactly 72 pt (%.2f)", e[1] - e[0]);
		double two = e[2] - e[1], one = e[3] - e[2];
		CHECK(fabs(two / one - 2) < 0.01, "fr columns share 2:1 (%.2f : %.2f)", two, one);
		const struct shape *natural = shape_text(&fonts, &a, doc_text_plain(&a, "Head of Early Help"),
							 FONT_TABLE, 0, DOC_ALIGN_LEFT);
		double autow = e[4] - e[3];
		CHECK(autow >= natural->width + 8 && autow < natural->width + 12,
		      "auto column fits its longest text on one line (%.2f for %.2f)", autow,
		      natural->width);
		CHECK(fabs((e[4] - e[0]) - frame) < 0.01, "the table fills the frame (%.2f of %.2f)",
		      e[4] - e[0], frame);
	}
	CHECK_INT(layout_check(ld, print_problem, NULL), 0, "column table passes the self-check");
	layout_release(ld);

	/* Automatic columns only, too wide together: shared out between
	 * their widest words and longest lines, still inside the frame. */
	new_doc(&d, &a);
	s = doc_add_section(&d, DOC_PORTRAIT);
	t = doc_add_table(s, 3);
	for (int i = 0; i < 3; i++)
		doc_table_column(t, i, DOC_WIDTH_AUTO, 0, doc_text_plain(&a, "Column"));
	struct doc_row *r = doc_table_add_row(t);
	for (int i = 0; i < 3; i++)
		r->cells[i].text = doc_text_plain(&a, lorem(&a, 150 + 100 * i));
	ld = layout_doc(&fonts, &d, &a);
	g = ld ? first_grid(ld, 3) : NULL;
	CHECK(g && fabs((g->u.grid.edges[3] - g->u.grid.edges[0]) - ld->pages[0].body.w) < 0.01,
	      "long automatic columns are squeezed into the frame");
	CHECK(g && g->u.grid.edges[3] - g->u.grid.edges[2] > g->u.grid.edges[1] - g->u.grid.edges[0],
	      "the column with more text gets more room");
	CHECK(ld && layout_check(ld, print_problem, NULL) == 0,
	      "squeezed automatic columns wrap without overflow");
	layout_release(ld);
	arena_release(&a);
}

static struct doc_table *action_table(struct doc_section *s, struct arena *a)
{
	struct doc_table *t = doc_add_table(s, 6);
	static const char *const head[] = { "Ref", "Action", "Lead", "Due", "Status", "Update" };
	static const enum doc_width_kind kind[] = { DOC_WIDTH_AUTO, DOC_WIDTH_FR, DOC_WIDTH_AUTO,
						    DOC_WIDTH_FIXED, DOC_WIDTH_AUTO, DOC_WIDTH_FR };
	static const double val[] = { 0, 3, 0, 54, 0, 3 };
	for (int i = 0; i < 6; i++)
		doc_table_column(t, (size_t)i, kind[i], val[i], doc_text_plain(a, head[i]));
	t->cols[0].row_header = true;
	return t;
}

static void test_long_table(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_LANDSCAPE);
	doc_add_heading(s, 1, doc_text_plain(&a, "Action plan"), NULL);
	struct doc_table *t = action_table(s, &a);
	const struct doc_status *st[] = { doc_status_new(&d, "Green", 0x00B050),
					  doc_status_new(&d, "Amber", 0xFFC000),
					  doc_status_new(&d, "Red", 0xC00000),
					  doc_status_new(&d, "Complete", 0x0070C0) };
	for (int i = 0; i < 200; i++) {
		if (i % 50 == 0)
			doc_table_add_group(t, doc_text_plain(&a, arena_printf(&a, "Priority %d: practice", i / 50 + 1)));
		struct doc_row *r = doc_table_add_row(t);
		r->cells[0].text = doc_text_plain(&a, arena_printf(&a, "%d.%d", i / 50 + 1, i % 50 + 1));
		r->cells[1].text = doc_text_plain(&a, lorem(&a, 60 + (size_t)(i * 37) % 200));
		r->cells[2].text = doc_text_plain(&a, i % 3 ? "Head of Service" : "Principal Social Worker");
		r->cells[3].text = doc_text_plain(&a, "Sep 23");
		r->cells[4].status = st[i % 4];
		r->cells[5].text = doc_text_plain(&a, lorem(&a, 40 + (size_t)(i * 53) % 300));
	}
	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	CHECK(ld != NULL, "a 200-row action table lays out");
	if (!ld) {
		arena_release(&a);
		return;
	}
	CHECK(ld->n_pages >= 5, "a 200-row table takes several pages (%zu)", ld->n_pages);
	/* On every page the table's first row band holds the header. */
	size_t with_header = 0;
	for (size_t p = 0; p < ld->n_pages; p++) {
		const struct layout_page *pg = &ld->pages[p];
		const struct layout_op *h = find_text(&a, pg, "Update");
		const struct layout_op *top = NULL;
		for (size_t i = 0; i < pg->n_ops; i++)
			if (pg->ops[i].kind == LAYOUT_OP_GRID && (!top || pg->ops[i].y < top->y))
				top = &pg->ops[i];
		if (h && top && h->y > top->y && h->y + h->h < top->y + top->h)
			with_header++;
	}
	CHECK_INT(with_header, ld->n_pages, "the header row is at the top of the table on every page");
	CHECK_INT(count_tags(ld, LAYOUT_TAG_THEAD), 1, "only the first header is tagged THead");
	CHECK_INT(count_tags(ld, LAYOUT_TAG_TH), ld->n_th, "one TH scope per TH element");
	size_t rows = count_tags(ld, LAYOUT_TAG_TR);
	CHECK(rows >= 205, "every row, header and group band is a TR (%zu)", rows);

	/* No group band is the last thing on a page. */
	bool orphan = false;
	for (size_t p = 0; p + 1 < ld->n_pages; p++) {
		const struct layout_page *pg = &ld->pages[p];
		const struct layout_op *last_grid = NULL;
		for (size_t i = 0; i < pg->n_ops; i++)
			if (pg->ops[i].kind == LAYOUT_OP_GRID)
				last_grid = &pg->ops[i];
		if (last_grid && last_grid->u.grid.n == 1)
			orphan = true;
	}
	CHECK(!orphan, "no group band ends a page");

	/* Status text contrast on its fill, as laid out. */
	double worst = 21;
	for (size_t p = 0; p < ld->n_pages; p++) {
		const struct layout_page *pg = &ld->pages[p];
		for (size_t i = 0; i + 1 < pg->n_ops; i++) {
			if (pg->ops[i].kind != LAYOUT_OP_FILL)
				continue;
			for (size_t k = i + 1; k < pg->n_ops && k < i + 4; k++) {
				if (pg->ops[k].kind == LAYOUT_OP_TEXT) {
					double c = contrast_ratio(pg->ops[k].color, pg->ops[i].color);
					if (c < worst)
						worst = c;
					break;
				}
			}
		}
	}
	CHECK(worst >= CONTRAST_MIN, "text on every fill has contrast >= 4.5:1 (worst %.2f)", worst);
	CHECK_INT(layout_check(ld, print_problem, NULL), 0, "the long table passes the self-check");
	layout_release(ld);
	arena_release(&a);
}

/* Total lines of the shape drawn across all parts. */
static uint32_t lines_drawn(const struct layout_doc *ld, const struct shape *s)
{
	uint32_t n = 0;
	for (size_t p = 0; p < ld->n_pages; p++)
		for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			if (op->kind == LAYOUT_OP_TEXT && op->u.text.shape == s)
				n += op->u.text.to - op->u.text.from;
		}
	return n;
}

static const struct shape *shape_of(const struct layout_doc *ld, struct arena *a, const char *needle)
{
	for (size_t p = 0; p < ld->n_pages; p++) {
		const struct layout_op *op = find_text(a, &ld->pages[p], needle);
		if (op)
			return op->u.text.shape;
	}
	return NULL;
}

static void test_tall_rows(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
	struct doc_table *t = doc_add_table(s, 3);
	doc_table_column(t, 0, DOC_WIDTH_FIXED, 40, doc_text_plain(&a, "Ref"));
	doc_table_column(t, 1, DOC_WIDTH_FIXED, 110, doc_text_plain(&a, "Narrow"));
	doc_table_column(t, 2, DOC_WIDTH_FR, 1, doc_text_plain(&a, "Wide"));
	for (int i = 0; i < 12; i++) {
		struct doc_row *r = doc_table_add_row(t);
		r->cells[0].text = doc_text_plain(&a, arena_printf(&a, "R%d", i));
		r->cells[1].text = doc_text_plain(&a, "short");
		r->cells[2].text = doc_text_plain(&a, "short too");
	}
	/* A 2,000-character cell in a narrow column: taller than a page. */
	struct doc_row *big = doc_table_add_row(t);
	big->cells[0].text = doc_text_plain(&a, "BIG");
	char *longtext = arena_printf(&a, "START %s END", lorem(&a, 2000));
	big->cells[1].text = doc_text_plain(&a, longtext);
	char *second = arena_printf(&a, "SECOND %s FINISH", lorem(&a, 900));
	big->cells[2].text = doc_text_plain(&a, second);
	struct doc_row *after = doc_table_add_row(t);
	after->cells[0].text = doc_text_plain(&a, "AFTER");

	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	CHECK(ld != NULL, "a table with a 2,000-character cell lays out");
	if (!ld) {
		arena_release(&a);
		return;
	}
	const struct shape *big_shape = shape_of(ld, &a, "START");
	CHECK(big_shape != NULL, "the long cell is drawn");
	if (big_shape) {
		double page_h = ld->pages[0].body.h;
		CHECK(big_shape->height > page_h, "the long cell is taller than a page (%.0f > %.0f)",
		      big_shape->height, page_h);
		CHECK_INT(lines_drawn(ld, big_shape), big_shape->n_lines,
			  "every line of the long cell is drawn exactly once");
	}
	const struct shape *second_shape = shape_of(ld, &a, "SECOND");
	CHECK(second_shape && lines_drawn(ld, second_shape) == second_shape->n_lines,
	      "every line of its neighbour cell is drawn exactly once");
	size_t below = 0, above = 0, pages_with_big = 0;
	for (size_t p = 0; p < ld->n_pages; p++) {
		below += count_text(&a, &ld->pages[p], "Continued on the next page", LAYOUT_TEXT_FURNITURE);
		above += count_text(&a, &ld->pages[p], "Continued from the previous page",
				    LAYOUT_TEXT_FURNITURE);
		for (size_t i = 0; i < ld->pages[p].n_ops; i++)
			if (ld->pages[p].ops[i].kind == LAYOUT_OP_TEXT &&
			    ld->pages[p].ops[i].u.text.shape == big_shape) {
				pages_with_big++;
				break;
			}
	}
	CHECK(pages_with_big >= 2, "the tall row is split across %zu pages", pages_with_big);
	CHECK(below == pages_with_big - 1 && above == pages_with_big - 1,
	      "each split says it continues on both sides (%zu below, %zu above)", below, above);
	CHECK(shape_of(ld, &a, "AFTER") != NULL, "the row after the tall one follows it");
	CHECK_INT(layout_check(ld, print_problem, NULL), 0, "the split rows pass the self-check");

	/* A row that fits on a fresh page moves whole instead of splitting
	 * when little of the page is left. */
	layout_release(ld);
	new_doc(&d, &a);
	s = doc_add_section(&d, DOC_PORTRAIT);
	doc_add_paragraph(s, doc_text_plain(&a, lorem(&a, 5200)));
	t = doc_add_table(s, 2);
	doc_table_column(t, 1, DOC_WIDTH_FR, 1, NULL);
	struct doc_row *mid = doc_table_add_row(t);
	mid->cells[0].text = doc_text_plain(&a, "MID");
	mid->cells[1].text = doc_text_plain(&a, lorem(&a, 1500));
	ld = layout_doc(&fonts, &d, &a);
	size_t pages_mid = 0;
	for (size_t p = 0; ld && p < ld->n_pages; p++)
		if (find_text(&a, &ld->pages[p], "MID"))
			pages_mid++;
	size_t markers = 0;
	for (size_t p = 0; ld && p < ld->n_pages; p++)
		markers += count_text(&a, &ld->pages[p], "Continued", 0);
	CHECK(ld && pages_mid == 1 && markers == 0,
	      "a row that fits a page is moved whole rather than split (%zu markers)", markers);
	CHECK(ld && layout_check(ld, print_problem, NULL) == 0, "the moved row passes the self-check");
	layout_release(ld);
	arena_release(&a);
}

/* ---- lists, paragraphs, furniture ---- */

static void test_list_and_furniture(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
	struct doc_paragraph *title = doc_add_paragraph(s, doc_text_plain(&a, "Board pack"));
	title->role = DOC_PARA_TITLE;
	doc_add_contents(s, 2);
	doc_add_heading(s, 1, doc_text_plain(&a, "What we will do"), "what");
	struct doc_list *l = doc_add_list(s);
	static const int levels[] = { 0, 1, 2, 1, 0 };
	for (int i = 0; i < 50; i++)
		doc_list_add(l, levels[i % 5],
			     doc_text_plain(&a, arena_printf(&a, "ITEM%02d %s", i, lorem(&a, 120 + (size_t)(i % 7) * 40))));
	doc_add_heading(s, 2, doc_text_plain(&a, "Long paragraph"), NULL);
	doc_add_paragraph(s, doc_text_plain(&a, lorem(&a, 6000)));
	struct doc_section *land = doc_add_section(&d, DOC_LANDSCAPE);
	doc_add_heading(land, 1, doc_text_plain(&a, "Landscape part"), NULL);
	doc_add_paragraph(land, doc_text_plain(&a, "A short closing paragraph."));

	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	CHECK(ld != NULL, "a document with a 50-item nested list lays out");
	if (!ld) {
		arena_release(&a);
		return;
	}
	size_t n = ld->n_pages;
	CHECK(n >= 3, "it takes several pages (%zu)", n);
	size_t items = 0;
	for (size_t p = 0; p < n; p++)
		for (int i = 0; i < 50; i++)
			if (find_text(&a, &ld->pages[p], arena_printf(&a, "ITEM%02d", i)))
				items++;
	CHECK_INT(items, 50, "each of the 50 items starts exactly once");
	CHECK_INT(count_tags(ld, LAYOUT_TAG_LI), 50, "50 LI elements");
	CHECK_INT(count_tags(ld, LAYOUT_TAG_L), 1 + 10 + 10, "nested lists open an L per level change");
	CHECK_INT(layout_check(ld, print_problem, NULL), 0, "the list document passes the self-check");

	/* Furniture on every page. */
	size_t ok_pages = 0;
	for (size_t p = 0; p < n; p++) {
		const struct layout_page *pg = &ld->pages[p];
		char *num = arena_printf(&a, "Page %zu of %zu", p + 1, n);
		if (count_text(&a, pg, num, LAYOUT_TEXT_FURNITURE) == 1 &&
		    count_text(&a, pg, "OFFICIAL-SENSITIVE", LAYOUT_TEXT_FURNITURE) == 2 &&
		    count_text(&a, pg, "Synthetic improvement plan", LAYOUT_TEXT_FURNITURE) == 1 &&
		    count_text(&a, pg, "Data as at 30 Sep 2023", LAYOUT_TEXT_FURNITURE) == 1 &&
		    count_text(&a, pg, "Version 2.1", LAYOUT_TEXT_FURNITURE) == 1)
			ok_pages++;
	}
	CHECK_INT(ok_pages, n, "every page has title, marking top and bottom, as-at, version and "
		  "\"Page X of Y\"");
	size_t body_marking = 0;
	for (size_t p = 0; p < n; p++)
		body_marking += count_text(&a, &ld->pages[p], "OFFICIAL-SENSITIVE", 0) -
				count_text(&a, &ld->pages[p], "OFFICIAL-SENSITIVE", LAYOUT_TEXT_FURNITURE);
	CHECK_INT(body_marking, 1, "the marking appears once in the body");
	const struct layout_op *firsttext = NULL;
	for (size_t i = 0; i < ld->pages[0].n_ops && !firsttext; i++)
		if (ld->pages[0].ops[i].kind == LAYOUT_OP_TEXT)
			firsttext = &ld->pages[0].ops[i];
	CHECK(firsttext && strstr(op_text(&a, firsttext), "OFFICIAL-SENSITIVE") &&
	      (firsttext->flags & LAYOUT_TEXT_WRAP) && firsttext->tag == LAYOUT_TAG_P,
	      "the body's first element is the marking, as a paragraph");
	CHECK(ld->pages[n - 1].width > ld->pages[n - 1].height && ld->pages[0].width < ld->pages[0].height,
	      "orientation changes between sections");

	/* Contents: entries and their page numbers. */
	size_t landscape_page = 0;
	for (size_t p = 0; p < n; p++)
		if (find_text(&a, &ld->pages[p], "Landscape part"))
			landscape_page = p + 1;
	bool number_ok = false;
	const struct layout_page *p0 = &ld->pages[0];
	for (size_t i = 0; i + 1 < p0->n_ops; i++) {
		const struct layout_op *op = &p0->ops[i];
		if (op->kind == LAYOUT_OP_TEXT && strcmp(op_text(&a, op), "Landscape part") == 0 &&
		    p0->ops[i + 1].kind == LAYOUT_OP_TEXT)
			number_ok = strcmp(op_text(&a, &p0->ops[i + 1]),
					   arena_printf(&a, "%zu", landscape_page)) == 0;
	}
	CHECK(number_ok, "the contents give the page a heading is on (%zu)", landscape_page);
	CHECK_INT(count_tags(ld, LAYOUT_TAG_TOCI), 3, "one TOCI per listed heading");
	CHECK_INT(ld->n_outline, 4, "a bookmark per heading and one for the contents");
	CHECK(ld->n_outline == 4 && ld->outline[1].level == 1 && ld->outline[2].level == 2 &&
	      ld->outline[3].level == 1, "bookmarks keep their heading levels");
	layout_release(ld);
	arena_release(&a);
}

/* ---- checks before layout ---- */

static void draw_nothing(cairo_t *cr, double w, double h, void *user)
{
	(void)cr;
	(void)w;
	(void)h;
	(void)user;
}

static void test_refusals(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	FILE *null = fopen("/dev/null", "w");
	diag_set_stream(null);

	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
	struct doc_text *t = doc_text_new(&a);
	doc_text_add_ref(t, "see 9.9", 0, "action-9.9");
	doc_add_paragraph(s, t);
	CHECK(layout_doc(&fonts, &d, &a) == NULL, "a link to a missing anchor is refused");

	new_doc(&d, &a);
	s = doc_add_section(&d, DOC_PORTRAIT);
	doc_add_heading(s, 1, doc_text_plain(&a, "One"), "same");
	doc_add_heading(s, 1, doc_text_plain(&a, "Two"), "same");
	CHECK(layout_doc(&fonts, &d, &a) == NULL, "two anchors of one name are refused");

	new_doc(&d, &a);
	s = doc_add_section(&d, DOC_PORTRAIT);
	doc_add_figure(s, 100, 100, draw_nothing, NULL, NULL);
	CHECK(layout_doc(&fonts, &d, &a) == NULL, "a figure without alternative text is refused");

	new_doc(&d, &a);
	s = doc_add_section(&d, DOC_PORTRAIT);
	doc_add_image(s, "/nonexistent/logo.png", 100, "Council logo");
	CHECK(layout_doc(&fonts, &d, &a) == NULL, "a missing logo is an error, not a crash");

	new_doc(&d, &a);
	s = doc_add_section(&d, DOC_PORTRAIT);
	doc_add_image(s, "fonts/fonts.conf", 100, "Council logo");
	CHECK(layout_doc(&fonts, &d, &a) == NULL, "a file that is not a PNG is an error");

	new_doc(&d, &a);
	s = doc_add_section(&d, DOC_PORTRAIT);
	struct doc_table *wide = doc_add_table(s, 60);
	struct doc_row *r = doc_table_add_row(wide);
	for (int i = 0; i < 60; i++)
		r->cells[i].text = doc_text_plain(&a, "word");
	CHECK(layout_doc(&fonts, &d, &a) == NULL,
	      "a table with more columns than fit across the page is refused, not overlapped");

	diag_set_stream(NULL);
	fclose(null);
	arena_release(&a);
}

/* ---- the self-check itself ---- */

static size_t count_problems(const struct layout_doc *ld)
{
	return layout_check(ld, NULL, NULL);
}

static void test_self_check(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
	doc_add_paragraph(s, doc_text_plain(&a, "First paragraph of text."));
	doc_add_paragraph(s, doc_text_plain(&a, "Second paragraph of text."));
	struct doc_table *t = doc_add_table(s, 2);
	struct doc_row *r = doc_table_add_row(t);
	r->cells[0].text = doc_text_plain(&a, "cell A");
	r->cells[1].text = doc_text_plain(&a, "cell B");
	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	CHECK(ld && count_problems(ld) == 0, "a clean layout has no problems");
	if (!ld) {
		arena_release(&a);
		return;
	}
	struct layout_page *p = &ld->pages[0];
	struct layout_op *first = NULL, *second = NULL, *cell = NULL;
	for (size_t i = 0; i < p->n_ops; i++) {
		struct layout_op *op = &p->ops[i];
		if (op->kind != LAYOUT_OP_TEXT)
			continue;
		char *txt = op_text(&a, op);
		if (strstr(txt, "First"))
			first = op;
		else if (strstr(txt, "Second"))
			second = op;
		else if (strstr(txt, "cell A"))
			cell = op;
	}
	CHECK(first && second && cell, "the test document has its three texts");
	if (first && second && cell) {
		float y = second->y;
		second->y = first->y + 2;
		size_t n = count_problems(ld);
		CHECK(n >= 1, "moving one text onto another is caught (%zu)", n);
		second->y = y;
		float x = cell->x;
		cell->x += 400;
		CHECK(count_problems(ld) >= 1, "a text pushed out of its cell is caught");
		cell->x = x;
		float fy = first->y;
		first->y = -20;
		CHECK(count_problems(ld) >= 1, "a text off the top of the page is caught");
		first->y = fy;
		CHECK(count_problems(ld) == 0, "restored, the layout is clean again");
	}
	/* An unbalanced tag is caught too. */
	for (size_t i = 0; i < p->n_ops; i++) {
		if (p->ops[i].kind == LAYOUT_OP_TAG_END) {
			uint8_t tag = p->ops[i].tag;
			p->ops[i].tag = LAYOUT_TAG_FIGURE;
			CHECK(count_problems(ld) >= 1, "a mismatched closing tag is caught");
			p->ops[i].tag = tag;
			break;
		}
	}
	layout_release(ld);
	arena_release(&a);
}

/* ---- contrast ---- */

static void test_contrast(void)
{
	CHECK(fabs(contrast_ratio(0x000000, 0xFFFFFF) - 21) < 0.01, "black on white is 21:1");
	CHECK(fabs(contrast_ratio(0x777777, 0xFFFFFF) - 4.48) < 0.01, "#777 on white is 4.48:1");
	double worst = 21;
	uint32_t worst_fill = 0;
	for (uint32_t r = 0; r < 256; r += 15)
		for (uint32_t g = 0; g < 256; g += 15)
			for (uint32_t b = 0; b < 256; b += 15) {
				uint32_t fill = r << 16 | g << 8 | b;
				double c = contrast_ratio(contrast_text_on(fill), fill);
				if (c < worst) {
					worst = c;
					worst_fill = fill;
				}
			}
	CHECK(worst >= CONTRAST_MIN, "text on any of 5,832 fills reaches 4.5:1 (worst %.2f on #%06X)",
	      worst, worst_fill);
	static const uint32_t rag[] = { 0x00B050, 0xFFC000, 0xC00000, 0x0070C0, 0xFF0000, 0x92D050,
					0xFFFF00, 0x808080, 0xED7D31 };
	for (size_t i = 0; i < sizeof rag / sizeof rag[0]; i++)
		CHECK(contrast_ratio(contrast_text_on(rag[i]), rag[i]) >= CONTRAST_MIN,
		      "status fill #%06X gets readable text", rag[i]);
	uint32_t pale = contrast_adjust(0xAACCEE, 0xFFFFFF, CONTRAST_MIN);
	CHECK(contrast_ratio(pale, 0xFFFFFF) >= CONTRAST_MIN && pale != 0x000000,
	      "a pale text colour is darkened to 4.5:1 keeping its hue (#%06X)", pale);
	CHECK_INT(contrast_adjust(0x1F3864, 0xFFFFFF, CONTRAST_MIN), 0x1F3864,
		  "a dark enough colour is kept");

	/* A template's pale accent is darkened where layout draws it. */
	struct arena a;
	arena_init(&a);
	struct doc d;
	new_doc(&d, &a);
	d.theme.accent = 0x99CCFF;
	struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
	doc_add_heading(s, 1, doc_text_plain(&a, "Pale heading"), NULL);
	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	const struct layout_op *h = ld ? find_text(&a, &ld->pages[0], "Pale heading") : NULL;
	CHECK(h && contrast_ratio(h->color, 0xFFFFFF) >= CONTRAST_MIN,
	      "a pale heading colour is printed at 4.5:1 or more");
	layout_release(ld);
	arena_release(&a);
}

/* Repeated plain texts are shaped once while a document is laid out. */
static void test_shape_cache(void)
{
	struct arena a, other;
	arena_init(&a);
	arena_init(&other);
	const struct shape *before = shape_text(&fonts, &a, doc_text_plain(&a, "Due"), FONT_TABLE,
						60, DOC_ALIGN_LEFT);
	shape_cache_begin(&fonts, &a);
	const struct shape *first = shape_text(&fonts, &a, doc_text_plain(&a, "Due"), FONT_TABLE,
					       60, DOC_ALIGN_LEFT);
	const struct shape *again = shape_text(&fonts, &a, doc_text_plain(&a, "Due"), FONT_TABLE,
					       60, DOC_ALIGN_LEFT);
	CHECK(first != before && first == again, "the same plain text is shaped once");
	CHECK(first->n_glyphs == before->n_glyphs && first->width == before->width,
	      "and its shape is the one shaping it gives");
	CHECK(shape_text(&fonts, &a, doc_text_plain(&a, "Due"), FONT_TABLE, 61,
			 DOC_ALIGN_LEFT) != first,
	      "another width is another shape");
	CHECK(shape_text(&fonts, &a, doc_text_plain(&a, "Due"), FONT_TABLE_BOLD, 60,
			 DOC_ALIGN_LEFT) != first,
	      "another style is another shape");
	CHECK(shape_text(&fonts, &a, doc_text_plain(&a, "Due"), FONT_TABLE, 60,
			 DOC_ALIGN_RIGHT) != first,
	      "another alignment is another shape");
	CHECK(shape_text(&fonts, &other, doc_text_plain(&other, "Due"), FONT_TABLE, 60,
			 DOC_ALIGN_LEFT) != first,
	      "a shape is never given out of another arena");
	struct doc_text *linked = doc_text_new(&a);
	doc_text_add_link(linked, "Due", 0, "https://example.org/");
	const struct shape *l1 = shape_text(&fonts, &a, linked, FONT_TABLE, 60, DOC_ALIGN_LEFT);
	const struct shape *l2 = shape_text(&fonts, &a, linked, FONT_TABLE, 60, DOC_ALIGN_LEFT);
	CHECK(l1 != l2 && l1->source == linked && l1->has_links,
	      "a text with a link keeps its own shape and source");
	shape_cache_end(&fonts);
	CHECK(shape_text(&fonts, &a, doc_text_plain(&a, "Due"), FONT_TABLE, 60,
			 DOC_ALIGN_LEFT) != first,
	      "after the document, texts are shaped afresh");
	arena_release(&other);
	arena_release(&a);
}

int main(void)
{
	if (fonts_init(&fonts, NULL) < 0) {
		printf("not ok - fonts are found and load\n");
		return 1;
	}
	printf("ok - fonts are found and load (%s)\n", fonts.dir);
	test_fonts();
	test_text();
	test_shape_cache();
	test_column_widths();
	test_long_table();
	test_tall_rows();
	test_list_and_furniture();
	test_refusals();
	test_self_check();
	test_contrast();
	fonts_release(&fonts);
	return unit_done();
}
