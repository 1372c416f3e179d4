/* boardpack's own line breaking (src/layout/linebreak.c) against pango's:
 * every text is shaped both ways (shape_text_own_breaks() and
 * shape_text_pango_breaks()) and the two shapes must be the same lines,
 * runs and glyphs at the same places. Texts: hand-made edge cases, and the
 * text of the sample plans, at several widths, in the table and body
 * styles.
 *
 * Verification mode (`test_linebreak --verify`, or
 * BOARDPACK_LINEBREAK_VERIFY=1) adds a generated 200-action plan
 * ($BOARDPACK_BUILD/tools/genplan), more widths, styles and alignments:
 * about 540,000 comparisons, under two minutes. BOARDPACK_TEST_QUICK=1
 * (make check's valgrind pass) reads one sample plan at two widths. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/arena.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/shape.h"
#include "unit.h"
#include "unit_files.h"

static struct fonts fonts;

/* ---- comparing two shapes ---- */

#define CLOSE(x, y) (fabs((double)(x) - (double)(y)) <= 0.01)

/* Where the shapes first differ, written into why; true when they do not. */
static bool shapes_differ(const struct shape *own, const struct shape *ref, char *why, size_t size)
{
#define DIFFER(...)                                                                                \
	do {                                                                                       \
		snprintf(why, size, __VA_ARGS__);                                                  \
		return true;                                                                       \
	} while (0)
	if (own->n_lines != ref->n_lines)
		DIFFER("%u lines, pango %u", own->n_lines, ref->n_lines);
	if (own->n_runs != ref->n_runs)
		DIFFER("%u runs, pango %u", own->n_runs, ref->n_runs);
	if (own->n_glyphs != ref->n_glyphs)
		DIFFER("%u glyphs, pango %u", own->n_glyphs, ref->n_glyphs);
	if (!CLOSE(own->width, ref->width) || !CLOSE(own->height, ref->height))
		DIFFER("%.3f x %.3f, pango %.3f x %.3f", own->width, own->height, ref->width,
		       ref->height);
	if (own->wrap != ref->wrap || own->unknown_glyphs != ref->unknown_glyphs ||
	    own->has_links != ref->has_links)
		DIFFER("wrap, unknown glyphs or links differ");
	for (uint32_t i = 0; i < own->n_lines; i++) {
		const struct shape_line *o = &own->lines[i], *r = &ref->lines[i];
		if (o->run_start != r->run_start || o->n_runs != r->n_runs)
			DIFFER("line %u: runs %u+%u, pango %u+%u", i, o->run_start, o->n_runs,
			       r->run_start, r->n_runs);
		if (!CLOSE(o->top, r->top) || !CLOSE(o->baseline, r->baseline) ||
		    !CLOSE(o->bottom, r->bottom))
			DIFFER("line %u: top/baseline/bottom %.3f/%.3f/%.3f, pango %.3f/%.3f/%.3f",
			       i, o->top, o->baseline, o->bottom, r->top, r->baseline, r->bottom);
		if (!CLOSE(o->x, r->x) || !CLOSE(o->width, r->width))
			DIFFER("line %u: x %.3f width %.3f, pango x %.3f width %.3f", i, o->x,
			       o->width, r->x, r->width);
	}
	for (uint32_t i = 0; i < own->n_runs; i++) {
		const struct shape_run *o = &own->runs[i], *r = &ref->runs[i];
		if (o->text_start != r->text_start || o->text_len != r->text_len)
			DIFFER("run %u: text %u+%u, pango %u+%u", i, o->text_start, o->text_len,
			       r->text_start, r->text_len);
		if (o->glyph_start != r->glyph_start || o->n_glyphs != r->n_glyphs)
			DIFFER("run %u: glyphs %u+%u, pango %u+%u", i, o->glyph_start, o->n_glyphs,
			       r->glyph_start, r->n_glyphs);
		if (o->face != r->face || o->flags != r->flags || o->span != r->span)
			DIFFER("run %u: face/flags/span %u/%u/%d, pango %u/%u/%d", i, o->face,
			       o->flags, o->span, r->face, r->flags, r->span);
		if (!CLOSE(o->x, r->x) || !CLOSE(o->width, r->width))
			DIFFER("run %u: x %.3f width %.3f, pango x %.3f width %.3f", i, o->x,
			       o->width, r->x, r->width);
		if (o->n_clusters != r->n_clusters ||
		    (o->n_clusters &&
		     memcmp(o->clusters, r->clusters, o->n_clusters * sizeof *o->clusters)))
			DIFFER("run %u: clusters differ", i);
		if (!o->y_offsets != !r->y_offsets || !o->xs != !r->xs)
			DIFFER("run %u: y offsets or exact positions kept by one only", i);
		if (o->n_glyphs == 0)
			continue;
		cairo_glyph_t *og = malloc(2 * o->n_glyphs * sizeof *og), *rg = og + o->n_glyphs;
		if (!og)
			abort();
		shape_run_glyphs(own, o, 0, 0, og);
		shape_run_glyphs(ref, r, 0, 0, rg);
		for (uint32_t k = 0; k < o->n_glyphs; k++) {
			if (og[k].index != rg[k].index || !CLOSE(og[k].x, rg[k].x) ||
			    !CLOSE(og[k].y, rg[k].y)) {
				snprintf(why, size,
					 "run %u glyph %u: %lu at %.3f, pango %lu at %.3f", i, k,
					 og[k].index, og[k].x, rg[k].index, rg[k].x);
				free(og);
				return true;
			}
		}
		free(og);
	}
	return false;
#undef DIFFER
}

/* ---- running comparisons ---- */

struct tally {
	size_t compared, own, mismatches;
	char first_mismatch[512];
};

static const char *const role_names[] = {
    [FONT_BODY] = "body",
    [FONT_SMALL] = "small",
    [FONT_TABLE] = "table",
    [FONT_TABLE_BOLD] = "table bold",
    [FONT_H1] = "h1",
    [FONT_H2] = "h2",
    [FONT_H3] = "h3",
    [FONT_TITLE] = "title",
    [FONT_SUBTITLE] = "subtitle",
    [FONT_FURNITURE] = "furniture",
    [FONT_FURNITURE_BOLD] = "furniture bold",
};

/* Shapes t both ways; returns whether boardpack's own breaking took it. */
static bool compare(struct tally *tl, const struct doc_text *t, enum font_role role, double wrap,
		    enum doc_align align)
{
	struct arena a;
	arena_init(&a);
	const struct shape *own = shape_text_own_breaks(&fonts, &a, t, role, wrap, align);
	const struct shape *ref = shape_text_pango_breaks(&fonts, &a, t, role, wrap, align);
	char why[300];
	tl->compared++;
	bool took = own != NULL;
	if (took)
		tl->own++;
	if (own && shapes_differ(own, ref, why, sizeof why)) {
		if (!tl->mismatches++)
			snprintf(tl->first_mismatch, sizeof tl->first_mismatch,
				 "\"%.120s\" %s %.0f pt %s: %s", t->text, role_names[role], wrap,
				 align == DOC_ALIGN_LEFT     ? "left"
				 : align == DOC_ALIGN_CENTER ? "centre"
							     : "right",
				 why);
	}
	arena_release(&a);
	return took;
}

static void compare_all(struct tally *tl, const struct doc_text *t, const enum font_role *roles,
			size_t n_roles, const double *widths, size_t n_widths,
			const enum doc_align *aligns, size_t n_aligns)
{
	for (size_t r = 0; r < n_roles; r++)
		for (size_t w = 0; w < n_widths; w++)
			for (size_t k = 0; k < n_aligns; k++)
				compare(tl, t, roles[r], widths[w], aligns[k]);
}

static void report(const char *what, const struct tally *tl, double min_own_share)
{
	CHECK(tl->mismatches == 0, "%s: own breaking equals pango's in %zu of %zu shapings%s%s",
	      what, tl->compared - tl->mismatches, tl->compared,
	      tl->mismatches ? "; first difference: " : "", tl->first_mismatch);
	CHECK(tl->compared > 0 && (double)tl->own >= min_own_share * (double)tl->compared,
	      "%s: %zu of %zu shapings took boardpack's own breaking (at least %.0f%%)", what,
	      tl->own, tl->compared, min_own_share * 100);
}

static const enum doc_align all_aligns[] = {DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT};

/* ---- hand-made cases ---- */

static struct doc_text *markup(struct arena *a, const char *m)
{
	char err[200];
	struct doc_text *t = doc_text_markup(a, m, err, sizeof err);
	if (!t) {
		printf("# markup error: %s\n", err);
		t = doc_text_plain(a, "");
	}
	return t;
}

static void test_edge_cases(void)
{
	static const char *const texts[] = {
	    "",
	    " ",
	    "a",
	    "Reduce the number of children who need to come into care",
	    "Two  spaces  between  words and   three   here",
	    "   leading spaces and trailing spaces   ",
	    "trailing space at the very end ",
	    "First paragraph\nSecond paragraph, a little longer than the first\n\nafter an empty "
	    "one",
	    "ends with a newline\n",
	    "\n",
	    "\n\n",
	    "Windows line ends\r\nare paragraph separators\ttoo?",
	    "Supercalifragilisticexpialidociousnessnessness is longer than a narrow line",
	    "Pneumonoultramicroscopicsilicovolcanoconiosis",
	    "Non\u00a0breaking\u00a0spaces\u00a0keep\u00a0these\u00a0words\u00a0together on one "
	    "line",
	    "Well-known, long-standing, multi-agency, child-centred practice",
	    "and/or either/or input/output 24/7 1/2 https://www.example.gov.uk/children/services",
	    "e.g. i.e. etc. Mr. Smith, Dr. Jones and St. Annes-on-Sea",
	    "1,234.5 and 98.6% of 12,345,678 cases (\u00a31,250.00) were 3.14159",
	    "Ticks \u2713 and crosses \u2717 and arrows \u2192 \u2191 \u2193 and stars \u2605",
	    "\u2713\u2713\u2713\u2713\u2713\u2713\u2713\u2713\u2713\u2713\u2713\u2713\u2713\u2713"
	    "\u2713\u2713",
	    "Emoji \U0001F600 and \U0001F44D in a plan",
	    "Soft\u00adhyphen\u00adated words",
	    "Zero\u200bwidth\u200bspace",
	    "Quotes \u201clike this\u201d and \u2018this\u2019 \u2014 with dashes \u2013 too\u2026",
	    "Caf\u00e9 na\u00efve fa\u00e7ade \u00c5ngstr\u00f6m Zo\u00eb",
	    "Combining e\u0301 accents a\u0308",
	    "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440 "
	    "\u0394\u03b9\u03ac\u03b3\u03c1\u03b1\u03bc\u03bc\u03b1",
	    "Urdu \u0628\u0686\u0648\u06BA \u06A9\u06CC \u062E\u062F\u0645\u0627\u062A in English",
	    "\u0628\u0686\u0648\u06BA \u06A9\u06CC\n123 456",
	    "Bengali \u0986\u09AE\u09BE\u09B0 \u09B8\u09CB\u09A8\u09BE\u09B0 words",
	    "Chinese \u513F\u7AE5\u670D\u52A1\u6539\u8FDB\u8BA1\u5212 text",
	    "Tibetan \u0F40\u0F41 has no font",
	    "AVATAR To Yo Ta VA LT AW Ty 'A' \"T\" P. Y. F. V.",
	    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW iiiiiiiiiiiiiiiiiiiiii",
	    "Line\u2028separator",
	    "Paragraph\u2029separator",
	};
	static const char *const marked[] = {
	    "A <b>bold start</b> and a <i>slanted middle</i> and <b><i>both</i></b> at the end",
	    "<b>Bold</b>text<i>glued</i>together without spaces<b>between</b>them",
	    "See <a "
	    "href=\"https://www.gov.uk/government/publications/"
	    "working-together-to-safeguard-children--2\">Working Together 2023</a> for the "
	    "statutory guidance",
	    "Linked <a href=\"#action-1.2\">action 1.2</a>, <a href=\"#action-1.3\">1.3</a> and <a "
	    "href=\"#a\">1.4</a>.",
	    "<a href=\"https://example.org/\">a link that is long enough to wrap onto another line "
	    "or two</a>",
	    "Bold symbol <b>\u2713 done</b> and \u2192 <i>next</i>",
	    "<b>Lead:</b> Head of Service\n<b>Due:</b> 31/03/2024",
	};
	static const double widths[] = {3, 20, 40, 55, 60, 75, 90, 120, 150, 250, 500};
	static const enum font_role roles[] = {FONT_TABLE, FONT_TABLE_BOLD, FONT_BODY, FONT_H1};
	struct arena a;
	arena_init(&a);
	struct tally all = {0};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		compare_all(&all, doc_text_plain(&a, texts[i]), roles, 4, widths,
			    sizeof widths / sizeof *widths, all_aligns, 3);
	for (size_t i = 0; i < sizeof marked / sizeof *marked; i++)
		compare_all(&all, markup(&a, marked[i]), roles, 4, widths,
			    sizeof widths / sizeof *widths, all_aligns, 3);
	report("hand-made cases", &all, 0.3);

	/* Which path each kind of text takes. */
	static const char *const english =
	    "Reduce the number of children who need to come into care";
	static const char *const long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
	static const char *const symbols =
	    "Ticks \u2713 and crosses \u2717 and arrows \u2192 \u2191";
	struct tally tl = {0};
	CHECK(compare(&tl, doc_text_plain(&a, english), FONT_TABLE, 90, DOC_ALIGN_LEFT),
	      "plain English wrapped into lines takes boardpack's own breaking");
	CHECK(!compare(&tl, doc_text_plain(&a, long_word), FONT_TABLE, 90, DOC_ALIGN_LEFT),
	      "a word longer than the line is left to pango (broken between letters)");
	CHECK(compare(&tl, doc_text_plain(&a, long_word), FONT_TABLE, 500, DOC_ALIGN_LEFT),
	      "the same word on a wide enough line takes boardpack's own breaking");
	CHECK(!compare(&tl, doc_text_plain(&a, "Urdu \u0628\u0686\u0648\u06BA \u06A9\u06CC"),
		       FONT_TABLE, 500, DOC_ALIGN_LEFT),
	      "right-to-left text is left to pango");
	CHECK(
	    !compare(&tl,
		     doc_text_plain(&a, "\u0986\u09AE\u09BE\u09B0 \u09B8\u09CB\u09A8\u09BE\u09B0"),
		     FONT_TABLE, 500, DOC_ALIGN_LEFT),
	    "Bengali (clusters, hanging baseline) is left to pango");
	CHECK(!compare(&tl, doc_text_plain(&a, "Soft\u00adhyphen\u00adated words"), FONT_TABLE, 500,
		       DOC_ALIGN_LEFT),
	      "a soft hyphen (a break that adds a hyphen) is left to pango");
	CHECK(!compare(&tl, doc_text_plain(&a, "a\ttab"), FONT_TABLE, 500, DOC_ALIGN_LEFT),
	      "a tab is left to pango");
	CHECK(compare(&tl, doc_text_plain(&a, symbols), FONT_TABLE, 60, DOC_ALIGN_CENTER),
	      "symbols from a fallback font take boardpack's own breaking");
	CHECK(compare(&tl,
		      markup(&a, "See <a href=\"https://www.gov.uk/\">Working Together 2023</a> "
				 "for the <b>statutory</b> guidance"),
		      FONT_BODY, 120, DOC_ALIGN_LEFT),
	      "text with a link and bold takes boardpack's own breaking");
	CHECK(compare(&tl, doc_text_plain(&a, "First paragraph\n\nafter an empty one\n"),
		      FONT_TABLE, 60, DOC_ALIGN_RIGHT),
	      "paragraphs, an empty one among them, take boardpack's own breaking");
	char why[300] = "";
	const struct shape *chosen =
	    shape_text(&fonts, &a, doc_text_plain(&a, english), FONT_TABLE, 90, DOC_ALIGN_LEFT);
	const struct shape *own = shape_text_own_breaks(&fonts, &a, doc_text_plain(&a, english),
							FONT_TABLE, 90, DOC_ALIGN_LEFT);
	CHECK(own && !shapes_differ(chosen, own, why, sizeof why),
	      "shape_text() gives the own breaking's shape when it has one%s%s", *why ? ": " : "",
	      why);
	chosen =
	    shape_text(&fonts, &a, doc_text_plain(&a, long_word), FONT_TABLE, 90, DOC_ALIGN_LEFT);
	const struct shape *ref = shape_text_pango_breaks(&fonts, &a, doc_text_plain(&a, long_word),
							  FONT_TABLE, 90, DOC_ALIGN_LEFT);
	CHECK(!shapes_differ(chosen, ref, why, sizeof why) && chosen->n_lines >= 2,
	      "and pango's, the word broken between letters, when it has not%s%s", *why ? ": " : "",
	      why);

	static const char *const taller = "Plain words on this line \u2713\u2605\u2192";
	static const char *const four = "alpha beta gamma delta";
	CHECK(compare(&tl, doc_text_plain(&a, taller), FONT_TABLE, 90, DOC_ALIGN_LEFT) &&
		  compare(&tl, doc_text_plain(&a, four), FONT_TABLE, 30, DOC_ALIGN_RIGHT),
	      "the two texts below take boardpack's own breaking");
	CHECK(tl.mismatches == 0, "and all of those equal pango's%s%s", tl.mismatches ? ": " : "",
	      tl.first_mismatch);

	/* A fallback font's taller line: the symbols' line is taller than a
	 * line of Latin only, as pango has it. */
	const struct shape *s = shape_text_own_breaks(&fonts, &a, doc_text_plain(&a, taller),
						      FONT_TABLE, 90, DOC_ALIGN_LEFT);
	CHECK(s && s->n_lines >= 2, "a line of words and a line of symbols");
	if (s && s->n_lines >= 2) {
		float first = s->lines[0].bottom - s->lines[0].top;
		float last = s->lines[s->n_lines - 1].bottom - s->lines[s->n_lines - 1].top;
		CHECK(last > first + 0.1f,
		      "the symbols' line is taller (%.2f pt) than the words' (%.2f pt)", last,
		      first);
	}

	/* Trailing white space where lines wrap: no width, a space glyph kept
	 * for the text of the PDF. */
	s = shape_text_own_breaks(&fonts, &a, doc_text_plain(&a, four), FONT_TABLE, 30,
				  DOC_ALIGN_RIGHT);
	CHECK(s && s->n_lines == 4, "four words on four narrow lines (got %u)", s ? s->n_lines : 0);
	if (s && s->n_lines == 4) {
		const struct shape_run *r = &s->runs[s->lines[0].run_start];
		CHECK(r->text_len == 6 && r->n_glyphs == 6,
		      "the first line holds \"alpha \" with a glyph for the space (%u bytes, %u "
		      "glyphs)",
		      r->text_len, r->n_glyphs);
		CHECK(fabsf(s->lines[0].x + s->lines[0].width - 30) < 0.01f,
		      "right-aligned, the line's words end at the right edge");
	}
	arena_release(&a);
}

/* ---- the text of plans ---- */

static bool blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* Appends s with its white space collapsed, as compose gives plan text. */
static void add_collapsed(struct doc_text *t, const char *s, unsigned style, const char *uri)
{
	struct arena *a = t->arena;
	size_t n = strlen(s);
	char *buf = arena_calloc(a, n + 1, 1), *o = buf;
	bool space = t->len > 0 && t->text[t->len - 1] == ' ';
	for (; *s; s++) {
		bool w = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
		if (w) {
			if (!space && (o > buf || t->len > 0))
				*o++ = ' ';
			space = true;
		} else {
			*o++ = *s;
			space = false;
		}
	}
	*o = 0;
	if (!*buf)
		return;
	if (uri)
		doc_text_add_link(t, buf, style, uri);
	else
		doc_text_add(t, buf, style);
}

static void add_inline(struct doc_text *collapsed, struct doc_text *raw, xmlNode *n, unsigned style,
		       const char *uri)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			add_collapsed(collapsed, (const char *)c->content, style, uri);
			if (uri)
				doc_text_add_link(raw, (const char *)c->content, style, uri);
			else
				doc_text_add(raw, (const char *)c->content, style);
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)c->name;
			unsigned s = style;
			const char *u = uri;
			if (!strcmp(name, "b"))
				s |= DOC_BOLD;
			else if (!strcmp(name, "i"))
				s |= DOC_ITALIC;
			else if (!strcmp(name, "xref") || !strcmp(name, "a"))
				u = "https://example.org/";
			add_inline(collapsed, raw, c, s, u);
		}
	}
}

struct texts {
	struct doc_text **items;
	size_t n, cap;
};

static void keep(struct texts *ts, struct doc_text *t)
{
	if (doc_text_empty(t))
		return;
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 256;
		ts->items = realloc(ts->items, ts->cap * sizeof *ts->items);
		if (!ts->items)
			abort();
	}
	ts->items[ts->n++] = t;
}

/* Every element holding text gives a text: its content with inline
 * elements as bold, italic or links, white space collapsed, and (with
 * raw) also as written, newlines and indentation included. */
static void collect(struct arena *a, struct texts *ts, xmlNode *n, bool raw)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		bool has_text = false;
		for (xmlNode *k = c->children; k; k = k->next)
			if (k->type == XML_TEXT_NODE && !blank(k->content))
				has_text = true;
		if (has_text) {
			struct doc_text *collapsed = doc_text_new(a), *as_written = doc_text_new(a);
			add_inline(collapsed, as_written, c, 0, NULL);
			keep(ts, collapsed);
			if (raw)
				keep(ts, as_written);
		} else {
			collect(a, ts, c, raw);
		}
		for (xmlAttr *at = c->properties; at; at = at->next)
			if (at->children && !blank(at->children->content) &&
			    (!strcmp((const char *)at->name, "plan") ||
			     !strcmp((const char *)at->name, "name")))
				keep(ts, doc_text_plain(a, (const char *)at->children->content));
	}
}

static bool collect_xml(struct arena *a, struct texts *ts, const char *xml, size_t len,
			const char *name, bool raw)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, name, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return false;
	collect(a, ts, xmlDocGetRootElement(doc), raw);
	xmlFreeDoc(doc);
	return true;
}

static void test_plans(bool verify, bool quick)
{
	static const char *const plans[] = {
	    "sample-plans/blackpool-csc-2023.xml",
	    "sample-plans/lancashire-cs-2018.xml",
	    "sample-plans/tameside-csc-2023.xml",
	    "sample-plans/worcestershire-sip-2017.xml",
	};
	static const double widths[] = {40, 90, 180, 500};
	static const double more_widths[] = {40, 47.5, 60, 72, 90, 110, 150, 200, 250, 340, 500};
	static const enum font_role roles[] = {FONT_TABLE, FONT_BODY};
	static const enum font_role more_roles[] = {FONT_TABLE, FONT_TABLE_BOLD, FONT_BODY,
						    FONT_SMALL, FONT_H3};
	const double *w = verify ? more_widths : widths;
	size_t n_w =
	    verify ? sizeof more_widths / sizeof *more_widths : sizeof widths / sizeof *widths;
	size_t first_plan = 0, n_plans = sizeof plans / sizeof *plans;
	if (quick && !verify) {
		/* One plan at two widths: the paths are all taken, in a
		 * fraction of the time (the valgrind pass of make check). */
		first_plan = 2;
		n_plans = 3;
		n_w = 2;
	}
	const enum font_role *r = verify ? more_roles : roles;
	size_t n_r = verify ? sizeof more_roles / sizeof *more_roles : sizeof roles / sizeof *roles;

	for (size_t p = first_plan; p < n_plans; p++) {
		struct arena a;
		arena_init(&a);
		struct texts ts = {0};
		FILE *in = fopen(plans[p], "rb");
		size_t len = 0;
		char *xml = in ? unit_read_stream(in, &len) : NULL;
		if (in)
			fclose(in);
		bool ok = xml && collect_xml(&a, &ts, xml, len, plans[p], true);
		free(xml);
		CHECK(ok && ts.n > 100, "%s: %zu texts read", plans[p], ts.n);
		struct tally tl = {0};
		for (size_t i = 0; i < ts.n; i++) {
			compare_all(&tl, ts.items[i], r, n_r, w, n_w, all_aligns, 1);
			/* Centred and right-aligned too, for some. */
			if (verify || i % 8 == 0)
				compare_all(&tl, ts.items[i], r, 1, w, n_w, all_aligns + 1, 2);
		}
		report(plans[p], &tl, 0.6);
		free(ts.items);
		arena_release(&a);
	}

	if (!verify)
		return;
	const char *build = getenv("BOARDPACK_BUILD");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s/tools/genplan --actions 200",
		 build && *build ? build : "build");
	FILE *gen = popen(cmd, "r");
	size_t len = 0;
	char *xml = gen ? unit_read_stream(gen, &len) : NULL;
	bool ran = gen && pclose(gen) == 0;
	struct arena a;
	arena_init(&a);
	struct texts ts = {0};
	bool ok = ran && xml && collect_xml(&a, &ts, xml, len, "genplan.xml", false);
	free(xml);
	CHECK(ok && ts.n > 1000, "a generated 200-action plan: %zu texts read", ts.n);
	struct tally tl = {0};
	for (size_t i = 0; i < ts.n; i++)
		compare_all(&tl, ts.items[i], r, n_r, w, n_w, all_aligns, 3);
	report("generated 200-action plan", &tl, 0.6);
	free(ts.items);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const char *env = getenv("BOARDPACK_LINEBREAK_VERIFY");
	bool verify =
	    (argc > 1 && !strcmp(argv[1], "--verify")) || (env && *env && strcmp(env, "0"));
	if (fonts_init(&fonts, NULL) < 0) {
		printf("not ok - fonts are found and load\n");
		return 1;
	}
	test_edge_cases();
	const char *quick = getenv("BOARDPACK_TEST_QUICK");
	test_plans(verify, quick && *quick && strcmp(quick, "0"));
	fonts_release(&fonts);
	xmlCleanupParser();
	return unit_done();
}
