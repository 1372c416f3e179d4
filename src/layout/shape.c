/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "layout/shape.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/linebreak.h"

#define PT(v) ((float)(v) / PANGO_SCALE)

static bool skip_glyph(PangoGlyph g)
{
	/* pango marks spaces a font lacks as unknown, and draws nothing. */
	return g == PANGO_GLYPH_EMPTY ||
	       ((g & PANGO_GLYPH_UNKNOWN_FLAG) && (g & ~PANGO_GLYPH_UNKNOWN_FLAG) <= 0x20);
}

static int32_t span_at(const struct doc_text *t, size_t offset)
{
	size_t lo = 0, hi = t->n_spans;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->spans[mid].end <= offset)
			lo = mid + 1;
		else if (t->spans[mid].start > offset)
			hi = mid;
		else
			return (int32_t)mid;
	}
	return -1;
}

static void set_attributes(PangoLayout *layout, const struct doc_text *t)
{
	if (t->n_spans == 0) {
		pango_layout_set_attributes(layout, NULL);
		return;
	}
	PangoAttrList *list = pango_attr_list_new();
	for (size_t i = 0; i < t->n_spans; i++) {
		const struct doc_span *s = &t->spans[i];
		PangoAttribute *attr;
		if (s->style & DOC_BOLD) {
			attr = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			attr->start_index = (guint)s->start;
			attr->end_index = (guint)s->end;
			pango_attr_list_insert(list, attr);
		}
		if (s->style & DOC_ITALIC) {
			attr = pango_attr_style_new(PANGO_STYLE_ITALIC);
			attr->start_index = (guint)s->start;
			attr->end_index = (guint)s->end;
			pango_attr_list_insert(list, attr);
		}
		if (s->uri || s->dest) {
			/* Also makes pango end its runs at the link's edges. */
			attr = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
			attr->start_index = (guint)s->start;
			attr->end_index = (guint)s->end;
			pango_attr_list_insert(list, attr);
		}
	}
	pango_layout_set_attributes(layout, list);
	pango_attr_list_unref(list);
}

static PangoLayout *prepare(struct fonts *f, const struct doc_text *t, enum font_role role,
			    double wrap, enum doc_align align)
{
	PangoLayout *l = f->layout;
	pango_layout_set_font_description(l, f->desc[role]);
	if (wrap > 0) {
		pango_layout_set_width(l, (int)lround(wrap * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	} else {
		pango_layout_set_width(l, -1);
	}
	pango_layout_set_alignment(l, align == DOC_ALIGN_CENTER ? PANGO_ALIGN_CENTER
				   : align == DOC_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
				   : PANGO_ALIGN_LEFT);
	set_attributes(l, t);
	pango_layout_set_text(l, t->text, (int)t->len);
	return l;
}

/* True when the run maps glyph i to character i, left to right, with at
 * most empty glyphs at its end (the white space where a line wraps): then
 * no cluster table is needed (see SHAPE_RUN_CLUSTERS). */
static bool simple_run(const char *text, const PangoGlyphItem *run)
{
	const PangoGlyphString *gs = run->glyphs;
	if (run->item->analysis.level % 2)
		return false;
	const char *start = text + run->item->offset, *p = start, *end = p + run->item->length;
	bool trailing = false;
	for (int i = 0; i < gs->num_glyphs; i++) {
		PangoGlyph g = gs->glyphs[i].glyph;
		if (p >= end || gs->log_clusters[i] != (int)(p - start))
			return false;
		if (g == PANGO_GLYPH_EMPTY)
			trailing = true;
		else if (trailing || (g & PANGO_GLYPH_UNKNOWN_FLAG))
			return false;
		p = g_utf8_next_char(p);
	}
	return p == end;
}

static uint32_t drawable_glyphs(const PangoGlyphString *gs)
{
	uint32_t n = 0;
	for (int i = 0; i < gs->num_glyphs; i++)
		if (!skip_glyph(gs->glyphs[i].glyph))
			n++;
	return n;
}

/* Builds cairo clusters in text order; false when pango's clusters are
 * not in the order cairo needs. */
static bool build_clusters(struct arena *a, const PangoGlyphItem *run, struct shape_run *out)
{
	const PangoGlyphString *gs = run->glyphs;
	int n = gs->num_glyphs;
	bool rtl = run->item->analysis.level % 2;
	uint32_t groups = 0;
	int prev = -1;
	for (int k = 0; k < n; k++) {
		int i = rtl ? n - 1 - k : k;
		int c = gs->log_clusters[i];
		if (c != prev) {
			if (c < prev || c >= run->item->length)
				return false;
			groups++;
			prev = c;
		}
	}
	if (n == 0 || gs->log_clusters[rtl ? n - 1 : 0] != 0)
		return false;
	struct shape_cluster *cl = arena_array(a, struct shape_cluster, groups);
	uint32_t g = 0;
	prev = -1;
	for (int k = 0; k < n; k++) {
		int i = rtl ? n - 1 - k : k;
		int c = gs->log_clusters[i];
		if (c != prev) {
			if (g)
				cl[g - 1].bytes = c - prev;
			g++;
			prev = c;
		}
		if (!skip_glyph(gs->glyphs[i].glyph))
			cl[g - 1].glyphs++;
	}
	cl[g - 1].bytes = run->item->length - prev;
	out->clusters = cl;
	out->n_clusters = groups;
	return true;
}

static void copy_run(struct fonts *f, struct arena *a, struct shape *s, const PangoGlyphItem *run,
		     float x, struct shape_run *out)
{
	const PangoGlyphString *gs = run->glyphs;
	const char *text = s->text;
	out->text_start = (uint32_t)run->item->offset;
	out->text_len = (uint32_t)run->item->length;
	out->glyph_start = s->n_glyphs;
	out->face = fonts_face_index(f, run->item->analysis.font);
	out->span = s->source->n_spans ? span_at(s->source, (size_t)run->item->offset) : -1;
	if (out->span >= 0) {
		const struct doc_span *sp = &s->source->spans[out->span];
		if (sp->uri || sp->dest) {
			out->flags |= SHAPE_RUN_LINK;
			s->has_links = true;
		}
	}
	if (run->item->analysis.level % 2)
		out->flags |= SHAPE_RUN_RTL;
	out->x = x;

	int acc = 0;
	long prev = 0;
	bool any_y = false, wide = false;
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &gs->glyphs[i];
		if (!skip_glyph(gi->glyph)) {
			struct shape_glyph *g = &s->glyphs[s->n_glyphs++];
			long pos = lround((acc + gi->geometry.x_offset) * (SHAPE_UNIT / (double)PANGO_SCALE));
			long dx = pos - prev;
			prev = pos;
			if (dx < INT16_MIN || dx > INT16_MAX)
				wide = true;
			g->dx = (int16_t)(dx < INT16_MIN ? INT16_MIN : dx > INT16_MAX ? INT16_MAX : dx);
			if ((gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) || gi->glyph > UINT16_MAX) {
				/* No font has it: drawn as a box (glyph 0 of an
				 * UNKNOWN run). */
				g->index = 0;
				out->flags |= SHAPE_RUN_UNKNOWN | SHAPE_RUN_NO_TEXT;
				s->unknown_glyphs++;
				if (!f->unknown_glyphs++)
					f->first_unknown = gi->glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
			} else {
				g->index = (uint16_t)gi->glyph;
			}
			if (gi->geometry.y_offset)
				any_y = true;
		}
		acc += gi->geometry.width;
	}
	if (wide) {
		/* A step too long for 16 bits: keep exact positions instead. */
		out->xs = arena_array(a, float, s->n_glyphs - out->glyph_start);
		uint32_t k = 0;
		int at = 0;
		for (int i = 0; i < gs->num_glyphs; i++) {
			if (!skip_glyph(gs->glyphs[i].glyph))
				out->xs[k++] = PT(at + gs->glyphs[i].geometry.x_offset);
			at += gs->glyphs[i].geometry.width;
		}
	}
	out->n_glyphs = s->n_glyphs - out->glyph_start;
	out->width = PT(acc);
	if (any_y) {
		out->y_offsets = arena_array(a, float, out->n_glyphs);
		uint32_t k = 0;
		for (int i = 0; i < gs->num_glyphs; i++)
			if (!skip_glyph(gs->glyphs[i].glyph))
				out->y_offsets[k++] = PT(gs->glyphs[i].geometry.y_offset);
	}
	if (!(out->flags & SHAPE_RUN_NO_TEXT) && !simple_run(text, run)) {
		if (build_clusters(a, run, out))
			out->flags |= SHAPE_RUN_CLUSTERS;
		else
			out->flags |= SHAPE_RUN_NO_TEXT;
	}
}

/* pango leaves the space where a line wraps without a glyph. Text of a
 * PDF keeps such a character as a cluster of no glyphs, which cairo writes
 * as a marked-content sequence of its own (ActualText) inside the cell's or
 * paragraph's: poppler's structure reader (pdfinfo -struct-text, and the
 * tools built on it) ends the element's text at that sequence's end, so
 * only the first line of a wrapped text would be read. Drawing the font's
 * own space glyph there (invisible, at the line's end) keeps every line in
 * one sequence and the word gap between lines in the extracted text. */
static void fill_wrap_spaces(const char *text, PangoGlyphItem *run)
{
	PangoGlyphString *gs = run->glyphs;
	hb_codepoint_t space = 0;
	bool looked = false;
	for (int i = 0; i < gs->num_glyphs; i++) {
		if (gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY ||
		    text[run->item->offset + gs->log_clusters[i]] != ' ')
			continue;
		if (!looked) {
			looked = true;
			hb_font_t *hb = pango_font_get_hb_font(run->item->analysis.font);
			if (!hb || !hb_font_get_nominal_glyph(hb, ' ', &space) || space > UINT16_MAX)
				return;
		}
		gs->glyphs[i].glyph = space;
	}
}

/* Copies the laid-out lines of l into a new shape. */
static struct shape *extract(struct fonts *f, struct arena *a, PangoLayout *l,
			     const struct doc_text *t, enum font_role role, double wrap)
{
	struct shape *s = arena_new(a, struct shape);
	s->source = t;
	s->text = t->text;
	s->role = role;
	s->wrap = wrap > 0 ? (float)wrap : 0.0f;

	uint32_t n_lines = 0, n_runs = 0, n_glyphs = 0;
	for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next) {
		n_lines++;
		for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r; r = r->next) {
			n_runs++;
			/* The layout is discarded once copied: its glyphs may
			 * be changed. */
			fill_wrap_spaces(t->text, r->data);
			n_glyphs += drawable_glyphs(((PangoGlyphItem *)r->data)->glyphs);
		}
	}
	s->lines = arena_array(a, struct shape_line, n_lines);
	s->runs = arena_array(a, struct shape_run, n_runs);
	s->glyphs = arena_array(a, struct shape_glyph, n_glyphs);

	PangoLayoutIter *it = pango_layout_get_iter(l);
	uint32_t li = 0;
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		struct shape_line *sl = &s->lines[li++];
		sl->top = PT(logical.y);
		sl->bottom = PT(logical.y + logical.height);
		sl->baseline = PT(pango_layout_iter_get_baseline(it));
		sl->x = PT(logical.x);
		sl->width = PT(logical.width);
		sl->run_start = s->n_runs;
		float x = sl->x;
		for (GSList *r = line->runs; r; r = r->next) {
			struct shape_run *sr = &s->runs[s->n_runs++];
			copy_run(f, a, s, r->data, x, sr);
			x += sr->width;
		}
		sl->n_runs = s->n_runs - sl->run_start;
		if (sl->width > s->width)
			s->width = sl->width;
	} while (pango_layout_iter_next_line(it) && li < n_lines);
	pango_layout_iter_free(it);
	s->n_lines = li;
	if (s->n_lines)
		s->height = s->lines[s->n_lines - 1].bottom - s->lines[0].top;
	return s;
}

struct shape *shape_text_pango_breaks(struct fonts *f, struct arena *a, const struct doc_text *t,
				      enum font_role role, double wrap, enum doc_align align)
{
	PangoLayout *l = prepare(f, t, role, wrap, align);
	return extract(f, a, l, t, role, wrap);
}

/* ---- Lines broken by boardpack over one unwrapped shaping ----
 *
 * linebreak.h decides where pango would break; what is left here is
 * gathering its input from the unwrapped layout and building the shape
 * pango's wrapped layout would have given: the glyphs of each piece of a
 * run are the unwrapped run's, except the last glyph before a break (its
 * advance on its own, or none for white space where the line wraps), and
 * the lines' heights, baselines and alignment follow pango's formulas. */

/* What one unwrapped layout gives the breaker, and its callbacks. */
struct unwrapped {
	const char *text;
	const PangoLogAttr *attrs;           /* n_chars + 1 */
	int32_t n_chars;
	uint32_t n_items, n_paragraphs;
	PangoGlyphItem **runs;               /* per item */
	struct linebreak_item *items;
	struct linebreak_paragraph *paragraphs;
	int32_t *advance;                    /* per character */
	PangoRectangle *item_logical;        /* per item: its font's line extents */
	PangoRectangle *paragraph_logical;   /* per paragraph: its unwrapped line's */
};

static void unwrapped_free(struct unwrapped *u)
{
	free(u->runs);
	free(u->items);
	free(u->paragraphs);
	free(u->advance);
	free(u->item_logical);
	free(u->paragraph_logical);
}

static int32_t unwrapped_end_advance(void *ctx, uint32_t item, int32_t ch)
{
	const struct unwrapped *u = ctx;
	const PangoGlyphItem *run = u->runs[item];
	PangoGlyph g = run->glyphs->glyphs[ch - u->items[item].start].glyph;
	/* What pango's shaper gives a glyph no pair adjusts (shape.c's
	 * pango_hb_font_get_glyph_h_advance()). */
	return hb_font_get_glyph_h_advance(pango_font_get_hb_font(run->item->analysis.font), g);
}

static int32_t unwrapped_safe_distance(void *ctx, uint32_t item)
{
	const struct unwrapped *u = ctx;
	const PangoAnalysis *an = &u->runs[item]->item->analysis;
	PangoFontMetrics *m = pango_font_get_metrics(an->font, an->language);
	int32_t d = pango_font_metrics_get_approximate_char_width(m) * 3;
	pango_font_metrics_unref(m);
	return d;
}

/* True when pango's wrapped layout would set pieces of run exactly as the
 * unwrapped one does, but for the glyph before a break: one glyph per
 * character, left to right, no glyph moved off its pen position (kerning
 * only in advances), nothing empty or missing, and on the Roman baseline
 * with no shift (pango aligns the runs of a line to the baseline of the
 * line's first run's script, so another script could move runs up or
 * down differently on every line). */
static bool breakable_run(const char *text, const PangoGlyphItem *run)
{
	const PangoAnalysis *an = &run->item->analysis;
	if (an->level != 0 || an->gravity != PANGO_GRAVITY_SOUTH ||
	    (an->flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) || !an->font)
		return false;
	if (run->y_offset || run->start_x_offset || run->end_x_offset)
		return false;
	hb_script_t script = (hb_script_t)g_unicode_script_to_iso15924(an->script);
	if (hb_ot_layout_get_horizontal_baseline_tag_for_script(script) !=
	    HB_OT_LAYOUT_BASELINE_TAG_ROMAN)
		return false;
	const PangoGlyphString *gs = run->glyphs;
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &gs->glyphs[i];
		if (gi->glyph == PANGO_GLYPH_EMPTY || gi->geometry.x_offset ||
		    gi->geometry.y_offset)
			return false;
	}
	return simple_run(text, run);
}

/* Reads l (t shaped with no width) into u; false when some run or line is
 * not one the breaker can replay. */
static bool gather(PangoLayout *l, const struct doc_text *t, struct unwrapped *u)
{
	int n_attrs;
	u->attrs = pango_layout_get_log_attrs_readonly(l, &n_attrs);
	const int32_t n_chars = u->n_chars = n_attrs - 1;
	u->text = t->text;
	for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next) {
		const PangoLayoutLine *line = ln->data;
		if (line->resolved_dir != PANGO_DIRECTION_LTR)
			return false;
		u->n_paragraphs++;
		u->n_items += g_slist_length(line->runs);
	}
	u->runs = xcalloc(u->n_items, sizeof *u->runs);
	u->items = xcalloc(u->n_items, sizeof *u->items);
	u->item_logical = xcalloc(u->n_items, sizeof *u->item_logical);
	u->paragraphs = xcalloc(u->n_paragraphs, sizeof *u->paragraphs);
	u->paragraph_logical = xcalloc(u->n_paragraphs, sizeof *u->paragraph_logical);
	u->advance = xcalloc((size_t)n_chars + 1, sizeof *u->advance);

	const char *cursor = t->text;
	int32_t cursor_char = 0;
	uint32_t item = 0, paragraph = 0;
	for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next, paragraph++) {
		PangoLayoutLine *line = ln->data;
		if (!line->runs)
			pango_layout_line_get_extents(line, NULL, &u->paragraph_logical[paragraph]);
		u->paragraphs[paragraph].first_item = item;
		for (GSList *r = line->runs; r; r = r->next, item++) {
			PangoGlyphItem *run = r->data;
			if (!breakable_run(t->text, run))
				return false;
			const char *at = t->text + run->item->offset;
			cursor_char += (int32_t)g_utf8_pointer_to_offset(cursor, at);
			cursor = at;
			if (cursor_char + run->item->num_chars > n_chars)
				return false;
			u->runs[item] = run;
			u->items[item].start = cursor_char;
			u->items[item].end = cursor_char + run->item->num_chars;
			for (int i = 0; i < run->glyphs->num_glyphs; i++)
				u->advance[cursor_char + i] = run->glyphs->glyphs[i].geometry.width;
			/* Every glyph of a font has the font's logical height. */
			pango_glyph_string_extents_range(run->glyphs, 0, 1,
							 run->item->analysis.font, NULL,
							 &u->item_logical[item]);
		}
		u->paragraphs[paragraph].n_items = item - u->paragraphs[paragraph].first_item;
	}
	return true;
}

/* pango's get_x_offset() for a layout of the given width. */
static int x_offset(enum doc_align align, int layout_width, int line_width)
{
	if (layout_width == 0)
		return 0;
	if (align == DOC_ALIGN_RIGHT)
		return layout_width - line_width;
	if (align == DOC_ALIGN_CENTER) {
		int x = (layout_width - line_width) / 2;
		if (((layout_width | line_width) & (PANGO_SCALE - 1)) == 0)
			x = PANGO_UNITS_ROUND(x);
		return x;
	}
	return 0;
}

/* Sets the glyphs of piece p as pango's wrapped layout has them and makes
 * *view (with *item_view and *glyphs_view) the run pango would hold for
 * it. The unwrapped layout is discarded afterwards: its glyphs may be
 * changed, and each belongs to one piece. */
static void piece_run(const struct unwrapped *u, const struct linebreak_piece *p,
		      const char **cursor, int32_t *cursor_char, PangoItem *item_view,
		      PangoGlyphString *glyphs_view, PangoGlyphItem *view)
{
	const PangoGlyphItem *run = u->runs[p->item];
	const int32_t item_start = u->items[p->item].start;
	const char *start = g_utf8_offset_to_pointer(*cursor, p->start - *cursor_char);
	const char *end = g_utf8_offset_to_pointer(start, p->end - p->start);
	*cursor = end;
	*cursor_char = p->end;

	*item_view = *run->item;
	item_view->offset = (int)(start - u->text);
	item_view->length = (int)(end - start);
	item_view->num_chars = p->end - p->start;

	PangoGlyphString *gs = run->glyphs;
	const int first = p->start - item_start, n = p->end - p->start;
	const int rebase = item_view->offset - run->item->offset;
	for (int i = first; i < first + n; i++)
		gs->log_clusters[i] -= rebase;
	PangoGlyphInfo *last = &gs->glyphs[first + n - 1];
	last->geometry.width = p->end_advance;
	if (p->end_kind == LINEBREAK_END_COLLAPSED)
		last->glyph = PANGO_GLYPH_EMPTY;

	*glyphs_view = (PangoGlyphString){ .num_glyphs = n, .glyphs = gs->glyphs + first,
					   .log_clusters = gs->log_clusters + first, .space = n };
	*view = (PangoGlyphItem){ .item = item_view, .glyphs = glyphs_view };
}

struct shape *shape_text_own_breaks(struct fonts *f, struct arena *a, const struct doc_text *t,
				    enum font_role role, double wrap, enum doc_align align)
{
	/* Tabs and line separators are laid out by rules not replayed. */
	if (wrap <= 0 || memchr(t->text, '\t', t->len) || memmem(t->text, t->len, "\u2028", 3))
		return NULL;
	PangoLayout *l = prepare(f, t, role, 0, align);
	struct unwrapped u = { 0 };
	struct linebreak lb = { 0 };
	struct shape *s = NULL;
	const int layout_width = (int)lround(wrap * PANGO_SCALE);
	if (!gather(l, t, &u))
		goto done;
	const struct linebreak_source src = {
		.attrs = u.attrs,
		.n_chars = u.n_chars,
		.advance = u.advance,
		.items = u.items,
		.paragraphs = u.paragraphs,
		.n_paragraphs = u.n_paragraphs,
		.width = layout_width,
		.end_advance = unwrapped_end_advance,
		.safe_distance = unwrapped_safe_distance,
		.ctx = &u,
	};
	if (!linebreak_run(&src, &lb))
		goto done;

	s = arena_new(a, struct shape);
	s->source = t;
	s->text = t->text;
	s->role = role;
	s->wrap = (float)wrap;
	s->lines = arena_array(a, struct shape_line, lb.n_lines);
	s->runs = arena_array(a, struct shape_run, lb.n_pieces);

	/* Set every piece's glyphs first: the glyph array's size counts them. */
	PangoItem *item_views = xcalloc(lb.n_pieces, sizeof *item_views);
	PangoGlyphString *glyph_views = xcalloc(lb.n_pieces, sizeof *glyph_views);
	PangoGlyphItem *views = xcalloc(lb.n_pieces, sizeof *views);
	const char *cursor = t->text;
	int32_t cursor_char = 0;
	uint32_t n_glyphs = 0;
	for (uint32_t i = 0; i < lb.n_pieces; i++) {
		piece_run(&u, &lb.pieces[i], &cursor, &cursor_char, &item_views[i], &glyph_views[i],
			  &views[i]);
		fill_wrap_spaces(t->text, &views[i]);
		n_glyphs += drawable_glyphs(views[i].glyphs);
	}
	s->glyphs = arena_array(a, struct shape_glyph, n_glyphs);

	int y = 0;
	for (uint32_t li = 0; li < lb.n_lines; li++) {
		const struct linebreak_line *line = &lb.lines[li];
		PangoRectangle logical = { 0, 0, 0, 0 };
		if (line->n_pieces == 0) {
			logical = u.paragraph_logical[line->paragraph];
		} else {
			/* pango's union of its runs' logical extents. */
			for (uint32_t k = 0; k < line->n_pieces; k++) {
				uint32_t item = lb.pieces[line->first_piece + k].item;
				const PangoRectangle *r = &u.item_logical[item];
				int top = MIN(logical.y, r->y);
				logical.height =
					MAX(logical.y + logical.height, r->y + r->height) - top;
				logical.y = top;
			}
			logical.width = line->width;
		}
		struct shape_line *sl = &s->lines[li];
		sl->top = PT(y);
		sl->baseline = PT(y - logical.y);
		sl->bottom = PT(y + logical.height);
		sl->x = PT(logical.x + x_offset(align, layout_width, logical.width));
		sl->width = PT(logical.width);
		y += logical.height;
		sl->run_start = s->n_runs;
		float x = sl->x;
		for (uint32_t k = 0; k < line->n_pieces; k++) {
			struct shape_run *sr = &s->runs[s->n_runs++];
			copy_run(f, a, s, &views[line->first_piece + k], x, sr);
			x += sr->width;
		}
		sl->n_runs = s->n_runs - sl->run_start;
		if (sl->width > s->width)
			s->width = sl->width;
	}
	s->n_lines = lb.n_lines;
	if (s->n_lines)
		s->height = s->lines[s->n_lines - 1].bottom - s->lines[0].top;
	free(item_views);
	free(glyph_views);
	free(views);
done:
	linebreak_release(&lb);
	unwrapped_free(&u);
	return s;
}

/* Texts up to this many bytes are kept: the ones that repeat are short,
 * and a long one would cost its length again as a key. */
#define SHAPE_CACHE_MAX_LEN 256

void shape_cache_begin(struct fonts *f, struct arena *a)
{
	shape_cache_end(f);
	f->shape_cache = xmalloc(sizeof *f->shape_cache);
	strmap_init(f->shape_cache, 256);
	f->shape_cache_arena = a;
}

void shape_cache_end(struct fonts *f)
{
	if (!f->shape_cache)
		return;
	strmap_release(f->shape_cache);
	free(f->shape_cache);
	f->shape_cache = NULL;
	f->shape_cache_arena = NULL;
}

static struct shape *shape_uncached(struct fonts *f, struct arena *a, const struct doc_text *t,
				    enum font_role role, double wrap, enum doc_align align)
{
	struct shape *s = shape_text_own_breaks(f, a, t, role, wrap, align);
	return s ? s : shape_text_pango_breaks(f, a, t, role, wrap, align);
}

struct shape *shape_text(struct fonts *f, struct arena *a, const struct doc_text *t,
			 enum font_role role, double wrap, enum doc_align align)
{
	/* A text with spans keeps them (links, bold) through its source:
	 * only plain texts are shared. */
	if (!f->shape_cache || f->shape_cache_arena != a || t->n_spans != 0 ||
	    t->len > SHAPE_CACHE_MAX_LEN)
		return shape_uncached(f, a, t, role, wrap, align);
	/* The key: style, width (exactly, as bits) and alignment, then the
	 * text, which holds no NUL (plans cannot). */
	uint64_t wrap_bits;
	memcpy(&wrap_bits, &wrap, sizeof wrap_bits);
	char key[SHAPE_CACHE_MAX_LEN + 48];
	int n = snprintf(key, sizeof key, "%d %016llx %d|%.*s", (int)role,
			 (unsigned long long)wrap_bits, (int)align, (int)t->len, t->text);
	if (n < 0 || (size_t)n >= sizeof key || strlen(key) != (size_t)n)
		return shape_uncached(f, a, t, role, wrap, align);
	struct shape *s = strmap_get(f->shape_cache, key);
	if (s)
		return s;
	s = shape_uncached(f, a, t, role, wrap, align);
	strmap_put(f->shape_cache, arena_strndup(a, key, (size_t)n), s);
	return s;
}

/* The widest stretch of text between two line-break opportunities, trailing
 * white space left out. */
static float min_width(struct fonts *f, PangoLayout *l, const struct doc_text *t)
{
	if (t->len == 0)
		return 0;
	if (f->scratch_cap < t->len) {
		f->scratch_cap = t->len;
		f->scratch = xrealloc(f->scratch, f->scratch_cap, sizeof *f->scratch);
	}
	float *w = f->scratch;
	memset(w, 0, t->len * sizeof *w);
	for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next) {
		for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r; r = r->next) {
			PangoGlyphItem *run = r->data;
			int n = run->item->num_chars;
			int stack[128];
			int *cw = n <= 128 ? stack : xmalloc((size_t)n * sizeof *cw);
			pango_glyph_item_get_logical_widths(run, t->text, cw);
			const char *p = t->text + run->item->offset;
			for (int i = 0; i < n; i++) {
				w[p - t->text] = PT(cw[i]);
				p = g_utf8_next_char(p);
			}
			if (cw != stack)
				free(cw);
		}
	}
	int n_attrs;
	const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &n_attrs);
	float best = 0, cur = 0, trailing = 0;
	int ci = 0;
	for (const char *p = t->text; p < t->text + t->len && ci < n_attrs; p = g_utf8_next_char(p), ci++) {
		if (ci > 0 && la[ci].is_line_break) {
			if (cur - trailing > best)
				best = cur - trailing;
			cur = trailing = 0;
		}
		float cw = w[p - t->text];
		cur += cw;
		trailing = la[ci].is_white ? trailing + cw : 0;
	}
	if (cur - trailing > best)
		best = cur - trailing;
	return best;
}

struct shape *shape_measure(struct fonts *f, struct arena *a, const struct doc_text *t,
			    enum font_role role)
{
	PangoLayout *l = prepare(f, t, role, 0, DOC_ALIGN_LEFT);
	struct shape *s = extract(f, a, l, t, role, 0);
	s->min_width = min_width(f, l, t);
	return s;
}

float shape_lines_height(const struct shape *s, uint32_t from, uint32_t to)
{
	if (from >= to || to > s->n_lines)
		return 0;
	return s->lines[to - 1].bottom - s->lines[from].top;
}

uint32_t shape_run_glyphs(const struct shape *s, const struct shape_run *run, double x,
			  double baseline, cairo_glyph_t *out)
{
	const struct shape_glyph *sg = s->glyphs + run->glyph_start;
	double x0 = x + run->x;
	long pos = 0;
	for (uint32_t k = 0; k < run->n_glyphs; k++) {
		pos += sg[k].dx;
		out[k].index = sg[k].index;
		out[k].x = x0 + (run->xs ? run->xs[k] : pos / (double)SHAPE_UNIT);
		out[k].y = baseline + (run->y_offsets ? run->y_offsets[k] : 0);
	}
	return run->n_glyphs;
}
