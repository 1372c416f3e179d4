/* Placing the simple blocks: headings, paragraphs, lists, figures, images
 * and the contents. Tables and panels are in table.c. */
#include <math.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/flow.h"

#define LIST_INDENT 16.0
#define LIST_BULLET_W 11.0
#define LIST_ITEM_GAP 2.0
#define CONTENTS_INDENT 14.0
#define CONTENTS_GAP 10.0

static const double heading_before[4] = { 0, 14, 12, 9 };
static const double heading_after[4] = { 0, 6, 4, 3 };

static double frame_w(const struct flow *fl)
{
	return fl->x1 - fl->x0;
}

static size_t page_index(const struct flow *fl)
{
	return (size_t)(fl->page - fl->ld->pages);
}

static void add_outline(struct flow *fl, int level, const char *title, const char *dest)
{
	struct layout_doc *ld = fl->ld;
	if (ld->n_outline == ld->cap_outline) {
		size_t cap = ld->cap_outline ? ld->cap_outline * 2 : 16;
		ld->outline = arena_grow(fl->a, ld->outline, ld->n_outline, cap, sizeof *ld->outline);
		ld->cap_outline = cap;
	}
	ld->outline[ld->n_outline++] = (struct layout_outline){
		.level = level, .title = title, .dest = dest, .page = page_index(fl),
	};
}

static unsigned text_flags(const struct shape *s)
{
	return s->has_links ? LAYOUT_TEXT_TAG_RUNS | LAYOUT_TEXT_LINK_COLOR : LAYOUT_TEXT_LINK_COLOR;
}

/* Places s line by line from fl->y, breaking pages between lines: no
 * single first line at the foot of a page and no single last line at the
 * head of the next, when the text is long enough to avoid them. The tag
 * opens on the page where the first line goes. */
void place_paragraph_shape(struct flow *fl, const struct shape *s, double x, doc_rgb color,
			   enum layout_tag tag)
{
	uint32_t from = 0, n = s->n_lines;
	bool opened = false;
	while (from < n) {
		double avail = fl->bottom - fl->y;
		uint32_t k = 0;
		while (from + k < n && shape_lines_height(s, from, from + k + 1) <= avail + 1e-6)
			k++;
		uint32_t rest = n - from - k;
		if (rest > 0 && !fl->fresh) {
			if (from == 0 && k < 2 && n >= 3)
				k = 0;
			else if (rest == 1 && k >= 3 && n - from >= 4)
				k--;
		}
		if (k == 0) {
			if (fl->fresh) {
				k = 1;   /* one line taller than the frame */
			} else {
				flow_new_page(fl);
				continue;
			}
		}
		/* All of it on one page: one operation carries the tag. */
		bool whole = from == 0 && k == n;
		if (!opened && !whole)
			flow_tag(fl, tag);
		opened = true;
		struct layout_op *op = flow_text(fl, s, from, from + k, x, fl->y, color, text_flags(s),
						 fl->x0, fl->top, frame_w(fl), fl->bottom - fl->top);
		if (whole) {
			flow_wrap(op, tag);
			fl->y += shape_lines_height(s, from, from + k);
			fl->fresh = false;
			return;
		}
		fl->y += shape_lines_height(s, from, from + k);
		fl->fresh = false;
		from += k;
		if (from < n)
			flow_new_page(fl);
	}
	if (!opened)
		flow_tag(fl, tag);
	flow_end(fl, tag);
}

static enum font_role para_role(enum doc_para_role r)
{
	switch (r) {
	case DOC_PARA_SMALL: return FONT_SMALL;
	case DOC_PARA_TITLE: return FONT_TITLE;
	case DOC_PARA_SUBTITLE: return FONT_SUBTITLE;
	case DOC_PARA_BODY: break;
	}
	return FONT_BODY;
}

static const struct shape *paragraph_shape(struct flow *fl, const struct doc_paragraph *p)
{
	if (fl->ahead_key == p)
		return fl->ahead;
	const struct shape *s = shape_text(fl->f, fl->a, p->text, para_role(p->role), frame_w(fl),
					   p->align);
	fl->ahead_key = p;
	fl->ahead = (void *)s;
	return s;
}

void place_paragraph(struct flow *fl, const struct doc_paragraph *p)
{
	const struct shape *s = paragraph_shape(fl, p);
	doc_rgb color = p->role == DOC_PARA_TITLE || p->role == DOC_PARA_SUBTITLE
		? fl->color.accent : fl->color.text;
	place_paragraph_shape(fl, s, fl->x0, color, LAYOUT_TAG_P);
	fl->y += p->role == DOC_PARA_TITLE ? 2 * FLOW_PARA_AFTER : FLOW_PARA_AFTER;
}

static const struct shape *heading_shape(struct flow *fl, const struct doc_heading *h)
{
	return shape_text(fl->f, fl->a, h->text, (enum font_role)(FONT_H1 + h->level - 1),
			  frame_w(fl), DOC_ALIGN_LEFT);
}

/* Places a heading's text at fl->y, with its destination and bookmark. */
static void put_heading(struct flow *fl, const struct shape *s, int level, const char *dest,
			const char *title)
{
	flow_dest(fl, dest, fl->x0, fl->y);
	add_outline(fl, level, title, dest);
	enum layout_tag tag = (enum layout_tag)(LAYOUT_TAG_H1 + level - 1);
	flow_wrap(flow_text(fl, s, 0, s->n_lines, fl->x0, fl->y, fl->color.accent, text_flags(s),
			    fl->x0, fl->top, frame_w(fl), fl->bottom - fl->top),
		  tag);
	fl->y += s->height + heading_after[level];
	fl->fresh = false;
}

void place_heading(struct flow *fl, const struct doc_heading *h, const struct doc_block *next)
{
	flow_space(fl, heading_before[h->level]);
	const struct shape *s = heading_shape(fl, h);
	double need = s->height + heading_after[h->level];
	if (next)
		need += block_min_height(fl, next);
	/* A heading and what it introduces that cannot share any page are
	 * kept apart rather than overflowing. */
	if (need > fl->bottom - fl->top)
		need = s->height;
	flow_need(fl, need);
	if (fl->next_heading >= fl->n_headings || fl->headings[fl->next_heading].h != h)
		BUG("headings placed out of document order");
	struct flow_heading *fh = &fl->headings[fl->next_heading++];
	fh->page = page_index(fl);
	fh->placed = true;
	put_heading(fl, s, h->level, fh->dest, h->text->text);
}

/* ---- lists ---- */

static const char *const bullets[] = { "\u2022", "\u2013", "\u25E6" };

struct list_state {
	int depth;                /* open L elements */
	bool item_open[64];       /* per depth: an LI (with its LBody) is open */
};

static void close_item(struct flow *fl, struct list_state *st)
{
	if (st->item_open[st->depth - 1]) {
		flow_end(fl, LAYOUT_TAG_LBODY);
		flow_end(fl, LAYOUT_TAG_LI);
		st->item_open[st->depth - 1] = false;
	}
}

/* The left edge of a list item's text, from the frame's. */
static double item_indent(const struct flow *fl, int level)
{
	if (level > 63)
		level = 63;
	return fmin(level * LIST_INDENT, frame_w(fl) / 2) + LIST_BULLET_W;
}

/* Item i of l shaped; the first is kept when a heading before the list
 * measured it. */
static const struct shape *list_item_shape(struct flow *fl, const struct doc_list *l, size_t i)
{
	const struct doc_list_item *it = &l->items[i];
	if (fl->ahead_key == it)
		return fl->ahead;
	const struct shape *s = shape_text(fl->f, fl->a, it->text, FONT_BODY,
					   frame_w(fl) - item_indent(fl, it->level), DOC_ALIGN_LEFT);
	fl->ahead_key = it;
	fl->ahead = (void *)s;
	return s;
}

void place_list(struct flow *fl, const struct doc_list *l)
{
	if (l->n == 0)
		return;
	const struct shape *marks[3];
	for (int i = 0; i < 3; i++)
		marks[i] = shape_text(fl->f, fl->a, doc_text_plain(fl->a, bullets[i]), FONT_BODY, 0,
				      DOC_ALIGN_LEFT);
	struct list_state st = { 0 };
	for (size_t i = 0; i < l->n; i++) {
		const struct doc_list_item *it = &l->items[i];
		int level = it->level;
		/* Levels past what the structure can hold stay at the deepest. */
		if (level > 63)
			level = 63;
		while (st.depth > level + 1) {
			close_item(fl, &st);
			flow_end(fl, LAYOUT_TAG_L);
			st.depth--;
		}
		if (st.depth == level + 1)
			close_item(fl, &st);
		while (st.depth < level + 1) {
			flow_tag(fl, LAYOUT_TAG_L);
			st.item_open[st.depth++] = false;
		}

		double tx = fl->x0 + item_indent(fl, level), bx = tx - LIST_BULLET_W;
		const struct shape *s = list_item_shape(fl, l, i);
		const struct shape *mark = marks[level % 3];
		if (i > 0)
			flow_space(fl, LIST_ITEM_GAP);
		/* The first two lines (or the only one) go with the bullet. */
		flow_need(fl, shape_lines_height(s, 0, s->n_lines < 2 ? s->n_lines : 2));
		flow_tag(fl, LAYOUT_TAG_LI);
		flow_tag(fl, LAYOUT_TAG_LBL);
		double base = s->n_lines ? s->lines[0].baseline - s->lines[0].top : 0;
		double mark_base = mark->lines[0].baseline - mark->lines[0].top;
		double my = fl->y + base - mark_base;
		flow_text(fl, mark, 0, mark->n_lines, bx, my, fl->color.text, 0, fl->x0, fl->top,
			  frame_w(fl), fl->bottom - fl->top);
		flow_end(fl, LAYOUT_TAG_LBL);
		flow_tag(fl, LAYOUT_TAG_LBODY);
		st.item_open[st.depth - 1] = true;

		/* The text flows like a paragraph, indented (the frame is the
		 * same on every page of a section). */
		place_paragraph_shape(fl, s, tx, fl->color.text, LAYOUT_TAG_P);
	}
	while (st.depth > 0) {
		close_item(fl, &st);
		flow_end(fl, LAYOUT_TAG_L);
		st.depth--;
	}
	fl->y += FLOW_PARA_AFTER;
}

/* ---- figures and images ---- */

/* Fits w x h into the frame (with room for a caption of cap_h below),
 * keeping proportions. */
static void fit_box(const struct flow *fl, double *w, double *h, double cap_h)
{
	double max_w = frame_w(fl), max_h = fl->bottom - fl->top - cap_h;
	if (max_h < 20)
		max_h = 20;
	double scale = 1;
	if (*w > max_w)
		scale = max_w / *w;
	if (*h * scale > max_h)
		scale = max_h / *h;
	*w *= scale;
	*h *= scale;
}

static double align_x(const struct flow *fl, double w, enum doc_align align)
{
	switch (align) {
	case DOC_ALIGN_CENTER: return fl->x0 + (frame_w(fl) - w) / 2;
	case DOC_ALIGN_RIGHT: return fl->x1 - w;
	case DOC_ALIGN_LEFT: break;
	}
	return fl->x0;
}

static void figure_size(const struct flow *fl, const struct doc_figure *fig, double *w, double *h)
{
	*w = fig->width > 0 ? fig->width : frame_w(fl);
	*h = fig->height > 0 ? fig->height : *w * 0.5;
}

/* A figure's caption, measured once even when a heading before the
 * figure measured it first. */
static const struct shape *figure_caption(struct flow *fl, const struct doc_figure *fig)
{
	if (doc_text_empty(fig->caption))
		return NULL;
	if (fl->ahead_key == fig)
		return fl->ahead;
	const struct shape *s = shape_text(fl->f, fl->a, fig->caption, FONT_SMALL, frame_w(fl),
					   fig->align);
	fl->ahead_key = fig;
	fl->ahead = (void *)s;
	return s;
}

void place_figure(struct flow *fl, const struct doc_figure *fig)
{
	const struct shape *cap = figure_caption(fl, fig);
	double cap_h = cap ? 4 + cap->height : 0;
	double w, h;
	figure_size(fl, fig, &w, &h);
	fit_box(fl, &w, &h, cap_h);
	flow_need(fl, h + cap_h);
	flow_figure(fl, fig, align_x(fl, w, fig->align), fl->y, w, h, fl->x0, fl->top, frame_w(fl),
		    fl->bottom - fl->top);
	fl->y += h;
	fl->fresh = false;
	if (cap) {
		fl->y += 4;
		place_paragraph_shape(fl, cap, fl->x0, fl->color.text, LAYOUT_TAG_P);
	}
	fl->y += FLOW_PARA_AFTER + 2;
}

static void image_size(const struct flow *fl, cairo_surface_t *img, const struct doc_image *im,
		       double *w, double *h)
{
	double pw = cairo_image_surface_get_width(img), ph = cairo_image_surface_get_height(img);
	/* Pixels are taken at 96 dpi, as office programs do. */
	*w = im->width > 0 ? im->width : pw * 0.75;
	*h = *w * ph / pw;
	fit_box(fl, w, h, 0);
}

void place_image(struct flow *fl, const struct doc_image *im)
{
	if (fl->next_image >= fl->ld->n_images)
		BUG("more image blocks than images loaded");
	cairo_surface_t *img = fl->ld->images[fl->next_image++];
	double w, h;
	image_size(fl, img, im, &w, &h);
	flow_need(fl, h);
	flow_tag(fl, LAYOUT_TAG_FIGURE);
	struct layout_op *op = flow_op(fl, LAYOUT_OP_IMAGE);
	op->u.image = img;
	op->x = (float)align_x(fl, w, im->align);
	op->y = (float)fl->y;
	op->w = (float)w;
	op->h = (float)h;
	flow_end(fl, LAYOUT_TAG_FIGURE);
	flow_add_figure_alt(fl, im->alt);
	fl->y += h + FLOW_PARA_AFTER;
	fl->fresh = false;
}

/* ---- contents ---- */

void place_contents(struct flow *fl, const struct doc_contents *c)
{
	const struct doc_text *title = c->title ? c->title : doc_text_plain(fl->a, "Contents");
	const struct shape *ts = shape_text(fl->f, fl->a, title, FONT_H1, frame_w(fl), DOC_ALIGN_LEFT);
	double num_w = shape_text(fl->f, fl->a, doc_text_plain(fl->a, "00000"), FONT_BODY, 0,
				  DOC_ALIGN_LEFT)->width;
	flow_space(fl, heading_before[1]);
	flow_need(fl, ts->height + heading_after[1] + 2 * fl->f->size[FONT_BODY]);
	const char *dest = arena_printf(fl->a, "contents.%zu", page_index(fl) + 1);
	put_heading(fl, ts, 1, dest, title->text);

	flow_tag(fl, LAYOUT_TAG_TOC);
	for (size_t k = 0; k < fl->n_headings; k++) {
		const struct flow_heading *fh = &fl->headings[k];
		if (fh->h->level > c->depth || !fh->h->in_contents)
			continue;
		double indent = (fh->h->level - 1) * CONTENTS_INDENT;
		double wrap = frame_w(fl) - indent - num_w - CONTENTS_GAP;
		struct doc_text *t = doc_text_new(fl->a);
		/* The entry shows the heading's words without its links. */
		doc_text_add(t, fh->h->text->text, fh->h->level == 1 ? DOC_BOLD : 0);
		const struct shape *s = shape_text(fl->f, fl->a, t, FONT_BODY, wrap, DOC_ALIGN_LEFT);
		flow_need(fl, s->height);
		double x = fl->x0 + indent;
		flow_tag(fl, LAYOUT_TAG_TOCI);
		struct layout_op *link = flow_op(fl, LAYOUT_OP_TAG_BEGIN);
		link->tag = LAYOUT_TAG_LINK;
		link->u.link.dest = fh->dest;
		link->x = (float)x;
		link->y = (float)fl->y;
		link->w = (float)(fl->x1 - x);
		link->h = s->height;
		flow_text(fl, s, 0, s->n_lines, x, fl->y, fl->color.text, 0, fl->x0, fl->top,
			  frame_w(fl), fl->bottom - fl->top);
		/* The page number: a reserved column, filled in at the end. */
		if (fl->n_fixups == fl->cap_fixups) {
			size_t cap = fl->cap_fixups ? fl->cap_fixups * 2 : 32;
			fl->fixups = arena_grow(fl->a, fl->fixups, fl->n_fixups, cap, sizeof *fl->fixups);
			fl->cap_fixups = cap;
		}
		fl->fixups[fl->n_fixups++] = (struct flow_fixup){
			.page = page_index(fl), .op = fl->page->n_ops, .heading = k,
		};
		struct layout_op *num = flow_op(fl, LAYOUT_OP_TEXT);
		num->color = fl->color.text;
		num->x = (float)(fl->x1 - num_w);
		num->y = (float)(fl->y + s->lines[s->n_lines - 1].top - s->lines[0].top);
		num->w = (float)num_w;
		num->u.text.cx = (float)fl->x0;
		num->u.text.cy = (float)fl->top;
		num->u.text.cw = (float)frame_w(fl);
		num->u.text.ch = (float)(fl->bottom - fl->top);
		flow_end(fl, LAYOUT_TAG_LINK);
		flow_end(fl, LAYOUT_TAG_TOCI);
		fl->y += s->height + 3;
		fl->fresh = false;
	}
	flow_end(fl, LAYOUT_TAG_TOC);
	fl->y += FLOW_PARA_AFTER;
}

/* ---- keeping headings with what follows ---- */

double block_min_height(struct flow *fl, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING: {
		/* Headings in a row (a section's and its first part's) all
		 * go with what the last of them introduces. */
		const struct doc_heading *h = &b->u.heading;
		double need = heading_before[h->level] + heading_shape(fl, h)->height;
		if (b->next)
			need += heading_after[h->level] + block_min_height(fl, b->next);
		return need;
	}
	case DOC_PARAGRAPH: {
		const struct shape *s = paragraph_shape(fl, &b->u.para);
		return shape_lines_height(s, 0, s->n_lines < 2 ? s->n_lines : 2);
	}
	case DOC_LIST: {
		if (b->u.list.n == 0)
			return 0;
		const struct shape *s = list_item_shape(fl, &b->u.list, 0);
		return shape_lines_height(s, 0, s->n_lines < 2 ? s->n_lines : 2);
	}
	case DOC_PANEL:
		return FLOW_TABLE_BEFORE + panel_min_height(fl, &b->u.panel);
	case DOC_TABLE:
		return FLOW_TABLE_BEFORE + table_min_height(fl, &b->u.table);
	case DOC_FIGURE: {
		/* A figure and its caption are never apart. */
		const struct shape *cap = figure_caption(fl, &b->u.figure);
		double cap_h = cap ? 4 + cap->height : 0;
		double w, h;
		figure_size(fl, &b->u.figure, &w, &h);
		fit_box(fl, &w, &h, cap_h);
		return h + cap_h;
	}
	case DOC_IMAGE:
		if (fl->next_image < fl->ld->n_images) {
			double w, h;
			image_size(fl, fl->ld->images[fl->next_image], &b->u.image, &w, &h);
			return h;
		}
		return 0;
	case DOC_CONTENTS:
		return 3 * fl->f->size[FONT_H1];
	case DOC_PAGE_BREAK:
		break;
	}
	return 0;
}
