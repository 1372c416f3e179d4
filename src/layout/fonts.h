/** Fonts: boardpack's private fontconfig set-up and the pango objects every
 *  measurement and drawing goes through.
 *
 *  boardpack never asks the machine which fonts it has. fonts_init() loads
 *  fonts/fonts.conf (Liberation Sans from the fonts directory, with Noto
 *  fallbacks for other scripts, see docs/typesetting.md) into a fontconfig
 *  configuration of its own, makes it fontconfig's current configuration
 *  (so neither pango nor cairo loads the system one), and builds one pango
 *  font map and context on it at 72 dpi: one pango unit of size is one PDF
 *  point. Everything lives in struct fonts, which callers pass down; there
 *  is no hidden state. pango is not thread-safe: one struct fonts per
 *  thread.
 *
 *  The fonts directory is, in this order: the directory given to
 *  fonts_init(); $BOARDPACK_FONTS; <executable dir>/fonts;
 *  <executable dir>/../share/boardpack/fonts (installed); and fonts/ one,
 *  two or three directories above the executable's (a binary built in
 *  build/, build/asan/ or build/tests/ of a source tree). The first that
 *  holds a fonts.conf is used. fontconfig's scan of the font
 *  files is cached in $BOARDPACK_FONT_CACHE when set, else in
 *  $XDG_CACHE_HOME/boardpack/fontconfig (~/.cache/...); with neither
 *  writable the fonts are scanned on every run (about 0.1 s), silently. */
#ifndef BP_FONTS_H
#define BP_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/strmap.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

/** The text styles of a pack. Sizes are in points; see fonts.c for the
 *  table, and docs/typesetting.md. */
enum font_role {
	FONT_BODY,            /* paragraphs and lists */
	FONT_SMALL,           /* captions, notes, "continued" markers */
	FONT_TABLE,           /* table cells */
	FONT_TABLE_BOLD,      /* header cells, status labels, group rows */
	FONT_H1,
	FONT_H2,
	FONT_H3,
	FONT_TITLE,           /* cover title */
	FONT_SUBTITLE,
	FONT_FURNITURE,       /* running header and footer */
	FONT_FURNITURE_BOLD,  /* protective marking in header and footer */
	FONT_ROLE_COUNT
};

/** One font a shaped run uses, with what drawing it needs. Faces are
 *  collected as shaping meets them and live as long as struct fonts. */
struct fonts_face {
	PangoFont *font;              /* a reference held by struct fonts */
	cairo_scaled_font_t *scaled;  /* owned by font */
	float underline_position;     /* below the baseline, points (positive) */
	float underline_thickness;
};

struct fonts {
	FcConfig *config;
	PangoFontMap *map;
	PangoContext *context;
	PangoLayout *layout;            /* reused for every shaping */
	PangoFontDescription *desc[FONT_ROLE_COUNT];
	float size[FONT_ROLE_COUNT];    /* points */
	struct fonts_face *faces;
	size_t n_faces, cap_faces;
	size_t last_face;               /* lookup shortcut: runs repeat fonts */
	float *scratch;                 /* per-byte widths for measuring */
	size_t scratch_cap;
	char *dir;                      /* the fonts directory in use */
	size_t unknown_glyphs;          /* characters shaped with no font (layout_doc
					   counts from 0) */
	uint32_t first_unknown;         /* the first such character */
	struct strmap *shape_cache;     /* shapes of repeated texts while a
					   document is laid out (shape.h) */
	struct arena *shape_cache_arena;
};

/** Sets up fonts from dir, or from the search order above when dir is
 *  NULL. Reports through error() and returns -1 when no fonts directory or
 *  no Liberation Sans can be found; the struct is then released. */
int fonts_init(struct fonts *f, const char *dir);
void fonts_release(struct fonts *f);

/** Sets the language used to choose fonts and shaping rules (BCP 47, e.g.
 *  "en-GB"; NULL for en-GB). */
void fonts_set_language(struct fonts *f, const char *lang);

/** The index in f->faces of font, adding it when new. */
uint16_t fonts_face_index(struct fonts *f, PangoFont *font);

/** Characters of utf8 no font can show (counted as pango's unknown
 *  glyphs) when set in role: 0 means everything renders. */
int fonts_unknown_glyphs(struct fonts *f, enum font_role role, const char *utf8);

/** Writes into buf the family pango chose for the first character of utf8
 *  (for tests and diagnostics). Returns buf. */
char *fonts_family_for(struct fonts *f, enum font_role role, const char *utf8,
		       char *buf, size_t size);

#endif
