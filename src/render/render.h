/** Render: draws a finished layout (layout.h) on cairo surfaces.
 *
 *  PDF, SVG and PNG differ only in the surface: each is a row of
 *  render_surfaces[], and one walker draws every page's operations on
 *  whichever surface it is given. Only the PDF gets the structure tags,
 *  links, named destinations, bookmarks and metadata; SVG and PNG pages
 *  are pictures.
 *
 *  Output is deterministic: the same layout gives the same bytes (the PDF's
 *  dates come from the document; numbers are written in the C locale
 *  whatever the process's locale). SVG files carry cairo's ids, which count
 *  up through the process; the SVG post-processor renames them.
 *
 *  What the post-processors need is in struct layout_doc: the document's
 *  title and lang (ld->doc), the alternative text of each Figure element
 *  in structure order (ld->figure_alts) and the scope of each TH element
 *  (ld->th_scopes).
 *
 *  Files are written through outfile.h: whole or not at all. Errors (cairo
 *  or I/O) are reported through error() and give -1. */
#ifndef BP_RENDER_H
#define BP_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "layout/layout.h"

enum render_format { RENDER_PDF, RENDER_SVG, RENDER_PNG, RENDER_FORMAT_COUNT };

/** One output format: how to make its surface and finish a page. */
struct render_surface_kind {
	const char *name;       /* "pdf" */
	const char *ext;        /* ".pdf" */
	bool paged;             /* one surface for all pages (else one per page) */
	bool tagged;            /* structure, links, bookmarks, metadata */
	/* A surface of w x h points writing to write; scale is device units
	 * per point (PNG only). */
	cairo_surface_t *(*create)(cairo_write_func_t write, void *closure, double w, double h,
				   double scale);
	/* Writes a finished page of a surface that is not paged (PNG). */
	cairo_status_t (*emit)(cairo_surface_t *s, cairo_write_func_t write, void *closure);
};

extern const struct render_surface_kind render_surfaces[RENDER_FORMAT_COUNT];

/** A growable byte buffer (malloc'd): an SVG page in memory. */
struct render_buffer {
	unsigned char *data;
	size_t len, cap;
};

void render_buffer_release(struct render_buffer *b);
/** A cairo write function appending to a struct render_buffer. */
cairo_status_t render_buffer_write(void *closure, const unsigned char *data, unsigned int length);

/** The whole document as one PDF at path. */
int render_pdf(const struct layout_doc *ld, const char *path);
/** The same, releasing the operations of pages [release_from, n_pages)
 *  as soon as each is drawn (layout_release_page()): for when the PDF is
 *  the last thing drawn from those pages. */
int render_pdf_releasing(struct layout_doc *ld, const char *path, size_t release_from);
/** The whole document as one PDF, to any writer. what names the output
 *  in messages. */
int render_pdf_stream(const struct layout_doc *ld, cairo_write_func_t write, void *closure,
		      const char *what);

/** One page (0-based) as SVG or PNG (dpi: PNG resolution), to any writer. */
int render_page(const struct layout_doc *ld, size_t page, enum render_format fmt, double dpi,
		cairo_write_func_t write, void *closure, const char *what);

/** Called with each page's SVG in turn; returns 0 to go on, -1 to stop.
 *  data is valid during the call only. */
typedef int (*render_page_fn)(size_t page, const unsigned char *data, size_t len, void *user);

/** Every page as SVG, one at a time, through one reused buffer: memory
 *  stays at one page (an SVG page is 100-300 KB; a 6,000-page pack would
 *  be gigabytes at once). For the SVG post-processor. Returns -1 when a
 *  page cannot be rendered or fn stops. */
int render_svg_each(const struct layout_doc *ld, render_page_fn fn, void *user);

/** The same for pages [from, to) only. */
int render_svg_range(const struct layout_doc *ld, size_t from, size_t to, render_page_fn fn,
		     void *user);

/** Every page as SVG into pages[0 .. ld->n_pages - 1] at once: for short
 *  documents and tests; long packs should use render_svg_each(). On
 *  failure the buffers are released. */
int render_svg_pages(const struct layout_doc *ld, struct render_buffer *pages);

/** Every page as its own file, named by render_page_path(): SVG, or PNG
 *  at dpi dots per inch (18 to 1200). */
int render_svg_files(const struct layout_doc *ld, const char *prefix);
int render_png_files(const struct layout_doc *ld, const char *prefix, double dpi);

/** Draws lines [from, to) of s, line from's top at y and the shape's left
 *  edge at x, in cr's current source: the text drawing the pages use, for
 *  figure callbacks such as charts. Text stays searchable in a PDF. */
void render_shape(cairo_t *cr, const struct fonts *f, const struct shape *s, uint32_t from,
		  uint32_t to, double x, double y);

/** The file name of page i (0-based) of n: prefix, '-', the page number
 *  zero-padded to the width of n (at least 2), and ext: "pack-07.svg".
 *  Returns buf, or NULL when it does not fit. */
char *render_page_path(char *buf, size_t size, const char *prefix, size_t i, size_t n,
		       const char *ext);

#endif
