/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "pdfpost.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

#include "base/arena.h"
#include "base/diag.h"

/* cairo nests a handful of levels (Document > Table > TR > TD > Span); the
 * limit only keeps a malformed tree from exhausting the stack. */
#define MAX_STRUCT_DEPTH 512
/* Each object id costs one byte of the visited map. */
#define MAX_OBJECTS (16u * 1024 * 1024)
/* Role maps may chain; standard types end the chain. */
#define MAX_ROLE_HOPS 16
#define MAX_NAME 128

struct fixer {
	qpdf_data q;
	const char *in_path;
	const struct pdfpost_options *opt;
	qpdf_oh role_map;            /* 0: the file has none */
	unsigned char *seen;         /* by object id: structure element visited */
	size_t seen_n;
	struct pdfpost_stats stats;
};

/* Reports the pending qpdf error, if any, as "<doing>: <qpdf's text>". */
static int qpdf_check(struct fixer *f, const char *doing)
{
	if (!qpdf_has_error(f->q))
		return 0;
	qpdf_error e = qpdf_get_error(f->q);
	return error("%s: %s", doing, e ? qpdf_get_error_full_text(f->q, e) : "unknown qpdf error");
}

/* qpdf warns where it repaired or skipped something. For a file cairo has
 * just written that means a renderer bug, so every warning fails the run;
 * the first few say enough. */
static int qpdf_check_warnings(struct fixer *f, const char *doing)
{
	enum { SHOWN = 5 };
	size_t n = 0;
	while (qpdf_more_warnings(f->q)) {
		qpdf_error w = qpdf_next_warning(f->q);
		if (!w)
			break;
		if (n++ < SHOWN)
			error("%s: %s", doing, qpdf_get_error_full_text(f->q, w));
	}
	if (n > SHOWN)
		error("%s: %zu more problems", doing, n - SHOWN);
	return n ? -1 : 0;
}

static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c = *p;
		int extra;
		uint32_t min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			extra = 1; c &= 0x1f; min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			extra = 2; c &= 0x0f; min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			extra = 3; c &= 0x07; min = 0x10000;
		} else {
			return false;
		}
		p++;
		for (int i = 0; i < extra; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (*p & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
	}
	return true;
}

/* BCP 47 in outline: alphanumeric subtags of 1-8 characters joined by
 * hyphens, the first alphabetic. Enough to refuse an empty or garbled tag. */
static bool lang_tag_valid(const char *s)
{
	size_t len = 0;
	bool first = true;
	for (const char *p = s;; p++) {
		if (*p == '-' || *p == '\0') {
			if (len == 0 || len > 8)
				return false;
			if (*p == '\0')
				return true;
			len = 0;
			first = false;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (!first && *p >= '0' && *p <= '9')) {
			len++;
		} else {
			return false;
		}
	}
}

static int two_digits(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parses a PDF date with or without its "D:" prefix, as cairo 1.16 writes
 * it from an ISO 8601 string ("20230930", "20230930120000+01'00",
 * "202309300000"), and writes the complete form "D:YYYYMMDDHHmmSSZ" or
 * "D:YYYYMMDDHHmmSS+HH'mm'". Missing fields take the PDF defaults (January,
 * the 1st, midnight); a missing zone means UTC. */
static int normalise_date(const char *in, char *out, size_t size)
{
	const char *p = in;
	if (strncmp(p, "D:", 2) == 0)
		p += 2;
	size_t n = strspn(p, "0123456789");
	if (n < 4 || n > 14 || n % 2 != 0)
		return -1;
	char digits[15] = "00000101000000";
	memcpy(digits, p, n);
	p += n;
	int year = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + two_digits(digits + 2);
	int month = two_digits(digits + 4), day = two_digits(digits + 6);
	int hour = two_digits(digits + 8), minute = two_digits(digits + 10);
	int second = two_digits(digits + 12);
	static const int month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12 || day < 1 || day > month_days[month - 1] ||
	    (month == 2 && day == 29 && !leap_year(year)) || hour > 23 ||
	    minute > 59 || second > 59)
		return -1;

	char zone[16] = "Z";
	if (*p == 'Z') {
		p++;
		/* Writers following PDF 1.7 add "00'00'" after Z. */
		if (strncmp(p, "00'00", 5) == 0)
			p += 5;
		if (*p == '\'')
			p++;
	} else if (*p == '+' || *p == '-') {
		char sign = *p++;
		char zh[3] = "00", zm[3] = "00";
		if (strspn(p, "0123456789") < 2)
			return -1;
		memcpy(zh, p, 2);
		p += 2;
		if (*p == '\'')
			p++;
		if (strspn(p, "0123456789") >= 2) {
			memcpy(zm, p, 2);
			p += 2;
			if (*p == '\'')
				p++;
		}
		if (two_digits(zh) > 23 || two_digits(zm) > 59)
			return -1;
		snprintf(zone, sizeof zone, "%c%s'%s'", sign, zh, zm);
	}
	if (*p != '\0')
		return -1;
	int w = snprintf(out, size, "D:%s%s", digits, zone);
	return w > 0 && (size_t)w < size ? 0 : -1;
}

/* The structure type of an element (its /S name, s) after the file's
 * role map: cairo 1.16 only writes standard names, but a mapped name must
 * count as what it maps to. Releases s. */
static void struct_type(struct fixer *f, qpdf_oh s, char *type, size_t size)
{
	qpdf_data q = f->q;
	snprintf(type, size, "%s", qpdf_oh_get_name(q, s));
	qpdf_oh_release(q, s);
	for (int hop = 0; f->role_map && hop < MAX_ROLE_HOPS; hop++) {
		if (!qpdf_oh_has_key(q, f->role_map, type))
			return;
		s = qpdf_oh_get_key(q, f->role_map, type);
		bool named = qpdf_oh_is_name(q, s);
		if (named)
			snprintf(type, size, "%s", qpdf_oh_get_name(q, s));
		qpdf_oh_release(q, s);
		if (!named)
			return;
	}
}

static const char *scope_name(enum pdfpost_scope scope)
{
	switch (scope) {
	case PDFPOST_SCOPE_COLUMN: return "/Column";
	case PDFPOST_SCOPE_ROW: return "/Row";
	case PDFPOST_SCOPE_BOTH: return "/Both";
	}
	BUG("unknown table header scope %d", (int)scope);
}

static bool owned_by_table(qpdf_data q, qpdf_oh attrs)
{
	if (!qpdf_oh_is_dictionary(q, attrs))
		return false;
	qpdf_oh owner = qpdf_oh_get_key(q, attrs, "/O");
	bool table = qpdf_oh_is_name_and_equals(q, owner, "/Table");
	qpdf_oh_release(q, owner);
	return table;
}

/* Sets /Scope in the element's Table attribute object, creating the object
 * or adding it beside attribute objects of other owners. */
static int set_header_scope(struct fixer *f, qpdf_oh th, const char *scope)
{
	qpdf_data q = f->q;
	qpdf_oh scope_oh = qpdf_oh_new_name(q, scope);
	qpdf_oh attrs = qpdf_oh_get_key(q, th, "/A");
	int rc = 0;
	if (owned_by_table(q, attrs)) {
		qpdf_oh_replace_key(q, attrs, "/Scope", scope_oh);
	} else if (qpdf_oh_is_null(q, attrs) || qpdf_oh_is_dictionary(q, attrs) ||
		   qpdf_oh_is_array(q, attrs)) {
		qpdf_oh table = 0;
		int n = qpdf_oh_is_array(q, attrs) ? qpdf_oh_get_array_n_items(q, attrs) : 0;
		for (int i = 0; i < n && !table; i++) {
			qpdf_oh item = qpdf_oh_get_array_item(q, attrs, i);
			if (owned_by_table(q, item))
				table = item;
			else
				qpdf_oh_release(q, item);
		}
		if (table) {
			qpdf_oh_replace_key(q, table, "/Scope", scope_oh);
			qpdf_oh_release(q, table);
		} else {
			qpdf_oh fresh = qpdf_oh_new_dictionary(q);
			qpdf_oh owner = qpdf_oh_new_name(q, "/Table");
			qpdf_oh_replace_key(q, fresh, "/O", owner);
			qpdf_oh_replace_key(q, fresh, "/Scope", scope_oh);
			if (qpdf_oh_is_null(q, attrs)) {
				qpdf_oh_replace_key(q, th, "/A", fresh);
			} else if (qpdf_oh_is_array(q, attrs)) {
				qpdf_oh_append_item(q, attrs, fresh);
			} else {
				qpdf_oh both = qpdf_oh_wrap_in_array(q, attrs);
				qpdf_oh_append_item(q, both, fresh);
				qpdf_oh_replace_key(q, th, "/A", both);
				qpdf_oh_release(q, both);
			}
			qpdf_oh_release(q, owner);
			qpdf_oh_release(q, fresh);
		}
	} else {
		rc = error("%s: table header %zu has a malformed /A entry",
			   f->in_path, f->stats.headers);
	}
	qpdf_oh_release(q, attrs);
	qpdf_oh_release(q, scope_oh);
	return rc;
}

static int fix_element(struct fixer *f, qpdf_oh elem, const char *type)
{
	const struct pdfpost_options *opt = f->opt;
	f->stats.struct_elements++;

	if (strcmp(type, "/Figure") == 0) {
		size_t i = f->stats.figures++;
		/* Counting goes on past the last text so the message can say
		 * how many figures there are. */
		if (i < opt->figure_alt_count) {
			qpdf_oh alt = qpdf_oh_new_unicode_string(f->q, opt->figure_alts[i]);
			qpdf_oh_replace_key(f->q, elem, "/Alt", alt);
			qpdf_oh_release(f->q, alt);
		}
	} else if (strcmp(type, "/TH") == 0) {
		size_t i = f->stats.headers++;
		if (!opt->th_scopes)
			return set_header_scope(f, elem, scope_name(opt->th_scope));
		if (i < opt->th_scope_count)
			return set_header_scope(f, elem, scope_name(opt->th_scopes[i]));
	}
	return 0;
}

static int visit(struct fixer *f, qpdf_oh node, int depth);

/* A /K entry: one kid or an array of kids, in reading order. */
static int visit_kids(struct fixer *f, qpdf_oh kids, int depth)
{
	qpdf_data q = f->q;
	if (!qpdf_oh_is_array(q, kids))
		return visit(f, kids, depth);
	int n = qpdf_oh_get_array_n_items(q, kids);
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);
		int rc = visit(f, kid, depth);
		qpdf_oh_release(q, kid);
		if (rc)
			return rc;
	}
	return 0;
}

/* Most of the time goes into qpdf's C API calls (each resolves a handle
 * and guards against C++ exceptions), so each node is asked as little as
 * possible: its type, /S, its object id and /K. */
static int visit(struct fixer *f, qpdf_oh node, int depth)
{
	qpdf_data q = f->q;
	/* Marked-content ids (integers) are leaves. */
	if (qpdf_oh_get_type_code(q, node) != ot_dictionary)
		return 0;
	qpdf_oh s = qpdf_oh_get_key(q, node, "/S");
	if (!qpdf_oh_is_name(q, s)) {
		qpdf_oh_release(q, s);
		/* So are marked-content and object references. */
		if (qpdf_oh_is_dictionary_of_type(q, node, "/MCR", "") ||
		    qpdf_oh_is_dictionary_of_type(q, node, "/OBJR", ""))
			return 0;
		return error("%s: structure element without a type (/S)", f->in_path);
	}
	char type[MAX_NAME];
	struct_type(f, s, type, sizeof type);
	if (depth > MAX_STRUCT_DEPTH)
		return error("%s: structure tree deeper than %d levels", f->in_path,
			     MAX_STRUCT_DEPTH);
	int id = qpdf_oh_get_object_id(q, node);  /* 0: a direct object */
	if (id < 0 || (size_t)id >= f->seen_n)
		return error("%s: structure element %d is outside the cross-reference table",
			     f->in_path, id);
	if (id > 0 && f->seen[id]++)
		return error("%s: structure element %d appears twice in the structure tree",
			     f->in_path, id);
	if (fix_element(f, node, type))
		return -1;
	qpdf_oh kids = qpdf_oh_get_key(q, node, "/K");
	int rc = visit_kids(f, kids, depth + 1);
	qpdf_oh_release(q, kids);
	return rc;
}

static int fix_structure(struct fixer *f, qpdf_oh catalog)
{
	qpdf_data q = f->q;
	const struct pdfpost_options *opt = f->opt;
	qpdf_oh tree = qpdf_oh_get_key(q, catalog, "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, tree)) {
		qpdf_oh_release(q, tree);
		return error("%s: the PDF is not tagged (no structure tree): "
			     "open a Document tag around every page", f->in_path);
	}
	qpdf_oh role_map = qpdf_oh_get_key(q, tree, "/RoleMap");
	if (qpdf_oh_is_dictionary(q, role_map))
		f->role_map = role_map;
	else
		qpdf_oh_release(q, role_map);

	qpdf_oh trailer = qpdf_get_trailer(q);
	qpdf_oh size = qpdf_oh_get_key(q, trailer, "/Size");
	long long n = qpdf_oh_is_integer(q, size) ? qpdf_oh_get_int_value(q, size) : 0;
	qpdf_oh_release(q, size);
	qpdf_oh_release(q, trailer);
	if (n <= 0 || n > MAX_OBJECTS) {
		qpdf_oh_release(q, tree);
		return error("%s: the trailer's /Size (%lld) is missing or too large", f->in_path, n);
	}
	f->seen_n = (size_t)n;
	f->seen = xcalloc(f->seen_n, 1);

	qpdf_oh kids = qpdf_oh_get_key(q, tree, "/K");
	int rc = visit_kids(f, kids, 0);
	qpdf_oh_release(q, kids);
	qpdf_oh_release(q, tree);
	if (rc || qpdf_check(f, "cannot read the structure tree") ||
	    qpdf_check_warnings(f, "damaged PDF"))
		return -1;

	if (f->stats.figures != opt->figure_alt_count)
		return error("%s: %zu figures in the structure tree but %zu alternative texts given",
			     f->in_path, f->stats.figures, opt->figure_alt_count);
	if (opt->th_scopes && f->stats.headers != opt->th_scope_count)
		return error("%s: %zu table header cells in the structure tree but %zu scopes given",
			     f->in_path, f->stats.headers, opt->th_scope_count);
	return 0;
}

/* Sets key to `true` in the catalog dictionary named dict_key, creating it
 * if absent and keeping its other entries. */
static int set_catalog_flag(struct fixer *f, qpdf_oh catalog, const char *dict_key,
			    const char *key)
{
	qpdf_data q = f->q;
	qpdf_oh dict = qpdf_oh_get_key(q, catalog, dict_key);
	int rc = 0;
	if (qpdf_oh_is_null(q, dict)) {
		qpdf_oh_release(q, dict);
		dict = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, catalog, dict_key, dict);
	}
	if (qpdf_oh_is_dictionary(q, dict)) {
		qpdf_oh yes = qpdf_oh_new_bool(q, QPDF_TRUE);
		qpdf_oh_replace_key(q, dict, key, yes);
		qpdf_oh_release(q, yes);
	} else {
		rc = error("%s: the catalog's %s is not a dictionary", f->in_path, dict_key);
	}
	qpdf_oh_release(q, dict);
	return rc;
}

static int fix_catalog(struct fixer *f)
{
	qpdf_data q = f->q;
	qpdf_oh catalog = qpdf_get_root(q);
	int rc = -1;
	if (!qpdf_oh_is_dictionary(q, catalog)) {
		error("%s: the PDF has no catalog", f->in_path);
		goto out;
	}
	if (fix_structure(f, catalog))
		goto out;
	qpdf_oh lang = qpdf_oh_new_string(q, f->opt->lang);
	qpdf_oh_replace_key(q, catalog, "/Lang", lang);
	qpdf_oh_release(q, lang);
	if (set_catalog_flag(f, catalog, "/ViewerPreferences", "/DisplayDocTitle") ||
	    set_catalog_flag(f, catalog, "/MarkInfo", "/Marked"))
		goto out;
	rc = qpdf_check(f, "cannot update the catalog");
out:
	if (f->role_map)
		qpdf_oh_release(q, f->role_map);
	qpdf_oh_release(q, catalog);
	return rc;
}

/* Keyboard users move through links in structure order (PDF/UA asks for
 * /Tabs /S on every page with annotations; cairo writes none). */
static int fix_pages(struct fixer *f)
{
	qpdf_data q = f->q;
	int n = qpdf_get_num_pages(q);
	if (n < 0) {
		if (!qpdf_check(f, "cannot read the page tree"))
			error("%s: cannot read the page tree", f->in_path);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh tabs = qpdf_oh_new_name(q, "/S");
		qpdf_oh_replace_key(q, page, "/Tabs", tabs);
		qpdf_oh_release(q, tabs);
		qpdf_oh_release(q, page);
	}
	return qpdf_check(f, "cannot update the pages");
}

static int fix_info_date(struct fixer *f, qpdf_oh info, const char *key)
{
	qpdf_data q = f->q;
	qpdf_oh value = qpdf_oh_get_key(q, info, key);
	int rc = 0;
	if (qpdf_oh_is_string(q, value)) {
		char date[40];
		const char *text = qpdf_oh_get_string_value(q, value);
		if (normalise_date(text, date, sizeof date) == 0) {
			qpdf_oh fixed = qpdf_oh_new_string(q, date);
			qpdf_oh_replace_key(q, info, key, fixed);
			qpdf_oh_release(q, fixed);
		} else {
			rc = error("%s: cannot understand the document's %s '%s'",
				   f->in_path, key + 1, text);
		}
	} else if (!qpdf_oh_is_null(q, value)) {
		rc = error("%s: the document's %s is not a string", f->in_path, key + 1);
	}
	qpdf_oh_release(q, value);
	return rc;
}

static void set_info_text(qpdf_data q, qpdf_oh info, const char *key, const char *value)
{
	if (!value)
		return;
	qpdf_oh text = qpdf_oh_new_unicode_string(q, value);
	qpdf_oh_replace_key(q, info, key, text);
	qpdf_oh_release(q, text);
}

static int fix_info(struct fixer *f)
{
	qpdf_data q = f->q;
	const struct pdfpost_options *opt = f->opt;
	qpdf_oh trailer = qpdf_get_trailer(q);
	qpdf_oh info = qpdf_oh_get_key(q, trailer, "/Info");
	int rc = -1;
	if (qpdf_oh_is_null(q, info)) {
		qpdf_oh fresh = qpdf_oh_new_dictionary(q);
		qpdf_oh_release(q, info);
		info = qpdf_make_indirect_object(q, fresh);
		qpdf_oh_release(q, fresh);
		qpdf_oh_replace_key(q, trailer, "/Info", info);
	}
	if (!qpdf_oh_is_dictionary(q, info)) {
		error("%s: the document information (/Info) is not a dictionary", f->in_path);
		goto out;
	}
	if (fix_info_date(f, info, "/CreationDate") || fix_info_date(f, info, "/ModDate"))
		goto out;
	set_info_text(q, info, "/Title", opt->title);
	set_info_text(q, info, "/Author", opt->author);
	set_info_text(q, info, "/Subject", opt->subject);
	set_info_text(q, info, "/Keywords", opt->keywords);
	set_info_text(q, info, "/Creator", opt->creator);
	set_info_text(q, info, "/Producer", opt->producer);

	/* DisplayDocTitle shows this instead of the file name. */
	qpdf_oh title = qpdf_oh_get_key(q, info, "/Title");
	const char *text = qpdf_oh_is_string(q, title) ? qpdf_oh_get_utf8_value(q, title) : "";
	bool titled = text[strspn(text, " \t\r\n")] != '\0';
	qpdf_oh_release(q, title);
	if (!titled) {
		error("%s: the document has no title: set one with the options or cairo's metadata",
		      f->in_path);
		goto out;
	}
	rc = qpdf_check(f, "cannot update the document information");
out:
	qpdf_oh_release(q, info);
	qpdf_oh_release(q, trailer);
	return rc;
}

static int check_options(const struct pdfpost_options *opt)
{
	if (!opt->lang || !lang_tag_valid(opt->lang))
		return error("invalid document language '%s' (want a tag such as 'en-GB')",
			     opt->lang ? opt->lang : "");
	const char *texts[] = { opt->title, opt->author, opt->subject,
				opt->keywords, opt->creator, opt->producer };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (texts[i] && !utf8_valid(texts[i]))
			return error("document property '%s' is not valid UTF-8", texts[i]);
	if (opt->figure_alt_count && !opt->figure_alts)
		BUG("figure_alt_count without figure_alts");
	for (size_t i = 0; i < opt->figure_alt_count; i++) {
		const char *alt = opt->figure_alts[i];
		if (!alt || !alt[strspn(alt, " \t\r\n")])
			return error("figure %zu has no alternative text", i + 1);
		if (!utf8_valid(alt))
			return error("the alternative text of figure %zu is not valid UTF-8", i + 1);
	}
	for (size_t i = 0; opt->th_scopes && i < opt->th_scope_count; i++)
		(void)scope_name(opt->th_scopes[i]);
	(void)scope_name(opt->th_scope);
	return 0;
}

/* qpdf reads objects lazily, with a seek and a small read each; reading
 * the whole file first made the rewrite of a 100-page pack almost twice as
 * fast. The buffer must outlive the qpdf_data. */
static char *read_whole_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		error("cannot read the PDF: open %s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	char *buf = NULL;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		error("cannot read the PDF: %s is not a regular file", path);
		goto out;
	}
	*len = (size_t)st.st_size;
	buf = xmalloc(*len ? *len : 1);
	if (fread(buf, 1, *len, f) != *len || ferror(f)) {
		error("cannot read the PDF: %s: %s", path,
		      ferror(f) ? strerror(errno) : "file shrank while reading");
		free(buf);
		buf = NULL;
	}
out:
	fclose(f);
	return buf;
}

static bool same_file(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static int write_fixed(struct fixer *f, const char *out_path)
{
	qpdf_data q = f->q;
	qpdf_init_write(q, out_path);
	if (qpdf_check(f, "cannot create the fixed PDF"))
		return -1;
	/* Object streams pack the thousands of small structure elements cairo
	 * writes; the /ID is a hash of the content so that the same input gives
	 * the same bytes. */
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_set_decode_level(q, qpdf_dl_generalized);
	qpdf_set_preserve_unreferenced_objects(q, QPDF_FALSE);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_linearization(q, QPDF_FALSE);
	qpdf_write(q);
	if (qpdf_check(f, "cannot write the fixed PDF"))
		return -1;
	return qpdf_check_warnings(f, "while writing the fixed PDF");
}

int pdfpost_fix(const char *in_path, const char *out_path,
		const struct pdfpost_options *opt, struct pdfpost_stats *stats)
{
	if (same_file(in_path, out_path))
		return error("cannot fix '%s' in place: write to another file", in_path);

	struct fixer f = { .in_path = in_path, .opt = opt };
	int rc = -1;
	size_t len = 0;
	char *bytes = NULL;
	if (check_options(opt) || !(bytes = read_whole_file(in_path, &len)))
		goto out;
	f.q = qpdf_init();
	qpdf_silence_errors(f.q);
	qpdf_set_suppress_warnings(f.q, QPDF_TRUE);
	qpdf_set_attempt_recovery(f.q, QPDF_FALSE);
	qpdf_read_memory(f.q, in_path, bytes, len, NULL);
	if (qpdf_check(&f, "cannot read the PDF") ||
	    qpdf_check_warnings(&f, "damaged PDF"))
		goto out;
	if (qpdf_is_encrypted(f.q)) {
		error("%s: the PDF is encrypted", in_path);
		goto out;
	}
	if (fix_catalog(&f) || fix_pages(&f) || fix_info(&f) ||
	    qpdf_check_warnings(&f, "damaged PDF") || write_fixed(&f, out_path))
		goto out;
	rc = 0;
	if (stats)
		*stats = f.stats;
out:
	if (f.q)
		qpdf_cleanup(&f.q);
	free(bytes);
	free(f.seen);
	if (rc && unlink(out_path) != 0 && errno != ENOENT)
		error("cannot remove the unfinished '%s': %s", out_path, strerror(errno));
	return rc;
}
