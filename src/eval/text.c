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

const char *ev_day(struct eval_ctx *c, bp_day d)
{
	if (d == BP_DAY_NONE)
		return "no date";
	char buf[32];
	day_format(d, buf, sizeof buf);
	return arena_strdup(c->arena, buf);
}

const char *ev_printf(struct eval_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(c->arena, fmt, ap);
	va_end(ap);
	return s;
}

const char *ev_days(struct eval_ctx *c, long n)
{
	return ev_printf(c, "%ld day%s", n, n == 1 || n == -1 ? "" : "s");
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
	return ev_printf(c, "%.*s\xe2\x80\xa6", (int)cut, text);
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

/* Up to two decimals, trailing zeros dropped, thousands separated. */
static void add_number(struct strbuf *sb, double v)
{
	if (!isfinite(v)) {
		strbuf_adds(sb, "?");
		return;
	}
	double scaled = fabs(v) * 100.0;
	if (scaled > 9.0e17) {
		strbuf_adds(sb, "(too large)");
		return;
	}
	long long n = llround(scaled);
	if (v < 0 && n != 0)
		strbuf_addc(sb, '-');
	long long whole = n / 100, frac = n % 100;
	char digits[32];
	int nd = snprintf(digits, sizeof digits, "%lld", whole);
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			strbuf_addc(sb, ',');
		strbuf_addc(sb, digits[i]);
	}
	if (frac) {
		strbuf_addc(sb, '.');
		strbuf_addc(sb, (char)('0' + frac / 10));
		if (frac % 10)
			strbuf_addc(sb, (char)('0' + frac % 10));
	}
}

const char *ev_number(struct eval_ctx *c, double v)
{
	struct strbuf sb = STRBUF_INIT;
	add_number(&sb, v);
	const char *s = arena_strdup(c->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

static const char *with_unit(struct eval_ctx *c, double v, enum measure_unit unit, bool delta)
{
	struct strbuf sb = STRBUF_INIT;
	if (unit == UNIT_GBP) {
		if (v < 0)
			strbuf_addc(&sb, '-');
		strbuf_adds(&sb, "\xc2\xa3");
		add_number(&sb, fabs(v));
	} else {
		add_number(&sb, v);
	}
	bool one = fabs(v) == 1.0;
	switch (unit) {
	case UNIT_PERCENT:
		strbuf_adds(&sb, delta ? (one ? " percentage point" : " percentage points") : "%");
		break;
	case UNIT_RATE_10000:
		strbuf_adds(&sb, " per 10,000");
		break;
	case UNIT_RATE_1000:
		strbuf_adds(&sb, " per 1,000");
		break;
	case UNIT_DAYS:
		strbuf_adds(&sb, one ? " day" : " days");
		break;
	case UNIT_WEEKS:
		strbuf_adds(&sb, one ? " week" : " weeks");
		break;
	case UNIT_MONTHS:
		strbuf_adds(&sb, one ? " month" : " months");
		break;
	default:
		break;
	}
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
