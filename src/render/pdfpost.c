/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* The PDF post-processor: reads cairo's finished file once to learn its
 * objects and structure tree, then writes the fixed file in one pass,
 * copying content streams and fonts byte for byte and packing every other
 * object, a few of them rewritten, into compressed object streams.
 *
 * Why not a PDF library: libqpdf, which did this first, builds every one of
 * the hundreds of thousands of structure elements of a long pack as a C++
 * object and held 1.7 GB for a 7,800-page pack, more than half the time of
 * the whole build. Here an object costs a row of a table (about 40 bytes),
 * and the input is read through a memory map whose pages are given back
 * as the passes move on. */
#include "pdfpost.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "render/pdflex.h"

/* cairo nests a handful of levels (Document > Table > TR > TD > Span); the
 * limit only keeps a malformed tree from going on for ever. */
#define MAX_STRUCT_DEPTH 512
/* Each object costs a row of the object table. */
#define MAX_OBJECTS (16u * 1024 * 1024)
/* Role maps may chain; standard types end the chain. */
#define MAX_ROLE_HOPS 16
#define MAX_NAME 128
/* Objects per object stream: qpdf's default, a balance between the size
 * of the file and the work a reader does to reach one object. */
#define OBJSTM_OBJECTS 100
/* Pages of the input already read are given back in steps of this. */
#define RELEASE_STEP (8u << 20)

enum obj_kind { OBJ_FREE, OBJ_PLAIN, OBJ_STREAM };

/* What the structure and page walks need to know of an object. */
enum obj_role {
	ROLE_OTHER,
	ROLE_ELEMENT,     /* a dictionary with a /S name: a structure element */
	ROLE_LEAF,        /* a marked-content or object reference (MCR, OBJR) */
	ROLE_PAGES,       /* a page tree node */
	ROLE_PAGE
};

/* What pass 2 does to an object besides copying it. */
enum obj_fix { FIX_NONE, FIX_FIGURE, FIX_HEADER, FIX_PAGE, FIX_CATALOG, FIX_INFO };

struct pobj {
	uint64_t off;        /* of "N G obj" in the input */
	uint32_t a, b;       /* plain: the value's offset from off and its
				length; stream: 0 and the object's length */
	uint8_t kind;        /* enum obj_kind */
	uint8_t role;        /* enum obj_role */
	uint8_t fix;         /* enum obj_fix */
	uint8_t seen;        /* visited by a walk */
	uint16_t stype;      /* ROLE_ELEMENT: the /S name, interned */
	uint32_t kids, n_kids;  /* /K (elements, tree root) or /Kids (pages) */
	uint32_t index;      /* FIX_FIGURE, FIX_HEADER: which one */
	uint64_t out;        /* in the output: offset, or object stream << 16 | index */
	int8_t out_type;     /* 1: at an offset, 2: in an object stream */
};

struct role_entry {
	char from[MAX_NAME], to[MAX_NAME];
};

struct fixer {
	const char *in_path;
	const struct pdfpost_options *opt;
	const char *data;            /* the input, mapped */
	size_t size;
	size_t released;             /* input bytes before this given back */

	struct pobj *objs;
	size_t n_objs;               /* the trailer's /Size */
	uint32_t *order;             /* in-use objects by offset */
	size_t n_order;
	uint64_t xref_off;
	uint32_t *kids;              /* pool of object numbers */
	size_t n_kids, cap_kids;
	char (*stypes)[MAX_NAME];    /* interned /S names */
	size_t n_stypes;
	struct role_entry *roles;
	size_t n_roles;
	char version;                /* '5' ... of %PDF-1.x */

	long long root, info, tree_root, pages_root;
	struct pdfpost_stats stats;

	/* output */
	FILE *out;
	uint64_t out_pos;
	uint64_t hash[2];
	z_stream z;
	bool z_ready;
	int write_errno;
};

static int damaged(struct fixer *f, long long obj, const char *what)
{
	if (obj >= 0)
		return error("damaged PDF: %s: object %lld: %s", f->in_path, obj, what);
	return error("damaged PDF: %s: %s", f->in_path, what);
}

/* ---- options --------------------------------------------------------- */

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

static const char *scope_name(enum pdfpost_scope scope)
{
	switch (scope) {
	case PDFPOST_SCOPE_COLUMN: return "/Column";
	case PDFPOST_SCOPE_ROW: return "/Row";
	case PDFPOST_SCOPE_BOTH: return "/Both";
	}
	BUG("unknown table header scope %d", (int)scope);
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

/* ---- dates ----------------------------------------------------------- */

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

/* ---- text strings ------------------------------------------------------ */

/* A PDF text string for UTF-8 text: a literal string when the text is
 * printable ASCII, else UTF-16BE with its byte order mark, in hex. */
static void add_text_string(struct strbuf *sb, const char *s)
{
	bool ascii = true;
	for (const unsigned char *p = (const unsigned char *)s; *p && ascii; p++)
		ascii = *p >= 0x20 && *p < 0x7f;
	if (ascii) {
		strbuf_addc(sb, '(');
		for (const char *p = s; *p; p++) {
			if (*p == '(' || *p == ')' || *p == '\\')
				strbuf_addc(sb, '\\');
			strbuf_addc(sb, *p);
		}
		strbuf_addc(sb, ')');
		return;
	}
	strbuf_adds(sb, "<FEFF");
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c = *p;
		int extra = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
		c &= extra == 0 ? 0x7f : extra == 1 ? 0x1f : extra == 2 ? 0x0f : 0x07;
		p++;
		for (int i = 0; i < extra && *p; i++, p++)
			c = (c << 6) | (*p & 0x3f);
		if (c >= 0x10000) {
			c -= 0x10000;
			strbuf_addf(sb, "%04X%04X", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3ff));
		} else {
			strbuf_addf(sb, "%04X", c);
		}
	}
	strbuf_addc(sb, '>');
}

/* Whether a text string value holds anything but white space. */
static bool text_has_content(const struct pdf_value *v)
{
	char buf[4096];
	long n = pdf_string_decode(v, buf, sizeof buf);
	if (n < 0)
		return false;
	if ((size_t)n > sizeof buf)
		n = sizeof buf;
	bool utf16 = n >= 2 && (unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF;
	for (long i = utf16 ? 2 : 0; i < n; i += utf16 ? 2 : 1) {
		unsigned c = utf16 ? ((unsigned char)buf[i] << 8) | (i + 1 < n ? (unsigned char)buf[i + 1] : 0)
				   : (unsigned char)buf[i];
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			return true;
	}
	return false;
}

/* ---- reading the input ------------------------------------------------- */

/* Gives back the pages of the input before `upto`: they are read and will
 * not be needed again, and a long pack's file is larger than everything
 * else in memory. */
static void release_before(struct fixer *f, size_t upto)
{
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0 || upto < f->released + RELEASE_STEP)
		return;
	size_t to = upto & ~((size_t)page - 1);
	madvise((char *)f->data + f->released, to - f->released, MADV_DONTNEED);
	f->released = to;
}

static void release_all(struct fixer *f)
{
	if (f->data && f->size)
		madvise((char *)f->data, f->size, MADV_DONTNEED);
	f->released = 0;
}

static int map_input(struct fixer *f)
{
	FILE *fp = fopen(f->in_path, "rbe");
	if (!fp)
		return error("cannot read the PDF: open %s: %s", f->in_path, strerror(errno));
	int fd = fileno(fp);
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		rc = error("cannot read the PDF: %s is not a regular file", f->in_path);
	} else if (st.st_size < 32) {
		rc = damaged(f, -1, "the file is too short to be a PDF");
	} else {
		f->size = (size_t)st.st_size;
		void *m = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED) {
			rc = error("cannot read the PDF: %s: %s", f->in_path, strerror(errno));
			f->size = 0;
		} else {
			f->data = m;
		}
	}
	fclose(fp);
	return rc;
}

static bool digits_at(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static long long number_at(const char *p, size_t n)
{
	long long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* The trailer dictionary's references. */
static int read_trailer(struct fixer *f, const char *p)
{
	const char *end = f->data + f->size, *err = "";
	struct pdf_value t, v;
	if (!pdf_read_value(p, end, &t, &err) || t.kind != PDF_DICT)
		return damaged(f, -1, "the trailer is not a dictionary");
	int rc = pdf_dict_get(&t, "/Size", &v, &err);
	long long n = rc == 1 && v.kind == PDF_INT ? v.num : 0;
	if (n <= 0 || n > MAX_OBJECTS)
		return error("%s: the trailer's /Size (%lld) is missing or too large", f->in_path, n);
	f->n_objs = (size_t)n;
	f->root = f->info = -1;
	if (pdf_dict_get(&t, "/Root", &v, &err) == 1 && v.kind == PDF_REF)
		f->root = v.num;
	if (pdf_dict_get(&t, "/Info", &v, &err) == 1) {
		if (v.kind != PDF_REF && v.kind != PDF_NULL)
			return error("%s: the document information (/Info) is not a dictionary",
				     f->in_path);
		if (v.kind == PDF_REF)
			f->info = v.num;
	}
	if (pdf_dict_get(&t, "/Encrypt", &v, &err) == 1)
		return error("%s: the PDF is encrypted", f->in_path);
	if (pdf_dict_get(&t, "/Prev", &v, &err) == 1)
		return damaged(f, -1, "the file has been updated incrementally (/Prev)");
	if (f->root < 0 || (size_t)f->root >= f->n_objs)
		return error("%s: the PDF has no catalog", f->in_path);
	return 0;
}

/* The classic cross-reference table cairo writes at the end. */
static int read_xref(struct fixer *f)
{
	const char *d = f->data, *end = d + f->size;
	size_t tail = f->size < 1024 ? f->size : 1024;
	const char *sx = NULL;
	for (const char *p = end - tail; p + 9 <= end; p++)
		if (memcmp(p, "startxref", 9) == 0)
			sx = p;
	if (!sx)
		return damaged(f, -1, "no cross-reference table at the end (is the file cut short?)");
	const char *p = pdf_skip_space(sx + 9, end), *q = p;
	while (q < end && *q >= '0' && *q <= '9')
		q++;
	if (q == p || q - p > 15)
		return damaged(f, -1, "startxref gives no offset");
	f->xref_off = (uint64_t)number_at(p, (size_t)(q - p));
	if (f->xref_off + 4 > f->size || memcmp(d + f->xref_off, "xref", 4) != 0)
		return damaged(f, -1, "startxref does not point at a cross-reference table "
			       "(cross-reference streams are not read)");
	p = d + f->xref_off + 4;
	/* The trailer comes after the subsections: find /Size first. */
	const char *tr = NULL;
	for (const char *s = p; s + 7 <= end; s++)
		if (memcmp(s, "trailer", 7) == 0) {
			tr = s;
			break;
		}
	if (!tr)
		return damaged(f, -1, "no trailer after the cross-reference table");
	if (read_trailer(f, tr + 7) != 0)
		return -1;
	f->objs = xcalloc(f->n_objs, sizeof *f->objs);
	while (p < tr) {
		p = pdf_skip_space(p, tr);
		if (p >= tr)
			break;
		const char *a = p;
		while (p < tr && *p >= '0' && *p <= '9')
			p++;
		const char *ae = p;
		p = pdf_skip_space(p, tr);
		const char *b = p;
		while (p < tr && *p >= '0' && *p <= '9')
			p++;
		if (a == ae || b == p || ae - a > 9 || p - b > 9)
			return damaged(f, -1, "malformed cross-reference subsection");
		long long first = number_at(a, (size_t)(ae - a)), count = number_at(b, (size_t)(p - b));
		while (p < tr && (*p == ' ' || *p == '\r' || *p == '\n'))
			p++;
		if (first + count > (long long)f->n_objs || (size_t)(tr - p) < (size_t)count * 20)
			return damaged(f, -1, "cross-reference subsection outside the table");
		for (long long i = 0; i < count; i++, p += 20) {
			if (!digits_at(p, 10) || p[10] != ' ' || !digits_at(p + 11, 5) || p[16] != ' ' ||
			    (p[17] != 'n' && p[17] != 'f'))
				return damaged(f, first + i, "malformed cross-reference entry");
			if (p[17] == 'f')
				continue;
			if (number_at(p + 11, 5) != 0)
				return damaged(f, first + i, "generation other than 0");
			uint64_t off = (uint64_t)number_at(p, 10);
			if (off < 8 || off >= f->xref_off)
				return damaged(f, first + i, "offset outside the file");
			struct pobj *o = &f->objs[first + i];
			o->off = off;
			o->kind = OBJ_PLAIN;
		}
	}
	return 0;
}

static int by_offset(const void *a, const void *b, void *objs)
{
	const struct pobj *o = objs;
	uint64_t x = o[*(const uint32_t *)a].off, y = o[*(const uint32_t *)b].off;
	return x < y ? -1 : x > y;
}

static void add_kid(struct fixer *f, uint32_t n)
{
	if (f->n_kids == f->cap_kids) {
		f->cap_kids = f->cap_kids ? f->cap_kids * 2 : 4096;
		f->kids = xrealloc(f->kids, f->cap_kids, sizeof *f->kids);
	}
	f->kids[f->n_kids++] = n;
}

static uint16_t intern_stype(struct fixer *f, const struct pdf_value *name)
{
	char buf[MAX_NAME];
	pdf_name_decode(name, buf, sizeof buf);
	for (size_t i = 0; i < f->n_stypes; i++)
		if (strcmp(f->stypes[i], buf) == 0)
			return (uint16_t)i;
	if (f->n_stypes >= 65535)
		return 65535;
	f->stypes = xrealloc(f->stypes, f->n_stypes + 1, sizeof *f->stypes);
	memcpy(f->stypes[f->n_stypes], buf, sizeof buf);
	return (uint16_t)f->n_stypes++;
}

/* A kid written as a dictionary in /K must be a marked-content or object
 * reference: elements themselves are only read by reference. */
static int check_direct_kid(struct fixer *f, long long num, const struct pdf_value *kid)
{
	struct pdf_value t;
	const char *err = "";
	if (pdf_dict_get(kid, "/S", &t, &err) == 1 && t.kind == PDF_NAME)
		return damaged(f, num, "a structure element written inside another "
			       "(only references are read)");
	if (!(pdf_dict_get(kid, "/Type", &t, &err) == 1 &&
	      (pdf_name_is(&t, "/MCR") || pdf_name_is(&t, "/OBJR"))))
		return error("%s: structure element without a type (/S)", f->in_path);
	return 0;
}

/* The kids of a structure element or of the tree root (its /K): other
 * elements by reference. Marked-content ids and MCR and OBJR dictionaries
 * are leaves. */
static int collect_struct_kids(struct fixer *f, long long num, const struct pdf_value *k)
{
	if (k->kind == PDF_REF) {
		add_kid(f, (uint32_t)k->num);
		f->objs[num].n_kids++;
		return 0;
	}
	if (k->kind == PDF_DICT)
		return check_direct_kid(f, num, k);
	if (k->kind != PDF_ARRAY)
		return 0;
	struct pdf_iter it;
	struct pdf_value item;
	const char *err = "";
	int rc;
	pdf_iter_begin(&it, k);
	while ((rc = pdf_array_next(&it, &item, &err)) == 1) {
		if (item.kind == PDF_REF) {
			add_kid(f, (uint32_t)item.num);
			f->objs[num].n_kids++;
		} else if (item.kind == PDF_DICT && check_direct_kid(f, num, &item) != 0) {
			return -1;
		}
	}
	return rc < 0 ? damaged(f, num, err) : 0;
}

/* What pass 2 and the walks need of a dictionary object. */
static int classify(struct fixer *f, long long num, const struct pdf_value *v)
{
	struct pobj *o = &f->objs[num];
	struct pdf_iter it;
	struct pdf_value key, val, type = { 0 }, s = { 0 }, k = { 0 }, kids = { 0 };
	const char *err = "";
	int rc;
	pdf_iter_begin(&it, v);
	while ((rc = pdf_dict_next(&it, &key, &val, &err)) == 1) {
		if (pdf_name_is(&key, "/Type"))
			type = val;
		else if (pdf_name_is(&key, "/S"))
			s = val;
		else if (pdf_name_is(&key, "/K"))
			k = val;
		else if (pdf_name_is(&key, "/Kids"))
			kids = val;
	}
	if (rc < 0)
		return damaged(f, num, err);
	o->kids = (uint32_t)f->n_kids;
	if (s.kind == PDF_NAME) {
		o->role = ROLE_ELEMENT;
		o->stype = intern_stype(f, &s);
		return collect_struct_kids(f, num, &k);
	}
	if (type.kind != PDF_NAME)
		return 0;
	if (pdf_name_is(&type, "/MCR") || pdf_name_is(&type, "/OBJR")) {
		o->role = ROLE_LEAF;
	} else if (pdf_name_is(&type, "/StructTreeRoot")) {
		f->tree_root = num;
		return collect_struct_kids(f, num, &k);
	} else if (pdf_name_is(&type, "/Page")) {
		o->role = ROLE_PAGE;
	} else if (pdf_name_is(&type, "/Pages")) {
		o->role = ROLE_PAGES;
		if (kids.kind != PDF_ARRAY)
			return damaged(f, num, "a page tree node without /Kids");
		pdf_iter_begin(&it, &kids);
		while ((rc = pdf_array_next(&it, &val, &err)) == 1) {
			if (val.kind != PDF_REF)
				return damaged(f, num, "a page tree node's kid is not a reference");
			add_kid(f, (uint32_t)val.num);
			o->n_kids++;
		}
		if (rc < 0)
			return damaged(f, num, err);
	}
	return 0;
}

/* Where a stream object's data ends: at "endstream", with the end of
 * line in front of it not counted in /Length. Returns the length from
 * data to "endstream" and in *eol how many bytes before it are an end of
 * line, or -1 when there is no "endstream". */
static long long stream_data_length(const char *data, const char *obj_end, long long *eol)
{
	const char *e = obj_end - 6;  /* "endobj" */
	while (e > data && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	if (e - data < 9 || memcmp(e - 9, "endstream", 9) != 0)
		return -1;
	e -= 9;
	*eol = 0;
	if (e > data && e[-1] == '\n')
		++*eol;
	if (e - *eol > data && e[-1 - *eol] == '\r')
		++*eol;
	return e - data;
}

/* Whether a stream's /Length fits data that runs `total` bytes to
 * "endstream", the last `eol` of them an end of line. */
static bool length_fits(long long length, long long total, long long eol)
{
	return length <= total && total - length <= eol;
}

/* The value of the object that holds a stream's length: cairo writes it
 * just after the stream, so this reads what is about to be read anyway. */
static int stream_length_object(struct fixer *f, long long num, struct pdf_value *v)
{
	if (num < 0 || (size_t)num >= f->n_objs || f->objs[num].kind == OBJ_FREE)
		return -1;
	const char *p = f->data + f->objs[num].off, *end = f->data + f->xref_off, *err = "";
	struct pdf_value n1, n2, kw;
	p = pdf_read_value(p, end, &n1, &err);
	if (p)
		p = pdf_read_value(p, end, &n2, &err);
	if (p)
		p = pdf_read_value(p, end, &kw, &err);
	if (!p || n1.kind != PDF_INT || n1.num != num || kw.kind != PDF_KEYWORD)
		return -1;
	return pdf_read_value(p, end, v, &err) ? 0 : -1;
}

/* Pass 1: every object in file order, its kind and extent, the
 * dictionaries the walks need, and each stream's /Length checked. */
static int scan_objects(struct fixer *f)
{
	const char *d = f->data;
	f->order = xcalloc(f->n_objs, sizeof *f->order);
	for (size_t i = 0; i < f->n_objs; i++)
		if (f->objs[i].kind != OBJ_FREE)
			f->order[f->n_order++] = (uint32_t)i;
	qsort_r(f->order, f->n_order, sizeof *f->order, by_offset, f->objs);
	f->tree_root = -1;
	for (size_t k = 0; k < f->n_order; k++) {
		long long num = f->order[k];
		struct pobj *o = &f->objs[num];
		uint64_t next = k + 1 < f->n_order ? f->objs[f->order[k + 1]].off : f->xref_off;
		if (next == o->off)
			return damaged(f, num, "two objects at the same offset");
		const char *p = d + o->off, *end = d + next, *err = "";
		release_before(f, o->off);
		struct pdf_value n1, n2, kw, v;
		p = pdf_read_value(p, end, &n1, &err);
		if (p)
			p = pdf_read_value(p, end, &n2, &err);
		if (p)
			p = pdf_read_value(p, end, &kw, &err);
		if (!p || n1.kind != PDF_INT || n1.num != num || n2.kind != PDF_INT ||
		    kw.kind != PDF_KEYWORD || kw.end - kw.start != 3 || memcmp(kw.start, "obj", 3) != 0)
			return damaged(f, num, "not at the offset the cross-reference table gives");
		p = pdf_read_value(p, end, &v, &err);
		if (!p)
			return damaged(f, num, err);
		if (v.kind == PDF_NONE || v.kind == PDF_KEYWORD)
			return damaged(f, num, "no value");
		const char *after = pdf_skip_space(p, end);
		/* The object ends at its last "endobj" before the next one. */
		const char *oe = end;
		while (oe > after && (oe[-1] == ' ' || oe[-1] == '\n' || oe[-1] == '\r'))
			oe--;
		if (oe - after < 6 || memcmp(oe - 6, "endobj", 6) != 0)
			return damaged(f, num, "no endobj before the next object");
		if ((size_t)(end - d) - o->off > UINT32_MAX)
			return damaged(f, num, "an object larger than 4 GB");
		if ((size_t)(oe - after) >= 6 + 6 && memcmp(after, "stream", 6) == 0) {
			if (v.kind != PDF_DICT)
				return damaged(f, num, "stream without a dictionary");
			const char *data = after + 6;
			if (*data == '\r')
				data++;
			if (*data != '\n')
				return damaged(f, num, "no end of line after 'stream'");
			data++;
			long long eol, len = stream_data_length(data, oe, &eol);
			struct pdf_value lv;
			if (len < 0)
				return damaged(f, num, "stream without endstream");
			if (pdf_dict_get(&v, "/Length", &lv, &err) != 1)
				return damaged(f, num, "stream without /Length");
			if (lv.kind == PDF_REF && stream_length_object(f, lv.num, &lv) != 0)
				return damaged(f, num, "stream /Length does not match its data");
			if (lv.kind != PDF_INT || !length_fits(lv.num, len, eol))
				return damaged(f, num, "stream /Length does not match its data");
			o->kind = OBJ_STREAM;
			o->a = 0;
			o->b = (uint32_t)(oe - (d + o->off));
			continue;
		}
		if (oe - after != 6)
			return damaged(f, num, "more than one value in the object");
		o->a = (uint32_t)(v.start - (d + o->off));
		o->b = (uint32_t)(v.end - v.start);
		if (v.kind == PDF_DICT && classify(f, num, &v) != 0)
			return -1;
	}
	release_all(f);
	return 0;
}

/* The value of a plain object. */
static int object_value(struct fixer *f, long long num, struct pdf_value *v)
{
	if (num < 0 || (size_t)num >= f->n_objs || f->objs[num].kind != OBJ_PLAIN)
		return -1;
	const struct pobj *o = &f->objs[num];
	const char *p = f->data + o->off + o->a, *err = "";
	return pdf_read_value(p, p + o->b, v, &err) ? 0 : -1;
}

/* A dictionary entry that may be given by reference: the value itself. */
static int resolve(struct fixer *f, struct pdf_value *v)
{
	if (v->kind != PDF_REF)
		return 0;
	return object_value(f, v->num, v);
}

/* ---- the walks ---------------------------------------------------------- */

static int read_role_map(struct fixer *f, const struct pdf_value *tree)
{
	struct pdf_value rm, key, val;
	const char *err = "";
	if (pdf_dict_get(tree, "/RoleMap", &rm, &err) != 1)
		return 0;
	if (resolve(f, &rm) != 0 || rm.kind != PDF_DICT)
		return 0;
	struct pdf_iter it;
	pdf_iter_begin(&it, &rm);
	int rc;
	while ((rc = pdf_dict_next(&it, &key, &val, &err)) == 1) {
		if (val.kind != PDF_NAME)
			continue;
		f->roles = xrealloc(f->roles, f->n_roles + 1, sizeof *f->roles);
		struct role_entry *r = &f->roles[f->n_roles++];
		pdf_name_decode(&key, r->from, sizeof r->from);
		pdf_name_decode(&val, r->to, sizeof r->to);
	}
	return rc < 0 ? damaged(f, f->tree_root, err) : 0;
}

/* The structure type of an element after the file's role map: cairo 1.16
 * only writes standard names, but a mapped name must count as what it
 * maps to. */
static const char *struct_type(struct fixer *f, uint16_t stype)
{
	const char *type = stype < f->n_stypes ? f->stypes[stype] : "";
	for (int hop = 0; hop < MAX_ROLE_HOPS; hop++) {
		const char *to = NULL;
		for (size_t i = 0; i < f->n_roles && !to; i++)
			if (strcmp(f->roles[i].from, type) == 0)
				to = f->roles[i].to;
		if (!to)
			break;
		type = to;
	}
	return type;
}

struct walk_item {
	uint32_t obj;
	uint32_t depth;
};

/* Depth first, kids in /K order: the order in which cairo opened the
 * tags, which is the order of the alternative texts and scopes. */
static int walk_structure(struct fixer *f)
{
	const struct pdfpost_options *opt = f->opt;
	struct pobj *root = &f->objs[f->tree_root];
	size_t cap = 1024, n = 0;
	struct walk_item *stack = xmalloc(cap * sizeof *stack);
	int rc = 0;
	for (uint32_t i = root->n_kids; i-- > 0;)
		stack[n++] = (struct walk_item){ f->kids[root->kids + i], 0 };
	while (n > 0 && rc == 0) {
		struct walk_item it = stack[--n];
		if (it.obj >= f->n_objs || f->objs[it.obj].kind == OBJ_FREE) {
			rc = error("%s: structure element %u is outside the cross-reference table",
				   f->in_path, it.obj);
			break;
		}
		struct pobj *o = &f->objs[it.obj];
		if (o->kind != OBJ_PLAIN || o->role == ROLE_LEAF)
			continue;
		if (o->role != ROLE_ELEMENT) {
			/* A kid that is not a dictionary is no element at all. */
			struct pdf_value v;
			if (object_value(f, it.obj, &v) == 0 && v.kind != PDF_DICT)
				continue;
			rc = error("%s: structure element without a type (/S)", f->in_path);
			break;
		}
		if (it.depth > MAX_STRUCT_DEPTH) {
			rc = error("%s: structure tree deeper than %d levels", f->in_path,
				   MAX_STRUCT_DEPTH);
			break;
		}
		if (o->seen++) {
			rc = error("%s: structure element %u appears twice in the structure tree",
				   f->in_path, it.obj);
			break;
		}
		f->stats.struct_elements++;
		const char *type = struct_type(f, o->stype);
		if (strcmp(type, "/Figure") == 0) {
			o->fix = FIX_FIGURE;
			o->index = (uint32_t)f->stats.figures++;
		} else if (strcmp(type, "/TH") == 0) {
			o->fix = FIX_HEADER;
			o->index = (uint32_t)f->stats.headers++;
		}
		if (n + o->n_kids > cap) {
			while (n + o->n_kids > cap)
				cap *= 2;
			stack = xrealloc(stack, cap, sizeof *stack);
		}
		for (uint32_t i = o->n_kids; i-- > 0;)
			stack[n++] = (struct walk_item){ f->kids[o->kids + i], it.depth + 1 };
	}
	free(stack);
	if (rc)
		return rc;
	if (f->stats.figures != opt->figure_alt_count)
		return error("%s: %zu figures in the structure tree but %zu alternative texts given",
			     f->in_path, f->stats.figures, opt->figure_alt_count);
	if (opt->th_scopes && f->stats.headers != opt->th_scope_count)
		return error("%s: %zu table header cells in the structure tree but %zu scopes given",
			     f->in_path, f->stats.headers, opt->th_scope_count);
	return 0;
}

/* Marks every page for /Tabs. */
static int walk_pages(struct fixer *f)
{
	size_t cap = 64, n = 0, pages = 0;
	uint32_t *stack = xmalloc(cap * sizeof *stack);
	int rc = 0;
	if (f->pages_root >= 0)
		stack[n++] = (uint32_t)f->pages_root;
	while (n > 0 && rc == 0) {
		uint32_t num = stack[--n];
		struct pobj *o = num < f->n_objs ? &f->objs[num] : NULL;
		if (!o || o->kind != OBJ_PLAIN || (o->role != ROLE_PAGES && o->role != ROLE_PAGE)) {
			rc = error("%s: cannot read the page tree: object %u is no page", f->in_path, num);
			break;
		}
		if (o->seen++) {
			rc = error("%s: cannot read the page tree: object %u appears twice",
				   f->in_path, num);
			break;
		}
		if (o->role == ROLE_PAGE) {
			o->fix = FIX_PAGE;
			pages++;
			continue;
		}
		if (n + o->n_kids > cap) {
			while (n + o->n_kids > cap)
				cap *= 2;
			stack = xrealloc(stack, cap, sizeof *stack);
		}
		for (uint32_t i = o->n_kids; i-- > 0;)
			stack[n++] = f->kids[o->kids + i];
	}
	free(stack);
	if (rc == 0 && pages == 0)
		rc = error("%s: cannot read the page tree", f->in_path);
	return rc;
}

static int read_catalog(struct fixer *f)
{
	struct pdf_value cat, v;
	const char *err = "";
	if (object_value(f, f->root, &cat) != 0 || cat.kind != PDF_DICT)
		return error("%s: the PDF has no catalog", f->in_path);
	f->objs[f->root].fix = FIX_CATALOG;
	f->pages_root = -1;
	if (pdf_dict_get(&cat, "/Pages", &v, &err) == 1 && v.kind == PDF_REF)
		f->pages_root = v.num;
	int rc = pdf_dict_get(&cat, "/StructTreeRoot", &v, &err);
	struct pdf_value tree;
	if (rc != 1 || v.kind != PDF_REF || v.num != f->tree_root ||
	    object_value(f, v.num, &tree) != 0 || tree.kind != PDF_DICT)
		return error("%s: the PDF is not tagged (no structure tree): "
			     "open a Document tag around every page", f->in_path);
	if (read_role_map(f, &tree) != 0)
		return -1;
	if (f->info >= 0) {
		struct pdf_value info;
		if (object_value(f, f->info, &info) != 0 || info.kind != PDF_DICT)
			return error("%s: the document information (/Info) is not a dictionary",
				     f->in_path);
		f->objs[f->info].fix = FIX_INFO;
	}
	return 0;
}

/* ---- rewriting dictionaries ----------------------------------------------- */

/* Copies the entries of dict whose keys are not in drop, then the new
 * entries in add (text that starts with a key), as one dictionary. */
static int rewrite_dict(struct fixer *f, long long num, const struct pdf_value *dict,
			const char *const *drop, const char *add, struct strbuf *out)
{
	struct pdf_iter it;
	struct pdf_value key, val;
	const char *err = "";
	int rc;
	strbuf_adds(out, "<<");
	pdf_iter_begin(&it, dict);
	while ((rc = pdf_dict_next(&it, &key, &val, &err)) == 1) {
		bool dropped = false;
		for (const char *const *d = drop; *d && !dropped; d++)
			dropped = pdf_name_is(&key, *d);
		if (dropped)
			continue;
		strbuf_addc(out, ' ');
		strbuf_add(out, key.start, (size_t)(key.end - key.start));
		strbuf_addc(out, ' ');
		strbuf_add(out, val.start, (size_t)(val.end - val.start));
	}
	if (rc < 0)
		return damaged(f, num, err);
	if (add && *add) {
		strbuf_addc(out, ' ');
		strbuf_adds(out, add);
	}
	strbuf_adds(out, " >>");
	return 0;
}

static bool owned_by_table(const struct pdf_value *attrs)
{
	struct pdf_value owner;
	const char *err = "";
	return attrs->kind == PDF_DICT && pdf_dict_get(attrs, "/O", &owner, &err) == 1 &&
	       pdf_name_is(&owner, "/Table");
}

/* The /A of a table header cell with its Table attributes' /Scope set,
 * beside attribute objects of other owners. */
static int header_attributes(struct fixer *f, long long num, const struct pdf_value *elem,
			     const char *scope, struct strbuf *add)
{
	struct pdf_value a;
	const char *err = "";
	static const char *const drop_scope[] = { "/Scope", NULL };
	struct strbuf fresh = STRBUF_INIT;
	strbuf_addf(&fresh, "<< /O /Table /Scope %s >>", scope);
	strbuf_adds(add, "/A ");
	int rc = pdf_dict_get(elem, "/A", &a, &err);
	if (rc < 0) {
		rc = damaged(f, num, err);
	} else if (rc == 0 || a.kind == PDF_NULL) {
		strbuf_adds(add, fresh.buf);
		rc = 0;
	} else if (owned_by_table(&a)) {
		struct strbuf s = STRBUF_INIT;
		strbuf_addf(&s, "/Scope %s", scope);
		rc = rewrite_dict(f, num, &a, drop_scope, s.buf, add);
		strbuf_release(&s);
	} else if (a.kind == PDF_DICT) {
		strbuf_adds(add, "[ ");
		strbuf_add(add, a.start, (size_t)(a.end - a.start));
		strbuf_addf(add, " %s ]", fresh.buf);
		rc = 0;
	} else if (a.kind == PDF_ARRAY) {
		struct pdf_iter it;
		struct pdf_value item;
		bool done = false;
		strbuf_addc(add, '[');
		pdf_iter_begin(&it, &a);
		while (rc == 1 && (rc = pdf_array_next(&it, &item, &err)) == 1) {
			strbuf_addc(add, ' ');
			if (!done && owned_by_table(&item)) {
				struct strbuf s = STRBUF_INIT;
				strbuf_addf(&s, "/Scope %s", scope);
				int wrc = rewrite_dict(f, num, &item, drop_scope, s.buf, add);
				strbuf_release(&s);
				if (wrc)
					rc = -2;
				done = true;
			} else {
				strbuf_add(add, item.start, (size_t)(item.end - item.start));
			}
		}
		if (rc == -1)
			rc = damaged(f, num, err);
		else if (rc == 0 && !done)
			strbuf_addf(add, " %s", fresh.buf);
		if (rc == 0)
			strbuf_adds(add, " ]");
		else
			rc = -1;
	} else {
		rc = error("%s: table header %u has a malformed /A entry", f->in_path,
			   f->objs[num].index);
	}
	strbuf_release(&fresh);
	return rc;
}

/* A catalog entry that must be a dictionary holding `key true`. */
static int catalog_flag(struct fixer *f, const struct pdf_value *cat, const char *dict_key,
			const char *key, struct strbuf *add)
{
	struct pdf_value d;
	const char *err = "";
	const char *drop[] = { key, NULL };
	struct strbuf flag = STRBUF_INIT;
	strbuf_addf(&flag, "%s true", key);
	strbuf_addf(add, " %s ", dict_key);
	int rc = pdf_dict_get(cat, dict_key, &d, &err);
	if (rc < 0)
		rc = damaged(f, f->root, err);
	else if (rc == 0 || d.kind == PDF_NULL)
		strbuf_addf(add, "<< %s >>", flag.buf), rc = 0;
	else if (d.kind == PDF_DICT)
		rc = rewrite_dict(f, f->root, &d, drop, flag.buf, add);
	else
		rc = error("%s: the catalog's %s is not a %sdictionary", f->in_path, dict_key,
			   d.kind == PDF_REF ? "direct " : "");
	strbuf_release(&flag);
	return rc;
}

static int fix_catalog(struct fixer *f, const struct pdf_value *cat, struct strbuf *out)
{
	struct strbuf add = STRBUF_INIT;
	strbuf_adds(&add, "/Lang ");
	add_text_string(&add, f->opt->lang);
	int rc = catalog_flag(f, cat, "/ViewerPreferences", "/DisplayDocTitle", &add);
	if (rc == 0)
		rc = catalog_flag(f, cat, "/MarkInfo", "/Marked", &add);
	static const char *const drop[] = { "/Lang", "/ViewerPreferences", "/MarkInfo", NULL };
	if (rc == 0)
		rc = rewrite_dict(f, f->root, cat, drop, add.buf, out);
	strbuf_release(&add);
	return rc;
}

static int fix_info_date(struct fixer *f, const struct pdf_value *info, const char *key,
			 struct strbuf *add)
{
	struct pdf_value v;
	const char *err = "";
	int rc = pdf_dict_get(info, key, &v, &err);
	if (rc < 0)
		return damaged(f, f->info, err);
	if (rc == 0 || v.kind == PDF_NULL)
		return 0;
	if (resolve(f, &v) != 0 || (v.kind != PDF_STRING && v.kind != PDF_HEXSTRING))
		return error("%s: the document's %s is not a string", f->in_path, key + 1);
	char text[64], date[40];
	long n = pdf_string_decode(&v, text, sizeof text - 1);
	if (n < 0 || (size_t)n >= sizeof text)
		n = sizeof text - 1;
	text[n] = '\0';
	if (strlen(text) != (size_t)n || normalise_date(text, date, sizeof date) != 0)
		return error("%s: cannot understand the document's %s '%s'", f->in_path, key + 1,
			     text);
	strbuf_addf(add, " %s (%s)", key, date);
	return 0;
}

/* The Info dictionary: its dates in full, the properties of the options,
 * and a title that is not empty. info is NULL when the file has none. */
static int fix_info(struct fixer *f, const struct pdf_value *info, struct strbuf *out)
{
	const struct pdfpost_options *opt = f->opt;
	static const char *const keys[] = { "/Title", "/Author", "/Subject", "/Keywords",
					    "/Creator", "/Producer" };
	const char *values[] = { opt->title, opt->author, opt->subject,
				 opt->keywords, opt->creator, opt->producer };
	const char *drop[10];
	size_t nd = 0;
	drop[nd++] = "/CreationDate";
	drop[nd++] = "/ModDate";
	struct strbuf add = STRBUF_INIT;
	int rc = 0;
	if (info)
		rc = fix_info_date(f, info, "/CreationDate", &add);
	if (rc == 0 && info)
		rc = fix_info_date(f, info, "/ModDate", &add);
	for (size_t i = 0; rc == 0 && i < 6; i++) {
		if (!values[i])
			continue;
		drop[nd++] = keys[i];
		strbuf_addf(&add, " %s ", keys[i]);
		add_text_string(&add, values[i]);
	}
	drop[nd] = NULL;
	/* DisplayDocTitle shows the title instead of the file name. */
	bool titled = false;
	if (rc == 0 && opt->title) {
		titled = opt->title[strspn(opt->title, " \t\r\n")] != '\0';
	} else if (rc == 0 && info) {
		struct pdf_value t;
		const char *err = "";
		if (pdf_dict_get(info, "/Title", &t, &err) == 1 && resolve(f, &t) == 0)
			titled = text_has_content(&t);
	}
	if (rc == 0 && !titled)
		rc = error("%s: the document has no title: set one with the options or cairo's metadata",
			   f->in_path);
	if (rc == 0 && info) {
		rc = rewrite_dict(f, f->info, info, drop, add.buf + (add.len > 0), out);
	} else if (rc == 0) {
		strbuf_adds(out, "<<");
		strbuf_add(out, add.buf, add.len);
		strbuf_adds(out, " >>");
	}
	strbuf_release(&add);
	return rc;
}

/* The new text of an object pass 2 changes. */
static int fixed_object(struct fixer *f, long long num, const struct pdf_value *v,
			struct strbuf *out)
{
	const struct pobj *o = &f->objs[num];
	const struct pdfpost_options *opt = f->opt;
	struct strbuf add = STRBUF_INIT;
	int rc = 0;
	switch ((enum obj_fix)o->fix) {
	case FIX_FIGURE: {
		static const char *const drop[] = { "/Alt", NULL };
		strbuf_adds(&add, "/Alt ");
		add_text_string(&add, opt->figure_alts[o->index]);
		rc = rewrite_dict(f, num, v, drop, add.buf, out);
		break;
	}
	case FIX_HEADER: {
		static const char *const drop[] = { "/A", NULL };
		enum pdfpost_scope scope = opt->th_scopes ? opt->th_scopes[o->index] : opt->th_scope;
		rc = header_attributes(f, num, v, scope_name(scope), &add);
		if (rc == 0)
			rc = rewrite_dict(f, num, v, drop, add.buf, out);
		break;
	}
	case FIX_PAGE: {
		/* Keyboard users move through links in structure order (PDF/UA
		 * asks for /Tabs /S on every page with annotations). */
		static const char *const drop[] = { "/Tabs", NULL };
		rc = rewrite_dict(f, num, v, drop, "/Tabs /S", out);
		break;
	}
	case FIX_CATALOG:
		rc = fix_catalog(f, v, out);
		break;
	case FIX_INFO:
		rc = fix_info(f, v, out);
		break;
	case FIX_NONE:
		BUG("fixing an object that needs nothing");
	}
	strbuf_release(&add);
	return rc;
}

/* ---- writing ------------------------------------------------------------ */

/* A content hash of everything written, for the file identifier: two
 * 64-bit FNV-1a lanes over alternate bytes' mix. Not cryptographic; the
 * identifier only has to be the same for the same bytes. */
static void hash_bytes(uint64_t h[2], const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t a = h[0], b = h[1];
	for (size_t i = 0; i < n; i++) {
		a = (a ^ p[i]) * 0x100000001b3ULL;
		b = (b ^ (p[i] + 0x9e)) * 0x100000001b3ULL;
		b ^= a >> 29;
	}
	h[0] = a;
	h[1] = b;
}

static void out_write(struct fixer *f, const void *data, size_t n)
{
	if (!n || f->write_errno)
		return;
	hash_bytes(f->hash, data, n);
	if (fwrite(data, 1, n, f->out) != n)
		f->write_errno = errno ? errno : EIO;
	f->out_pos += n;
}

static void out_str(struct fixer *f, const char *s)
{
	out_write(f, s, strlen(s));
}

static void out_printf(struct fixer *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_printf(struct fixer *f, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		BUG("output line too long");
	out_write(f, buf, (size_t)n);
}

/* Deflates in into out (replaced). */
static int deflate_into(struct fixer *f, const struct strbuf *in, struct strbuf *out)
{
	if (!f->z_ready) {
		memset(&f->z, 0, sizeof f->z);
		/* Level 6, zlib's default, compresses the structure elements about
		 * as well as level 9 at a third of its time. */
		if (deflateInit(&f->z, 6) != Z_OK)
			return error("cannot start compressing: %s", f->z.msg ? f->z.msg : "zlib");
		f->z_ready = true;
	} else {
		deflateReset(&f->z);
	}
	uLong bound = deflateBound(&f->z, (uLong)in->len);
	strbuf_reset(out);
	strbuf_add(out, "", 0);
	if (out->cap < bound + 1) {
		out->buf = xrealloc(out->buf, bound + 1, 1);
		out->cap = bound + 1;
	}
	f->z.next_in = (Bytef *)in->buf;
	f->z.avail_in = (uInt)in->len;
	f->z.next_out = (Bytef *)out->buf;
	f->z.avail_out = (uInt)bound;
	if (deflate(&f->z, Z_FINISH) != Z_STREAM_END)
		return error("cannot compress: %s", f->z.msg ? f->z.msg : "zlib");
	out->len = bound - f->z.avail_out;
	return 0;
}

struct objstm {
	uint32_t num;              /* its object number */
	size_t n;                  /* objects in it */
	struct strbuf header;      /* "num offset ..." pairs */
	struct strbuf body;
	struct strbuf packed;      /* header and body, then compressed */
	struct strbuf deflated;
};

static int flush_objstm(struct fixer *f, struct objstm *s)
{
	if (s->n == 0)
		return 0;
	strbuf_reset(&s->packed);
	strbuf_add(&s->packed, s->header.buf, s->header.len);
	strbuf_addc(&s->packed, '\n');
	size_t first = s->packed.len;
	strbuf_add(&s->packed, s->body.buf, s->body.len);
	if (deflate_into(f, &s->packed, &s->deflated) != 0)
		return -1;
	struct pobj *o = &f->objs[s->num];
	o->out_type = 1;
	o->out = f->out_pos;
	out_printf(f, "%u 0 obj\n<< /Type /ObjStm /N %zu /First %zu /Filter /FlateDecode "
		   "/Length %zu >>\nstream\n", s->num, s->n, first, s->deflated.len);
	out_write(f, s->deflated.buf, s->deflated.len);
	out_str(f, "\nendstream\nendobj\n");
	s->n = 0;
	strbuf_reset(&s->header);
	strbuf_reset(&s->body);
	return 0;
}

/* Adds an object's text to the open object stream; a full stream is
 * written and the next one gets the next new object number. */
static int pack_object(struct fixer *f, struct objstm *s, uint32_t num, const char *text,
		       size_t len, uint32_t *next_new)
{
	if (s->n == 0)
		s->num = (*next_new)++;
	struct pobj *o = &f->objs[num];
	o->out_type = 2;
	o->out = (uint64_t)s->num << 16 | s->n;
	strbuf_addf(&s->header, "%s%u %zu", s->n ? " " : "", num, s->body.len);
	strbuf_add(&s->body, text, len);
	strbuf_addc(&s->body, '\n');
	s->n++;
	if (s->n == OBJSTM_OBJECTS)
		return flush_objstm(f, s);
	return 0;
}

static void put_be(unsigned char *p, uint64_t v, int width)
{
	for (int i = width - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xFF);
}

static int width_of(uint64_t v)
{
	int w = 1;
	while (v >>= 8)
		w++;
	return w;
}

/* The cross-reference stream, the trailer's entries and the end. */
static int write_xref(struct fixer *f, uint32_t xref_num, uint32_t size, uint32_t info)
{
	struct pobj *x = &f->objs[xref_num];
	x->out_type = 1;
	x->out = f->out_pos;
	uint64_t max = f->out_pos;
	for (uint32_t i = 0; i < size; i++)
		if (f->objs[i].out_type == 2 && (f->objs[i].out >> 16) > max)
			max = f->objs[i].out >> 16;
	int w2 = width_of(max);
	struct strbuf rows = STRBUF_INIT, packed = STRBUF_INIT;
	unsigned char row[1 + 8 + 2];
	for (uint32_t i = 0; i < size; i++) {
		const struct pobj *o = &f->objs[i];
		memset(row, 0, sizeof row);
		if (o->out_type == 1) {
			row[0] = 1;
			put_be(row + 1, o->out, w2);
		} else if (o->out_type == 2) {
			row[0] = 2;
			put_be(row + 1, o->out >> 16, w2);
			put_be(row + 1 + w2, o->out & 0xFFFF, 2);
		} else if (i == 0) {
			put_be(row + 1 + w2, 65535, 2);
		}
		strbuf_add(&rows, (const char *)row, (size_t)(1 + w2 + 2));
	}
	int rc = deflate_into(f, &rows, &packed);
	if (rc == 0) {
		char id[33];
		snprintf(id, sizeof id, "%016llx%016llx", (unsigned long long)f->hash[0],
			 (unsigned long long)f->hash[1]);
		out_printf(f, "%u 0 obj\n<< /Type /XRef /Size %u /W [ 1 %d 2 ] /Root %lld 0 R "
			   "/Info %u 0 R /ID [ <%s> <%s> ] /Filter /FlateDecode /Length %zu >>\n"
			   "stream\n", xref_num, size, w2, f->root, info, id, id, packed.len);
		out_write(f, packed.buf, packed.len);
		out_printf(f, "\nendstream\nendobj\nstartxref\n%llu\n%%%%EOF\n",
			   (unsigned long long)x->out);
	}
	strbuf_release(&rows);
	strbuf_release(&packed);
	return rc;
}

/* Pass 2: the fixed file, objects in the input's order. */
static int write_fixed(struct fixer *f, const char *out_path)
{
	f->out = fopen(out_path, "wb");
	if (!f->out)
		return error("cannot create the fixed PDF: %s: %s", out_path, strerror(errno));
	setvbuf(f->out, NULL, _IOFBF, 1 << 20);
	f->hash[0] = 0xcbf29ce484222325ULL;
	f->hash[1] = 0x84222325cbf29ce4ULL;
	/* New objects: a missing Info, the object streams, the cross-reference
	 * stream. Their rows are added to the table as they are numbered. */
	size_t max_new = 2 + f->n_order / OBJSTM_OBJECTS + 2;
	uint32_t first_new = (uint32_t)f->n_objs;
	f->objs = xrealloc(f->objs, f->n_objs + max_new, sizeof *f->objs);
	memset(f->objs + f->n_objs, 0, max_new * sizeof *f->objs);
	uint32_t next_new = first_new;
	uint32_t info = f->info >= 0 ? (uint32_t)f->info : next_new++;

	out_printf(f, "%%PDF-1.%c\n%%\xbf\xf7\xa2\xfe\n", f->version);
	struct objstm s = { 0, 0, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct strbuf fixed = STRBUF_INIT;
	int rc = 0;
	for (size_t k = 0; rc == 0 && k < f->n_order && !f->write_errno; k++) {
		uint32_t num = f->order[k];
		struct pobj *o = &f->objs[num];
		const char *p = f->data + o->off;
		release_before(f, o->off);
		if (o->kind == OBJ_STREAM) {
			o->out_type = 1;
			o->out = f->out_pos;
			out_write(f, p, o->b);
			out_str(f, "\n");
			continue;
		}
		if (o->fix == FIX_NONE) {
			rc = pack_object(f, &s, num, p + o->a, o->b, &next_new);
			continue;
		}
		struct pdf_value v;
		const char *err = "";
		if (!pdf_read_value(p + o->a, p + o->a + o->b, &v, &err)) {
			rc = damaged(f, num, err);
			break;
		}
		strbuf_reset(&fixed);
		rc = fixed_object(f, num, &v, &fixed);
		if (rc == 0)
			rc = pack_object(f, &s, num, fixed.buf, fixed.len, &next_new);
	}
	if (rc == 0 && f->info < 0) {
		strbuf_reset(&fixed);
		rc = fix_info(f, NULL, &fixed);
		if (rc == 0)
			rc = pack_object(f, &s, info, fixed.buf, fixed.len, &next_new);
	}
	if (rc == 0)
		rc = flush_objstm(f, &s);
	if (rc == 0) {
		uint32_t xref_num = next_new++;
		rc = write_xref(f, xref_num, next_new, info);
	}
	strbuf_release(&fixed);
	strbuf_release(&s.header);
	strbuf_release(&s.body);
	strbuf_release(&s.packed);
	strbuf_release(&s.deflated);
	if (fflush(f->out) != 0 && !f->write_errno)
		f->write_errno = errno ? errno : EIO;
	if (fclose(f->out) != 0 && !f->write_errno)
		f->write_errno = errno ? errno : EIO;
	f->out = NULL;
	if (rc == 0 && f->write_errno)
		rc = error("cannot write the fixed PDF: %s: %s", out_path, strerror(f->write_errno));
	return rc;
}

/* ---- the whole ----------------------------------------------------------- */

static bool same_file(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static int read_header(struct fixer *f)
{
	if (memcmp(f->data, "%PDF-1.", 7) != 0 || f->data[7] < '0' || f->data[7] > '9')
		return error("cannot read the PDF: %s does not start with %%PDF-1.x", f->in_path);
	/* Object streams need 1.5. */
	f->version = f->data[7] < '5' ? '5' : f->data[7];
	return 0;
}

int pdfpost_fix(const char *in_path, const char *out_path,
		const struct pdfpost_options *opt, struct pdfpost_stats *stats)
{
	if (same_file(in_path, out_path))
		return error("cannot fix '%s' in place: write to another file", in_path);

	struct fixer f = { .in_path = in_path, .opt = opt, .root = -1, .info = -1,
			   .tree_root = -1, .pages_root = -1 };
	int rc = -1;
	if (check_options(opt) || map_input(&f) || read_header(&f) || read_xref(&f))
		goto out;
	/* The table is read: give its pages back before the objects'. */
	release_all(&f);
	if (scan_objects(&f) || read_catalog(&f) || walk_structure(&f) || walk_pages(&f))
		goto out;
	if (write_fixed(&f, out_path))
		goto out;
	rc = 0;
	if (stats)
		*stats = f.stats;
out:
	if (f.out)
		fclose(f.out);
	if (f.z_ready)
		deflateEnd(&f.z);
	if (f.data)
		munmap((void *)f.data, f.size);
	free(f.objs);
	free(f.order);
	free(f.kids);
	free(f.stypes);
	free(f.roles);
	if (rc && unlink(out_path) != 0 && errno != ENOENT)
		error("cannot remove the unfinished '%s': %s", out_path, strerror(errno));
	return rc;
}
