/** Internal to render/: drawing one page's operations on a cairo context.
 *  The same code serves every surface; `tagged` says whether structure
 *  tags, links and destinations are emitted (PDF) or skipped (pictures). */
#ifndef BP_RENDER_DRAW_H
#define BP_RENDER_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <glib.h>

#include "layout/layout.h"
#include "render/tagstack.h"

struct draw_ctx {
	const struct layout_doc *ld;   /* NULL when drawing a lone shape */
	const struct fonts *fonts;
	doc_rgb link_color;
	cairo_t *cr;
	bool tagged;
	bool text_glyphs;          /* the surface keeps text with glyphs (PDF) */
	struct tagstack tags;
	cairo_glyph_t *glyphs;     /* scratch, reused across runs */
	size_t cap_glyphs;
	cairo_text_cluster_t *clusters;
	size_t cap_clusters;
	GString *attr;             /* tag attributes being built */
	long face;                 /* the face set on cr; -1: none */
	long color;                /* the colour set on cr; -1: none */
};

/** ld may be NULL (then fonts is needed, and tagged must be false). */
void draw_init(struct draw_ctx *dc, const struct layout_doc *ld, const struct fonts *fonts,
	       cairo_t *cr, bool tagged);
void draw_release(struct draw_ctx *dc);
/** Opens or closes a structure tag (checked; nothing when not tagged). */
void draw_tag_begin(struct draw_ctx *dc, const char *name, const char *attributes);
void draw_tag_end(struct draw_ctx *dc, const char *name);
void draw_page(struct draw_ctx *dc, const struct layout_page *p);
/** Draws lines [from, to) of s, line from's top at top and the shape's
 *  left edge at x, in color (-1: the source already set on cr), with the
 *  LAYOUT_TEXT_* flags. */
void draw_lines(struct draw_ctx *dc, const struct shape *s, uint32_t from, uint32_t to,
		double x, double top, long color, unsigned flags);

/** Appends s to the attribute string, quoted as cairo's parser reads it. */
void draw_attr_quoted(GString *out, const char *s);

#endif
