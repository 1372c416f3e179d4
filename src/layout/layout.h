/** Layout: typesets a struct doc into pages of positioned drawing
 *  operations that render/ draws on a PDF, SVG or PNG surface.
 *
 *  layout_doc() measures every text once with pango (see shape.h),
 *  paginates the sections, repeats table headers, splits what does not
 *  fit, places the running header and footer ("Page X of Y" included) and
 *  fills in the contents' page numbers, all in one pass over the document:
 *  the contents' own length is known before the body is paginated because
 *  its entries come from the headings, and only its page numbers wait for
 *  the end.
 *
 *  A page is a list of operations in drawing order. Structure tags
 *  (LAYOUT_OP_TAG_BEGIN/END) nest properly across the whole document and
 *  may span pages; the renderer opens the Document element before the first
 *  page and closes it after the last. Running headers, footers, repeated
 *  table headers and "continued" markers are drawn outside any leaf
 *  element, so they stay out of the structure tree (they are page
 *  furniture, not content).
 *
 *  Ownership: the result and everything in it live in the arena passed to
 *  layout_doc(), except the decoded images, which layout_release() frees.
 *  The result points into the doc and the fonts, which must outlive it. */
#ifndef BP_LAYOUT_H
#define BP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/shape.h"

struct arena;

/** PDF structure elements layout uses. */
enum layout_tag {
	LAYOUT_TAG_DOCUMENT,
	LAYOUT_TAG_SECT,
	LAYOUT_TAG_H1,
	LAYOUT_TAG_H2,
	LAYOUT_TAG_H3,
	LAYOUT_TAG_P,
	LAYOUT_TAG_L,
	LAYOUT_TAG_LI,
	LAYOUT_TAG_LBL,
	LAYOUT_TAG_LBODY,
	LAYOUT_TAG_TABLE,
	LAYOUT_TAG_THEAD,
	LAYOUT_TAG_TBODY,
	LAYOUT_TAG_TR,
	LAYOUT_TAG_TH,
	LAYOUT_TAG_TD,
	LAYOUT_TAG_CAPTION,
	LAYOUT_TAG_FIGURE,
	LAYOUT_TAG_LINK,
	LAYOUT_TAG_SPAN,
	LAYOUT_TAG_TOC,
	LAYOUT_TAG_TOCI,
	LAYOUT_TAG_COUNT
};

/** The PDF name of a tag ("TD"). */
const char *layout_tag_name(enum layout_tag tag);

enum layout_op_kind {
	LAYOUT_OP_TEXT,       /* lines of a shape */
	LAYOUT_OP_FILL,       /* filled rectangle */
	LAYOUT_OP_RULE,       /* line from (x, y) to (x + w, y + h) */
	LAYOUT_OP_GRID,       /* a table row's cell borders */
	LAYOUT_OP_IMAGE,
	LAYOUT_OP_FIGURE,
	LAYOUT_OP_TAG_BEGIN,
	LAYOUT_OP_TAG_END,
	LAYOUT_OP_DEST        /* a named destination at (x, y) */
};

enum {
	LAYOUT_TEXT_TAG_RUNS = 1 << 0,  /* wrap runs in Span/Link: the text has
					   links and sits in a structure element */
	LAYOUT_TEXT_FURNITURE = 1 << 1, /* header, footer or marker: not content */
	LAYOUT_TEXT_LINK_COLOR = 1 << 2, /* links in the document's link colour
					   (else in the text's colour, underlined) */
	LAYOUT_TEXT_WRAP = 1 << 3       /* the text is the whole of an element:
					   open `tag` before it, close it after
					   (saves two operations a table cell) */
};

/** A drawing operation. x, y, w, h is its box on the page in points, y
 *  downwards from the top edge. */
struct layout_op {
	uint8_t kind;
	uint8_t tag;            /* TAG_BEGIN, TAG_END, a TEXT with
				   LAYOUT_TEXT_WRAP: enum layout_tag */
	uint16_t flags;
	doc_rgb color;          /* TEXT, FILL, RULE, GRID */
	float x, y, w, h;
	union {
		struct {
			const struct shape *shape;  /* lines [from, to); line from's
						       top is at y */
			uint32_t from, to;
			float ox;                   /* x of the shape's left edge (x, w
						       are the lines' extent) */
			float cx, cy, cw, ch;       /* the cell or frame it must fit */
		} text;
		struct {
			const float *edges;   /* n + 1 column edges, absolute x */
			uint32_t n;
			float above, below;   /* bands at the top and bottom
						 without column rules (the
						 "continued" markers) */
		} grid;
		cairo_surface_t *image;
		struct {
			const struct doc_figure *fig;
			float cx, cy, cw, ch;       /* the cell or frame it must fit */
		} figure;
		struct {
			const char *uri;      /* LINK begin: one of these */
			const char *dest;
		} link;
		const char *dest;             /* DEST: the name */
	} u;
};

struct layout_rect {
	double x, y, w, h;
};

struct layout_page {
	double width, height;
	struct layout_rect body;      /* the frame content flows in */
	const struct doc_section *section;
	struct layout_op *ops;
	size_t n_ops, cap_ops;
	bool released;                /* ops freed by layout_release_page() */
};

/** A bookmark: one per heading, in document order. */
struct layout_outline {
	int level;                    /* 1..3 */
	const char *title;            /* plain text */
	const char *dest;
	size_t page;                  /* 0-based */
};

/** The scope a table header cell (TH) has, for the PDF post-processor. */
enum layout_scope { LAYOUT_SCOPE_COLUMN, LAYOUT_SCOPE_ROW };

struct layout_doc {
	const struct doc *doc;
	struct fonts *fonts;
	struct arena *arena;
	struct layout_page *pages;
	size_t n_pages, cap_pages;
	struct layout_outline *outline;
	size_t n_outline, cap_outline;
	/* In the order their structure elements are opened, which is the
	 * order of a depth-first walk of the PDF structure tree: */
	const char **figure_alts;     /* one per Figure element */
	size_t n_figures, cap_figures;
	enum layout_scope *th_scopes; /* one per TH element */
	size_t n_th, cap_th;
	cairo_surface_t **images;     /* decoded PNGs, freed by layout_release */
	size_t n_images, cap_images;
	size_t unknown_glyphs;        /* characters no font could show */
	doc_rgb link_color;           /* see LAYOUT_TEXT_LINK_COLOR */
};

/** Lays d out. Returns NULL after reporting through error() when the
 *  document cannot be typeset: a logo that cannot be read, a link to an
 *  anchor that does not exist, two anchors of the same name, a figure
 *  (a table cell's too) without alternative text or drawing callback, a
 *  cell's figure with a caption, a table with more columns
 *  than fit across the page (about 34 portrait, 53 landscape). */
struct layout_doc *layout_doc(struct fonts *f, const struct doc *d, struct arena *a);

void layout_release(struct layout_doc *ld);

/** Frees the drawing operations of page i, once it has been drawn for the
 *  last time: a long pack's operations (tens of megabytes at 10,000
 *  actions) are then given back while cairo's PDF record grows. The page
 *  keeps its size; drawing it again is a bug (render/ checks). */
void layout_release_page(struct layout_doc *ld, size_t i);

/** A problem layout_check() found, described in words. */
typedef void (*layout_problem_fn)(const char *what, void *user);

/** Checks the finished layout: every text box and figure inside the page,
 *  inside the cell or frame it belongs to, and clear of every other text
 *  box and picture on its page; tags balanced; as many alternative texts
 *  (ld->figure_alts) as Figure elements. Returns the number of problems,
 *  each also passed to report (which may be NULL). */
size_t layout_check(const struct layout_doc *ld, layout_problem_fn report, void *user);

#endif
