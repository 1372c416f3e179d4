#include "render/svgscan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "render/svgids.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define DECLARATION "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"

/* Unless given XML_PARSE_HUGE (which svgpost never gives), libxml2
 * refuses nesting deeper than 256 and, in ways that depend on where the
 * file's last long value or text ends, files past 10,000,000 bytes ("Huge
 * input lookup"); its limits on the length of a value or a text and on its
 * string dictionary lie beyond that size too. Staying well inside means the
 * scanner never accepts a file that libxml2 would refuse. */
enum { MAX_INPUT = 9000000, MAX_DEPTH = 200, MAX_NAME = 1000, MAX_ATTRIBUTES = 64 };

/* What a byte may be, as bit flags: one table look-up per byte in the
 * loops that run over path data and embedded images. */
enum {
	VALUE_PLAIN = 1,   /* in an attribute value, copied as it is and
			      not part of "url(" (which '(' ends) */
	TEXT_PLAIN = 2,    /* in text, copied as it is */
	NAME_START = 4,    /* may start an ASCII XML name */
	NAME_CHAR = 8,     /* may continue one (no ':': prefixes are split) */
	BLANK = 16         /* XML white space */
};

#define IN_RANGE(c, lo, hi) ((c) >= (lo) && (c) <= (hi))
#define PRINTABLE(c) IN_RANGE(c, 0x20, 0x7e)
#define CLASS(c)                                                                            \
	((PRINTABLE(c) && (c) != '"' && (c) != '&' && (c) != '<' && (c) != '>' &&           \
	  (c) != '(' ? VALUE_PLAIN : 0) |                                                   \
	 ((PRINTABLE(c) && (c) != '&' && (c) != '<' && (c) != '>') || (c) == '\t' ||        \
	  (c) == '\n' ? TEXT_PLAIN : 0) |                                                   \
	 (IN_RANGE(c, 'A', 'Z') || IN_RANGE(c, 'a', 'z') || (c) == '_' ?                    \
	  NAME_START | NAME_CHAR : 0) |                                                     \
	 (IN_RANGE(c, '0', '9') || (c) == '-' || (c) == '.' ? NAME_CHAR : 0) |              \
	 ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' ? BLANK : 0))
#define CLASS4(c) CLASS(c), CLASS((c) + 1), CLASS((c) + 2), CLASS((c) + 3)
#define CLASS16(c) CLASS4(c), CLASS4((c) + 4), CLASS4((c) + 8), CLASS4((c) + 12)
#define CLASS64(c) CLASS16(c), CLASS16((c) + 16), CLASS16((c) + 32), CLASS16((c) + 48)
static const unsigned char char_class[256] = { CLASS64(0), CLASS64(64), CLASS64(128),
					       CLASS64(192) };

/* A name or value where it stands in the input. */
struct span {
	const unsigned char *at;
	size_t len;
};

/* An attribute value as found: what the one pass over it noticed. */
struct value {
	struct span raw;
	bool has_reference;  /* '&': entities to replace */
	bool has_gt;         /* '>': written as &gt; */
	bool has_url;        /* "url(" */
};

/* An id found by the first search, with its new name. The writing pass
 * must meet exactly these ids in this order, or the file goes to libxml2. */
struct defined_id {
	struct span raw;
	const char *fresh;
};

struct scanner {
	const unsigned char *p, *end;
	const struct svgpost_options *opt;
	struct svgpost_buffer *out;
	struct svgids ids;
	struct defined_id *defined;
	size_t n_defined, defined_cap, next_defined;
	struct span *open;      /* elements open, the root first */
	size_t depth, open_cap;
	bool tag_unclosed;      /* the last start tag's '>' is not written yet:
				   an element without content ends in "/>" */
	bool svg_namespace;     /* the root declared it */
	bool xlink_namespace;   /* the root declared xlink: */
	struct strbuf value;    /* a value with its entities replaced */
	struct strbuf fresh;    /* a value with its references rewritten */
};

/* ---- writing ---- */

static inline void emit(struct scanner *s, const void *bytes, size_t n)
{
	struct svgpost_buffer *b = s->out;
	if (n > b->cap - b->len)
		svgpost_buffer_reserve(b, n);
	memcpy(b->data + b->len, bytes, n);
	b->len += n;
}

static inline void emit_str(struct scanner *s, const char *str)
{
	emit(s, str, strlen(str));
}

/* Escaped as libxml2 escapes an attribute value when it saves. */
static void emit_value_text(struct scanner *s, const char *text, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *entity;
		switch (text[i]) {
		case '\n': entity = "&#10;"; break;
		case '\r': entity = "&#13;"; break;
		case '\t': entity = "&#9;"; break;
		case '"': entity = "&quot;"; break;
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '&': entity = "&amp;"; break;
		default: continue;
		}
		emit(s, text + start, i - start);
		emit_str(s, entity);
		start = i + 1;
	}
	emit(s, text + start, n - start);
}

/* Escaped as libxml2 escapes text content when it saves. */
static void emit_text(struct scanner *s, const char *text, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *entity;
		switch (text[i]) {
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '&': entity = "&amp;"; break;
		case '\r': entity = "&#13;"; break;
		default: continue;
		}
		emit(s, text + start, i - start);
		emit_str(s, entity);
		start = i + 1;
	}
	emit(s, text + start, n - start);
}

/* The '>' of the last start tag, once it is known to have content. */
static void close_start_tag(struct scanner *s)
{
	if (s->tag_unclosed) {
		emit(s, ">", 1);
		s->tag_unclosed = false;
	}
}

/* ---- reading ---- */

static size_t name_length(const unsigned char *p, const unsigned char *end)
{
	if (p == end || !(char_class[*p] & NAME_START))
		return 0;
	const unsigned char *q = p + 1;
	while (q < end && (char_class[*q] & NAME_CHAR))
		q++;
	return (size_t)(q - p);
}

static bool span_is(struct span sp, const char *text)
{
	size_t n = strlen(text);
	return sp.len == n && memcmp(sp.at, text, n) == 0;
}

static bool skip_blanks(struct scanner *s)
{
	const unsigned char *start = s->p;
	while (s->p < s->end && (char_class[*s->p] & BLANK))
		s->p++;
	return s->p != start;
}

static bool expect(struct scanner *s, unsigned char c)
{
	if (s->p == s->end || *s->p != c)
		return false;
	s->p++;
	return true;
}

/* UTF-8 for a character reference, when XML 1.0 allows the character. */
static bool add_character(struct strbuf *out, unsigned long c)
{
	if (!(c == 0x9 || c == 0xa || c == 0xd || IN_RANGE(c, 0x20, 0xd7ff) ||
	      IN_RANGE(c, 0xe000, 0xfffd) || IN_RANGE(c, 0x10000, 0x10ffff)))
		return false;
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	strbuf_add(out, u, n);
	return true;
}

/* The reference at p (just after '&'), appended to out; returns the byte
 * after its ';', or NULL for anything but the five predefined entities
 * and a character reference to a character XML allows. */
static const unsigned char *add_reference(const unsigned char *p, const unsigned char *end,
					  struct strbuf *out)
{
	static const struct {
		const char *name;
		char c;
	} predefined[] = {
		{ "lt;", '<' }, { "gt;", '>' }, { "amp;", '&' }, { "quot;", '"' }, { "apos;", '\'' },
	};
	size_t left = (size_t)(end - p);
	if (left > 0 && *p != '#') {
		for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++) {
			size_t n = strlen(predefined[i].name);
			if (left >= n && memcmp(p, predefined[i].name, n) == 0) {
				strbuf_addc(out, predefined[i].c);
				return p + n;
			}
		}
		return NULL;
	}
	p++;
	/* Only a lower-case x: XML has no "&#X". */
	bool hex = p < end && *p == 'x';
	p += hex;
	unsigned long c = 0;
	const unsigned char *digits = p;
	for (; p < end && *p != ';'; p++) {
		unsigned d;
		if (IN_RANGE(*p, '0', '9'))
			d = *p - '0';
		else if (hex && IN_RANGE(*p, 'a', 'f'))
			d = *p - 'a' + 10;
		else if (hex && IN_RANGE(*p, 'A', 'F'))
			d = *p - 'A' + 10;
		else
			return NULL;
		c = c * (hex ? 16 : 10) + d;
		if (c > 0x10ffff)
			return NULL;
	}
	if (p == end || p == digits || !add_character(out, c))
		return NULL;
	return p + 1;
}

/* raw with its references replaced, into out (emptied first). */
static bool replace_references(struct span raw, struct strbuf *out)
{
	strbuf_reset(out);
	const unsigned char *p = raw.at, *end = raw.at + raw.len;
	while (p < end) {
		const unsigned char *amp = memchr(p, '&', (size_t)(end - p));
		if (!amp) {
			strbuf_add(out, (const char *)p, (size_t)(end - p));
			break;
		}
		strbuf_add(out, (const char *)p, (size_t)(amp - p));
		p = add_reference(amp + 1, end, out);
		if (!p)
			return false;
	}
	/* An empty value still needs its terminator for svgids_rewrite(). */
	if (!out->buf)
		strbuf_add(out, "", 0);
	return true;
}

/* A double-quoted attribute value, s->p at the quote. */
static bool read_value(struct scanner *s, struct value *v)
{
	if (!expect(s, '"'))
		return false;
	const unsigned char *start = s->p, *p = start;
	memset(v, 0, sizeof *v);
	/* With the closing quote known to be there, the loop over the value
	 * (paths are long) needs no bounds check: '"' is not plain. */
	if (!memchr(start, '"', (size_t)(s->end - start)))
		return false;
	for (;;) {
		while (char_class[*p] & VALUE_PLAIN)
			p++;
		if (*p == '"')
			break;
		if (*p == '&')
			v->has_reference = true;
		else if (*p == '>')
			v->has_gt = true;
		else if (*p == '(')
			v->has_url = v->has_url || (p - start >= 3 && memcmp(p - 3, "url", 3) == 0);
		else
			return false;
		p++;
	}
	v->raw = (struct span){ start, (size_t)(p - start) };
	s->p = p + 1;
	return true;
}

/* ---- the first pass: ids ---- */

/* Defines, in document order, every id="…" that follows white space.
 * Text that looks like an attribute would be defined too; the writing
 * pass then fails to meet it and the file goes to libxml2. */
static bool define_ids(struct scanner *s, const unsigned char *in, size_t in_len)
{
	const unsigned char *p = in, *end = in + in_len;
	/* '=' is rare outside tags (path data has none), and memchr() is
	 * much quicker than memmem(). */
	for (const unsigned char *eq; (eq = memchr(p, '=', (size_t)(end - p)));) {
		p = eq + 1;
		if (eq - in < 3 || eq[-1] != 'd' || eq[-2] != 'i' || !(char_class[eq[-3]] & BLANK) ||
		    p == end || *p != '"')
			continue;
		p++;
		const unsigned char *close = memchr(p, '"', (size_t)(end - p));
		if (!close)
			return false;
		size_t n = (size_t)(close - p);
		if (memchr(p, '&', n) || memchr(p, '\0', n))
			return false;
		strbuf_reset(&s->value);
		strbuf_add(&s->value, (const char *)p, n);
		const char *fresh = svgids_define(&s->ids, s->value.buf);
		if (!fresh)
			return false;
		if (s->n_defined == s->defined_cap) {
			s->defined_cap = s->defined_cap ? 2 * s->defined_cap : 256;
			s->defined = xrealloc(s->defined, s->defined_cap, sizeof *s->defined);
		}
		s->defined[s->n_defined++] = (struct defined_id){ { p, n }, fresh };
		p = close + 1;
	}
	return true;
}

/* ---- the writing pass ---- */

static bool write_attribute(struct scanner *s, struct span qname, enum svgids_attr kind,
			    const struct value *v)
{
	emit(s, " ", 1);
	emit(s, qname.at, qname.len);
	emit(s, "=\"", 2);
	if (kind == SVGIDS_ID) {
		if (s->next_defined == s->n_defined)
			return false;
		const struct defined_id *d = &s->defined[s->next_defined++];
		if (d->raw.at != v->raw.at || d->raw.len != v->raw.len)
			return false;
		emit_value_text(s, d->fresh, strlen(d->fresh));
	} else if (!v->has_reference &&
		   (kind == SVGIDS_OTHER ? !v->has_url
					 : v->raw.len >= 5 && memcmp(v->raw.at, "data:", 5) == 0)) {
		/* Nothing to rewrite (svgids_rewrite() keeps an embedded data:
		 * URI as it is): no copy of what may be a whole image. */
		if (v->has_gt)
			emit_value_text(s, (const char *)v->raw.at, v->raw.len);
		else
			emit(s, v->raw.at, v->raw.len);
	} else {
		if (v->has_reference) {
			if (!replace_references(v->raw, &s->value))
				return false;
		} else {
			strbuf_reset(&s->value);
			strbuf_add(&s->value, (const char *)v->raw.at, v->raw.len);
		}
		strbuf_reset(&s->fresh);
		int changed = svgids_rewrite(&s->ids, kind, s->value.buf, &s->fresh);
		if (changed < 0)
			return false;
		const struct strbuf *text = changed ? &s->fresh : &s->value;
		emit_value_text(s, text->buf, text->len);
	}
	emit(s, "\"", 1);
	return true;
}

/* One attribute of a start tag (the index-th), written when accepted. */
static bool attribute(struct scanner *s, bool root, size_t index, struct span qname,
		      size_t prefix_len, const struct value *v)
{
	struct span prefix = { qname.at, prefix_len };
	struct span local = qname;
	if (prefix_len) {
		local.at += prefix_len + 1;
		local.len -= prefix_len + 1;
	}
	bool declaration = prefix_len ? span_is(prefix, "xmlns") : span_is(local, "xmlns");
	if (declaration) {
		/* The root's two, in cairo's order: libxml2 would write
		 * declarations before attributes whatever their order. */
		if (!root || v->has_reference)
			return false;
		if (!prefix_len && index == 0 && span_is(v->raw, SVG_NS))
			s->svg_namespace = true;
		else if (prefix_len && index == 1 && span_is(local, "xlink") &&
			 span_is(v->raw, XLINK_NS))
			s->xlink_namespace = true;
		else
			return false;
		emit(s, " ", 1);
		emit(s, qname.at, qname.len);
		emit(s, "=\"", 2);
		emit(s, v->raw.at, v->raw.len);
		emit(s, "\"", 1);
		return true;
	}
	if (root && !s->svg_namespace)
		return false;
	if (prefix_len && !(span_is(prefix, "xlink") && s->xlink_namespace))
		return false;
	/* svgpost sets these on the root; libxml2 would change them in
	 * place rather than add them at the end. */
	if (root && (span_is(local, "role") || span_is(local, "aria-labelledby") ||
		     span_is(local, "aria-describedby")))
		return false;
	enum svgids_attr kind = SVGIDS_OTHER;
	if (!prefix_len && span_is(local, "id"))
		kind = SVGIDS_ID;
	else if (span_is(local, "href"))
		kind = SVGIDS_HREF;
	return write_attribute(s, qname, kind, v);
}

/* <title> or <desc> as libxml2 writes a new element holding text. */
static void emit_text_element(struct scanner *s, const char *name, const char *id,
			      const char *text)
{
	emit(s, "<", 1);
	emit_str(s, name);
	emit_str(s, " id=\"");
	emit_value_text(s, id, strlen(id));
	if (!*text) {
		emit_str(s, "\"/>");
		return;
	}
	emit_str(s, "\">");
	emit_text(s, text, strlen(text));
	emit_str(s, "</");
	emit_str(s, name);
	emit(s, ">", 1);
}

/* The end of the root's start tag: the accessible name's attributes, then
 * <title> and <desc> as its first children. */
static void finish_root(struct scanner *s, bool empty)
{
	const struct svgpost_options *opt = s->opt;
	char title_id[160], desc_id[160];
	snprintf(title_id, sizeof title_id, "%s-title", opt->id_prefix);
	snprintf(desc_id, sizeof desc_id, "%s-desc", opt->id_prefix);
	emit_str(s, " role=\"img\" aria-labelledby=\"");
	emit_value_text(s, title_id, strlen(title_id));
	if (opt->desc) {
		emit_str(s, "\" aria-describedby=\"");
		emit_value_text(s, desc_id, strlen(desc_id));
	}
	emit_str(s, "\">");
	emit_text_element(s, "title", title_id, opt->title);
	if (opt->desc)
		emit_text_element(s, "desc", desc_id, opt->desc);
	if (empty)
		emit_str(s, "</svg>");
}

static bool start_tag(struct scanner *s, bool root)
{
	const unsigned char *name = s->p + 1;
	size_t name_len = name_length(name, s->end);
	if (!name_len || name_len > MAX_NAME)
		return false;
	struct span element = { name, name_len };
	if (root && !span_is(element, "svg"))
		return false;
	if (!root && s->depth >= MAX_DEPTH)
		return false;
	s->p = name + name_len;
	close_start_tag(s);
	emit(s, "<", 1);
	emit(s, name, name_len);

	struct span seen[MAX_ATTRIBUTES];
	size_t n_seen = 0;
	bool empty;
	for (;;) {
		bool blank = skip_blanks(s);
		if (s->p == s->end)
			return false;
		if (*s->p == '>') {
			s->p++;
			empty = false;
			break;
		}
		if (*s->p == '/') {
			s->p++;
			if (!expect(s, '>'))
				return false;
			empty = true;
			break;
		}
		/* Attributes are separated by white space. */
		if (!blank)
			return false;
		struct span qname = { s->p, name_length(s->p, s->end) };
		size_t prefix_len = 0;
		if (!qname.len)
			return false;
		if (qname.at + qname.len < s->end && qname.at[qname.len] == ':') {
			size_t local_len = name_length(qname.at + qname.len + 1, s->end);
			if (!local_len)
				return false;
			prefix_len = qname.len;
			qname.len += 1 + local_len;
		}
		if (qname.len > MAX_NAME)
			return false;
		s->p = qname.at + qname.len;
		skip_blanks(s);
		if (!expect(s, '='))
			return false;
		skip_blanks(s);
		struct value v;
		if (!read_value(s, &v))
			return false;
		if (n_seen == MAX_ATTRIBUTES)
			return false;
		for (size_t i = 0; i < n_seen; i++)
			if (seen[i].len == qname.len && memcmp(seen[i].at, qname.at, qname.len) == 0)
				return false;
		seen[n_seen++] = qname;
		if (!attribute(s, root, n_seen - 1, qname, prefix_len, &v))
			return false;
	}
	if (root) {
		if (!s->svg_namespace)
			return false;
		finish_root(s, empty);
		if (empty)
			return true;
	} else if (empty) {
		emit(s, "/>", 2);
		return true;
	} else {
		s->tag_unclosed = true;
	}
	if (s->depth == s->open_cap) {
		s->open_cap = s->open_cap ? 2 * s->open_cap : 16;
		s->open = xrealloc(s->open, s->open_cap, sizeof *s->open);
	}
	s->open[s->depth++] = element;
	return true;
}

static bool end_tag(struct scanner *s)
{
	const unsigned char *name = s->p + 2;
	size_t name_len = name_length(name, s->end);
	const struct span *top = &s->open[s->depth - 1];
	if (name_len != top->len || memcmp(name, top->at, name_len) != 0)
		return false;
	s->p = name + name_len;
	skip_blanks(s);
	if (!expect(s, '>'))
		return false;
	if (s->tag_unclosed) {
		emit(s, "/>", 2);
		s->tag_unclosed = false;
	} else {
		emit(s, "</", 2);
		emit(s, name, name_len);
		emit(s, ">", 1);
	}
	s->depth--;
	return true;
}

/* Character data up to the next '<'. */
static bool text(struct scanner *s)
{
	const unsigned char *start = s->p, *p = start, *end = s->end;
	bool special = false;
	for (;;) {
		while (p < end && (char_class[*p] & TEXT_PLAIN))
			p++;
		if (p == end)
			return false;
		if (*p == '<')
			break;
		if (*p == '&')
			special = true;
		else if (*p == '>' && !(p - start >= 2 && p[-1] == ']' && p[-2] == ']'))
			special = true;
		else
			return false;
		p++;
	}
	struct span raw = { start, (size_t)(p - start) };
	s->p = p;
	close_start_tag(s);
	if (!special) {
		emit(s, raw.at, raw.len);
		return true;
	}
	if (!replace_references(raw, &s->value))
		return false;
	emit_text(s, s->value.buf, s->value.len);
	return true;
}

static bool write_document(struct scanner *s)
{
	size_t decl_len = strlen(DECLARATION);
	if ((size_t)(s->end - s->p) < decl_len || memcmp(s->p, DECLARATION, decl_len) != 0)
		return false;
	s->p += decl_len;
	emit(s, DECLARATION "\n", decl_len + 1);
	skip_blanks(s);
	if (s->p == s->end || *s->p != '<' || !start_tag(s, true))
		return false;
	while (s->depth > 0) {
		if (s->p == s->end)
			return false;
		if (*s->p != '<') {
			if (!text(s))
				return false;
		} else if (s->end - s->p >= 2 && s->p[1] == '/') {
			if (!end_tag(s))
				return false;
		} else if (s->end - s->p >= 2 && (char_class[s->p[1]] & NAME_START)) {
			if (!start_tag(s, false))
				return false;
		} else {
			return false;
		}
	}
	skip_blanks(s);
	if (s->p != s->end)
		return false;
	/* Every id the first pass defined was met as an attribute. */
	if (s->next_defined != s->n_defined)
		return false;
	emit(s, "\n", 1);
	return true;
}

bool svgscan_fix(const unsigned char *in, size_t in_len, const struct svgpost_options *opt,
		 struct svgpost_buffer *out)
{
	if (in_len > MAX_INPUT)
		return false;
	bool had_memory = out->data != NULL;
	struct scanner s = { .p = in, .end = in + in_len, .opt = opt, .out = out };
	svgids_init(&s.ids, opt->id_prefix, true);
	/* New ids are a little longer than cairo's: one allocation for most
	 * pages. */
	size_t guess = in_len + in_len / 8 + strlen(opt->title) * 6 +
		       (opt->desc ? strlen(opt->desc) * 6 : 0) + 1024;
	if (guess > out->cap - out->len)
		svgpost_buffer_reserve(out, guess);
	bool ok = define_ids(&s, in, in_len) && write_document(&s);
	svgids_release(&s.ids);
	free(s.defined);
	free(s.open);
	strbuf_release(&s.value);
	strbuf_release(&s.fresh);
	if (!ok) {
		out->len = 0;
		if (!had_memory)
			svgpost_buffer_release(out);
	}
	return ok;
}
