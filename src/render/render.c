/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "render/render.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "base/arena.h"
#include "base/diag.h"
#include "render/draw.h"
#include "render/outfile.h"

#define PNG_DPI_MIN 18.0
#define PNG_DPI_MAX 600.0

/* ---- the surfaces ---- */

static cairo_surface_t *create_pdf(cairo_write_func_t write, void *closure, double w, double h,
				   double scale)
{
	(void)scale;
	return cairo_pdf_surface_create_for_stream(write, closure, w, h);
}

static cairo_surface_t *create_svg(cairo_write_func_t write, void *closure, double w, double h,
				   double scale)
{
	(void)scale;
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write, closure, w, h);
	/* Points, so a page pasted into a report keeps its size. */
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
		cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
	return s;
}

static cairo_surface_t *create_png(cairo_write_func_t write, void *closure, double w, double h,
				   double scale)
{
	(void)write;
	(void)closure;
	return cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w * scale),
					  (int)ceil(h * scale));
}

static cairo_status_t emit_png(cairo_surface_t *s, cairo_write_func_t write, void *closure)
{
	return cairo_surface_write_to_png_stream(s, write, closure);
}

const struct render_surface_kind render_surfaces[RENDER_FORMAT_COUNT] = {
	[RENDER_PDF] = { "pdf", ".pdf", true, true, create_pdf, NULL },
	[RENDER_SVG] = { "svg", ".svg", false, false, create_svg, NULL },
	[RENDER_PNG] = { "png", ".png", false, false, create_png, emit_png },
};

/* ---- buffers, names, dates ---- */

void render_buffer_release(struct render_buffer *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

cairo_status_t render_buffer_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct render_buffer *b = closure;
	if (b->len + length > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64 * 1024;
		while (cap < b->len + length)
			cap *= 2;
		b->data = xrealloc(b->data, cap, 1);
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, length);
	b->len += length;
	return CAIRO_STATUS_SUCCESS;
}

char *render_page_path(char *buf, size_t size, const char *prefix, size_t i, size_t n,
		       const char *ext)
{
	size_t width = 2;
	for (size_t m = n; m >= 100; m /= 10)
		width++;
	char num[24], pad[24];
	snprintf(num, sizeof num, "%zu", i + 1);
	size_t zeros = strlen(num) < width ? width - strlen(num) : 0;
	memset(pad, '0', zeros);
	pad[zeros] = '\0';
	int len = snprintf(buf, size, "%s-%s%s%s", prefix, pad, num, ext);
	return len < 0 || (size_t)len >= size ? NULL : buf;
}

/* Numbers in PDF, SVG and cairo's tag attributes need a '.' decimal
 * point: rendering runs in the C numeric locale on this thread. */
struct numeric_c {
	locale_t c, old;
};

static void numeric_c_begin(struct numeric_c *g)
{
	g->old = (locale_t)0;
	locale_t base = duplocale(LC_GLOBAL_LOCALE);
	g->c = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
	if (!g->c && base)
		freelocale(base);
	if (g->c)
		g->old = uselocale(g->c);
}

static void numeric_c_end(struct numeric_c *g)
{
	if (g->c) {
		uselocale(g->old);
		freelocale(g->c);
	}
}

static int cairo_failed(cairo_status_t st, const char *what, const int *write_errno)
{
	if (st == CAIRO_STATUS_WRITE_ERROR && write_errno && *write_errno)
		return error("cannot write '%s': %s", what, strerror(*write_errno));
	return error("cannot write '%s': %s", what, cairo_status_to_string(st));
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The document's date as cairo wants it; false when there is none. */
static bool pdf_date(const struct doc *d, char *buf, size_t size)
{
	int y = d->year, m = d->month, day = d->day;
	if (y || m || day) {
		if (y < 1900 || y > 9999 || m < 1 || m > 12 || day < 1 || day > 31) {
			warning("document date %04d-%02d-%02d is not a date; not written", y, m, day);
			return false;
		}
	} else {
		const char *epoch = getenv("SOURCE_DATE_EPOCH");
		if (!epoch || !*epoch)
			return false;
		char *end;
		errno = 0;
		long long secs = strtoll(epoch, &end, 10);
		if (errno || *end || secs < 0) {
			warning("SOURCE_DATE_EPOCH '%s' is not a number of seconds; ignored", epoch);
			return false;
		}
		civil_from_days(secs / 86400, &y, &m, &day);
		long long rest = secs % 86400;
		snprintf(buf, size, "%04d-%02d-%02dT%02lld:%02lld:%02lld", y, m, day, rest / 3600,
			 rest / 60 % 60, rest % 60);
		return true;
	}
	snprintf(buf, size, "%04d-%02d-%02dT00:00:00", y, m, day);
	return true;
}

static void set_metadata(cairo_surface_t *s, const struct doc *d)
{
	if (d->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	if (d->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, d->author);
	if (d->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, d->subject);
	if (d->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, d->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
				       d->creator ? d->creator : "boardpack");
	char date[32];
	if (pdf_date(d, date, sizeof date)) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
}

/* Bookmarks, nested as the headings are. */
static void add_outline(cairo_surface_t *s, const struct layout_doc *ld)
{
	int parent[4] = { CAIRO_PDF_OUTLINE_ROOT, -1, -1, -1 };
	GString *attr = g_string_new(NULL);
	for (size_t i = 0; i < ld->n_outline; i++) {
		const struct layout_outline *o = &ld->outline[i];
		int level = o->level < 1 ? 1 : o->level > 3 ? 3 : o->level;
		int up = level - 1;
		while (up > 0 && parent[up] < 0)
			up--;
		g_string_truncate(attr, 0);
		g_string_append(attr, "dest=");
		draw_attr_quoted(attr, o->dest);
		int id = cairo_pdf_surface_add_outline(s, parent[up], o->title, attr->str,
						       level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		parent[level] = id;
		for (int k = level + 1; k < 4; k++)
			parent[k] = -1;
	}
	g_string_free(attr, TRUE);
}

/* ---- PDF ---- */

/* Pages from release_from on are released as soon as they are drawn
 * (ld is then changed: see render_pdf_releasing); ld->n_pages keeps all. */
static int pdf_stream(struct layout_doc *ld, size_t release_from, cairo_write_func_t write,
		      void *closure, const char *what, const int *write_errno)
{
	if (ld->n_pages == 0)
		BUG("a layout without pages");
	const struct render_surface_kind *k = &render_surfaces[RENDER_PDF];
	struct numeric_c loc;
	numeric_c_begin(&loc);
	cairo_surface_t *s = k->create(write, closure, ld->pages[0].width, ld->pages[0].height, 1);
	cairo_status_t st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		numeric_c_end(&loc);
		return cairo_failed(st, what, write_errno);
	}
	set_metadata(s, ld->doc);
	cairo_t *cr = cairo_create(s);
	struct draw_ctx dc;
	draw_init(&dc, ld, NULL, cr, true);
	draw_tag_begin(&dc, "Document", NULL);
	for (size_t i = 0; i < ld->n_pages && st == CAIRO_STATUS_SUCCESS; i++) {
		const struct layout_page *p = &ld->pages[i];
		/* cairo 1.16 aborts at finish when a page's size is set after a
		 * tag was opened on that page: set it straight after
		 * cairo_show_page(), and not at all for the first page (the
		 * surface was made at its size, before the Document tag). */
		if (i > 0)
			cairo_pdf_surface_set_size(s, p->width, p->height);
		draw_page(&dc, p);
		if (i + 1 == ld->n_pages)
			draw_tag_end(&dc, "Document");
		cairo_show_page(cr);
		st = cairo_status(cr);
		if (i >= release_from)
			layout_release_page(ld, i);
	}
	if (st == CAIRO_STATUS_SUCCESS) {
		tagstack_finish(&dc.tags);
		add_outline(s, ld);
	}
	draw_release(&dc);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	numeric_c_end(&loc);
	if (st != CAIRO_STATUS_SUCCESS)
		return cairo_failed(st, what, write_errno);
	return 0;
}

int render_pdf_stream(const struct layout_doc *ld, cairo_write_func_t write, void *closure,
		      const char *what)
{
	/* Nothing is released: the layout is not changed. */
	return pdf_stream((struct layout_doc *)ld, ld->n_pages, write, closure, what, NULL);
}

int render_pdf(const struct layout_doc *ld, const char *path)
{
	return render_pdf_releasing((struct layout_doc *)ld, path, ld->n_pages);
}

int render_pdf_releasing(struct layout_doc *ld, const char *path, size_t release_from)
{
	struct outfile of;
	if (outfile_open(&of, path) < 0)
		return -1;
	if (pdf_stream(ld, release_from, outfile_cairo_write, &of, path, &of.err) < 0) {
		outfile_abort(&of);
		return -1;
	}
	return outfile_commit(&of);
}

/* ---- pages as pictures ---- */

static int page_stream(const struct layout_doc *ld, size_t page, enum render_format fmt,
		       double dpi, cairo_write_func_t write, void *closure, const char *what,
		       const int *write_errno)
{
	if (fmt == RENDER_PDF || fmt >= RENDER_FORMAT_COUNT)
		BUG("render_page for format %d", (int)fmt);
	if (page >= ld->n_pages)
		BUG("page %zu of %zu", page, ld->n_pages);
	if (fmt == RENDER_PNG && (!(dpi >= PNG_DPI_MIN) || dpi > PNG_DPI_MAX))
		return error("PNG resolution %g dpi is outside %g to %g", dpi, PNG_DPI_MIN,
			     PNG_DPI_MAX);
	const struct render_surface_kind *k = &render_surfaces[fmt];
	const struct layout_page *p = &ld->pages[page];
	double scale = fmt == RENDER_PNG ? dpi / 72.0 : 1.0;
	struct numeric_c loc;
	numeric_c_begin(&loc);
	cairo_surface_t *s = k->create(write, closure, p->width, p->height, scale);
	cairo_status_t st = cairo_surface_status(s);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_t *cr = cairo_create(s);
		if (fmt == RENDER_PNG) {
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_paint(cr);
			cairo_scale(cr, scale, scale);
		}
		struct draw_ctx dc;
		draw_init(&dc, ld, NULL, cr, false);
		draw_page(&dc, p);
		draw_release(&dc);
		st = cairo_status(cr);
		cairo_destroy(cr);
		if (st == CAIRO_STATUS_SUCCESS && k->emit)
			st = k->emit(s, write, closure);
		cairo_surface_finish(s);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(s);
	}
	cairo_surface_destroy(s);
	numeric_c_end(&loc);
	if (st != CAIRO_STATUS_SUCCESS)
		return cairo_failed(st, what, write_errno);
	return 0;
}

int render_page(const struct layout_doc *ld, size_t page, enum render_format fmt, double dpi,
		cairo_write_func_t write, void *closure, const char *what)
{
	return page_stream(ld, page, fmt, dpi, write, closure, what, NULL);
}

int render_svg_pages(const struct layout_doc *ld, struct render_buffer *pages)
{
	for (size_t i = 0; i < ld->n_pages; i++)
		memset(&pages[i], 0, sizeof pages[i]);
	for (size_t i = 0; i < ld->n_pages; i++) {
		char what[64];
		snprintf(what, sizeof what, "SVG of page %zu", i + 1);
		if (page_stream(ld, i, RENDER_SVG, 72, render_buffer_write, &pages[i], what, NULL) < 0) {
			for (size_t k = 0; k < ld->n_pages; k++)
				render_buffer_release(&pages[k]);
			return -1;
		}
	}
	return 0;
}

int render_svg_each(const struct layout_doc *ld, render_page_fn fn, void *user)
{
	return render_svg_range(ld, 0, ld->n_pages, fn, user);
}

int render_svg_range(const struct layout_doc *ld, size_t from, size_t to, render_page_fn fn,
		     void *user)
{
	struct render_buffer buf = { 0 };
	int rc = 0;
	if (to > ld->n_pages)
		to = ld->n_pages;
	for (size_t i = from; i < to && rc == 0; i++) {
		char what[64];
		snprintf(what, sizeof what, "SVG of page %zu", i + 1);
		buf.len = 0;
		rc = page_stream(ld, i, RENDER_SVG, 72, render_buffer_write, &buf, what, NULL);
		if (rc == 0 && fn(i, buf.data, buf.len, user) != 0)
			rc = -1;
	}
	render_buffer_release(&buf);
	return rc;
}

static int page_files(const struct layout_doc *ld, const char *prefix, enum render_format fmt,
		      double dpi)
{
	const char *ext = render_surfaces[fmt].ext;
	size_t size = strlen(prefix) + strlen(ext) + 32;
	char *path = xmalloc(size);
	int rc = 0;
	for (size_t i = 0; i < ld->n_pages && rc == 0; i++) {
		render_page_path(path, size, prefix, i, ld->n_pages, ext);
		struct outfile of;
		if (outfile_open(&of, path) < 0) {
			rc = -1;
			break;
		}
		if (page_stream(ld, i, fmt, dpi, outfile_cairo_write, &of, path, &of.err) < 0) {
			outfile_abort(&of);
			rc = -1;
			break;
		}
		rc = outfile_commit(&of);
	}
	free(path);
	return rc;
}

int render_svg_files(const struct layout_doc *ld, const char *prefix)
{
	return page_files(ld, prefix, RENDER_SVG, 72);
}

int render_png_files(const struct layout_doc *ld, const char *prefix, double dpi)
{
	return page_files(ld, prefix, RENDER_PNG, dpi);
}

void render_shape(cairo_t *cr, const struct fonts *f, const struct shape *s, uint32_t from,
		  uint32_t to, double x, double y)
{
	if (to > s->n_lines)
		to = s->n_lines;
	struct draw_ctx dc;
	draw_init(&dc, NULL, f, cr, false);
	draw_lines(&dc, s, from, to, x, y, -1, 0);
	draw_release(&dc);
}
