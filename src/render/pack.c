#include "render/pack.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "render/outfile.h"
#include "render/pdfpost.h"
#include "render/render.h"
#include "render/svgpost.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int pack_mkdirs(const char *dir)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			error("cannot create directory '%s': %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = 0;
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		error("cannot create directory '%s': %s", p, strerror(errno));
		rc = -1;
	}
	free(p);
	return rc;
}

/* cairo's PDF goes to a hidden file beside the target; the post-processor
 * reads it and writes the target's temporary file, which is renamed into
 * place. */
static int write_pdf(const struct layout_doc *ld, const char *path, struct pack_stats *st)
{
	struct strbuf raw = STRBUF_INIT, fixed = STRBUF_INIT;
	char *dir_end = strrchr(path, '/');
	if (dir_end)
		strbuf_addf(&raw, "%.*s/.%s.cairo", (int)(dir_end - path), path, dir_end + 1);
	else
		strbuf_addf(&raw, ".%s.cairo", path);
	strbuf_addf(&fixed, "%s.tmp%ld", path, (long)getpid());

	double t0 = now();
	outfile_track(raw.buf);
	outfile_track(fixed.buf);
	int rc = render_pdf(ld, raw.buf);
	double t1 = now();
	if (rc == 0) {
		enum pdfpost_scope *scopes = NULL;
		if (ld->n_th) {
			scopes = xcalloc(ld->n_th, sizeof *scopes);
			for (size_t i = 0; i < ld->n_th; i++)
				scopes[i] = ld->th_scopes[i] == LAYOUT_SCOPE_ROW ? PDFPOST_SCOPE_ROW
										 : PDFPOST_SCOPE_COLUMN;
		}
		struct pdfpost_options opt;
		memset(&opt, 0, sizeof opt);
		opt.lang = ld->doc->lang ? ld->doc->lang : "en-GB";
		opt.title = ld->doc->title;
		opt.author = ld->doc->author;
		opt.subject = ld->doc->subject;
		opt.keywords = ld->doc->keywords;
		opt.creator = "boardpack";
		opt.producer = "boardpack (cairo, qpdf)";
		opt.figure_alts = ld->figure_alts;
		opt.figure_alt_count = ld->n_figures;
		opt.th_scope = PDFPOST_SCOPE_COLUMN;
		opt.th_scopes = scopes;
		opt.th_scope_count = scopes ? ld->n_th : 0;
		struct pdfpost_stats ps;
		rc = pdfpost_fix(raw.buf, fixed.buf, &opt, &ps);
		free(scopes);
		unlink(raw.buf);
		if (rc == 0 && rename(fixed.buf, path) != 0) {
			rc = error("cannot write '%s': %s", path, strerror(errno));
			unlink(fixed.buf);
		}
	}
	unlink(fixed.buf);
	outfile_untrack(raw.buf);
	outfile_untrack(fixed.buf);
	double t2 = now();
	if (st) {
		st->render_seconds += t1 - t0;
		st->post_seconds += t2 - t1;
		struct stat sb;
		if (rc == 0 && stat(path, &sb) == 0)
			st->pdf_bytes = (size_t)sb.st_size;
	}
	strbuf_release(&raw);
	strbuf_release(&fixed);
	return rc;
}

struct svg_writer {
	const struct layout_doc *ld;
	const char *dir;
	double post_seconds;
};

/* One page: post-processed and written, then its memory reused. */
static int write_svg_page(size_t i, const unsigned char *data, size_t len, void *user)
{
	struct svg_writer *w = user;
	const struct layout_doc *ld = w->ld;
	double t0 = now();
	char prefix[32], path_buf[4096];
	snprintf(prefix, sizeof prefix, "p%zu", i + 1);
	struct strbuf title = STRBUF_INIT, base = STRBUF_INIT;
	strbuf_addf(&title, "%s, page %zu of %zu", ld->doc->title ? ld->doc->title : "Board pack",
		    i + 1, ld->n_pages);
	strbuf_addf(&base, "%s/page", w->dir);
	struct svgpost_options opt = { prefix, title.buf, ld->doc->subject };
	struct svgpost_buffer out = { NULL, 0, 0 };
	int rc = svgpost_fix(data, len, &opt, &out);
	if (rc == 0) {
		if (!render_page_path(path_buf, sizeof path_buf, base.buf, i, ld->n_pages, ".svg"))
			rc = error("output path too long in '%s'", w->dir);
		else
			rc = outfile_write_file(path_buf, out.data, out.len);
	}
	svgpost_buffer_release(&out);
	strbuf_release(&title);
	strbuf_release(&base);
	w->post_seconds += now() - t0;
	return rc;
}

static int write_svgs(const struct layout_doc *ld, const char *dir, struct pack_stats *st)
{
	struct svg_writer w = { ld, dir, 0 };
	double t0 = now();
	int rc = render_svg_each(ld, write_svg_page, &w);
	if (st) {
		st->render_seconds += now() - t0 - w.post_seconds;
		st->post_seconds += w.post_seconds;
	}
	return rc;
}

int pack_write(const struct layout_doc *ld, const struct pack_output *out, struct pack_stats *st)
{
	if (st)
		memset(st, 0, sizeof *st);
	if (pack_mkdirs(out->dir) != 0)
		return -1;
	struct strbuf path = STRBUF_INIT, pages_dir = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s.pdf", out->dir, out->name);
	strbuf_addf(&pages_dir, "%s/%s", out->dir, out->name);
	int rc = 0;
	if (out->formats & PACK_PDF)
		rc = write_pdf(ld, path.buf, st);
	if (rc == 0 && (out->formats & (PACK_SVG | PACK_PNG)))
		rc = pack_mkdirs(pages_dir.buf);
	if (rc == 0 && (out->formats & PACK_SVG))
		rc = write_svgs(ld, pages_dir.buf, st);
	if (rc == 0 && (out->formats & PACK_PNG)) {
		struct strbuf prefix = STRBUF_INIT;
		strbuf_addf(&prefix, "%s/page", pages_dir.buf);
		rc = render_png_files(ld, prefix.buf, out->png_dpi);
		strbuf_release(&prefix);
	}
	strbuf_release(&path);
	strbuf_release(&pages_dir);
	return rc;
}
