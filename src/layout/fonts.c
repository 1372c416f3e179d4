/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "layout/fonts.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/exedir.h"
#include "base/arena.h"
#include "base/diag.h"

#define BODY_FAMILY "Liberation Sans"

/* Sizes follow common council paper practice: 10 pt body, 8.5 pt dense
 * tables (the largest that fits six wrapped columns on landscape A4). */
static const struct {
	float size;
	PangoWeight weight;
	PangoStyle style;
} role_style[FONT_ROLE_COUNT] = {
	[FONT_BODY] = { 10.0f, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[FONT_SMALL] = { 8.0f, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
	[FONT_TABLE] = { 8.5f, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[FONT_TABLE_BOLD] = { 8.5f, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[FONT_H1] = { 16.0f, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[FONT_H2] = { 13.0f, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[FONT_H3] = { 11.0f, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[FONT_TITLE] = { 24.0f, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[FONT_SUBTITLE] = { 14.0f, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[FONT_FURNITURE] = { 8.0f, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[FONT_FURNITURE_BOLD] = { 8.0f, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
};

static bool has_conf(const char *dir)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/fonts.conf", dir);
	return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

/* dir as an absolute path: fontconfig reads a relative file name as
 * relative to its own configuration directory, not ours. */
static char *absolute(const char *dir)
{
	char *abs = realpath(dir, NULL);
	if (!abs) {
		error("cannot use fonts directory '%s': %s", dir, strerror(errno));
		return NULL;
	}
	char *copy = xstrdup(abs);
	free(abs);
	return copy;
}

static bool accept_fonts_dir(const char *dir, void *found)
{
	if (!has_conf(dir))
		return false;
	*(char **)found = absolute(dir);
	return true;
}

/* Finds the fonts directory; returns a malloc'd absolute path or NULL
 * (reported). */
static char *find_dir(const char *given)
{
	if (given) {
		if (has_conf(given))
			return absolute(given);
		error("no fonts.conf in fonts directory '%s'", given);
		return NULL;
	}
	const char *env = getenv("BOARDPACK_FONTS");
	if (env && *env) {
		if (has_conf(env))
			return absolute(env);
		error("no fonts.conf in BOARDPACK_FONTS directory '%s'", env);
		return NULL;
	}
	char *found = NULL;
	if (exe_data_dir_search("fonts", accept_fonts_dir, &found))
		return found;
	char exe[PATH_MAX];
	exe_dir(exe, sizeof exe);
	error("cannot find boardpack's fonts directory (looked in '%s/fonts', "
	      "'%s/../share/boardpack/fonts' and fonts/ in the directories above); set "
	      "BOARDPACK_FONTS to the directory holding fonts.conf", exe, exe);
	return NULL;
}

/* Adds $BOARDPACK_FONT_CACHE as the first cache directory. */
static int add_cache_dir(FcConfig *config)
{
	const char *dir = getenv("BOARDPACK_FONT_CACHE");
	if (!dir || !*dir)
		return 0;
	GString *xml = g_string_new("<fontconfig><cachedir>");
	for (const char *p = dir; *p; p++) {
		switch (*p) {
		case '&': g_string_append(xml, "&amp;"); break;
		case '<': g_string_append(xml, "&lt;"); break;
		case '>': g_string_append(xml, "&gt;"); break;
		default: g_string_append_c(xml, *p);
		}
	}
	g_string_append(xml, "</cachedir></fontconfig>");
	FcBool ok = FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)xml->str, FcTrue);
	g_string_free(xml, TRUE);
	if (!ok)
		return error("cannot use BOARDPACK_FONT_CACHE '%s' as a font cache", dir);
	return 0;
}

static bool has_family(FcConfig *config, const char *family)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, (char *)NULL);
	FcFontSet *fs = FcFontList(config, pat, os);
	bool found = fs && fs->nfont > 0;
	if (fs)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return found;
}

int fonts_init(struct fonts *f, const char *dir)
{
	memset(f, 0, sizeof *f);
	f->dir = find_dir(dir);
	if (!f->dir)
		return -1;

	char conf[PATH_MAX + 16];
	snprintf(conf, sizeof conf, "%s/fonts.conf", f->dir);
	f->config = FcConfigCreate();
	if (!f->config)
		die_oom(0);
	if (add_cache_dir(f->config) < 0)
		goto fail;
	if (!FcConfigParseAndLoad(f->config, (const FcChar8 *)conf, FcTrue)) {
		error("cannot load font configuration '%s'", conf);
		goto fail;
	}
	if (!FcConfigBuildFonts(f->config)) {
		error("cannot read the fonts of '%s'", f->dir);
		goto fail;
	}
	if (!has_family(f->config, BODY_FAMILY)) {
		error("no %s font in '%s'", BODY_FAMILY, f->dir);
		goto fail;
	}
	/* pango's font map reads the current configuration, and starts a
	 * thread that loads the system one unless a current one is set:
	 * setting ours first means the machine's fonts are never read. */
	if (!FcConfigSetCurrent(f->config)) {
		error("cannot activate the font configuration '%s'", conf);
		goto fail;
	}

	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!f->map) {
		error("pango has no FreeType font support");
		goto fail;
	}
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
	f->context = pango_font_map_create_context(f->map);
	/* Unhinted metrics and unrounded positions: text measures the same
	 * for PDF, SVG and PNG, at any scale. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(f->context, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(f->context, FALSE);
	pango_context_set_base_dir(f->context, PANGO_DIRECTION_LTR);
	fonts_set_language(f, NULL);

	for (int r = 0; r < FONT_ROLE_COUNT; r++) {
		PangoFontDescription *d = pango_font_description_new();
		pango_font_description_set_family_static(d, BODY_FAMILY);
		pango_font_description_set_absolute_size(d, role_style[r].size * PANGO_SCALE);
		pango_font_description_set_weight(d, role_style[r].weight);
		pango_font_description_set_style(d, role_style[r].style);
		f->desc[r] = d;
		f->size[r] = role_style[r].size;
	}
	f->layout = pango_layout_new(f->context);
	return 0;

fail:
	fonts_release(f);
	return -1;
}

void fonts_release(struct fonts *f)
{
	for (size_t i = 0; i < f->n_faces; i++)
		g_object_unref(f->faces[i].font);
	free(f->faces);
	free(f->scratch);
	if (f->layout)
		g_object_unref(f->layout);
	for (int r = 0; r < FONT_ROLE_COUNT; r++)
		if (f->desc[r])
			pango_font_description_free(f->desc[r]);
	if (f->context)
		g_object_unref(f->context);
	if (f->map)
		g_object_unref(f->map);
	if (f->config)
		FcConfigDestroy(f->config);
	free(f->dir);
	memset(f, 0, sizeof *f);
}

void fonts_set_language(struct fonts *f, const char *lang)
{
	pango_context_set_language(f->context,
				   pango_language_from_string(lang && *lang ? lang : "en-GB"));
}

uint16_t fonts_face_index(struct fonts *f, PangoFont *font)
{
	if (f->last_face < f->n_faces && f->faces[f->last_face].font == font)
		return (uint16_t)f->last_face;
	for (size_t i = 0; i < f->n_faces; i++) {
		if (f->faces[i].font == font) {
			f->last_face = i;
			return (uint16_t)i;
		}
	}
	if (f->n_faces >= UINT16_MAX)
		BUG("more than %d fonts in one document", UINT16_MAX);
	if (f->n_faces == f->cap_faces) {
		f->cap_faces = f->cap_faces ? f->cap_faces * 2 : 16;
		f->faces = xrealloc(f->faces, f->cap_faces, sizeof *f->faces);
	}
	struct fonts_face *face = &f->faces[f->n_faces];
	face->font = g_object_ref(font);
	face->scaled = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
	PangoFontMetrics *m = pango_font_get_metrics(font, NULL);
	face->underline_position = -(float)pango_font_metrics_get_underline_position(m) / PANGO_SCALE;
	face->underline_thickness = (float)pango_font_metrics_get_underline_thickness(m) / PANGO_SCALE;
	if (face->underline_thickness <= 0.0f)
		face->underline_thickness = 0.5f;
	pango_font_metrics_unref(m);
	f->last_face = f->n_faces;
	return (uint16_t)f->n_faces++;
}

int fonts_unknown_glyphs(struct fonts *f, enum font_role role, const char *utf8)
{
	PangoLayout *l = pango_layout_new(f->context);
	pango_layout_set_font_description(l, f->desc[role]);
	pango_layout_set_text(l, utf8, -1);
	int n = pango_layout_get_unknown_glyphs_count(l);
	g_object_unref(l);
	return n;
}

char *fonts_family_for(struct fonts *f, enum font_role role, const char *utf8,
		       char *buf, size_t size)
{
	PangoLayout *l = pango_layout_new(f->context);
	pango_layout_set_font_description(l, f->desc[role]);
	pango_layout_set_text(l, utf8, -1);
	buf[0] = '\0';
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
	if (run) {
		PangoFontDescription *d = pango_font_describe(run->item->analysis.font);
		snprintf(buf, size, "%s", pango_font_description_get_family(d));
		pango_font_description_free(d);
	}
	pango_layout_iter_free(it);
	g_object_unref(l);
	return buf;
}
