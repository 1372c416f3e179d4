/* Words for reasons: dates, numbers with units, short names. Numbers are
 * formatted here digit by digit so the output never depends on the
 * locale. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "eval/internal.h"
#include "model/value.h"

static char *ring_slot(struct eval_ctx *c)
{
	return c->ring[c->ring_next++ % (sizeof c->ring / sizeof c->ring[0])];
}

/* As day_format() writes it ("30 Sep 2023"), without going through
 * snprintf: reasons hold tens of thousands of dates. */
static size_t format_day(bp_day d, char *out)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int y, m, dd;
	day_to_ymd(d, &y, &m, &dd);
	size_t o = 0;
	if (dd >= 10)
		out[o++] = (char)('0' + dd / 10);
	out[o++] = (char)('0' + dd % 10);
	out[o++] = ' ';
	memcpy(out + o, months + (m - 1) * 3, 3);
	o += 3;
	out[o++] = ' ';
	char digits[12];
	size_t n = 0;
	unsigned u = y < 0 ? 0U - (unsigned)y : (unsigned)y;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (y < 0)
		out[o++] = '-';
	while (n)
		out[o++] = digits[--n];
	out[o] = '\0';
	return o;
}

const char *ev_day(struct eval_ctx *c, bp_day d)
{
	if (d == BP_DAY_NONE)
		return "no date";
	char *s = ring_slot(c);
	format_day(d, s);
	return s;
}

const char *ev_day_keep(struct eval_ctx *c, bp_day d)
{
	return arena_strdup(c->arena, ev_day(c, d));
}

static void put_unsigned(char *buf, size_t *o, size_t cap, unsigned long long v, bool neg)
{
	char d[24];
	size_t n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (neg && *o < cap)
		buf[(*o)++] = '-';
	else if (neg)
		(*o)++;
	while (n--) {
		if (*o < cap)
			buf[*o] = d[n];
		(*o)++;
	}
}

/* Reasons are built by the ten thousand: the conversions they use (%s,
 * %d, %ld, %zu) are done here in one pass on the stack; anything else
 * goes to vsnprintf. */
const char *ev_printf(struct eval_ctx *c, const char *fmt, ...)
{
	char buf[512];
	size_t o = 0;
	bool other = false;
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	for (const char *f = fmt; *f && !other; f++) {
		if (*f != '%') {
			const char *pct = strchr(f, '%');
			size_t run = pct ? (size_t)(pct - f) : strlen(f);
			if (o + run <= sizeof buf)
				memcpy(buf + o, f, run);
			o += run;
			f += run - 1;
			continue;
		}
		f++;
		if (*f == 's') {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t n = strlen(s);
			if (o + n <= sizeof buf)
				memcpy(buf + o, s, n);
			o += n;
		} else if (*f == 'd') {
			int v = va_arg(ap, int);
			put_unsigned(buf, &o, sizeof buf, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
		} else if (f[0] == 'l' && f[1] == 'd') {
			long v = va_arg(ap, long);
			put_unsigned(buf, &o, sizeof buf, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
			f++;
		} else if (f[0] == 'z' && f[1] == 'u') {
			put_unsigned(buf, &o, sizeof buf, va_arg(ap, size_t), false);
			f++;
		} else if (*f == '%') {
			if (o < sizeof buf)
				buf[o] = '%';
			o++;
		} else {
			other = true;
		}
	}
	va_end(ap);
	const char *s;
	if (!other && o < sizeof buf)
		s = arena_strndup(c->arena, buf, o);
	else
		s = arena_vprintf(c->arena, fmt, again);
	va_end(again);
	return s;
}

const char *ev_days(struct eval_ctx *c, long n)
{
	char *s = ring_slot(c), digits[24];
	size_t nd = 0, o = 0;
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
	do {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		s[o++] = '-';
	while (nd)
		s[o++] = digits[--nd];
	memcpy(s + o, n == 1 || n == -1 ? " day" : " days", n == 1 || n == -1 ? 5 : 6);
	return s;
}

/* Cuts text to at most max bytes at a space, adding "…"; never splits a
 * UTF-8 sequence. Only the first line counts. */
const char *ev_short_text(struct eval_ctx *c, const char *text, size_t max)
{
	if (!text)
		return "";
	while (*text == ' ' || *text == '\n' || *text == '\t')
		text++;
	size_t len = strcspn(text, "\n");
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len <= max)
		return arena_strndup(c->arena, text, len);
	size_t cut = max;
	while (cut > max / 2 && text[cut] != ' ')
		cut--;
	if (text[cut] != ' ') {
		cut = max;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' ||
			   text[cut - 1] == ';' || text[cut - 1] == ':'))
		cut--;
	char *s = arena_calloc(c->arena, cut + 4, 1);
	memcpy(s, text, cut);
	memcpy(s + cut, "\xe2\x80\xa6", 3);
	return s;
}

const char *ev_milestone_name(struct eval_ctx *c, const struct milestone *m)
{
	const char *t = ev_short_text(c, m->text.text, 60);
	if (*t)
		return ev_printf(c, "milestone '%s'", t);
	if (m->ref)
		return ev_printf(c, "milestone %s", m->ref);
	if (m->id)
		return ev_printf(c, "milestone '%s'", m->id);
	const struct action *a = m->action;
	return ev_printf(c, "milestone %zu of %s", m->index + 1,
			 a ? (a->ref ? a->ref : a->id) : "the action");
}

const char *ev_number(struct eval_ctx *c, double v)
{
	struct strbuf sb = STRBUF_INIT;
	value_add_number(&sb, v, -1);
	const char *s = arena_strdup(c->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

static const char *with_unit(struct eval_ctx *c, double v, enum measure_unit unit, bool delta)
{
	struct strbuf sb = STRBUF_INIT;
	value_add_with_unit(&sb, v, unit, -1, delta);
	const char *s = arena_strdup(c->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

const char *ev_value(struct eval_ctx *c, double v, enum measure_unit unit)
{
	return with_unit(c, v, unit, false);
}

const char *ev_delta(struct eval_ctx *c, double d, enum measure_unit unit)
{
	return with_unit(c, fabs(d), unit, true);
}

int ev_meaning_rank(enum status_meaning m)
{
	switch (m) {
	case MEANS_COMPLETE: return 4;
	case MEANS_ON_TRACK: return 3;
	case MEANS_NOT_STARTED: return 3;
	case MEANS_AT_RISK: return 2;
	case MEANS_OFF_TRACK: return 1;
	case MEANS_NOT_APPLICABLE: return 0;
	}
	return 0;
}

bp_day ev_due_day(const struct when *w)
{
	return when_due(w);
}

bp_day ev_point_day(const struct when *w)
{
	switch (w->kind) {
	case WHEN_POINT: case WHEN_RANGE: case WHEN_MULTI:
		return when_due(w);
	case WHEN_FROM:
		return when_start(w);
	default:
		return BP_DAY_NONE;
	}
}

/* ---- pointer index --------------------------------------------------- */

static size_t hash_ptr(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

void ptr_index_init(struct ptr_index *ix, size_t expected)
{
	size_t cap = 16;
	while (cap < expected * 2 + 1)
		cap *= 2;
	ix->keys = xcalloc(cap, sizeof *ix->keys);
	ix->values = xcalloc(cap, sizeof *ix->values);
	ix->cap = cap;
}

void ptr_index_put(struct ptr_index *ix, const void *key, size_t value)
{
	size_t i = hash_ptr(key) & (ix->cap - 1);
	while (ix->keys[i] && ix->keys[i] != key)
		i = (i + 1) & (ix->cap - 1);
	ix->keys[i] = key;
	ix->values[i] = value;
}

size_t ptr_index_get(const struct ptr_index *ix, const void *key)
{
	if (!key)
		return (size_t)-1;
	size_t i = hash_ptr(key) & (ix->cap - 1);
	while (ix->keys[i]) {
		if (ix->keys[i] == key)
			return ix->values[i];
		i = (i + 1) & (ix->cap - 1);
	}
	return (size_t)-1;
}

void ptr_index_release(struct ptr_index *ix)
{
	free((void *)ix->keys);
	free(ix->values);
	ix->keys = NULL;
	ix->values = NULL;
}
