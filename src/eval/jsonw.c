#include "eval/jsonw.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/diag.h"

void jsonw_init(struct jsonw *w, FILE *f)
{
	memset(w, 0, sizeof *w);
	w->f = f;
}

static void newline(struct jsonw *w)
{
	putc('\n', w->f);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Before any value: the comma and indentation of the container. */
static void before_value(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->closer[w->depth - 1] == '}')
		BUG("JSON value in an object without a key");
	if (w->has_items[w->depth - 1])
		putc(',', w->f);
	w->has_items[w->depth - 1] = true;
	newline(w);
}

static void open(struct jsonw *w, char c, char closer)
{
	before_value(w);
	if (w->depth >= JSONW_MAX_DEPTH)
		BUG("JSON nesting deeper than %d", JSONW_MAX_DEPTH);
	putc(c, w->f);
	w->closer[w->depth] = closer;
	w->has_items[w->depth] = false;
	w->depth++;
}

void jsonw_object(struct jsonw *w)
{
	open(w, '{', '}');
}

void jsonw_array(struct jsonw *w)
{
	open(w, '[', ']');
}

void jsonw_end(struct jsonw *w)
{
	if (w->depth == 0 || w->after_key)
		BUG("JSON end without an open container");
	w->depth--;
	if (w->has_items[w->depth])
		newline(w);
	putc(w->closer[w->depth], w->f);
}

void jsonw_finish(struct jsonw *w)
{
	if (w->depth != 0)
		BUG("JSON document ended with %d open containers", w->depth);
	putc('\n', w->f);
}

/* Decodes one UTF-8 sequence at s (n bytes left); returns its length, or
 * 0 when it is not valid UTF-8. */
static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static void write_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str);
	putc('"', f);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_len(s + i, n - i, &cp);
		if (len == 0) {
			fputs("\xef\xbf\xbd", f);
			i++;
			continue;
		}
		if (cp == '"')
			fputs("\\\"", f);
		else if (cp == '\\')
			fputs("\\\\", f);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp == '\r')
			fputs("\\r", f);
		else if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, len, f);
		i += len;
	}
	putc('"', f);
}

void jsonw_key(struct jsonw *w, const char *key)
{
	if (w->depth == 0 || w->closer[w->depth - 1] != '}' || w->after_key)
		BUG("JSON key '%s' outside an object", key);
	if (w->has_items[w->depth - 1])
		putc(',', w->f);
	w->has_items[w->depth - 1] = true;
	newline(w);
	write_string(w->f, key);
	fputs(": ", w->f);
	w->after_key = true;
}

void jsonw_string(struct jsonw *w, const char *s)
{
	before_value(w);
	if (s)
		write_string(w->f, s);
	else
		fputs("null", w->f);
}

char *eval_format_number(double x, char *buf)
{
	if (!isfinite(x)) {
		buf[0] = '\0';
		return buf;
	}
	double ax = fabs(x);
	if (ax >= 1e14) {
		/* beyond the range where four decimals fit a long long */
		snprintf(buf, 32, "%s%.0f", x < 0 ? "-" : "", ax);
		return buf;
	}
	long long n = llround(ax * 10000.0);
	long long whole = n / 10000, frac = n % 10000;
	int len = snprintf(buf, 32, "%s%lld", x < 0 && n != 0 ? "-" : "", whole);
	if (frac) {
		char f[8];
		snprintf(f, sizeof f, "%04lld", frac);
		size_t fl = 4;
		while (fl > 0 && f[fl - 1] == '0')
			fl--;
		f[fl] = '\0';
		snprintf(buf + len, (size_t)(32 - len), ".%s", f);
	}
	return buf;
}

void jsonw_number(struct jsonw *w, double x)
{
	before_value(w);
	char buf[32];
	if (!isfinite(x))
		fputs("null", w->f);
	else
		fputs(eval_format_number(x, buf), w->f);
}

void jsonw_int(struct jsonw *w, long long n)
{
	before_value(w);
	fprintf(w->f, "%lld", n);
}

void jsonw_bool(struct jsonw *w, bool b)
{
	before_value(w);
	fputs(b ? "true" : "false", w->f);
}

void jsonw_null(struct jsonw *w)
{
	before_value(w);
	fputs("null", w->f);
}

void jsonw_kstring(struct jsonw *w, const char *key, const char *s)
{
	jsonw_key(w, key);
	jsonw_string(w, s);
}

void jsonw_knumber(struct jsonw *w, const char *key, double x)
{
	jsonw_key(w, key);
	jsonw_number(w, x);
}

void jsonw_kint(struct jsonw *w, const char *key, long long n)
{
	jsonw_key(w, key);
	jsonw_int(w, n);
}

void jsonw_kbool(struct jsonw *w, const char *key, bool b)
{
	jsonw_key(w, key);
	jsonw_bool(w, b);
}

void jsonw_knull(struct jsonw *w, const char *key)
{
	jsonw_key(w, key);
	jsonw_null(w);
}

void jsonw_kobject(struct jsonw *w, const char *key)
{
	jsonw_key(w, key);
	jsonw_object(w);
}

void jsonw_karray(struct jsonw *w, const char *key)
{
	jsonw_key(w, key);
	jsonw_array(w);
}
