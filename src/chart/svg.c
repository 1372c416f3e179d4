/* A chart as a standalone SVG: drawn by cairo into memory, given its
 * accessible name and description and per-file ids by svgpost, written
 * through a temporary file. Sized in points so Word places it at the size
 * it has in the pack. */
#include <cairo-svg.h>

#include "base/diag.h"
#include "chart/internal.h"
#include "render/outfile.h"
#include "render/svgpost.h"

static int cairo_failed(const char *what, cairo_status_t st)
{
	return error("cannot draw chart '%s' as SVG: %s", what, cairo_status_to_string(st));
}

int chart_svg(const struct chart *c, const char *id_prefix, struct svgpost_buffer *out)
{
	const char *name = c->title ? c->title : "chart";
	struct svgpost_buffer raw = { 0 };
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(svgpost_buffer_write, &raw,
								 c->width, c->height);
	cairo_status_t st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		svgpost_buffer_release(&raw);
		return cairo_failed(name, st);
	}
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
	cairo_t *cr = cairo_create(s);
	chart_draw(cr, c->width, c->height, (void *)c);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		svgpost_buffer_release(&raw);
		return cairo_failed(name, st);
	}
	struct svgpost_options opt = { id_prefix, name, c->alt };
	int rc = svgpost_fix(raw.data, raw.len, &opt, out);
	svgpost_buffer_release(&raw);
	return rc;
}

int chart_write_svg(const struct chart *c, const char *path, const char *id_prefix)
{
	struct svgpost_buffer svg = { 0 };
	if (chart_svg(c, id_prefix, &svg) < 0)
		return -1;
	int rc = outfile_write_file(path, svg.data, svg.len);
	svgpost_buffer_release(&svg);
	return rc;
}
