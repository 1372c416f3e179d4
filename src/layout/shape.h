/** Shaped text: a doc_text set in one style and wrapped to a width, kept as
 *  lines of positioned glyph runs.
 *
 *  pango does the work (itemising, font fallback, shaping, line breaking);
 *  shape_text() copies what drawing needs out of the PangoLayout into a
 *  compact form in the arena and lets the layout go. Lines are broken
 *  where pango would break them, but for most text without pango's own
 *  wrapping, which shapes a paragraph again for every line it breaks:
 *  the text is shaped once on one line per paragraph and linebreak.h
 *  replays pango's decisions over those widths; texts it does not cover
 *  (a word wider than the line, right-to-left or complex scripts, tabs)
 *  are wrapped by pango. Both give the same shape. A PangoLayout costs
 *  about 50 bytes per character and a dense 10,000-action plan has
 *  millions of characters; the copy costs 8 bytes per glyph plus a few
 *  words per run and line, so every text of a document can stay measured
 *  from layout to rendering: text is measured once and drawn later, never
 *  laid out twice.
 *
 *  Coordinates are points, relative to the top-left corner of the text's
 *  box. Glyphs keep their text clusters so a PDF's text can be copied,
 *  searched and read aloud. */
#ifndef BP_SHAPE_H
#define BP_SHAPE_H

#include <stdbool.h>
#include <stdint.h>

#include "layout/doc.h"
#include "layout/fonts.h"

struct arena;

/** Positions are kept in 1/SHAPE_UNIT points. */
#define SHAPE_UNIT 256

/** A glyph: its index in the run's font (in a SHAPE_RUN_UNKNOWN run, 0
 *  is a character no font has) and its distance from the glyph before it
 *  (the first: from the run's x), unless the run has xs. Four bytes a
 *  glyph keep a 10,000-action plan's text in a few tens of megabytes. */
struct shape_glyph {
	uint16_t index;
	int16_t dx;
};

/** cairo's text cluster: so many bytes of text make so many glyphs. */
struct shape_cluster {
	int32_t bytes, glyphs;
};

enum {
	SHAPE_RUN_RTL = 1 << 0,       /* glyphs are in visual order, text backwards */
	SHAPE_RUN_CLUSTERS = 1 << 1,  /* clusters[] given; else glyph i is character i,
					 and characters after the last glyph have
					 none (white space at a line's end) */
	SHAPE_RUN_NO_TEXT = 1 << 2,   /* glyphs cannot be mapped to the text */
	SHAPE_RUN_UNKNOWN = 1 << 3,   /* holds glyphs no font has */
	SHAPE_RUN_LINK = 1 << 4       /* part of a link: see span */
};

struct shape_run {
	uint32_t text_start, text_len;    /* bytes of the shape's text */
	uint32_t glyph_start, n_glyphs;   /* in shape->glyphs */
	float x, width;                   /* logical extent */
	uint16_t face;                    /* index into fonts->faces */
	uint16_t flags;
	int32_t span;                     /* index into source->spans, or -1 */
	uint32_t n_clusters;
	struct shape_cluster *clusters;   /* SHAPE_RUN_CLUSTERS */
	float *y_offsets;                 /* per glyph; NULL when all are 0 */
	float *xs;                        /* per glyph, from x, when a step does
					     not fit dx; else NULL */
};

struct shape_line {
	float top, baseline, bottom;
	float x, width;                   /* logical extent */
	uint32_t run_start, n_runs;
};

struct shape {
	const struct doc_text *source;
	const char *text;
	enum font_role role;
	struct shape_line *lines;
	uint32_t n_lines;
	struct shape_run *runs;
	uint32_t n_runs;
	struct shape_glyph *glyphs;
	uint32_t n_glyphs;
	float width;            /* the widest line */
	float height;           /* top of the first line to bottom of the last */
	float wrap;             /* width it was wrapped to; 0: not wrapped */
	float min_width;        /* widest unbreakable piece (shape_measure only) */
	uint32_t unknown_glyphs;
	bool has_links;
};

/** Shapes t in role, wrapped at word (or, for a word longer than the line,
 *  character) boundaries to wrap points, each line aligned in that width;
 *  wrap <= 0 keeps each paragraph on one line. */
struct shape *shape_text(struct fonts *f, struct arena *a, const struct doc_text *t,
			 enum font_role role, double wrap, enum doc_align align);

/** shape_text() with the lines broken by pango's own wrapping: what
 *  shape_text() falls back on, and the reference its own line breaking is
 *  checked against (tests/unit/test_linebreak.c). */
struct shape *shape_text_pango_breaks(struct fonts *f, struct arena *a, const struct doc_text *t,
				      enum font_role role, double wrap, enum doc_align align);

/** shape_text() with the lines broken by boardpack over one unwrapped
 *  shaping (layout/linebreak.h): NULL, with nothing allocated from a,
 *  when t needs pango's own wrapping or wrap <= 0. */
struct shape *shape_text_own_breaks(struct fonts *f, struct arena *a, const struct doc_text *t,
				    enum font_role role, double wrap, enum doc_align align);

/** Between these two calls, shape_text() with arena a keeps the shape of
 *  every short text without spans and gives it again when the same text
 *  comes back in the same style, width and alignment: a pack's headings,
 *  table headers, labels and list marks repeat on every page and table.
 *  The shapes stay in a; the cache itself is freed by shape_cache_end(). */
void shape_cache_begin(struct fonts *f, struct arena *a);
void shape_cache_end(struct fonts *f);

/** Shapes t on unwrapped lines and measures min_width too: what automatic
 *  table columns are sized from. */
struct shape *shape_measure(struct fonts *f, struct arena *a, const struct doc_text *t,
			    enum font_role role);

/** Writes the run's n_glyphs glyphs into out, placed for a shape whose
 *  left edge is at x on a line whose baseline is at baseline, and returns
 *  how many. In a SHAPE_RUN_UNKNOWN run, glyph index 0 marks a character
 *  no font has (draw a box, or nothing). To draw whole texts use
 *  render_shape() (render.h), which also keeps the text in a PDF. */
uint32_t shape_run_glyphs(const struct shape *s, const struct shape_run *run, double x,
			  double baseline, cairo_glyph_t *out);

/** Height of lines [from, to): top of from to bottom of to - 1. */
float shape_lines_height(const struct shape *s, uint32_t from, uint32_t to);

#endif
