/* Words and numbers in charts: values in their units, dates as people
 * write them, lists. The forms match what evaluation prints ("48%",
 * "£2,000", "12.5 per 10,000", "30 Sep 2023") so a chart and the text
 * around it agree. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart/internal.h"
#include "model/value.h"

static const char *const month_short[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const month_long[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"
};

const char *chart_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

void chart_add_number(struct strbuf *sb, double v, int decimals)
{
	value_add_number(sb, v, decimals);
}

static const char *with_unit(struct arena *a, double v, enum measure_unit unit, int decimals,
			     bool delta)
{
	struct strbuf sb = STRBUF_INIT;
	value_add_with_unit(&sb, v, unit, decimals, delta);
	char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

const char *chart_format_value(struct arena *a, double v, enum measure_unit unit, int decimals)
{
	return with_unit(a, v, unit, decimals, false);
}

const char *chart_format_delta(struct arena *a, double d, enum measure_unit unit)
{
	return with_unit(a, fabs(d), unit, -1, true);
}

const char *chart_day_words(struct arena *a, bp_day d)
{
	char buf[32];
	return arena_strdup(a, day_format(d, buf, sizeof buf));
}

const char *chart_month_label(struct arena *a, bp_day d, int style)
{
	int y, m, dd;
	day_to_ymd(d, &y, &m, &dd);
	switch (style) {
	case 0: return chart_printf(a, "%s %d", month_short[m - 1], y);
	case 1: return chart_printf(a, "%s %02d", month_short[m - 1], ((y % 100) + 100) % 100);
	default: return chart_printf(a, "%d", y);
	}
}

const char *chart_day_month(struct arena *a, bp_day d)
{
	int y, m, dd;
	day_to_ymd(d, &y, &m, &dd);
	return chart_printf(a, "%d %s", dd, month_short[m - 1]);
}

const char *chart_when_words(struct arena *a, const struct when_text *w)
{
	if (!w || !w->text)
		return NULL;
	const struct when *wh = w->when;
	if (wh->kind == WHEN_POINT && wh->n_points >= 1) {
		const struct when_point *p = &wh->points[0];
		if (p->precision == WHEN_PREC_DAY)
			return chart_day_words(a, p->first);
		if (p->precision == WHEN_PREC_MONTH) {
			int y, m, d;
			day_to_ymd(p->first, &y, &m, &d);
			return chart_printf(a, "%s %d", month_long[m - 1], y);
		}
	}
	return arena_strdup(a, w->text);
}

const char *chart_point_words(struct arena *a, const struct eval_point *p)
{
	if (p->source && p->source->date.text && when_is_dated(p->source->date.when))
		return chart_when_words(a, &p->source->date);
	if (p->date == BP_DAY_NONE)
		return NULL;
	return chart_day_words(a, p->date);
}

const char *chart_join(struct arena *a, const char *const *items, size_t n, const char *conj)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && i + 1 == n)
			strbuf_addf(&sb, " %s ", conj);
		else if (i > 0)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, items[i]);
	}
	char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

const char *chart_better_sentence(enum measure_better b)
{
	switch (b) {
	case BETTER_HIGHER: return "Higher is better.";
	case BETTER_LOWER: return "Lower is better.";
	case BETTER_IN_LINE: return "Being in line with the benchmark is better.";
	case BETTER_UNKNOWN: break;
	}
	return "The plan does not say whether higher or lower is better.";
}

const char *chart_rag_word(enum eval_rag r, bool cap)
{
	switch (r) {
	case EVAL_RAG_GREEN: return cap ? "Green" : "green";
	case EVAL_RAG_AMBER: return cap ? "Amber" : "amber";
	case EVAL_RAG_RED: return cap ? "Red" : "red";
	case EVAL_RAG_NONE: break;
	}
	return cap ? "Not rated" : "not rated";
}

doc_rgb chart_rag_colour(enum eval_rag r)
{
	/* Conventional RAG colours; the word is always printed on them. */
	switch (r) {
	case EVAL_RAG_GREEN: return 0x00703Cu;
	case EVAL_RAG_AMBER: return 0xFFBF47u;
	case EVAL_RAG_RED: return 0xD4351Cu;
	case EVAL_RAG_NONE: break;
	}
	return 0xB1B4B6u;
}

bp_day chart_when_day(const struct when *w)
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

const char *chart_lower_first(struct arena *a, const char *s)
{
	char *t = arena_strdup(a, s);
	if (t[0] >= 'A' && t[0] <= 'Z')
		t[0] = (char)(t[0] - 'A' + 'a');
	return t;
}

const char *chart_capitalise(struct arena *a, const char *s)
{
	char *t = arena_strdup(a, s);
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

const char *chart_short_text(struct arena *a, const char *text, size_t max)
{
	size_t len = strlen(text);
	if (len <= max)
		return arena_strdup(a, text);
	size_t cut = max;
	while (cut > 0 && text[cut] != ' ')
		cut--;
	if (cut < max / 2) {
		/* One long word: cut at a character boundary. */
		cut = max;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';'))
		cut--;
	return chart_printf(a, "%.*s\xe2\x80\xa6", (int)cut, text);
}
