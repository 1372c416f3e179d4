/* Tests of the typesetting engine's render half: a synthetic sample pack
 * rendered as PDF, SVG and PNG; byte-identical repeat runs; output files
 * that appear whole or not at all; the checked tag stack.
 *
 * With BOARDPACK_TYPESET_OUT set to a directory, the sample is also left
 * there (sample.pdf, sample-NN.svg, sample-NN.png and sample.counts) for
 * tests/cli/typeset.sh to inspect with poppler, qpdf and xmllint. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/doc.h"
#include "layout/layout.h"
#include "render/outfile.h"
#include "render/render.h"
#include "render/tagstack.h"
#include "unit.h"
#include "unit_files.h"

static struct fonts fonts;
static char tmpdir[] = "/tmp/bp-render-XXXXXX";

/* A child that dies on purpose keeps everything it allocated; the leak
 * checker of sanitizer builds asks this before checking at exit. */
static int dying_child;
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return dying_child;
}

/* ---- files ---- */

static char *path_in(struct arena *a, const char *dir, const char *name)
{
	return arena_printf(a, "%s/%s", dir, name);
}

static bool same_file(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	unsigned char *x = (unsigned char *)unit_slurp(a, &la), *y = (unsigned char *)unit_slurp(b, &lb);
	bool same = x && y && la == lb && la > 0 && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

/* Files in dir whose names start with '.': temporary outputs. */
static size_t hidden_files(const char *dir)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	if (d)
		closedir(d);
	return n;
}

/* ---- the sample pack ---- */

struct chart_data {
	const struct shape *label;
};

/* A small bar chart, its label drawn with render_shape() as charts do. */
static void draw_chart(cairo_t *cr, double w, double h, void *user)
{
	const struct chart_data *cd = user;
	static const double values[] = { 12, 7, 3, 2 };
	static const uint32_t colours[] = { 0x00B050, 0xFFC000, 0xC00000, 0x0070C0 };
	double bw = w / 6;
	for (int i = 0; i < 4; i++) {
		double bh = (h - 30) * values[i] / 12;
		cairo_set_source_rgb(cr, (colours[i] >> 16) / 255.0, ((colours[i] >> 8) & 0xFF) / 255.0,
				     (colours[i] & 0xFF) / 255.0);
		cairo_rectangle(cr, 20 + i * 1.3 * bw, h - 20 - bh, bw, bh);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	render_shape(cr, &fonts, cd->label, 0, cd->label->n_lines, 20, h - 16);
}

static void write_logo(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 240, 80);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.12, 0.22, 0.39);
	cairo_rectangle(cr, 0, 0, 240, 80);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_arc(cr, 40, 40, 25, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png(s, path);
	cairo_surface_destroy(s);
}

static struct doc *sample(struct arena *a, const char *logo, struct chart_data *cd)
{
	struct doc *d = arena_new(a, struct doc);
	doc_init(d, a);
	d->title = "Synthetic Council Children's Services Improvement Plan";
	d->subject = "Improvement Board pack";
	d->author = "Performance and Improvement Team";
	d->keywords = "improvement plan, board pack";
	d->lang = "en-GB";
	d->marking = "OFFICIAL-SENSITIVE";
	d->as_at = "30 Sep 2023";
	d->version = "3.0";
	d->year = 2023;
	d->month = 9;
	d->day = 30;

	struct doc_section *cover = doc_add_section(d, DOC_PORTRAIT);
	struct doc_image *im = doc_add_image(cover, logo, 120, "Synthetic Council logo");
	im->align = DOC_ALIGN_RIGHT;
	struct doc_paragraph *t = doc_add_paragraph(cover, doc_text_plain(a, "Improvement Board pack"));
	t->role = DOC_PARA_TITLE;
	struct doc_panel *panel = doc_add_panel(cover);
	doc_panel_add(panel, doc_text_plain(a, "Board"), doc_text_plain(a, "Improvement Board"));
	doc_panel_add(panel, doc_text_plain(a, "Position as at"), doc_text_plain(a, "30 Sep 2023"));
	doc_add_contents(cover, 2);

	struct doc_section *s = doc_add_section(d, DOC_PORTRAIT);
	doc_add_heading(s, 1, doc_text_plain(a, "Summary at a glance"), "summary");
	struct doc_text *p = doc_text_new(a);
	doc_text_add(p, "Most actions are ", 0);
	doc_text_add(p, "on track", DOC_BOLD);
	doc_text_add(p, "; see ", 0);
	doc_text_add_ref(p, "action 1.3", 0, "action-1.3");
	doc_text_add(p, " for the one that is ", 0);
	doc_text_add(p, "overdue", DOC_ITALIC);
	doc_text_add(p, ", and the ", 0);
	doc_text_add_link(p, "published inspection report", 0, "https://reports.ofsted.gov.uk/");
	doc_text_add(p, ". Families told us in their own languages: "
		     "\u0986\u09AE\u09BE\u09A6\u09C7\u09B0 \u0995\u09A5\u09BE \u09B6\u09C1\u09A8\u09C1\u09A8, "
		     "\u542C\u53D6\u6211\u4EEC\u7684\u610F\u89C1, "
		     "\u06C1\u0645\u0627\u0631\u06CC \u0628\u0627\u062A \u0633\u0646\u06CC\u06BA, "
		     "\u0A38\u0A3E\u0A21\u0A40 \u0A17\u0A71\u0A32 \u0A38\u0A41\u0A23\u0A4B, "
		     "Guh bidin me, Pos\u0142uchaj nas, Bizi dinleyin.", 0);
	doc_add_paragraph(s, p);
	struct doc_list *l = doc_add_list(s);
	doc_list_add(l, 0, doc_text_plain(a, "Practice quality is improving"));
	doc_list_add(l, 1, doc_text_plain(a, "Audits rated good rose from 31% to 48%"));
	doc_list_add(l, 0, doc_text_plain(a, "Caseloads remain high in two teams"));
	struct doc_figure *fig = doc_add_figure(s, 320, 160, draw_chart, cd,
						"Bar chart: 12 actions on track, 7 at risk, 3 overdue, 2 complete");
	fig->caption = doc_text_plain(a, "Figure 1: actions by status");

	struct doc_section *land = doc_add_section(d, DOC_LANDSCAPE);
	doc_add_heading(land, 1, doc_text_plain(a, "Action plan"), "plan");
	doc_add_heading(land, 2, doc_text_plain(a, "Priority 1: practice"), NULL);
	struct doc_table *tb = doc_add_table(land, 6);
	static const char *const head[] = { "Ref", "Action", "Lead", "Due", "Status", "Update" };
	static const enum doc_width_kind kind[] = { DOC_WIDTH_AUTO, DOC_WIDTH_FR, DOC_WIDTH_AUTO,
						    DOC_WIDTH_FIXED, DOC_WIDTH_AUTO, DOC_WIDTH_FR };
	static const double val[] = { 0, 3, 0, 54, 0, 4 };
	for (int i = 0; i < 6; i++)
		doc_table_column(tb, (size_t)i, kind[i], val[i], doc_text_plain(a, head[i]));
	tb->cols[0].row_header = true;
	tb->caption = doc_text_plain(a, "Actions and their status");
	const struct doc_status *st[] = { doc_status_new(d, "On track", 0x00B050),
					  doc_status_new(d, "At risk", 0xFFC000),
					  doc_status_new(d, "Overdue", 0xC00000),
					  doc_status_new(d, "Complete", 0x0070C0) };
	for (int i = 0; i < 40; i++) {
		if (i == 20)
			doc_table_add_group(tb, doc_text_plain(a, "Priority 2: partnership"));
		struct doc_row *r = doc_table_add_row(tb);
		char *ref = arena_printf(a, "%d.%d", i < 20 ? 1 : 2, i % 20 + 1);
		r->cells[0].text = doc_text_plain(a, ref);
		r->cells[0].anchor = arena_printf(a, "action-%s", ref);
		r->cells[1].text = doc_text_plain(a, "Audit a sample of children's case files each month and "
						  "feed the findings back to teams & managers");
		r->cells[2].text = doc_text_plain(a, i % 2 ? "Head of Service" : "Principal Social Worker");
		r->cells[3].text = doc_text_plain(a, "Sep 23");
		r->cells[4].status = st[i % 4];
		struct doc_text *u = doc_text_new(a);
		if (i == 7) {
			for (int k = 0; k < 40; k++)
				doc_text_addf(u, 0, "Update %d: audit findings were shared with team managers, "
					      "and the practice standards were revised. ", k + 1);
		} else {
			doc_text_add(u, "Findings shared with teams; next audit in October. ", 0);
			doc_text_add_ref(u, "Back to the summary", 0, "summary");
		}
		r->cells[5].text = u;
		if (i == 3)
			r->cells[1].link_uri = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2";
		if (i == 4)
			r->cells[5].link_dest = "plan";   /* gives way to the text's own link */
	}
	return d;
}

static struct layout_doc *lay_sample(struct arena *a, const char *logo, struct chart_data *cd)
{
	struct doc *d = sample(a, logo, cd);
	return layout_doc(&fonts, d, a);
}

static bool aborts(void (*fn)(void));

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
	(void)closure;
	(void)data;
	(void)length;
	return CAIRO_STATUS_SUCCESS;
}

/* A layout with released pages, for draw_released_page() in a child. */
static const struct layout_doc *released_page;

static void draw_released_page(void)
{
	render_pdf_stream(released_page, discard, NULL, "a released layout");
}

/* ---- tests ---- */

static void normalise_svg_ids(struct render_buffer *b)
{
	/* cairo numbers SVG surfaces process-wide ("surface12"); the SVG
	 * post-processor renames them. Compare with the numbers blanked. */
	static const char key[] = "surface";
	size_t o = 0;
	for (size_t i = 0; i < b->len;) {
		if (i + sizeof key - 1 <= b->len && memcmp(b->data + i, key, sizeof key - 1) == 0) {
			memmove(b->data + o, key, sizeof key - 1);
			o += sizeof key - 1;
			i += sizeof key - 1;
			while (i < b->len && b->data[i] >= '0' && b->data[i] <= '9')
				i++;
		} else {
			b->data[o++] = b->data[i++];
		}
	}
	b->len = o;
}

struct each_state {
	const char *ref;
	size_t pages;
	size_t stop_at;       /* 0: never */
	bool ok;
};

static int count_page(size_t page, const unsigned char *data, size_t len, void *user)
{
	struct each_state *es = user;
	es->ok = (es->pages == 0 || es->ok) && page == es->pages && len > 100 &&
		 memmem(data, len, "<svg", 4) != NULL;
	es->pages++;
	return es->stop_at && page == es->stop_at ? -1 : 0;
}

static void test_outputs(const char *outdir)
{
	struct arena a;
	arena_init(&a);
	char *logo = path_in(&a, tmpdir, "logo.png");
	write_logo(logo);
	struct chart_data cd;
	cd.label = shape_text(&fonts, &a, doc_text_plain(&a, "Actions by status"), FONT_SMALL, 0,
			      DOC_ALIGN_LEFT);
	struct layout_doc *ld = lay_sample(&a, logo, &cd);
	CHECK(ld != NULL, "the sample pack lays out");
	if (!ld) {
		arena_release(&a);
		return;
	}
	CHECK_INT(layout_check(ld, NULL, NULL), 0, "the sample pack passes the self-check");
	CHECK_INT(ld->n_figures, 2, "the logo and the chart are the two figures");
	CHECK(ld->n_figures == 2 && strcmp(ld->figure_alts[0], "Synthetic Council logo") == 0,
	      "figure alternative texts are kept in structure order");
	CHECK_INT(ld->unknown_glyphs, 0, "every character of the sample has a font");

	char *pdf1 = path_in(&a, tmpdir, "one.pdf"), *pdf2 = path_in(&a, tmpdir, "two.pdf");
	CHECK_INT(render_pdf(ld, pdf1), 0, "the PDF is written");
	CHECK_INT(render_pdf(ld, pdf2), 0, "the PDF is written again");
	CHECK(same_file(pdf1, pdf2), "two renderings give byte-identical PDFs");
	size_t len = 0;
	unsigned char *bytes = (unsigned char *)unit_slurp(pdf1, &len);
	CHECK(bytes && len > 1000 && memcmp(bytes, "%PDF-", 5) == 0, "the PDF starts as a PDF");
	CHECK(bytes && memmem(bytes, len, "%%EOF", 5), "the PDF is complete");
	free(bytes);

	/* From scratch: new arena, new layout, same bytes. */
	struct arena b;
	arena_init(&b);
	struct layout_doc *ld2 = lay_sample(&b, logo, &cd);
	char *pdf3 = path_in(&a, tmpdir, "three.pdf");
	CHECK(ld2 && render_pdf(ld2, pdf3) == 0 && same_file(pdf1, pdf3),
	      "laying out and rendering again gives the same bytes");
	layout_release(ld2);
	arena_release(&b);

	/* Releasing pages as they are drawn changes nothing in the PDF. */
	arena_init(&b);
	ld2 = lay_sample(&b, logo, &cd);
	char *pdf4 = path_in(&a, tmpdir, "four.pdf");
	size_t keep = ld2 && ld2->n_pages > 1 ? 1 : 0;
	CHECK(ld2 && render_pdf_releasing(ld2, pdf4, keep) == 0 && same_file(pdf1, pdf4),
	      "releasing pages after drawing them gives the same bytes");
	bool released_ok = ld2 != NULL;
	for (size_t i = 0; ld2 && i < ld2->n_pages; i++)
		released_ok = released_ok && ld2->pages[i].released == (i >= keep) &&
			      (i < keep || ld2->pages[i].ops == NULL);
	CHECK(released_ok, "pages from %zu on are released, those before kept", keep);
	released_page = ld2 && ld2->n_pages > keep ? ld2 : NULL;
	CHECK(released_page && aborts(draw_released_page), "drawing a released page is a bug");
	released_page = NULL;
	layout_release(ld2);
	arena_release(&b);

	/* SVG pages in memory, well-formed, identical but for cairo's ids. */
	struct render_buffer *s1 = xcalloc(ld->n_pages, sizeof *s1);
	struct render_buffer *s2 = xcalloc(ld->n_pages, sizeof *s2);
	CHECK_INT(render_svg_pages(ld, s1), 0, "every page renders as SVG in memory");
	CHECK_INT(render_svg_pages(ld, s2), 0, "and again");
	size_t wellformed = 0, same = 0;
	for (size_t i = 0; i < ld->n_pages; i++) {
		xmlDocPtr x = xmlReadMemory((const char *)s1[i].data, (int)s1[i].len, "page.svg", NULL,
					    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (x && xmlDocGetRootElement(x) &&
		    strcmp((const char *)xmlDocGetRootElement(x)->name, "svg") == 0)
			wellformed++;
		xmlFreeDoc(x);
		normalise_svg_ids(&s1[i]);
		normalise_svg_ids(&s2[i]);
		if (s1[i].len == s2[i].len && memcmp(s1[i].data, s2[i].data, s1[i].len) == 0)
			same++;
		render_buffer_release(&s1[i]);
		render_buffer_release(&s2[i]);
	}
	free(s1);
	free(s2);
	CHECK_INT(wellformed, ld->n_pages, "every SVG page is well-formed XML with an svg root");
	CHECK_INT(same, ld->n_pages, "SVG pages are identical from run to run (ids aside)");

	struct each_state es = { .ref = NULL };
	CHECK(render_svg_each(ld, count_page, &es) == 0 && es.pages == ld->n_pages && es.ok,
	      "pages come one at a time to a callback, in order, as SVG (%zu)", es.pages);
	es = (struct each_state){ .stop_at = 1 };
	CHECK(render_svg_each(ld, count_page, &es) == -1 && es.pages == 2,
	      "the callback can stop the run");

	/* PNG pages at a chosen resolution. */
	char *prefix = path_in(&a, tmpdir, "page");
	CHECK_INT(render_png_files(ld, prefix, 100), 0, "every page renders as PNG");
	char name[4096];
	render_page_path(name, sizeof name, prefix, 0, ld->n_pages, ".png");
	bytes = (unsigned char *)unit_slurp(name, &len);
	bool png_ok = bytes && len > 24 && memcmp(bytes + 1, "PNG", 3) == 0;
	unsigned long w = png_ok ? (unsigned long)bytes[16] << 24 | bytes[17] << 16 | bytes[18] << 8 | bytes[19] : 0;
	unsigned long h = png_ok ? (unsigned long)bytes[20] << 24 | bytes[21] << 16 | bytes[22] << 8 | bytes[23] : 0;
	free(bytes);
	CHECK(png_ok && w == 827 && h == 1170, "an A4 page at 100 dpi is 827 x 1170 pixels (%lu x %lu)",
	      w, h);
	FILE *null = fopen("/dev/null", "w");
	diag_set_stream(null);
	CHECK(render_png_files(ld, prefix, 5000) == -1, "an absurd PNG resolution is refused");
	diag_set_stream(NULL);
	fclose(null);
	CHECK_INT(hidden_files(tmpdir), 0, "no temporary files are left behind");

	if (outdir) {
		char *out = path_in(&a, outdir, "sample");
		int rc = render_pdf(ld, path_in(&a, outdir, "sample.pdf"));
		rc |= render_svg_files(ld, out);
		rc |= render_png_files(ld, out, 72);
		size_t th = 0;
		FILE *fp = fopen(path_in(&a, outdir, "sample.counts"), "w");
		if (fp) {
			for (size_t i = 0; i < ld->n_th; i++)
				th++;
			fprintf(fp, "pages %zu\nfigures %zu\nth %zu\n", ld->n_pages, ld->n_figures, th);
			fclose(fp);
		}
		CHECK(rc == 0 && fp, "the sample is written to %s", outdir);
	}
	layout_release(ld);
	arena_release(&a);
}

static void test_outfile(void)
{
	struct arena a;
	arena_init(&a);
	FILE *null = fopen("/dev/null", "w");
	diag_set_stream(null);
	char *target = path_in(&a, tmpdir, "kept.txt");
	CHECK_INT(outfile_write_file(target, "old", 3), 0, "a file is written whole");
	struct outfile of;
	CHECK_INT(outfile_open(&of, target), 0, "a replacement is opened beside it");
	outfile_write(&of, "new content", 11);
	size_t len = 0;
	unsigned char *b = (unsigned char *)unit_slurp(target, &len);
	CHECK(b && len == 3 && memcmp(b, "old", 3) == 0, "the old file stays until commit");
	free(b);
	CHECK_INT(hidden_files(tmpdir), 1, "the replacement is a hidden temporary file meanwhile");
	outfile_abort(&of);
	b = (unsigned char *)unit_slurp(target, &len);
	CHECK(b && len == 3 && hidden_files(tmpdir) == 0, "abort keeps the old file and removes the "
	      "temporary one");
	free(b);
	CHECK_INT(outfile_open(&of, target), 0, "opened again");
	outfile_write(&of, "new content", 11);
	CHECK_INT(outfile_commit(&of), 0, "commit succeeds");
	b = (unsigned char *)unit_slurp(target, &len);
	CHECK(b && len == 11 && memcmp(b, "new content", 11) == 0, "commit replaces the file");
	free(b);

	CHECK(outfile_write_file(path_in(&a, tmpdir, "no/such/dir/x.pdf"), "x", 1) == -1,
	      "writing into a missing directory fails cleanly");
	char *dir_target = path_in(&a, tmpdir, "adir");
	mkdir(dir_target, 0700);
	CHECK(outfile_write_file(dir_target, "x", 1) == -1, "a directory in the way fails cleanly");
	struct stat st;
	CHECK(stat(dir_target, &st) == 0 && S_ISDIR(st.st_mode) && hidden_files(tmpdir) == 0,
	      "and leaves the directory and no temporary file");
	rmdir(dir_target);

	/* A fatal error mid-write: the exit handler removes the temporary. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dying_child = 1;
		struct outfile o;
		if (outfile_open(&o, path_in(&a, tmpdir, "dying.pdf")) == 0) {
			outfile_write(&o, "half", 4);
			die(4, "simulated failure");
		}
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 4 && hidden_files(tmpdir) == 0 &&
	      access(path_in(&a, tmpdir, "dying.pdf"), F_OK) != 0,
	      "a run that dies leaves neither a half-written file nor a temporary one");
	diag_set_stream(NULL);
	fclose(null);
	arena_release(&a);
}

/* Runs fn in a child process; true when it aborted (BUG()). */
static bool aborts(void (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		FILE *null = fopen("/dev/null", "w");
		diag_set_stream(null);
		signal(SIGABRT, SIG_DFL);
		fn();
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void misuse_name(void)
{
	struct tagstack ts;
	tagstack_init(&ts);
	tagstack_push(&ts, "Document");
	tagstack_push(&ts, "Paragraph");
}

static void misuse_balance(void)
{
	struct tagstack ts;
	tagstack_init(&ts);
	tagstack_push(&ts, "Document");
	tagstack_push(&ts, "P");
	tagstack_pop(&ts, "Span");
}

static void misuse_nesting(void)
{
	struct tagstack ts;
	tagstack_init(&ts);
	tagstack_push(&ts, "Document");
	tagstack_push(&ts, "TD");
}

static void misuse_left_open(void)
{
	struct tagstack ts;
	tagstack_init(&ts);
	tagstack_push(&ts, "Document");
	tagstack_finish(&ts);
}

static void proper_use(void)
{
	struct tagstack ts;
	tagstack_init(&ts);
	static const char *const seq[] = { "Document", "Table", "TBody", "TR", "TD" };
	for (size_t i = 0; i < 5; i++)
		tagstack_push(&ts, seq[i]);
	for (size_t i = 5; i-- > 0;)
		tagstack_pop(&ts, seq[i]);
	tagstack_finish(&ts);
}

static void test_tagstack(void)
{
	CHECK(tagstack_valid_name("TOCI") && tagstack_valid_name("LBody") &&
	      !tagstack_valid_name("Paragraph") && !tagstack_valid_name("td"),
	      "only standard structure names are valid");
	CHECK(tagstack_allowed(NULL, "Document") && !tagstack_allowed(NULL, "P"),
	      "Document is the outermost element");
	CHECK(tagstack_allowed("TR", "TH") && !tagstack_allowed("P", "TD") &&
	      !tagstack_allowed("Table", "P") && tagstack_allowed("Table", "Caption"),
	      "table elements nest only as tables do");
	CHECK(tagstack_allowed("L", "LI") && !tagstack_allowed("L", "P") &&
	      tagstack_allowed("LI", "LBody"), "list elements nest only as lists do");
	CHECK(!aborts(proper_use), "a well-nested sequence passes");
	CHECK(aborts(misuse_name), "an unknown tag name stops with BUG()");
	CHECK(aborts(misuse_balance), "a mismatched end stops with BUG()");
	CHECK(aborts(misuse_nesting), "a cell outside a row stops with BUG()");
	CHECK(aborts(misuse_left_open), "a tag left open stops with BUG()");
}

static void test_page_path(void)
{
	char buf[64];
	CHECK_STR(render_page_path(buf, sizeof buf, "out/pack", 6, 12, ".svg"), "out/pack-07.svg",
		  "page names are zero-padded to two digits");
	CHECK_STR(render_page_path(buf, sizeof buf, "p", 6, 1200, ".png"), "p-0007.png",
		  "and wider for longer packs");
	CHECK(render_page_path(buf, 8, "long-prefix", 0, 1, ".svg") == NULL,
	      "a name that does not fit is refused");
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Speed of a dense six-column table, reported (not judged: machines
 * and sanitizers differ). */
static void test_speed(void)
{
	struct arena a;
	arena_init(&a);
	struct doc d;
	doc_init(&d, &a);
	d.title = "Speed";
	d.year = 2023;
	d.month = 9;
	d.day = 30;
	struct doc_section *s = doc_add_section(&d, DOC_LANDSCAPE);
	struct doc_table *t = doc_add_table(s, 6);
	static const enum doc_width_kind kind[] = { DOC_WIDTH_FIXED, DOC_WIDTH_FR, DOC_WIDTH_FR,
						    DOC_WIDTH_FIXED, DOC_WIDTH_FIXED, DOC_WIDTH_FR };
	static const double val[] = { 36, 3, 1.2, 50, 56, 3 };
	for (int i = 0; i < 6; i++)
		doc_table_column(t, (size_t)i, kind[i], val[i], doc_text_plain(&a, "Heading"));
	const struct doc_status *green = doc_status_new(&d, "On track", 0x00B050);
	for (int i = 0; i < 600; i++) {
		struct doc_row *r = doc_table_add_row(t);
		r->cells[0].text = doc_text_plain(&a, arena_printf(&a, "%d.%d", i / 10, i % 10));
		r->cells[1].text = doc_text_plain(&a, arena_printf(&a, "Action %d: audit case files and "
						  "report findings to the practice board", i));
		r->cells[2].text = doc_text_plain(&a, "Head of Service");
		r->cells[3].text = doc_text_plain(&a, "Sep 23");
		r->cells[4].status = green;
		r->cells[5].text = doc_text_plain(&a, arena_printf(&a, "Update %d: on track; the next "
						  "audit is due in October and the last found improvement", i));
	}
	double t0 = now();
	struct layout_doc *ld = layout_doc(&fonts, &d, &a);
	double t1 = now();
	char *path = path_in(&a, tmpdir, "speed.pdf");
	int rc = ld ? render_pdf(ld, path) : -1;
	double t2 = now();
	CHECK(ld && rc == 0 && layout_check(ld, NULL, NULL) == 0,
	      "a 600-row six-column table is typeset cleanly");
	if (ld)
		printf("# %zu pages: layout %.0f ms, PDF %.0f ms, %.0f pages/s\n", ld->n_pages,
		       (t1 - t0) * 1e3, (t2 - t1) * 1e3, ld->n_pages / (t2 - t0));
	unlink(path);
	layout_release(ld);
	arena_release(&a);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		printf("not ok - a temporary directory is made (%s)\n", strerror(errno));
		return 1;
	}
	if (fonts_init(&fonts, NULL) < 0) {
		printf("not ok - fonts are found and load\n");
		remove_tree(tmpdir);
		return 1;
	}
	const char *outdir = getenv("BOARDPACK_TYPESET_OUT");
	test_outputs(outdir && *outdir ? outdir : NULL);
	test_outfile();
	test_tagstack();
	test_page_path();
	test_speed();
	fonts_release(&fonts);
	remove_tree(tmpdir);
	xmlCleanupParser();
	return unit_done();
}
