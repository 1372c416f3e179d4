/** Internal to layout/: the state of typesetting one document, shared by
 *  layout.c (pages, furniture, contents), blocks.c (headings, paragraphs,
 *  lists, figures, images) and table.c (tables and panels). */
#ifndef BP_LAYOUT_FLOW_H
#define BP_LAYOUT_FLOW_H

#include <stdbool.h>

#include "layout/layout.h"

/* Spacing, in points. */
#define FLOW_PARA_AFTER 6.0
#define FLOW_TABLE_BEFORE 4.0
#define FLOW_TABLE_AFTER 10.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0

/** A heading as the contents, the outline and links see it. */
struct flow_heading {
	const struct doc_heading *h;
	const char *dest;           /* its destination name */
	size_t page;                /* where it was placed, 0-based */
	bool placed;
};

/** A contents page number to fill in once the heading's page is known. */
struct flow_fixup {
	size_t page, op;
	size_t heading;
};

/** Colours after the contrast rules (see struct doc_theme). */
struct flow_colors {
	doc_rgb text, accent, link, header_text, rule;
};

struct flow {
	struct layout_doc *ld;
	struct fonts *f;
	struct arena *a;
	const struct doc *doc;
	struct flow_colors color;

	const struct doc_section *section;
	struct layout_page *page;   /* the current page; NULL before the first */
	double x0, x1, top, bottom; /* the frame on the current page */
	double y;                   /* where the next block goes */
	bool fresh;                 /* nothing placed on the page yet */

	struct flow_heading *headings;
	size_t n_headings, next_heading;
	struct flow_fixup *fixups;
	size_t n_fixups, cap_fixups;
	size_t next_image;          /* the next of ld->images to place */

	/* Shapes used on many pages, made once. */
	const struct shape *cont_below;   /* "Continued on the next page" */
	const struct shape *cont_above;   /* "Continued from the previous page" */

	/* A block measured ahead of its turn (to keep a heading with it),
	 * so it is not measured again when placed. */
	const void *ahead_key;
	void *ahead;

	bool failed;                /* an error was reported */
};

/* Pages and operations (layout.c). */
void flow_new_page(struct flow *fl);
/** Starts a new page unless h more points fit below y (or the page is
 *  still empty). */
void flow_need(struct flow *fl, double h);
/** Adds space before a block, unless at the top of a page. */
void flow_space(struct flow *fl, double h);
struct layout_op *flow_op(struct flow *fl, enum layout_op_kind kind);
void flow_tag(struct flow *fl, enum layout_tag tag);
void flow_end(struct flow *fl, enum layout_tag tag);
/** Adds a text operation for lines [from, to) of s with line from's top
 *  at (x, y); (cx, cy, cw, ch) is the box it must stay within. */
struct layout_op *flow_text(struct flow *fl, const struct shape *s, uint32_t from, uint32_t to,
			    double x, double y, doc_rgb color, unsigned flags,
			    double cx, double cy, double cw, double ch);
/** Makes text operation op the whole of an element of tag. */
void flow_wrap(struct layout_op *op, enum layout_tag tag);
void flow_fill(struct flow *fl, double x, double y, double w, double h, doc_rgb color);
void flow_dest(struct flow *fl, const char *name, double x, double y);
void flow_add_figure_alt(struct flow *fl, const char *alt);
/** fig drawn in the box (x, y, w, h), which must stay within (cx, cy, cw,
 *  ch), outside the structure tree. */
struct layout_op *flow_picture(struct flow *fl, const struct doc_figure *fig, double x, double y,
				double w, double h, double cx, double cy, double cw, double ch);
/** The same as a Figure element, its alternative text registered in
 *  structure order. */
void flow_figure(struct flow *fl, const struct doc_figure *fig, double x, double y, double w,
		 double h, double cx, double cy, double cw, double ch);
void flow_add_th(struct flow *fl, enum layout_scope scope);

/* Blocks (blocks.c). Each places one block at fl->y, breaking pages as
 * needed. */
void place_heading(struct flow *fl, const struct doc_heading *h, const struct doc_block *next);
void place_paragraph(struct flow *fl, const struct doc_paragraph *p);
/** Places s line by line at left edge x (the frame's or an indent),
 *  breaking pages between lines, inside one element of the given tag. */
void place_paragraph_shape(struct flow *fl, const struct shape *s, double x, doc_rgb color,
			   enum layout_tag tag);
void place_list(struct flow *fl, const struct doc_list *l);
void place_figure(struct flow *fl, const struct doc_figure *fig);
void place_image(struct flow *fl, const struct doc_image *im);
void place_contents(struct flow *fl, const struct doc_contents *c);
/** The height a block needs at least on the page where it starts: what a
 *  heading before it must keep with. For a heading, that is the heading
 *  and what it must keep with in turn. */
double block_min_height(struct flow *fl, const struct doc_block *b);

/* Tables (table.c). */
void place_table(struct flow *fl, const struct doc_table *t);
void place_panel(struct flow *fl, const struct doc_panel *p);
/** The room a table's (a panel's) start needs on a page: its caption, its
 *  header row and the start of its first row, which go together. */
double table_min_height(struct flow *fl, const struct doc_table *t);
double panel_min_height(struct flow *fl, const struct doc_panel *p);

/* Images (image.c): decodes a PNG file; NULL after error(). */
cairo_surface_t *image_load_png(const char *path);

#endif
