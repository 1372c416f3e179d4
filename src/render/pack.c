#include "render/pack.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "render/outfile.h"
#include "render/pdfpost.h"
#include "render/render.h"
#include "render/svgpost.h"

static void stage_end(struct pack_stats *st, enum pack_stage stage)
{
	if (st && st->stage_end)
		st->stage_end(st->user, stage);
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
static int write_pdf(struct layout_doc *ld, size_t release_from, const char *path,
		     struct pack_stats *st)
{
	struct strbuf raw = STRBUF_INIT, fixed = STRBUF_INIT;
	char *dir_end = strrchr(path, '/');
	if (dir_end)
		strbuf_addf(&raw, "%.*s/.%s.cairo", (int)(dir_end - path), path, dir_end + 1);
	else
		strbuf_addf(&raw, ".%s.cairo", path);
	strbuf_addf(&fixed, "%s.tmp%ld", path, (long)getpid());

	outfile_track(raw.buf);
	outfile_track(fixed.buf);
	int rc = render_pdf_releasing(ld, raw.buf, release_from);
	stage_end(st, PACK_STAGE_PDF);
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
		opt.producer = "boardpack (cairo)";
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
	stage_end(st, PACK_STAGE_PDF_FIX);
	struct stat sb;
	if (st && rc == 0 && stat(path, &sb) == 0)
		st->pdf_bytes = (size_t)sb.st_size;
	strbuf_release(&raw);
	strbuf_release(&fixed);
	return rc;
}

struct svg_writer {
	const struct layout_doc *ld;
	const char *dir;
};

/* One page: post-processed and written, then its memory reused. */
static int write_svg_page(size_t i, const unsigned char *data, size_t len, void *user)
{
	struct svg_writer *w = user;
	const struct layout_doc *ld = w->ld;
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
	return rc;
}

static int write_svgs(const struct layout_doc *ld, const char *dir, size_t from, size_t to)
{
	struct svg_writer w = { ld, dir };
	return render_svg_range(ld, from, to, write_svg_page, &w);
}

/* Whether this process runs one thread only. pango starts short-lived
 * threads of its own (fontconfig set-up, font sorting); a process forked
 * while one of them holds a lock could wait for it for ever. */
static bool single_threaded(void)
{
	DIR *d = opendir("/proc/self/task");
	if (!d)
		return false;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n == 1;
}

/* An SVG page costs about five times what a PDF page does (cairo writes
 * every glyph's outline into every page, and the post-processor reads
 * and writes each page again): the helper takes the last three fifths of
 * the pages, this process the PDF and the first two fifths. */
#define SVG_SHARE_HERE(n) ((n) * 2 / 5)

/* Starts a process writing SVG pages [from, ld->n_pages). Returns its
 * pid, or -1 when none was started (the caller writes every page). */
static pid_t start_svg_helper(const struct layout_doc *ld, const char *dir, size_t from)
{
	if (!single_threaded())
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* The helper: it ends with the process that started it. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	int rc = write_svgs(ld, dir, from, ld->n_pages);
	fflush(stderr);
	_exit(rc == 0 ? 0 : 1);
}

/* Waits for the helper; stop: end it first (this process failed).
 * Returns 0 when it wrote its pages. */
static int finish_svg_helper(pid_t pid, bool stop)
{
	if (stop)
		kill(pid, SIGTERM);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return error("cannot wait for the SVG pages: %s", strerror(errno));
	if (stop)
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		return error("the process writing SVG pages stopped with signal %d", WTERMSIG(status));
	return -1;  /* it has said why */
}

int pack_write(struct layout_doc *ld, const struct pack_output *out, struct pack_stats *st)
{
	if (st)
		st->pdf_bytes = 0;
	if (pack_mkdirs(out->dir) != 0)
		return -1;
	struct strbuf path = STRBUF_INIT, pages_dir = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s.pdf", out->dir, out->name);
	strbuf_addf(&pages_dir, "%s/%s", out->dir, out->name);
	int rc = 0;
	if (out->formats & (PACK_SVG | PACK_PNG))
		rc = pack_mkdirs(pages_dir.buf);
	size_t svg_here = ld->n_pages;
	pid_t helper = -1;
	if (rc == 0 && (out->formats & PACK_PDF) && (out->formats & PACK_SVG) &&
	    out->processes >= 2 && ld->n_pages >= 2) {
		helper = start_svg_helper(ld, pages_dir.buf, SVG_SHARE_HERE(ld->n_pages));
		if (helper > 0)
			svg_here = SVG_SHARE_HERE(ld->n_pages);
	}
	/* The PDF is drawn first; pages no SVG or PNG of this process draws
	 * afterwards are released as it goes. */
	size_t release_from = (out->formats & PACK_PNG) ? ld->n_pages
			      : (out->formats & PACK_SVG) ? svg_here : 0;
	if (rc == 0 && (out->formats & PACK_PDF))
		rc = write_pdf(ld, release_from, path.buf, st);
	if (rc == 0 && (out->formats & PACK_SVG))
		rc = write_svgs(ld, pages_dir.buf, 0, svg_here);
	if (helper > 0 && finish_svg_helper(helper, rc != 0) != 0)
		rc = -1;
	if (out->formats & PACK_SVG)
		stage_end(st, PACK_STAGE_SVG);
	if (rc == 0 && (out->formats & PACK_PNG)) {
		struct strbuf prefix = STRBUF_INIT;
		strbuf_addf(&prefix, "%s/page", pages_dir.buf);
		rc = render_png_files(ld, prefix.buf, out->png_dpi);
		strbuf_release(&prefix);
		stage_end(st, PACK_STAGE_PNG);
	}
	strbuf_release(&path);
	strbuf_release(&pages_dir);
	return rc;
}
