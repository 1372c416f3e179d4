#include "render/pdflex.h"

#include <stdint.h>
#include <string.h>

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool is_delim(unsigned char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
	       c == '{' || c == '}' || c == '/' || c == '%';
}

static bool is_regular(unsigned char c)
{
	return !is_space(c) && !is_delim(c);
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *pdf_skip_space(const char *p, const char *end)
{
	while (p < end) {
		if (is_space((unsigned char)*p)) {
			p++;
		} else if (*p == '%') {
			while (p < end && *p != '\n' && *p != '\r')
				p++;
		} else {
			break;
		}
	}
	return p;
}

/* A run of regular characters as a number: [+-] digits [. digits]. */
static bool number_syntax(const char *p, const char *e, bool *real)
{
	*real = false;
	if (p < e && (*p == '+' || *p == '-'))
		p++;
	bool digits = false;
	for (; p < e; p++) {
		if (*p >= '0' && *p <= '9') {
			digits = true;
		} else if (*p == '.' && !*real) {
			*real = true;
		} else {
			return false;
		}
	}
	return digits;
}

/* The value of an unsigned run of digits; false on overflow. */
static bool digits_value(const char *p, const char *e, long long *out)
{
	long long v = 0;
	for (; p < e; p++) {
		if (v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

static const char *fail(const char **err, const char *what)
{
	*err = what;
	return NULL;
}

static const char *read_at(const char *p, const char *end, struct pdf_value *v, const char **err,
			   int depth);

static const char *read_literal(const char *p, const char *end, const char **err)
{
	int nest = 0;
	for (p++; p < end; p++) {
		if (*p == '\\') {
			p++;
		} else if (*p == '(') {
			nest++;
		} else if (*p == ')') {
			if (nest-- == 0)
				return p + 1;
		}
	}
	return fail(err, "unterminated string");
}

static const char *read_hex(const char *p, const char *end, const char **err)
{
	for (p++; p < end; p++) {
		if (*p == '>')
			return p + 1;
		if (hex_digit((unsigned char)*p) < 0 && !is_space((unsigned char)*p))
			return fail(err, "bad character in a hexadecimal string");
	}
	return fail(err, "unterminated hexadecimal string");
}

static const char *read_container(const char *p, const char *end, bool dict, const char **err,
				  int depth)
{
	p += dict ? 2 : 1;
	for (;;) {
		p = pdf_skip_space(p, end);
		if (p >= end)
			return fail(err, dict ? "unterminated dictionary" : "unterminated array");
		if (dict && *p == '>') {
			if (p + 1 < end && p[1] == '>')
				return p + 2;
			return fail(err, "'>' inside a dictionary");
		}
		if (!dict && *p == ']')
			return p + 1;
		struct pdf_value item;
		if (dict) {
			p = read_at(p, end, &item, err, depth + 1);
			if (!p)
				return NULL;
			if (item.kind != PDF_NAME)
				return fail(err, "dictionary key is not a name");
			p = pdf_skip_space(p, end);
			if (p < end && *p == '>')
				return fail(err, "dictionary key without a value");
		}
		p = read_at(p, end, &item, err, depth + 1);
		if (!p)
			return NULL;
		if (item.kind == PDF_NONE)
			return fail(err, dict ? "unterminated dictionary" : "unterminated array");
		if (item.kind == PDF_KEYWORD)
			return fail(err, dict ? "keyword inside a dictionary" : "keyword inside an array");
	}
}

static const char *read_at(const char *p, const char *end, struct pdf_value *v, const char **err,
			   int depth)
{
	memset(v, 0, sizeof *v);
	p = pdf_skip_space(p, end);
	v->start = p;
	v->end = p;
	if (p >= end) {
		v->kind = PDF_NONE;
		return end;
	}
	if (depth > PDFLEX_MAX_DEPTH)
		return fail(err, "values nested too deeply");
	const char *q;
	switch (*p) {
	case '/':
		q = p + 1;
		while (q < end && is_regular((unsigned char)*q))
			q++;
		v->kind = PDF_NAME;
		break;
	case '(':
		q = read_literal(p, end, err);
		v->kind = PDF_STRING;
		break;
	case '<':
		if (p + 1 < end && p[1] == '<') {
			q = read_container(p, end, true, err, depth);
			v->kind = PDF_DICT;
		} else {
			q = read_hex(p, end, err);
			v->kind = PDF_HEXSTRING;
		}
		break;
	case '[':
		q = read_container(p, end, false, err, depth);
		v->kind = PDF_ARRAY;
		break;
	case ']':
	case '>':
	case ')':
	case '{':
	case '}':
		return fail(err, "unexpected delimiter");
	default: {
		q = p;
		while (q < end && is_regular((unsigned char)*q))
			q++;
		bool real;
		if (number_syntax(p, q, &real)) {
			v->kind = real ? PDF_REAL : PDF_INT;
			if (!real) {
				bool neg = *p == '-';
				const char *d = p + (*p == '+' || *p == '-');
				if (!digits_value(d, q, &v->num))
					return fail(err, "integer too large");
				if (neg)
					v->num = -v->num;
				/* N G R: an indirect reference. */
				const char *g = pdf_skip_space(q, end), *ge = g;
				while (ge < end && *ge >= '0' && *ge <= '9')
					ge++;
				if (!neg && *p != '+' && ge > g && (ge == end || !is_regular((unsigned char)*ge))) {
					const char *r = pdf_skip_space(ge, end);
					if (r < end && *r == 'R' &&
					    (r + 1 == end || !is_regular((unsigned char)r[1])) &&
					    digits_value(g, ge, &v->gen)) {
						v->kind = PDF_REF;
						q = r + 1;
					}
				}
			}
		} else if (q - p == 4 && memcmp(p, "true", 4) == 0) {
			v->kind = PDF_BOOL;
			v->num = 1;
		} else if (q - p == 5 && memcmp(p, "false", 5) == 0) {
			v->kind = PDF_BOOL;
		} else if (q - p == 4 && memcmp(p, "null", 4) == 0) {
			v->kind = PDF_NULL;
		} else {
			v->kind = PDF_KEYWORD;
		}
		break;
	}
	}
	if (!q)
		return NULL;
	v->end = q;
	return q;
}

const char *pdf_read_value(const char *p, const char *end, struct pdf_value *v, const char **err)
{
	return read_at(p, end, v, err, 0);
}

void pdf_iter_begin(struct pdf_iter *it, const struct pdf_value *c)
{
	it->kind = c->kind;
	if (c->kind == PDF_DICT) {
		it->p = c->start + 2;
		it->end = c->end - 2;
	} else if (c->kind == PDF_ARRAY) {
		it->p = c->start + 1;
		it->end = c->end - 1;
	} else {
		it->p = it->end = c->end;
	}
}

int pdf_dict_next(struct pdf_iter *it, struct pdf_value *key, struct pdf_value *val,
		  const char **err)
{
	if (it->kind != PDF_DICT)
		return 0;
	const char *p = read_at(it->p, it->end, key, err, 1);
	if (!p)
		return -1;
	if (key->kind == PDF_NONE)
		return 0;
	if (key->kind != PDF_NAME) {
		*err = "dictionary key is not a name";
		return -1;
	}
	p = read_at(p, it->end, val, err, 1);
	if (!p)
		return -1;
	if (val->kind == PDF_NONE || val->kind == PDF_KEYWORD) {
		*err = "dictionary key without a value";
		return -1;
	}
	it->p = p;
	return 1;
}

int pdf_array_next(struct pdf_iter *it, struct pdf_value *val, const char **err)
{
	if (it->kind != PDF_ARRAY)
		return 0;
	const char *p = read_at(it->p, it->end, val, err, 1);
	if (!p)
		return -1;
	if (val->kind == PDF_NONE)
		return 0;
	it->p = p;
	return 1;
}

int pdf_dict_get(const struct pdf_value *dict, const char *key, struct pdf_value *val,
		 const char **err)
{
	struct pdf_iter it;
	pdf_iter_begin(&it, dict);
	struct pdf_value k;
	int rc;
	while ((rc = pdf_dict_next(&it, &k, val, err)) == 1)
		if (pdf_name_is(&k, key))
			return 1;
	return rc;
}

size_t pdf_name_decode(const struct pdf_value *name, char *buf, size_t size)
{
	size_t n = 0;
	for (const char *p = name->start; p < name->end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '#' && name->end - p >= 3 && hex_digit((unsigned char)p[1]) >= 0 &&
		    hex_digit((unsigned char)p[2]) >= 0) {
			c = (unsigned char)(hex_digit((unsigned char)p[1]) * 16 +
					    hex_digit((unsigned char)p[2]));
			p += 2;
		}
		if (n + 1 < size)
			buf[n] = (char)c;
		n++;
	}
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}

bool pdf_name_is(const struct pdf_value *name, const char *key)
{
	if (name->kind != PDF_NAME)
		return false;
	size_t len = (size_t)(name->end - name->start);
	/* The common case has no escapes: compare in place. */
	if (!memchr(name->start, '#', len))
		return len == strlen(key) && memcmp(name->start, key, len) == 0;
	char buf[256];
	size_t n = pdf_name_decode(name, buf, sizeof buf);
	return n < sizeof buf && strcmp(buf, key) == 0;
}

static void put(char *buf, size_t size, size_t *n, char c)
{
	if (*n < size)
		buf[*n] = c;
	(*n)++;
}

long pdf_string_decode(const struct pdf_value *s, char *buf, size_t size)
{
	size_t n = 0;
	if (s->kind == PDF_HEXSTRING) {
		int hi = -1;
		for (const char *p = s->start + 1; p < s->end - 1; p++) {
			int d = hex_digit((unsigned char)*p);
			if (d < 0)
				continue;
			if (hi < 0) {
				hi = d;
			} else {
				put(buf, size, &n, (char)(hi * 16 + d));
				hi = -1;
			}
		}
		if (hi >= 0)
			put(buf, size, &n, (char)(hi * 16));
		return (long)n;
	}
	if (s->kind != PDF_STRING)
		return -1;
	const char *p = s->start + 1, *e = s->end - 1;
	while (p < e) {
		char c = *p++;
		if (c == '\r') {
			/* An end of line in a string reads as a line feed. */
			if (p < e && *p == '\n')
				p++;
			put(buf, size, &n, '\n');
			continue;
		}
		if (c != '\\') {
			put(buf, size, &n, c);
			continue;
		}
		if (p >= e)
			break;
		c = *p++;
		switch (c) {
		case 'n': put(buf, size, &n, '\n'); break;
		case 'r': put(buf, size, &n, '\r'); break;
		case 't': put(buf, size, &n, '\t'); break;
		case 'b': put(buf, size, &n, '\b'); break;
		case 'f': put(buf, size, &n, '\f'); break;
		case '\r':
			if (p < e && *p == '\n')
				p++;
			break;
		case '\n':
			break;
		default:
			if (c >= '0' && c <= '7') {
				int v = c - '0';
				for (int k = 0; k < 2 && p < e && *p >= '0' && *p <= '7'; k++)
					v = v * 8 + (*p++ - '0');
				put(buf, size, &n, (char)(v & 0xFF));
			} else {
				put(buf, size, &n, c);
			}
		}
	}
	return (long)n;
}
