/* pdfpost: a small tagged PDF drawn with cairo here is fixed up and then
 * reopened with qpdf to check every entry pdfpost promises, and that two
 * runs give the same bytes. With BOARDPACK_TEST_KEEP_DIR set, the fixed
 * file is copied there as pdfpost.pdf for tests/cli/postprocess.sh. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

#include "base/diag.h"
#include "render/pdfpost.h"
#include "unit.h"
#include "unit_capture.h"
#include "unit_files.h"

static char tmpdir[] = "/tmp/bp-pdfpost-XXXXXX";

static const char *tmp_path_in(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
	return buf;
}
/* The path lives as long as the enclosing block. */
#define tmp_path(name) tmp_path_in((char[256]){ 0 }, 256, (name))

/* --- the input: a two-page tagged board pack extract ------------------ */

struct sample {
	bool tagged;
	int figures;
	const char *title;        /* NULL: none */
	const char *create_date;  /* NULL: cairo stamps the current time */
	const char *mod_date;
};

static const struct sample standard = {
	.tagged = true, .figures = 2, .title = "Improvement plan board pack",
	.create_date = "2023-09-30T00:00:00", .mod_date = "2023-09-30T12:00:00+01:00",
};

static void text(cairo_t *cr, const char *tag, double x, double y, const char *s, bool tagged)
{
	if (tagged)
		cairo_tag_begin(cr, tag, "");
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
	if (tagged)
		cairo_tag_end(cr, tag);
}

static void cell(cairo_t *cr, const char *tag, double x, double y, const char *s, bool tagged)
{
	if (tagged)
		cairo_tag_begin(cr, tag, "");
	text(cr, "Span", x, y, s, tagged);
	if (tagged)
		cairo_tag_end(cr, tag);
}

static void figure(cairo_t *cr, double y, const char *alt, bool tagged)
{
	char attrs[128];
	snprintf(attrs, sizeof attrs, "alt='%s'", alt);
	if (tagged)
		cairo_tag_begin(cr, "Figure", attrs);
	cairo_rectangle(cr, 72, y, 120, 40);
	cairo_fill(cr);
	if (tagged)
		cairo_tag_end(cr, "Figure");
}

static void make_pdf(const char *path, const struct sample *s)
{
	cairo_surface_t *surface = cairo_pdf_surface_create(path, 595, 842);
	if (s->title)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, s->title);
	if (s->create_date)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, s->create_date);
	if (s->mod_date)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, s->mod_date);
	cairo_t *cr = cairo_create(surface);
	bool t = s->tagged;
	cairo_set_font_size(cr, 11);
	if (t)
		cairo_tag_begin(cr, "Document", "");
	text(cr, "H1", 72, 72, "Children's services improvement plan", t);
	text(cr, "P", 72, 96, "Position at 30 September 2023 (synthetic test data).", t);
	if (s->figures > 0)
		figure(cr, 110, "Bar chart of actions by status", t);
	if (t)
		cairo_tag_begin(cr, "Table", "");
	const char *rows[3][2] = {
		{ "Action", "Status" }, { "1.1 Front door review", "On track" },
		{ "1.2 Audit programme", "Off track" },
	};
	for (int r = 0; r < 3; r++) {
		if (t)
			cairo_tag_begin(cr, "TR", "");
		for (int c = 0; c < 2; c++)
			cell(cr, r == 0 ? "TH" : "TD", 72 + 200 * c, 180 + 16 * r, rows[r][c], t);
		if (t)
			cairo_tag_end(cr, "TR");
	}
	if (t)
		cairo_tag_end(cr, "Table");
	if (t) {
		cairo_tag_begin(cr, "P", "");
		cairo_tag_begin(cr, "Link", "uri='https://www.gov.uk/government/organisations/ofsted'");
	}
	cairo_move_to(cr, 72, 260);
	cairo_show_text(cr, "Inspection framework");
	if (t) {
		cairo_tag_end(cr, "Link");
		cairo_tag_end(cr, "P");
	}
	cairo_show_page(cr);
	text(cr, "H1", 72, 72, "Measures", t);
	for (int i = 1; i < s->figures; i++)
		figure(cr, 100 + 60 * i, "Line chart of re-referrals by month", t);
	if (t)
		cairo_tag_end(cr, "Document");
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "cairo: %s\n", cairo_status_to_string(cairo_surface_status(surface)));
		exit(1);
	}
	cairo_surface_destroy(surface);
}

/* --- reading the result back ----------------------------------------- */

struct found {
	char alts[8][128];
	int figures;
	char scopes[8][16];
	int headers;
	int headers_owned_by_table;
};

static void walk(qpdf_data q, qpdf_oh node, struct found *fd, int depth)
{
	if (depth > 50)
		return;
	if (qpdf_oh_is_array(q, node)) {
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, node); i++)
			walk(q, qpdf_oh_get_array_item(q, node, i), fd, depth + 1);
		return;
	}
	if (!qpdf_oh_is_dictionary(q, node))
		return;
	qpdf_oh type = qpdf_oh_get_key(q, node, "/S");
	if (qpdf_oh_is_name_and_equals(q, type, "/Figure") && fd->figures < 8) {
		qpdf_oh alt = qpdf_oh_get_key(q, node, "/Alt");
		snprintf(fd->alts[fd->figures++], 128, "%s",
			 qpdf_oh_is_string(q, alt) ? qpdf_oh_get_utf8_value(q, alt) : "(none)");
	} else if (qpdf_oh_is_name_and_equals(q, type, "/TH") && fd->headers < 8) {
		qpdf_oh attrs = qpdf_oh_get_key(q, node, "/A");
		qpdf_oh scope = qpdf_oh_get_key_if_dict(q, attrs, "/Scope");
		qpdf_oh owner = qpdf_oh_get_key_if_dict(q, attrs, "/O");
		fd->headers_owned_by_table += qpdf_oh_is_name_and_equals(q, owner, "/Table");
		snprintf(fd->scopes[fd->headers++], 16, "%s",
			 qpdf_oh_is_name(q, scope) ? qpdf_oh_get_name(q, scope) : "(none)");
	}
	walk(q, qpdf_oh_get_key(q, node, "/K"), fd, depth + 1);
}

static char *info_text(qpdf_data q, const char *key)
{
	static char buf[4][256];
	static int next;
	char *b = buf[next++ % 4];
	qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	qpdf_oh v = qpdf_oh_get_key_if_dict(q, info, key);
	snprintf(b, 256, "%s", qpdf_oh_is_string(q, v) ? qpdf_oh_get_utf8_value(q, v) : "(none)");
	return b;
}

static void check_fixed(const char *path, const char *want_title, const struct found *want)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_read(q, path, NULL);
	CHECK(!qpdf_has_error(q), "fixed PDF reopens");
	CHECK(!qpdf_more_warnings(q), "fixed PDF reopens without warnings");
	CHECK_STR(qpdf_get_pdf_version(q), "1.5", "PDF version allows object streams");

	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh lang = qpdf_oh_get_key(q, root, "/Lang");
	CHECK_STR(qpdf_oh_is_string(q, lang) ? qpdf_oh_get_utf8_value(q, lang) : "(none)", "en-GB",
		  "catalog /Lang");
	qpdf_oh prefs = qpdf_oh_get_key(q, root, "/ViewerPreferences");
	qpdf_oh display = qpdf_oh_get_key_if_dict(q, prefs, "/DisplayDocTitle");
	CHECK(qpdf_oh_is_bool(q, display) && qpdf_oh_get_bool_value(q, display),
	      "/ViewerPreferences /DisplayDocTitle true");
	qpdf_oh mark = qpdf_oh_get_key(q, root, "/MarkInfo");
	qpdf_oh marked = qpdf_oh_get_key_if_dict(q, mark, "/Marked");
	CHECK(qpdf_oh_is_bool(q, marked) && qpdf_oh_get_bool_value(q, marked),
	      "/MarkInfo /Marked true");

	for (int i = 0; i < qpdf_get_num_pages(q); i++) {
		qpdf_oh tabs = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Tabs");
		CHECK(qpdf_oh_is_name_and_equals(q, tabs, "/S"), "page %d /Tabs /S", i + 1);
	}

	struct found fd = { 0 };
	qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	walk(q, qpdf_oh_get_key_if_dict(q, tree, "/K"), &fd, 0);
	CHECK_INT(fd.figures, want->figures, "figure count in the structure tree");
	for (int i = 0; i < fd.figures && i < want->figures; i++)
		CHECK_STR(fd.alts[i], want->alts[i], "figure %d /Alt in tree order", i + 1);
	CHECK_INT(fd.headers, want->headers, "table header count in the structure tree");
	CHECK_INT(fd.headers_owned_by_table, fd.headers, "every TH attribute has /O /Table");
	for (int i = 0; i < fd.headers && i < want->headers; i++)
		CHECK_STR(fd.scopes[i], want->scopes[i], "table header %d /Scope", i + 1);

	CHECK_STR(info_text(q, "/CreationDate"), "D:20230930000000Z",
		  "CreationDate has D: and UTC zone");
	CHECK_STR(info_text(q, "/ModDate"), "D:20230930120000+01'00'",
		  "ModDate has D: and its zone");
	CHECK_STR(info_text(q, "/Title"), want_title, "Info /Title");
	CHECK_STR(info_text(q, "/Producer"), "boardpack test", "Info /Producer from the options");
	CHECK(!qpdf_has_error(q) && !qpdf_more_warnings(q), "reading the fixed PDF raised nothing");
	qpdf_cleanup(&q);
}

/* --- helpers ---------------------------------------------------------- */

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static const char *alts2[] = { "Bar chart of actions: 12 on track, 3 off track",
			       "Line chart: re-referrals fell from 24% to 19%" };

static struct pdfpost_options options(void)
{
	return (struct pdfpost_options){
		.lang = "en-GB",
		.producer = "boardpack test",
		.figure_alts = alts2,
		.figure_alt_count = 2,
		.th_scope = PDFPOST_SCOPE_COLUMN,
	};
}

static void expect_failure(const char *what, const char *in, const char *out,
			   const struct pdfpost_options *opt, const char *message_part)
{
	/* A stale file at the output path must not survive a failure. */
	FILE *stale = fopen(out, "w");
	if (stale) {
		fputs("stale", stale);
		fclose(stale);
	}
	capture_begin();
	int rc = pdfpost_fix(in, out, opt, NULL);
	const char *msg = capture_end();
	CHECK_INT(rc, -1, "%s: fails", what);
	CHECK(strstr(msg, message_part) != NULL, "%s: message mentions \"%s\" (got: %s)", what,
	      message_part, msg);
	CHECK(!exists(out), "%s: no output left behind", what);
}

/* --- tests ------------------------------------------------------------ */

static void test_fix_and_determinism(void)
{
	const char *in1 = tmp_path("in1.pdf"), *in2 = tmp_path("in2.pdf");
	const char *out1 = tmp_path("out1.pdf"), *out2 = tmp_path("out2.pdf");
	make_pdf(in1, &standard);
	struct pdfpost_options opt = options();
	struct pdfpost_stats stats;
	capture_begin();
	int rc = pdfpost_fix(in1, out1, &opt, &stats);
	const char *msg = capture_end();
	CHECK_INT(rc, 0, "pdfpost_fix succeeds on a cairo PDF");
	CHECK_STR(msg, "", "no messages on success");
	CHECK_INT(stats.figures, 2, "stats: figures");
	CHECK_INT(stats.headers, 2, "stats: table headers");
	CHECK(stats.struct_elements > 15, "stats: structure elements counted (%zu)",
	      stats.struct_elements);
	CHECK(file_size(out1) > 0 && file_size(out1) < file_size(in1),
	      "fixed file is smaller (%ld -> %ld bytes)", file_size(in1), file_size(out1));

	struct found want = { .figures = 2, .headers = 2 };
	snprintf(want.alts[0], 128, "%s", alts2[0]);
	snprintf(want.alts[1], 128, "%s", alts2[1]);
	snprintf(want.scopes[0], 16, "/Column");
	snprintf(want.scopes[1], 16, "/Column");
	check_fixed(out1, standard.title, &want);

	/* The same drawing in a new file: the process has moved on (cairo's
	 * counters, time), the fixed bytes must not. */
	make_pdf(in2, &standard);
	CHECK_INT(pdfpost_fix(in2, out2, &opt, NULL), 0, "second run succeeds");
	size_t n1 = 0, n2 = 0;
	char *b1 = unit_slurp(out1, &n1), *b2 = unit_slurp(out2, &n2);
	CHECK(b1 && b2 && n1 == n2 && memcmp(b1, b2, n1) == 0,
	      "two runs give identical bytes (%zu, %zu)", n1, n2);
	CHECK(b1 && memmem(b1, n1, "/ObjStm", 7) != NULL, "output uses object streams");
	free(b1);
	free(b2);

	const char *keep = getenv("BOARDPACK_TEST_KEEP_DIR");
	if (keep && *keep) {
		char dest[512];
		snprintf(dest, sizeof dest, "%s/pdfpost.pdf", keep);
		size_t n = 0;
		char *bytes = unit_slurp(out1, &n);
		FILE *f = fopen(dest, "wb");
		CHECK(bytes && f && fwrite(bytes, 1, n, f) == n && fclose(f) == 0,
		      "kept a copy in %s", dest);
		free(bytes);
	}
}

static void test_options(void)
{
	const char *in = tmp_path("in1.pdf"), *out = tmp_path("opts.pdf");
	struct pdfpost_options opt = options();
	const enum pdfpost_scope scopes[] = { PDFPOST_SCOPE_ROW, PDFPOST_SCOPE_BOTH };
	opt.th_scopes = scopes;
	opt.th_scope_count = 2;
	opt.title = "Board pack – September 2023";
	opt.author = "Performance and improvement team";
	CHECK_INT(pdfpost_fix(in, out, &opt, NULL), 0, "per-header scopes and a new title");
	struct found want = { .figures = 2, .headers = 2 };
	snprintf(want.alts[0], 128, "%s", alts2[0]);
	snprintf(want.alts[1], 128, "%s", alts2[1]);
	snprintf(want.scopes[0], 16, "/Row");
	snprintf(want.scopes[1], 16, "/Both");
	check_fixed(out, opt.title, &want);
	unlink(out);
}

static void test_failures(void)
{
	const char *in = tmp_path("in1.pdf"), *out = tmp_path("fail.pdf");
	struct pdfpost_options opt = options();

	opt.figure_alt_count = 1;
	expect_failure("fewer alternative texts than figures", in, out, &opt,
		       "2 figures in the structure tree but 1 alternative texts");
	const char *three[] = { "a", "b", "c" };
	opt.figure_alts = three;
	opt.figure_alt_count = 3;
	expect_failure("more alternative texts than figures", in, out, &opt,
		       "2 figures in the structure tree but 3");
	const char *blank[] = { alts2[0], " " };
	opt.figure_alts = blank;
	opt.figure_alt_count = 2;
	expect_failure("blank alternative text", in, out, &opt, "figure 2 has no alternative text");

	opt = options();
	const enum pdfpost_scope one[] = { PDFPOST_SCOPE_ROW };
	opt.th_scopes = one;
	opt.th_scope_count = 1;
	expect_failure("scope count differs", in, out, &opt,
		       "2 table header cells in the structure tree but 1 scopes");

	opt = options();
	opt.lang = "en_GB";
	expect_failure("invalid language tag", in, out, &opt, "invalid document language 'en_GB'");
	opt.lang = NULL;
	expect_failure("missing language tag", in, out, &opt, "invalid document language");

	opt = options();
	opt.title = "\xff\xfe";
	expect_failure("title not UTF-8", in, out, &opt, "not valid UTF-8");

	opt = options();
	expect_failure("missing input", tmp_path("absent.pdf"), out, &opt, "cannot read the PDF");

	/* Truncated: the cross-reference table and trailer are gone. */
	size_t n = 0;
	char *bytes = unit_slurp(in, &n);
	const char *cut = tmp_path("truncated.pdf");
	FILE *f = fopen(cut, "wb");
	fwrite(bytes, 1, n / 2, f);
	fclose(f);
	free(bytes);
	expect_failure("truncated input", cut, out, &opt, "truncated.pdf");

	/* The same length keeps every offset: only the object is broken. */
	bytes = unit_slurp(in, &n);
	char *figure = memmem(bytes, n, "/S /Figure", 10);
	if (figure)
		memcpy(figure, "/S [/Figur", 10);
	const char *broken = tmp_path("broken.pdf");
	f = fopen(broken, "wb");
	fwrite(bytes, 1, n, f);
	fclose(f);
	free(bytes);
	CHECK(figure != NULL, "found a figure to break");
	expect_failure("damaged structure element", broken, out, &opt, "damaged PDF: ");

	struct sample untagged = standard;
	untagged.tagged = false;
	make_pdf(tmp_path("untagged.pdf"), &untagged);
	opt.figure_alt_count = 0;
	expect_failure("untagged input", tmp_path("untagged.pdf"), out, &opt, "not tagged");

	struct sample no_title = standard;
	no_title.title = NULL;
	make_pdf(tmp_path("untitled.pdf"), &no_title);
	opt = options();
	expect_failure("no title anywhere", tmp_path("untitled.pdf"), out, &opt, "no title");
	opt.title = "Board pack";
	capture_begin();
	CHECK_INT(pdfpost_fix(tmp_path("untitled.pdf"), out, &opt, NULL), 0,
		  "a title from the options is enough");
	capture_end();
	unlink(out);

	/* cairo 1.16 turns "20230930" into "202393": refused, not passed on. */
	struct sample bad_date = standard;
	bad_date.create_date = "20230930";
	make_pdf(tmp_path("baddate.pdf"), &bad_date);
	opt = options();
	expect_failure("date cairo mangled", tmp_path("baddate.pdf"), out, &opt,
		       "cannot understand the document's CreationDate '202393'");

	/* Refused before anything is touched: the input must survive. */
	long before = file_size(in);
	capture_begin();
	CHECK_INT(pdfpost_fix(in, in, &opt, NULL), -1, "fixing in place is refused");
	capture_end();
	CHECK_INT(file_size(in), before, "the input is left alone");
}

static void test_dates(void)
{
	/* What cairo 1.16 writes for other date forms, through to the result. */
	static const struct {
		const char *iso, *want;
	} cases[] = {
		{ "2023-09-30", "D:20230930000000Z" },
		{ "2023-09", "D:20230901000000Z" },
		{ "2023-09-30T00:00Z", "D:20230930000000Z" },
		{ "2023-09-30T23:59:59-05:30", "D:20230930235959-05'30'" },
		{ "2024-02-29T08:00:00Z", "D:20240229080000Z" },
	};
	const char *in = tmp_path("date.pdf"), *out = tmp_path("date-fixed.pdf");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sample s = standard;
		s.create_date = cases[i].iso;
		s.mod_date = NULL;
		make_pdf(in, &s);
		struct pdfpost_options opt = options();
		capture_begin();
		int rc = pdfpost_fix(in, out, &opt, NULL);
		const char *msg = capture_end();
		CHECK_INT(rc, 0, "date %s accepted (%s)", cases[i].iso, msg);
		qpdf_data q = qpdf_init();
		qpdf_silence_errors(q);
		qpdf_read(q, out, NULL);
		CHECK_STR(info_text(q, "/CreationDate"), cases[i].want, "date %s", cases[i].iso);
		CHECK_STR(info_text(q, "/ModDate"), "(none)", "absent ModDate stays absent");
		qpdf_cleanup(&q);
	}
	unlink(in);
	unlink(out);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_fix_and_determinism();
	test_options();
	test_failures();
	test_dates();

	const char *names[] = { "in1.pdf", "in2.pdf", "out1.pdf", "out2.pdf", "truncated.pdf", "broken.pdf",
				"untagged.pdf", "untitled.pdf", "baddate.pdf" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(tmp_path(names[i]));
	CHECK(rmdir(tmpdir) == 0, "temporary directory removed (%s)", strerror(errno));
	free(captured);
	/* Lets the leak checker see only leaks of our own. */
	cairo_debug_reset_static_data();
	FcFini();
	return unit_done();
}
