/* The layout driver: checks the document, flows its sections onto pages,
 * then adds what needs the page count (furniture, contents numbers). */
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/contrast.h"
#include "layout/flow.h"

#define A4_SHORT 595.2756
#define A4_LONG 841.8898
/* Page furniture must fit between the paper's edge and the frame. */
#define FURNITURE_MIN_MARGIN 36.0
#define FURNITURE_GAP 8.0

static const char *const tag_names[LAYOUT_TAG_COUNT] = {
	[LAYOUT_TAG_DOCUMENT] = "Document", [LAYOUT_TAG_SECT] = "Sect",
	[LAYOUT_TAG_H1] = "H1", [LAYOUT_TAG_H2] = "H2", [LAYOUT_TAG_H3] = "H3",
	[LAYOUT_TAG_P] = "P", [LAYOUT_TAG_L] = "L", [LAYOUT_TAG_LI] = "LI",
	[LAYOUT_TAG_LBL] = "Lbl", [LAYOUT_TAG_LBODY] = "LBody",
	[LAYOUT_TAG_TABLE] = "Table", [LAYOUT_TAG_THEAD] = "THead",
	[LAYOUT_TAG_TBODY] = "TBody", [LAYOUT_TAG_TR] = "TR", [LAYOUT_TAG_TH] = "TH",
	[LAYOUT_TAG_TD] = "TD", [LAYOUT_TAG_CAPTION] = "Caption",
	[LAYOUT_TAG_FIGURE] = "Figure", [LAYOUT_TAG_LINK] = "Link",
	[LAYOUT_TAG_SPAN] = "Span", [LAYOUT_TAG_TOC] = "TOC", [LAYOUT_TAG_TOCI] = "TOCI",
};

const char *layout_tag_name(enum layout_tag tag)
{
	if ((unsigned)tag >= LAYOUT_TAG_COUNT)
		BUG("layout tag %d out of range", (int)tag);
	return tag_names[tag];
}

/* ---- pages and operations ---- */

void flow_new_page(struct flow *fl)
{
	struct layout_doc *ld = fl->ld;
	if (ld->n_pages) {
		/* The page before is finished but for its furniture: give its
		 * spare operation slots back. */
		struct layout_page *prev = &ld->pages[ld->n_pages - 1];
		if (prev->cap_ops > prev->n_ops + 16) {
			prev->cap_ops = prev->n_ops + 16;
			prev->ops = xrealloc(prev->ops, prev->cap_ops, sizeof *prev->ops);
		}
	}
	if (ld->n_pages == ld->cap_pages) {
		ld->cap_pages = ld->cap_pages ? ld->cap_pages * 2 : 16;
		ld->pages = xrealloc(ld->pages, ld->cap_pages, sizeof *ld->pages);
	}
	struct layout_page *p = &ld->pages[ld->n_pages++];
	memset(p, 0, sizeof *p);
	const struct doc_section *s = fl->section;
	bool landscape = s->orientation == DOC_LANDSCAPE;
	p->width = landscape ? A4_LONG : A4_SHORT;
	p->height = landscape ? A4_SHORT : A4_LONG;
	struct doc_margins m = s->margins;
	if (m.top < FURNITURE_MIN_MARGIN)
		m.top = FURNITURE_MIN_MARGIN;
	if (m.bottom < FURNITURE_MIN_MARGIN)
		m.bottom = FURNITURE_MIN_MARGIN;
	if (m.left < 18)
		m.left = 18;
	if (m.right < 18)
		m.right = 18;
	/* Margins that leave no room to typeset in are the template's
	 * mistake; keep at least half the paper. */
	if (m.left + m.right > p->width / 2)
		m.left = m.right = p->width / 4;
	if (m.top + m.bottom > p->height / 2)
		m.top = m.bottom = p->height / 4;
	p->body = (struct layout_rect){ m.left, m.top, p->width - m.left - m.right,
					p->height - m.top - m.bottom };
	p->section = s;
	fl->page = p;
	fl->x0 = p->body.x;
	fl->x1 = p->body.x + p->body.w;
	fl->top = p->body.y;
	fl->bottom = p->body.y + p->body.h;
	fl->y = fl->top;
	fl->fresh = true;
}

void flow_need(struct flow *fl, double h)
{
	if (!fl->fresh && fl->y + h > fl->bottom + 1e-6)
		flow_new_page(fl);
}

void flow_space(struct flow *fl, double h)
{
	if (!fl->fresh)
		fl->y += h;
}

struct layout_op *flow_op(struct flow *fl, enum layout_op_kind kind)
{
	struct layout_page *p = fl->page;
	if (p->n_ops == p->cap_ops) {
		p->cap_ops = p->cap_ops ? p->cap_ops * 2 : 64;
		p->ops = xrealloc(p->ops, p->cap_ops, sizeof *p->ops);
	}
	struct layout_op *op = &p->ops[p->n_ops++];
	memset(op, 0, sizeof *op);
	op->kind = (uint8_t)kind;
	return op;
}

void flow_tag(struct flow *fl, enum layout_tag tag)
{
	flow_op(fl, LAYOUT_OP_TAG_BEGIN)->tag = (uint8_t)tag;
}

void flow_end(struct flow *fl, enum layout_tag tag)
{
	flow_op(fl, LAYOUT_OP_TAG_END)->tag = (uint8_t)tag;
}

struct layout_op *flow_text(struct flow *fl, const struct shape *s, uint32_t from, uint32_t to,
			    double x, double y, doc_rgb color, unsigned flags,
			    double cx, double cy, double cw, double ch)
{
	struct layout_op *op = flow_op(fl, LAYOUT_OP_TEXT);
	op->flags = (uint16_t)flags;
	op->color = color;
	op->u.text.shape = s;
	op->u.text.from = from;
	op->u.text.to = to;
	op->u.text.cx = (float)cx;
	op->u.text.cy = (float)cy;
	op->u.text.cw = (float)cw;
	op->u.text.ch = (float)ch;
	op->u.text.ox = (float)x;
	op->y = (float)y;
	float left = 0, right = 0;
	for (uint32_t i = from; i < to; i++) {
		const struct shape_line *l = &s->lines[i];
		if (i == from || l->x < left)
			left = l->x;
		if (i == from || l->x + l->width > right)
			right = l->x + l->width;
	}
	op->x = (float)(x + left);
	op->w = right - left;
	op->h = shape_lines_height(s, from, to);
	return op;
}

void flow_wrap(struct layout_op *op, enum layout_tag tag)
{
	if (op->kind != LAYOUT_OP_TEXT)
		BUG("wrapping a tag around operation %d", op->kind);
	op->flags |= LAYOUT_TEXT_WRAP;
	op->tag = (uint8_t)tag;
}

void flow_fill(struct flow *fl, double x, double y, double w, double h, doc_rgb color)
{
	struct layout_op *op = flow_op(fl, LAYOUT_OP_FILL);
	op->color = color;
	op->x = (float)x;
	op->y = (float)y;
	op->w = (float)w;
	op->h = (float)h;
}

void flow_dest(struct flow *fl, const char *name, double x, double y)
{
	struct layout_op *op = flow_op(fl, LAYOUT_OP_DEST);
	op->u.dest = name;
	op->x = (float)x;
	op->y = (float)y;
}

void flow_add_figure_alt(struct flow *fl, const char *alt)
{
	struct layout_doc *ld = fl->ld;
	if (ld->n_figures == ld->cap_figures) {
		size_t cap = ld->cap_figures ? ld->cap_figures * 2 : 8;
		ld->figure_alts = arena_grow(fl->a, ld->figure_alts, ld->n_figures, cap,
					     sizeof *ld->figure_alts);
		ld->cap_figures = cap;
	}
	ld->figure_alts[ld->n_figures++] = alt;
}

struct layout_op *flow_picture(struct flow *fl, const struct doc_figure *fig, double x, double y,
				double w, double h, double cx, double cy, double cw, double ch)
{
	struct layout_op *op = flow_op(fl, LAYOUT_OP_FIGURE);
	op->u.figure.fig = fig;
	op->u.figure.cx = (float)cx;
	op->u.figure.cy = (float)cy;
	op->u.figure.cw = (float)cw;
	op->u.figure.ch = (float)ch;
	op->x = (float)x;
	op->y = (float)y;
	op->w = (float)w;
	op->h = (float)h;
	return op;
}

void flow_figure(struct flow *fl, const struct doc_figure *fig, double x, double y, double w,
		 double h, double cx, double cy, double cw, double ch)
{
	flow_tag(fl, LAYOUT_TAG_FIGURE);
	flow_add_figure_alt(fl, fig->alt);
	flow_picture(fl, fig, x, y, w, h, cx, cy, cw, ch);
	flow_end(fl, LAYOUT_TAG_FIGURE);
}

void flow_add_th(struct flow *fl, enum layout_scope scope)
{
	struct layout_doc *ld = fl->ld;
	if (ld->n_th == ld->cap_th) {
		size_t cap = ld->cap_th ? ld->cap_th * 2 : 32;
		ld->th_scopes = arena_grow(fl->a, ld->th_scopes, ld->n_th, cap, sizeof *ld->th_scopes);
		ld->cap_th = cap;
	}
	ld->th_scopes[ld->n_th++] = scope;
}

/* ---- checks before layout ---- */

static bool add_anchor(struct flow *fl, GHashTable *anchors, const char *name)
{
	if (!g_hash_table_add(anchors, (gpointer)name)) {
		error("two link targets are named '%s'", name);
		fl->failed = true;
		return false;
	}
	return true;
}

static void check_text_links(struct flow *fl, GHashTable *anchors, const struct doc_text *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_spans; i++) {
		const char *d = t->spans[i].dest;
		if (d && !g_hash_table_contains(anchors, d)) {
			error("link to '%s', which is not in the document", d);
			fl->failed = true;
		}
	}
}

static void check_block_links(struct flow *fl, GHashTable *anchors, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING:
		check_text_links(fl, anchors, b->u.heading.text);
		break;
	case DOC_PARAGRAPH:
		check_text_links(fl, anchors, b->u.para.text);
		break;
	case DOC_LIST:
		for (size_t i = 0; i < b->u.list.n; i++)
			check_text_links(fl, anchors, b->u.list.items[i].text);
		break;
	case DOC_PANEL:
		for (size_t i = 0; i < b->u.panel.n; i++) {
			check_text_links(fl, anchors, b->u.panel.rows[i].label);
			check_text_links(fl, anchors, b->u.panel.rows[i].value);
		}
		break;
	case DOC_TABLE: {
		const struct doc_table *t = &b->u.table;
		check_text_links(fl, anchors, t->caption);
		for (size_t c = 0; c < t->n_cols; c++)
			check_text_links(fl, anchors, t->cols[c].header);
		for (size_t r = 0; r < t->n_rows; r++) {
			const struct doc_row *row = t->rows[r];
			size_t n = row->kind == DOC_ROW_GROUP ? 1 : t->n_cols;
			for (size_t c = 0; c < n; c++) {
				const struct doc_cell *cell = &row->cells[c];
				check_text_links(fl, anchors, cell->text);
				if (cell->link_dest && !g_hash_table_contains(anchors, cell->link_dest)) {
					error("link to '%s', which is not in the document", cell->link_dest);
					fl->failed = true;
				}
			}
		}
		break;
	}
	case DOC_FIGURE:
		check_text_links(fl, anchors, b->u.figure.caption);
		break;
	case DOC_CONTENTS:
		check_text_links(fl, anchors, b->u.contents.title);
		break;
	case DOC_IMAGE:
	case DOC_PAGE_BREAK:
		break;
	}
}

static void add_image(struct layout_doc *ld, cairo_surface_t *s)
{
	if (ld->n_images == ld->cap_images) {
		ld->cap_images = ld->cap_images ? ld->cap_images * 2 : 4;
		ld->images = xrealloc(ld->images, ld->cap_images, sizeof *ld->images);
	}
	ld->images[ld->n_images++] = s;
}

static void check_figure(struct flow *fl, const struct doc_figure *fig, bool in_cell)
{
	const char *what = in_cell ? "a table cell's figure" : "a figure";
	if (!fig->alt) {
		error("%s has no alternative text", what);
		fl->failed = true;
	}
	if (!fig->draw) {
		error("%s has nothing to draw it", what);
		fl->failed = true;
	}
	/* A caption in a cell would be a text the cell does not measure:
	 * refused rather than lost. */
	if (in_cell && !doc_text_empty(fig->caption)) {
		error("%s has a caption; the cell's own text is its caption", what);
		fl->failed = true;
	}
}

/* Names every heading, collects the link targets, loads the images and
 * checks every link, figure and image before anything is measured. */
static void prepass(struct flow *fl)
{
	GHashTable *anchors = g_hash_table_new(g_str_hash, g_str_equal);
	size_t n = 0;
	for (const struct doc_section *s = fl->doc->first; s; s = s->next)
		for (const struct doc_block *b = s->first; b; b = b->next)
			if (b->kind == DOC_HEADING)
				n++;
	fl->headings = arena_array(fl->a, struct flow_heading, n);
	for (const struct doc_section *s = fl->doc->first; s; s = s->next) {
		for (const struct doc_block *b = s->first; b; b = b->next) {
			switch (b->kind) {
			case DOC_HEADING: {
				struct flow_heading *fh = &fl->headings[fl->n_headings];
				fh->h = &b->u.heading;
				fh->dest = b->u.heading.anchor
					? b->u.heading.anchor
					: arena_printf(fl->a, "section.%zu", fl->n_headings + 1);
				fl->n_headings++;
				add_anchor(fl, anchors, fh->dest);
				break;
			}
			case DOC_TABLE: {
				const struct doc_table *t = &b->u.table;
				for (size_t r = 0; r < t->n_rows; r++) {
					const struct doc_row *row = t->rows[r];
					size_t nc = row->kind == DOC_ROW_GROUP ? 1 : t->n_cols;
					for (size_t c = 0; c < nc; c++) {
						const struct doc_cell *cell = &row->cells[c];
						if (cell->anchor)
							add_anchor(fl, anchors, cell->anchor);
						if (cell->figure)
							check_figure(fl, cell->figure, true);
					}
				}
				break;
			}
			case DOC_FIGURE:
				check_figure(fl, &b->u.figure, false);
				break;
			case DOC_IMAGE: {
				if (!b->u.image.alt) {
					error("image '%s' has no alternative text", b->u.image.path);
					fl->failed = true;
				}
				cairo_surface_t *img = image_load_png(b->u.image.path);
				if (!img)
					fl->failed = true;
				else
					add_image(fl->ld, img);
				break;
			}
			default:
				break;
			}
		}
	}
	for (const struct doc_section *s = fl->doc->first; s; s = s->next)
		for (const struct doc_block *b = s->first; b; b = b->next)
			check_block_links(fl, anchors, b);
	g_hash_table_destroy(anchors);
}

/* ---- page furniture ---- */

/* The running header and footer texts for one page width, made once. */
struct furniture {
	double width;
	double third;                 /* the width the marking may take */
	const struct shape *header, *footer;
	const struct shape *mark_right, *mark_centre;
};

static const struct shape *furniture_shape(struct flow *fl, const char *s, enum font_role role,
					   double wrap, enum doc_align align)
{
	if (!s || !*s)
		return NULL;
	return shape_text(fl->f, fl->a, doc_text_plain(fl->a, s), role, wrap, align);
}

static const char *footer_words(struct flow *fl)
{
	const struct doc *d = fl->doc;
	if (d->footer_text)
		return d->footer_text;
	if (d->as_at && d->version)
		return arena_printf(fl->a, "Data as at %s \u2013 Version %s", d->as_at, d->version);
	if (d->as_at)
		return arena_printf(fl->a, "Data as at %s", d->as_at);
	if (d->version)
		return arena_printf(fl->a, "Version %s", d->version);
	return NULL;
}

static void furniture_for(struct flow *fl, struct furniture *fu, double width, double number_w)
{
	const struct doc *d = fl->doc;
	fu->width = width;
	fu->third = width / 3;
	fu->mark_right = furniture_shape(fl, d->marking, FONT_FURNITURE_BOLD, fu->third,
					 DOC_ALIGN_RIGHT);
	fu->mark_centre = furniture_shape(fl, d->marking, FONT_FURNITURE_BOLD, fu->third,
					  DOC_ALIGN_CENTER);
	double mark_w = fu->mark_right ? fu->mark_right->width : 0;
	const char *head = d->header_text ? d->header_text : d->title;
	fu->header = furniture_shape(fl, head, FONT_FURNITURE, width - mark_w - 24, DOC_ALIGN_LEFT);
	/* The footer's left text stays clear of the centred marking and of
	 * the page number on the right. */
	double left_w = fu->mark_centre ? fu->third - 12 : width - number_w - 24;
	fu->footer = furniture_shape(fl, footer_words(fl), FONT_FURNITURE, left_w, DOC_ALIGN_LEFT);
}

static void furniture_text(struct flow *fl, const struct shape *s, double x, double y,
			   double band_y, double band_h)
{
	const struct layout_page *p = fl->page;
	flow_text(fl, s, 0, s->n_lines, x, y, fl->color.text, LAYOUT_TEXT_FURNITURE,
		  p->body.x, band_y, p->body.w, band_h);
}

static void place_furniture(struct flow *fl)
{
	struct layout_doc *ld = fl->ld;
	struct furniture cache[2];
	size_t n_cache = 0;
	char buf[64];
	snprintf(buf, sizeof buf, "Page %zu of %zu", ld->n_pages, ld->n_pages);
	double number_w = shape_text(fl->f, fl->a, doc_text_plain(fl->a, buf), FONT_FURNITURE, 0,
				     DOC_ALIGN_LEFT)->width;
	for (size_t i = 0; i < ld->n_pages; i++) {
		struct layout_page *p = &ld->pages[i];
		fl->page = p;
		struct furniture *fu = NULL;
		for (size_t k = 0; k < n_cache; k++)
			if (cache[k].width == p->body.w)
				fu = &cache[k];
		if (!fu) {
			if (n_cache == 2)
				n_cache = 1;   /* a third width: margins differ; rebuild */
			fu = &cache[n_cache++];
			furniture_for(fl, fu, p->body.w, number_w);
		}
		double x0 = p->body.x, x1 = p->body.x + p->body.w;
		double head_bottom = p->body.y - FURNITURE_GAP;
		double foot_top = p->body.y + p->body.h + FURNITURE_GAP;

		if (fu->header)
			furniture_text(fl, fu->header, x0, head_bottom - fu->header->height, 0,
				       p->body.y);
		if (fu->mark_right) {
			furniture_text(fl, fu->mark_right, x1 - fu->third,
				       head_bottom - fu->mark_right->height, 0, p->body.y);
			furniture_text(fl, fu->mark_centre, x0 + fu->third, foot_top, foot_top,
				       p->height - foot_top);
		}
		if (fu->footer)
			furniture_text(fl, fu->footer, x0, foot_top, foot_top, p->height - foot_top);
		snprintf(buf, sizeof buf, "Page %zu of %zu", i + 1, ld->n_pages);
		const struct shape *num = shape_text(fl->f, fl->a, doc_text_plain(fl->a, buf),
						     FONT_FURNITURE, 0, DOC_ALIGN_LEFT);
		furniture_text(fl, num, x1 - num->width, foot_top, foot_top, p->height - foot_top);

		struct layout_op *rule = flow_op(fl, LAYOUT_OP_RULE);
		rule->color = fl->color.rule;
		rule->x = (float)x0;
		rule->y = (float)(p->body.y - FURNITURE_GAP / 2);
		rule->w = (float)p->body.w;
		rule = flow_op(fl, LAYOUT_OP_RULE);
		rule->color = fl->color.rule;
		rule->x = (float)x0;
		rule->y = (float)(foot_top - FURNITURE_GAP / 2);
		rule->w = (float)p->body.w;
	}
}

/* Page numbers of the contents, now that every heading has a page. */
static void fill_contents(struct flow *fl)
{
	char buf[32];
	for (size_t i = 0; i < fl->n_fixups; i++) {
		const struct flow_fixup *fx = &fl->fixups[i];
		const struct flow_heading *fh = &fl->headings[fx->heading];
		if (!fh->placed)
			BUG("heading %zu listed in the contents was never placed", fx->heading);
		snprintf(buf, sizeof buf, "%zu", fh->page + 1);
		const struct shape *s = shape_text(fl->f, fl->a, doc_text_plain(fl->a, buf), FONT_BODY,
						   0, DOC_ALIGN_LEFT);
		struct layout_op *op = &fl->ld->pages[fx->page].ops[fx->op];
		/* The reserved column's right edge is op->x + op->w. */
		double right = op->x + op->w;
		double origin = right - s->width;
		op->u.text.shape = s;
		op->u.text.from = 0;
		op->u.text.to = s->n_lines;
		op->u.text.ox = (float)origin;
		op->x = (float)origin;
		op->w = s->width;
		op->h = s->height;
	}
}

static struct flow_colors resolve_colors(const struct doc_theme *t)
{
	return (struct flow_colors){
		.text = contrast_adjust(t->text, 0xFFFFFF, CONTRAST_MIN),
		.accent = contrast_adjust(t->accent, 0xFFFFFF, CONTRAST_MIN),
		.link = contrast_adjust(t->link, 0xFFFFFF, CONTRAST_MIN),
		.header_text = contrast_text_on(t->header_fill),
		.rule = t->rule,
	};
}

static void place_section(struct flow *fl, const struct doc_section *s, bool first)
{
	fl->section = s;
	flow_new_page(fl);
	flow_tag(fl, LAYOUT_TAG_SECT);
	if (first && fl->doc->marking && *fl->doc->marking) {
		/* Where a screen reader meets it: first in the body. */
		struct doc_text *t = doc_text_new(fl->a);
		doc_text_add(t, fl->doc->marking, DOC_BOLD);
		const struct shape *sh = shape_text(fl->f, fl->a, t, FONT_BODY, fl->x1 - fl->x0,
						    DOC_ALIGN_CENTER);
		place_paragraph_shape(fl, sh, fl->x0, fl->color.text, LAYOUT_TAG_P);
		fl->y += FLOW_PARA_AFTER;
	}
	for (const struct doc_block *b = s->first; b; b = b->next) {
		switch (b->kind) {
		case DOC_HEADING:
			place_heading(fl, &b->u.heading, b->next);
			break;
		case DOC_PARAGRAPH:
			place_paragraph(fl, &b->u.para);
			break;
		case DOC_LIST:
			place_list(fl, &b->u.list);
			break;
		case DOC_PANEL:
			place_panel(fl, &b->u.panel);
			break;
		case DOC_TABLE:
			place_table(fl, &b->u.table);
			break;
		case DOC_FIGURE:
			place_figure(fl, &b->u.figure);
			break;
		case DOC_IMAGE:
			place_image(fl, &b->u.image);
			break;
		case DOC_PAGE_BREAK:
			if (!fl->fresh)
				flow_new_page(fl);
			break;
		case DOC_CONTENTS:
			place_contents(fl, &b->u.contents);
			break;
		}
	}
	flow_end(fl, LAYOUT_TAG_SECT);
}

static struct layout_doc *lay_out(struct fonts *f, const struct doc *d, struct arena *a);

struct layout_doc *layout_doc(struct fonts *f, const struct doc *d, struct arena *a)
{
	shape_cache_begin(f, a);
	struct layout_doc *ld = lay_out(f, d, a);
	shape_cache_end(f);
	return ld;
}

static struct layout_doc *lay_out(struct fonts *f, const struct doc *d, struct arena *a)
{
	struct layout_doc *ld = arena_new(a, struct layout_doc);
	ld->doc = d;
	ld->fonts = f;
	ld->arena = a;
	struct flow fl = { .ld = ld, .f = f, .a = a, .doc = d };
	fl.color = resolve_colors(&d->theme);
	ld->link_color = fl.color.link;
	f->unknown_glyphs = 0;
	fonts_set_language(f, d->lang);

	prepass(&fl);
	if (fl.failed) {
		layout_release(ld);
		return NULL;
	}
	fl.cont_below = shape_text(f, a, doc_text_plain(a, "Continued on the next page"),
				   FONT_SMALL, 0, DOC_ALIGN_LEFT);
	fl.cont_above = shape_text(f, a, doc_text_plain(a, "Continued from the previous page"),
				   FONT_SMALL, 0, DOC_ALIGN_LEFT);

	bool first = true;
	for (const struct doc_section *s = d->first; s; s = s->next) {
		place_section(&fl, s, first);
		first = false;
	}
	if (ld->n_pages == 0) {
		/* An empty document still makes one (empty) page. */
		struct doc_section blank = { .orientation = DOC_PORTRAIT,
					     .margins = { 64, 54, 64, 54 } };
		struct doc_section *copy = arena_new(a, struct doc_section);
		*copy = blank;
		place_section(&fl, copy, true);
	}
	if (fl.failed) {
		layout_release(ld);
		return NULL;
	}
	fill_contents(&fl);
	place_furniture(&fl);
	ld->unknown_glyphs = f->unknown_glyphs;
	if (ld->unknown_glyphs)
		warning("%zu character%s (the first U+%04X) in no font boardpack has: printed as "
			"boxes", ld->unknown_glyphs, ld->unknown_glyphs == 1 ? "" : "s",
			(unsigned)f->first_unknown);
	return ld;
}

void layout_release_page(struct layout_doc *ld, size_t i)
{
	struct layout_page *p = &ld->pages[i];
	free(p->ops);
	p->ops = NULL;
	p->n_ops = p->cap_ops = 0;
	p->released = true;
}

void layout_release(struct layout_doc *ld)
{
	if (!ld)
		return;
	for (size_t i = 0; i < ld->n_pages; i++)
		free(ld->pages[i].ops);
	free(ld->pages);
	ld->pages = NULL;
	ld->n_pages = ld->cap_pages = 0;
	for (size_t i = 0; i < ld->n_images; i++)
		cairo_surface_destroy(ld->images[i]);
	free(ld->images);
	ld->images = NULL;
	ld->n_images = ld->cap_images = 0;
}
