/* Dates as people write them in improvement plans (see date.h; the rules
 * users read are in docs/dates.md).
 *
 * when_parse works in four passes over one fixed-size buffer on the stack,
 * so it allocates nothing and stays linear in the length of the text:
 *   1. tokens: numbers, month names, keywords, dashes and other punctuation;
 *   2. phrases: "to be confirmed", "half termly", "every 6 weeks" ... fold
 *      into one token each;
 *   3. items: each date as written ("16 Mar 2023", "Q1 2023/24", "13") and
 *      what lies between them (dashes, "to", "from", labels);
 *   4. groups: an item alone or two items joined as a range; years are then
 *      filled in where they were not written, and the kind is decided.
 * The first problem found is reported and parsing stops: text that is not
 * understood is never half-read. */
#include "model/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Calendar arithmetic                                                 */

static const char *const month_full[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_length(int64_t y, int m)
{
	static const unsigned char len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Howard Hinnant's days_from_civil: exact for every proleptic Gregorian
 * date, in 64 bits so no year can overflow it. */
static int64_t civil_to_days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void days_to_civil(int64_t z, int64_t *year, int *month, int *day)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = d;
}

/* A 64-bit day count as a bp_day, or BP_DAY_NONE where it does not fit. */
static bp_day fit_day(int64_t v)
{
	if (v <= INT32_MIN || v > INT32_MAX)
		return BP_DAY_NONE;
	return (bp_day)v;
}

bool ymd_valid(int year, int month, int day)
{
	return year >= BP_YEAR_MIN && year <= BP_YEAR_MAX && month >= 1 &&
	       month <= 12 && day >= 1 && day <= month_length(year, month);
}

int days_in_month(int year, int month)
{
	return month_length(year, month);
}

bp_day day_from_ymd(int year, int month, int day)
{
	if (!ymd_valid(year, month, day))
		return BP_DAY_NONE;
	return (bp_day)civil_to_days(year, month, day);
}

void day_to_ymd(bp_day d, int *year, int *month, int *day)
{
	int64_t y = 0;
	int m = 0, dd = 0;
	if (d != BP_DAY_NONE)
		days_to_civil(d, &y, &m, &dd);
	if (year)
		*year = (int)y;
	if (month)
		*month = m;
	if (day)
		*day = dd;
}

int day_weekday(bp_day d)
{
	if (d == BP_DAY_NONE)
		return 0;
	/* 1970-01-01 was a Thursday (4). */
	return (int)((((int64_t)d % 7) + 7 + 3) % 7) + 1;
}

bp_day day_month_end(bp_day d)
{
	if (d == BP_DAY_NONE)
		return BP_DAY_NONE;
	int64_t y;
	int m, dd;
	days_to_civil(d, &y, &m, &dd);
	return fit_day(civil_to_days(y, m, month_length(y, m)));
}

bp_day day_add_months(bp_day d, int n)
{
	if (d == BP_DAY_NONE)
		return BP_DAY_NONE;
	int64_t y;
	int m, dd;
	days_to_civil(d, &y, &m, &dd);
	int64_t total = y * 12 + (m - 1) + (int64_t)n;
	int64_t ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
	int nm = (int)(total - ny * 12) + 1;
	int len = month_length(ny, nm);
	return fit_day(civil_to_days(ny, nm, dd < len ? dd : len));
}

char *day_format(bp_day d, char *buf, size_t size)
{
	if (!buf || size == 0)
		return buf;
	if (d == BP_DAY_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int64_t y;
	int m, dd;
	days_to_civil(d, &y, &m, &dd);
	snprintf(buf, size, "%d %s %lld", dd, month_abbr[m - 1], (long long)y);
	return buf;
}

char *day_format_iso(bp_day d, char *buf, size_t size)
{
	if (!buf || size == 0)
		return buf;
	if (d == BP_DAY_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int64_t y;
	int m, dd;
	days_to_civil(d, &y, &m, &dd);
	snprintf(buf, size, "%04lld-%02d-%02d", (long long)y, m, dd);
	return buf;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

bp_day day_parse_iso(const char *s)
{
	if (!s)
		return BP_DAY_NONE;
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape - 1; i++) {
		unsigned char c = (unsigned char)s[i];
		if (shape[i] == 'd' ? !is_digit(c) : c != '-')
			return BP_DAY_NONE;
	}
	if (s[10] != '\0')
		return BP_DAY_NONE;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	return day_from_ymd(y, m, d);
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

const char *when_kind_name(enum when_kind k)
{
	switch (k) {
	case WHEN_EMPTY: return "no date";
	case WHEN_POINT: return "date";
	case WHEN_RANGE: return "range";
	case WHEN_FROM: return "from";
	case WHEN_MULTI: return "several dates";
	case WHEN_TBC: return "TBC";
	case WHEN_ONGOING: return "ongoing";
	case WHEN_CADENCE: return "cadence";
	case WHEN_UNKNOWN: return "not understood";
	}
	return "not understood";
}

const char *when_cadence_name(enum when_cadence c)
{
	switch (c) {
	case CADENCE_NONE: return "none";
	case CADENCE_DAILY: return "daily";
	case CADENCE_WEEKLY: return "weekly";
	case CADENCE_FORTNIGHTLY: return "fortnightly";
	case CADENCE_MONTHLY: return "monthly";
	case CADENCE_SIX_WEEKLY: return "six-weekly";
	case CADENCE_HALF_TERMLY: return "half-termly";
	case CADENCE_TERMLY: return "termly";
	case CADENCE_QUARTERLY: return "quarterly";
	case CADENCE_SIX_MONTHLY: return "six-monthly";
	case CADENCE_ANNUALLY: return "annually";
	}
	return "none";
}

/* The longest gap the calendar allows at each cadence, so that an update
 * on time is never counted late: the longest month, quarter, half year and
 * (leap) year; a term is the longest of the terms as read here (1 Sep-31
 * Dec and 1 Apr-31 Jul, 122 days), a half term half of that. */
int when_cadence_days(enum when_cadence c)
{
	switch (c) {
	case CADENCE_NONE: return 0;
	case CADENCE_DAILY: return 1;
	case CADENCE_WEEKLY: return 7;
	case CADENCE_FORTNIGHTLY: return 14;
	case CADENCE_MONTHLY: return 31;
	case CADENCE_SIX_WEEKLY: return 42;
	case CADENCE_HALF_TERMLY: return 61;
	case CADENCE_TERMLY: return 122;
	case CADENCE_QUARTERLY: return 92;
	case CADENCE_SIX_MONTHLY: return 184;
	case CADENCE_ANNUALLY: return 366;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Reading a parsed result                                             */

bool when_is_dated(const struct when *w)
{
	if (!w)
		return false;
	return w->kind == WHEN_POINT || w->kind == WHEN_RANGE ||
	       w->kind == WHEN_FROM || w->kind == WHEN_MULTI;
}

/* For several dated steps written out of order ("Y11 - Sept 2018" after
 * "January 2019") the cell is due when its latest step is and starts with
 * its earliest; for every other kind that is the written order anyway. */
bp_day when_due(const struct when *w)
{
	if (!w || (w->kind != WHEN_POINT && w->kind != WHEN_RANGE &&
		   w->kind != WHEN_MULTI) || w->n_points < 1)
		return BP_DAY_NONE;
	bp_day due = w->points[0].last;
	for (int i = 1; i < w->n_points && i < WHEN_MAX_POINTS; i++)
		if (w->points[i].last > due)
			due = w->points[i].last;
	return due;
}

bp_day when_start(const struct when *w)
{
	if (!when_is_dated(w) || w->n_points < 1)
		return BP_DAY_NONE;
	bp_day start = w->points[0].first;
	for (int i = 1; i < w->n_points && i < WHEN_MAX_POINTS; i++)
		if (w->points[i].first < start)
			start = w->points[i].first;
	return start;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

enum tok_type {
	T_NUM,      /* value, ndigits; ordinal for "16th" */
	T_MONTH,    /* value 1-12 */
	T_QUARTER,  /* "Q3": value 3 */
	T_SEASON,   /* value: enum season */
	T_WORD,     /* kw: a keyword, or KW_NONE for a label word */
	T_DASH,     /* - – — and the other Unicode dashes */
	T_SLASH,
	T_DOT,
	T_COMMA,
	T_APOS,     /* ' or ’, as in "Sep '23" */
	T_AMP,
	T_PUNCT,    /* any other punctuation */
	T_SKIP,     /* folded into the phrase token before it */
	T_TBC,
	T_ONGOING,
	T_CADENCE,  /* value: enum when_cadence */
	T_AMBIG,    /* "bi-monthly": twice a month or every two months */
	T_ACADEMIC  /* "academic year", "school year" */
};

enum season { SEASON_WINTER, SEASON_AUTUMN, SEASON_SPRING, SEASON_SUMMER };

enum keyword {
	KW_NONE,
	KW_FROM, KW_TO, KW_UNTIL, KW_BY, KW_BETWEEN, KW_AND, KW_OR,
	KW_ONWARDS, KW_OF, KW_ORD, KW_TERM, KW_QUARTER, KW_FY, KW_ACADEMIC,
	KW_TBC, KW_ONGOING,
	KW_DAILY, KW_WEEKLY, KW_FORTNIGHTLY, KW_MONTHLY, KW_QUARTERLY,
	KW_TERMLY, KW_HALFTERMLY, KW_ANNUALLY, KW_BIANNUALLY, KW_AMBIG,
	/* words that only mean something inside a phrase */
	KW_PHRASE_ONLY,
	KW_BE = KW_PHRASE_ONLY, KW_CONFIRMED, KW_ON, KW_GOING, KW_HALF, KW_SIX,
	KW_TWO, KW_EVERY, KW_DAY, KW_WEEK, KW_FORTNIGHT, KW_MONTH, KW_YEAR,
	KW_TWICE, KW_A, KW_BI, KW_ANNUAL, KW_SCHOOL
};

struct word {
	const char *text;
	unsigned char type;
	unsigned char value;
};

static const struct word words[] = {
	{ "jan", T_MONTH, 1 }, { "january", T_MONTH, 1 },
	{ "feb", T_MONTH, 2 }, { "february", T_MONTH, 2 },
	{ "mar", T_MONTH, 3 }, { "march", T_MONTH, 3 },
	{ "apr", T_MONTH, 4 }, { "april", T_MONTH, 4 },
	{ "may", T_MONTH, 5 },
	{ "jun", T_MONTH, 6 }, { "june", T_MONTH, 6 },
	{ "jul", T_MONTH, 7 }, { "july", T_MONTH, 7 },
	{ "aug", T_MONTH, 8 }, { "august", T_MONTH, 8 },
	{ "sep", T_MONTH, 9 }, { "sept", T_MONTH, 9 }, { "september", T_MONTH, 9 },
	{ "oct", T_MONTH, 10 }, { "october", T_MONTH, 10 },
	{ "nov", T_MONTH, 11 }, { "november", T_MONTH, 11 },
	{ "dec", T_MONTH, 12 }, { "december", T_MONTH, 12 },
	{ "autumn", T_SEASON, SEASON_AUTUMN },
	{ "spring", T_SEASON, SEASON_SPRING },
	{ "summer", T_SEASON, SEASON_SUMMER },
	{ "winter", T_SEASON, SEASON_WINTER },
	{ "from", T_WORD, KW_FROM },
	{ "to", T_WORD, KW_TO },
	{ "until", T_WORD, KW_UNTIL }, { "till", T_WORD, KW_UNTIL },
	{ "til", T_WORD, KW_UNTIL }, { "through", T_WORD, KW_UNTIL },
	{ "thru", T_WORD, KW_UNTIL },
	{ "by", T_WORD, KW_BY }, { "before", T_WORD, KW_BY },
	{ "between", T_WORD, KW_BETWEEN },
	{ "and", T_WORD, KW_AND },
	{ "or", T_WORD, KW_OR },
	{ "onwards", T_WORD, KW_ONWARDS }, { "onward", T_WORD, KW_ONWARDS },
	{ "of", T_WORD, KW_OF },
	{ "st", T_WORD, KW_ORD }, { "nd", T_WORD, KW_ORD },
	{ "rd", T_WORD, KW_ORD }, { "th", T_WORD, KW_ORD },
	{ "term", T_WORD, KW_TERM },
	{ "quarter", T_WORD, KW_QUARTER },
	{ "fy", T_WORD, KW_FY },
	{ "academic", T_WORD, KW_ACADEMIC },
	{ "tbc", T_WORD, KW_TBC }, { "tba", T_WORD, KW_TBC },
	{ "tbd", T_WORD, KW_TBC },
	{ "ongoing", T_WORD, KW_ONGOING }, { "continuous", T_WORD, KW_ONGOING },
	{ "continuing", T_WORD, KW_ONGOING }, { "continual", T_WORD, KW_ONGOING },
	{ "throughout", T_WORD, KW_ONGOING },
	{ "daily", T_WORD, KW_DAILY },
	{ "weekly", T_WORD, KW_WEEKLY },
	{ "fortnightly", T_WORD, KW_FORTNIGHTLY },
	{ "monthly", T_WORD, KW_MONTHLY },
	{ "quarterly", T_WORD, KW_QUARTERLY },
	{ "termly", T_WORD, KW_TERMLY },
	{ "halftermly", T_WORD, KW_HALFTERMLY },
	{ "annually", T_WORD, KW_ANNUALLY }, { "yearly", T_WORD, KW_ANNUALLY },
	{ "biannually", T_WORD, KW_BIANNUALLY }, { "biannual", T_WORD, KW_BIANNUALLY },
	{ "biweekly", T_WORD, KW_AMBIG }, { "bimonthly", T_WORD, KW_AMBIG },
	{ "be", T_WORD, KW_BE },
	{ "confirmed", T_WORD, KW_CONFIRMED }, { "agreed", T_WORD, KW_CONFIRMED },
	{ "arranged", T_WORD, KW_CONFIRMED }, { "decided", T_WORD, KW_CONFIRMED },
	{ "determined", T_WORD, KW_CONFIRMED }, { "advised", T_WORD, KW_CONFIRMED },
	{ "announced", T_WORD, KW_CONFIRMED },
	{ "on", T_WORD, KW_ON }, { "going", T_WORD, KW_GOING },
	{ "half", T_WORD, KW_HALF },
	{ "six", T_WORD, KW_SIX }, { "two", T_WORD, KW_TWO },
	{ "every", T_WORD, KW_EVERY }, { "each", T_WORD, KW_EVERY },
	{ "day", T_WORD, KW_DAY }, { "days", T_WORD, KW_DAY },
	{ "week", T_WORD, KW_WEEK }, { "weeks", T_WORD, KW_WEEK },
	{ "fortnight", T_WORD, KW_FORTNIGHT },
	{ "month", T_WORD, KW_MONTH }, { "months", T_WORD, KW_MONTH },
	{ "year", T_WORD, KW_YEAR }, { "years", T_WORD, KW_YEAR },
	{ "twice", T_WORD, KW_TWICE },
	{ "a", T_WORD, KW_A }, { "per", T_WORD, KW_A },
	{ "bi", T_WORD, KW_BI },
	{ "annual", T_WORD, KW_ANNUAL },
	{ "school", T_WORD, KW_SCHOOL },
};

/* A phrase: keywords (positive) and small numbers (negative: -6 is the
 * number 6), any dashes allowed between them ("half-termly", "on-going"). */
struct phrase {
	signed char atoms[5];
	unsigned char type;
	unsigned char cadence;
};

static const struct phrase phrases[] = {
	{ { KW_TBC }, T_TBC, 0 },
	{ { KW_TO, KW_BE, KW_CONFIRMED }, T_TBC, 0 },
	{ { KW_ONGOING }, T_ONGOING, 0 },
	{ { KW_ON, KW_GOING }, T_ONGOING, 0 },
	{ { KW_DAILY }, T_CADENCE, CADENCE_DAILY },
	{ { KW_EVERY, KW_DAY }, T_CADENCE, CADENCE_DAILY },
	{ { KW_WEEKLY }, T_CADENCE, CADENCE_WEEKLY },
	{ { KW_EVERY, KW_WEEK }, T_CADENCE, CADENCE_WEEKLY },
	{ { KW_FORTNIGHTLY }, T_CADENCE, CADENCE_FORTNIGHTLY },
	{ { KW_EVERY, KW_FORTNIGHT }, T_CADENCE, CADENCE_FORTNIGHTLY },
	{ { KW_EVERY, KW_TWO, KW_WEEK }, T_CADENCE, CADENCE_FORTNIGHTLY },
	{ { KW_EVERY, -2, KW_WEEK }, T_CADENCE, CADENCE_FORTNIGHTLY },
	{ { KW_MONTHLY }, T_CADENCE, CADENCE_MONTHLY },
	{ { KW_EVERY, KW_MONTH }, T_CADENCE, CADENCE_MONTHLY },
	{ { KW_SIX, KW_WEEKLY }, T_CADENCE, CADENCE_SIX_WEEKLY },
	{ { -6, KW_WEEKLY }, T_CADENCE, CADENCE_SIX_WEEKLY },
	{ { KW_EVERY, KW_SIX, KW_WEEK }, T_CADENCE, CADENCE_SIX_WEEKLY },
	{ { KW_EVERY, -6, KW_WEEK }, T_CADENCE, CADENCE_SIX_WEEKLY },
	{ { KW_HALFTERMLY }, T_CADENCE, CADENCE_HALF_TERMLY },
	{ { KW_HALF, KW_TERMLY }, T_CADENCE, CADENCE_HALF_TERMLY },
	{ { KW_EVERY, KW_HALF, KW_TERM }, T_CADENCE, CADENCE_HALF_TERMLY },
	{ { KW_TERMLY }, T_CADENCE, CADENCE_TERMLY },
	{ { KW_EVERY, KW_TERM }, T_CADENCE, CADENCE_TERMLY },
	{ { KW_QUARTERLY }, T_CADENCE, CADENCE_QUARTERLY },
	{ { KW_EVERY, KW_QUARTER }, T_CADENCE, CADENCE_QUARTERLY },
	{ { KW_SIX, KW_MONTHLY }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { -6, KW_MONTHLY }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_EVERY, KW_SIX, KW_MONTH }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_EVERY, -6, KW_MONTH }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_HALF, KW_ANNUALLY }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_TWICE, KW_ANNUALLY }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_TWICE, KW_A, KW_YEAR }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_BIANNUALLY }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_BI, KW_ANNUALLY }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_BI, KW_ANNUAL }, T_CADENCE, CADENCE_SIX_MONTHLY },
	{ { KW_ANNUALLY }, T_CADENCE, CADENCE_ANNUALLY },
	{ { KW_EVERY, KW_YEAR }, T_CADENCE, CADENCE_ANNUALLY },
	{ { KW_AMBIG }, T_AMBIG, 0 },
	{ { KW_BI, KW_WEEKLY }, T_AMBIG, 0 },
	{ { KW_BI, KW_MONTHLY }, T_AMBIG, 0 },
	{ { KW_ACADEMIC }, T_ACADEMIC, 0 },
	{ { KW_SCHOOL, KW_YEAR }, T_ACADEMIC, 0 },
};

struct tok {
	unsigned char type;
	unsigned char kw;
	unsigned char ndigits;
	bool glued;       /* nothing between this token and the one before */
	bool ordinal;     /* "16th" */
	bool lower;       /* written all in lowercase ("may", the word) */
	bool near_month;  /* a misspelt month name ("Febuary") */
	int value;
	size_t start, end;
};

/* ------------------------------------------------------------------ */
/* Items, elements and groups                                          */

enum item_kind {
	IT_DAY, IT_MONTH, IT_QUARTER, IT_TERM, IT_FY, IT_YEAR,
	IT_DAYONLY  /* "13" in "13 - 14 Jul 2023" */
};

struct item {
	enum item_kind kind;
	bool has_year;    /* written with a year (or given one) */
	bool inferred;    /* the year came from outside what was written */
	bool bare_may;    /* "may" alone in lowercase: maybe the verb */
	bool financial;   /* IT_QUARTER: of a financial year */
	int year;         /* IT_FY and financial quarters: the first year */
	int month, day, quarter, season;
	size_t start, end;
	struct when_point pt;
};

enum el_type {
	EL_ITEM, EL_DAYONLY, EL_RSEP, EL_BY, EL_AND, EL_ALT, EL_FROM,
	EL_ONWARDS, EL_BETWEEN, EL_LABEL, EL_TBC, EL_ONGOING, EL_CADENCE,
	EL_AMBIG, EL_ACADEMIC, EL_SEASON
};

struct elem {
	unsigned char type;
	bool untilish;    /* EL_RSEP: "to", "until" rather than a dash */
	int ref;          /* EL_ITEM, EL_DAYONLY: item; otherwise token */
};

struct group {
	int a, b;         /* items; b < 0 for a single item */
	bool from, onwards, until;
	struct when_point pt;
};

#define MAX_TOKS 128
#define QUOTE_MAX 40
#define NEAR_DAYS 184   /* six months, the furthest a year-less date may be */

struct parser {
	const char *s;
	size_t len;
	bp_day reference;
	struct when *out;
	bool failed;
	int ntok, nel, nitem, ngroup;
	struct tok tok[MAX_TOKS];
	struct elem el[MAX_TOKS];
	struct item item[MAX_TOKS];
	struct group group[MAX_TOKS];
};

/* ------------------------------------------------------------------ */
/* Failing with a reason                                               */

/* Copies s[0..n) for quoting in a message: whitespace runs become one
 * space, at most QUOTE_MAX bytes are kept and never half a UTF-8
 * sequence, "..." marks a cut. dst must hold QUOTE_MAX + 4 bytes. */
static void quote(char *dst, const char *s, size_t n)
{
	size_t o = 0, i = 0;
	bool space = false;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == ' ') {
			space = true;
			i++;
			continue;
		}
		size_t seq = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (i + seq > n)
			seq = n - i;
		if (o + space + seq > QUOTE_MAX) {
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		if (space && o > 0)
			dst[o++] = ' ';
		space = false;
		memcpy(dst + o, s + i, seq);
		o += seq;
		i += seq;
	}
	dst[o] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void fail(struct parser *p, const char *fmt, ...)
{
	if (p->failed)
		return;
	p->failed = true;
	p->out->kind = WHEN_UNKNOWN;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->out->why, sizeof p->out->why, fmt, ap);
	va_end(ap);
}

/* The tokens a..b (inclusive), quoted. */
static const char *quote_toks(struct parser *p, int a, int b, char *buf)
{
	quote(buf, p->s + p->tok[a].start, p->tok[b].end - p->tok[a].start);
	return buf;
}

static const char *quote_all(struct parser *p, char *buf)
{
	quote(buf, p->s, p->len);
	return buf;
}

static void fail_not_date(struct parser *p)
{
	char q[QUOTE_MAX + 4];
	fail(p, "'%s' is not a date, range or cadence", quote_all(p, q));
}

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */

/* Length of the valid UTF-8 sequence at s[i], 0 if it is not valid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
	unsigned char c = s[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2; v = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3; v = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n - i < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i + k] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

static bool cp_is_space(uint32_t cp)
{
	return cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0x202f ||
	       cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

static bool cp_is_dash(uint32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 ||
	       cp == 0xfe58 || cp == 0xfe63 || cp == 0xff0d;
}

static bool cp_is_punct(uint32_t cp)
{
	return (cp >= 0xa1 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	       (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x2190 && cp <= 0x23ff) ||
	       (cp >= 0x25a0 && cp <= 0x27bf) || (cp >= 0x3000 && cp <= 0x303f);
}

static bool is_ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* ------------------------------------------------------------------ */
/* Pass 1: tokens                                                      */

static struct tok *push(struct parser *p, unsigned char type, size_t start,
			size_t end, bool glued)
{
	if (p->ntok == MAX_TOKS) {
		char q[QUOTE_MAX + 4];
		fail(p, "'%s' is too long to be a date", quote_all(p, q));
		return NULL;
	}
	struct tok *t = &p->tok[p->ntok++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->start = start;
	t->end = end;
	t->glued = glued;
	return t;
}

/* Edit distance between short lowercase words (both at most 12 bytes). */
static int edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
	int row[13];
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

/* Whether a word that is not a month name looks like a misspelt one
 * ("Febuary", "Sptember"): it is then reported rather than skipped as a
 * label, which would leave "Febuary 2024" reading as the whole of 2024. */
static bool near_month(const char *w, size_t n)
{
	if (n < 4)
		return false;
	for (int m = 0; m < 12; m++) {
		char full[12];
		size_t fn = strlen(month_full[m]);
		if (fn < 5)
			continue;
		for (size_t k = 0; k < fn; k++)
			full[k] = (char)lower((unsigned char)month_full[m][k]);
		if (full[0] != w[0])
			continue;
		int limit = n <= 5 ? 1 : 2;
		if (edit_distance(w, n, full, fn) <= limit)
			return true;
	}
	return false;
}

static void classify_word(struct parser *p, size_t a, size_t b, bool glued)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t nd = 0, nl = 0;
	bool ascii = true;
	while (a + nd < b && is_digit(s[a + nd]))
		nd++;
	for (size_t i = a; i < b; i++) {
		if (s[i] >= 0x80)
			ascii = false;
		else if (is_alpha(s[i]))
			nl++;
	}
	bool all_letters = ascii && nl == b - a;
	bool digits_then_letters = ascii && nd > 0 && nd + nl == b - a;
	struct tok *t;

	if (digits_then_letters || (ascii && nd == b - a)) {
		char suffix[3] = { 0 };
		if (nl == 2) {
			suffix[0] = (char)lower(s[a + nd]);
			suffix[1] = (char)lower(s[a + nd + 1]);
		}
		bool ordinal = nl == 2 && (!strcmp(suffix, "st") || !strcmp(suffix, "nd") ||
					  !strcmp(suffix, "rd") || !strcmp(suffix, "th"));
		if (nl == 0 || ordinal) {
			if (nd > 4) {
				char q[QUOTE_MAX + 4];
				quote(q, p->s + a, b - a);
				fail(p, "number '%s' is too long to be part of a date", q);
				return;
			}
			if (!(t = push(p, T_NUM, a, b, glued)))
				return;
			t->ndigits = (unsigned char)nd;
			t->ordinal = ordinal;
			for (size_t i = a; i < a + nd; i++)
				t->value = t->value * 10 + (s[i] - '0');
			return;
		}
	}
	if (ascii && b - a == 2 && lower(s[a]) == 'q' && is_digit(s[a + 1])) {
		if ((t = push(p, T_QUARTER, a, b, glued)))
			t->value = s[a + 1] - '0';
		return;
	}
	/* "FY2023/24", "FY23/24": the marker and the number */
	if (ascii && b - a > 2 && lower(s[a]) == 'f' && lower(s[a + 1]) == 'y' &&
	    is_digit(s[a + 2])) {
		size_t i = a + 2;
		while (i < b && is_digit(s[i]))
			i++;
		if (i == b) {
			if (!(t = push(p, T_WORD, a, a + 2, glued)))
				return;
			t->kw = KW_FY;
			classify_word(p, a + 2, b, true);
			return;
		}
	}
	if (!(t = push(p, T_WORD, a, b, glued)))
		return;
	if (!all_letters || b - a > 12)
		return;
	char w[13];
	bool all_lower = true;
	for (size_t i = a; i < b; i++) {
		w[i - a] = (char)lower(s[i]);
		if (s[i] != (unsigned char)w[i - a])
			all_lower = false;
	}
	w[b - a] = '\0';
	t->lower = all_lower;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		if (strcmp(words[k].text, w) != 0)
			continue;
		t->type = words[k].type;
		if (t->type == T_WORD)
			t->kw = words[k].value;
		else
			t->value = words[k].value;
		return;
	}
	t->near_month = near_month(w, b - a);
}

static void tokenize(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t n = p->len, i = 0;
	bool space = true;
	while (i < n && !p->failed) {
		unsigned char c = s[i];
		uint32_t cp = c;
		size_t len = utf8_seq(s, n, i, &cp);
		if (is_ascii_space(c) || (c >= 0x80 && cp_is_space(cp))) {
			i += len;
			space = true;
			continue;
		}
		bool glued = !space;
		space = false;
		if (c >= 0x80 && cp_is_dash(cp)) {
			push(p, T_DASH, i, i + len, glued);
			i += len;
			continue;
		}
		if (c >= 0x80 && cp_is_punct(cp)) {
			push(p, cp == 0x2019 ? T_APOS : T_PUNCT, i, i + len, glued);
			i += len;
			continue;
		}
		if (c < 0x80 && !is_digit(c) && !is_alpha(c)) {
			unsigned char type = c == '-' ? T_DASH : c == '/' ? T_SLASH :
					     c == '.' ? T_DOT : c == ',' ? T_COMMA :
					     c == '\'' ? T_APOS : c == '&' ? T_AMP : T_PUNCT;
			push(p, type, i, i + 1, glued);
			i++;
			continue;
		}
		/* a word: letters and digits, and any other character that is
		   not space, dash or punctuation (accented letters, scripts) */
		size_t j = i;
		while (j < n) {
			unsigned char d = s[j];
			uint32_t dcp = d;
			size_t dl = utf8_seq(s, n, j, &dcp);
			if (d < 0x80 ? !(is_digit(d) || is_alpha(d)) :
			    (cp_is_space(dcp) || cp_is_dash(dcp) || cp_is_punct(dcp)))
				break;
			j += dl;
		}
		classify_word(p, i, j, glued);
		i = j;
	}
}

/* ------------------------------------------------------------------ */
/* Pass 2: phrases                                                     */

static int match_phrase(struct parser *p, int i, const struct phrase *ph)
{
	int j = i;
	for (int k = 0; k < 5 && ph->atoms[k] != 0; k++) {
		if (k > 0)
			while (j < p->ntok && p->tok[j].type == T_DASH)
				j++;
		if (j >= p->ntok)
			return -1;
		const struct tok *t = &p->tok[j];
		int atom = ph->atoms[k];
		if (atom > 0 ? !(t->type == T_WORD && t->kw == atom) :
		    !(t->type == T_NUM && !t->ordinal && t->ndigits <= 2 && t->value == -atom))
			return -1;
		j++;
	}
	return j - 1;
}

static void fold_phrases(struct parser *p)
{
	for (int i = 0; i < p->ntok; i++) {
		struct tok *t = &p->tok[i];
		if (t->type != T_WORD && t->type != T_NUM)
			continue;
		int best = -1;
		const struct phrase *found = NULL;
		for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++) {
			int last = match_phrase(p, i, &phrases[k]);
			if (last > best) {
				best = last;
				found = &phrases[k];
			}
		}
		if (found) {
			t->type = found->type;
			t->value = found->cadence;
			t->end = p->tok[best].end;
			for (int k = i + 1; k <= best; k++)
				p->tok[k].type = T_SKIP;
			i = best;
		} else if (t->type == T_WORD && t->kw >= KW_PHRASE_ONLY) {
			t->kw = KW_NONE;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Pass 3: items                                                       */

static bool is(const struct parser *p, int i, unsigned char type)
{
	return i >= 0 && i < p->ntok && p->tok[i].type == type;
}

static bool is_kw(const struct parser *p, int i, unsigned char kw)
{
	return is(p, i, T_WORD) && p->tok[i].kw == kw;
}

static bool is_num(const struct parser *p, int i)
{
	return is(p, i, T_NUM) && !p->tok[i].ordinal;
}

/* Whether token i is glued to the one before. */
static bool glued_at(const struct parser *p, int i)
{
	return i >= 0 && i < p->ntok && p->tok[i].glued;
}

static int two_digit_year(int v)
{
	return 2000 + v;
}

static struct item *new_item(struct parser *p, enum item_kind kind, int first, int last)
{
	struct item *it = &p->item[p->nitem++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->start = p->tok[first].start;
	it->end = p->tok[last].end;
	return it;
}

struct year_part {
	bool fy;   /* a financial year: y is its first year */
	int y;
};

/* A year after a quarter, a term, "FY", or alone: "2023", "2023/24",
 * "2023-24", "2023/2024", "2023-2024"; with short set also "23/24" and
 * "23". Returns the tokens used, 0 if there is no year at i, -1 on error. */
static int year_part(struct parser *p, int i, bool short_ok, struct year_part *yp)
{
	if (!is_num(p, i))
		return 0;
	const struct tok *t = &p->tok[i];
	bool sep = is(p, i + 1, T_SLASH) || is(p, i + 1, T_DASH);
	bool slash = is(p, i + 1, T_SLASH);
	const struct tok *t2 = is_num(p, i + 2) ? &p->tok[i + 2] : NULL;
	char q[QUOTE_MAX + 4];

	if (t->ndigits == 4 || (short_ok && t->ndigits == 2)) {
		int y1 = t->ndigits == 4 ? t->value : two_digit_year(t->value);
		/* the second year: two digits only when written close up
		   ("2023-24"), as "2023 - 24 Mar 2024" means something else */
		bool second = sep && t2 &&
			      ((t2->ndigits == 2 && glued_at(p, i + 1) && glued_at(p, i + 2)) ||
			       (t2->ndigits == 4 && t->ndigits == 4));
		if (second) {
			bool next_year = t2->ndigits == 2 ? t2->value == (y1 + 1) % 100
							  : t2->value == y1 + 1;
			if (next_year) {
				yp->fy = true;
				yp->y = y1;
				return 3;
			}
			/* "2019-2021" is a span of calendar years */
			if (slash || t2->ndigits == 2) {
				if (t2->ndigits == 2)
					fail(p, "'%s' is not a financial year (%d/%02d would be)",
					     quote_toks(p, i, i + 2, q), y1, (y1 + 1) % 100);
				else
					fail(p, "'%s' is not a financial year (%d/%d would be)",
					     quote_toks(p, i, i + 2, q), y1, y1 + 1);
				return -1;
			}
		}
		if (t->ndigits == 4 || short_ok) {
			yp->fy = false;
			yp->y = y1;
			return 1;
		}
	}
	/* "Jan 5" or "1 Jan 0": a one-digit year is too likely a slip (or a
	   day written after the month) to read as 200x */
	if (short_ok && t->ndigits == 1 && !sep) {
		fail(p, "'%s' is not a year: write it with two or four digits",
		     quote_toks(p, i, i + 1, q));
		return -1;
	}
	return 0;
}

/* The year after a day and month ("16 Mar 2023", "16 Mar 23"). A one- or
 * two-digit number followed by a month name is the next date's day
 * ("1 March 2 April 2024"), not a year. */
static int day_month_year(struct parser *p, int i, int *year)
{
	if (!is_num(p, i))
		return 0;
	const struct tok *t = &p->tok[i];
	/* "16 March 30/09/2019": the number starts a date of its own */
	if ((is(p, i + 1, T_SLASH) || is(p, i + 1, T_DOT)) && glued_at(p, i + 1))
		return 0;
	if (t->ndigits >= 3) {
		*year = t->value;
		return 1;
	}
	if (is(p, i + 1, T_MONTH) || is_kw(p, i + 1, KW_ORD) || is_kw(p, i + 1, KW_OF))
		return 0;
	if (t->ndigits == 1) {
		char buf[QUOTE_MAX + 4];
		fail(p, "'%s' is not a year: write it with two or four digits",
		     quote_toks(p, i, i, buf));
		return -1;
	}
	*year = two_digit_year(t->value);
	return 1;
}

/* An element: ref is the item for EL_ITEM and EL_DAYONLY, else the token. */
static void add_el(struct parser *p, enum el_type type, int ref, bool untilish)
{
	struct elem *e = &p->el[p->nel++];
	e->type = (unsigned char)type;
	e->ref = ref;
	e->untilish = untilish;
}

/* "Q1 2023/24", "Quarter 2 2023/24", "Q3 2023", "Q1 FY23/24". */
static int parse_quarter(struct parser *p, int i)
{
	int j = i + 1, q = p->tok[i].value;
	if (is_kw(p, i, KW_QUARTER)) {
		if (!is_num(p, i + 1) || p->tok[i + 1].ndigits != 1)
			return 0;
		q = p->tok[i + 1].value;
		j = i + 2;
	}
	char buf[QUOTE_MAX + 4];
	if (q < 1 || q > 4) {
		fail(p, "quarter %d does not exist", q);
		return -1;
	}
	if (is_kw(p, j, KW_FY))
		j++;
	struct year_part yp;
	int n = year_part(p, j, true, &yp);
	if (n < 0)
		return -1;
	if (n == 0) {
		fail(p, "'%s' has no year", quote_toks(p, i, j - 1, buf));
		return -1;
	}
	struct item *it = new_item(p, IT_QUARTER, i, j + n - 1);
	it->quarter = q;
	it->financial = yp.fy;
	it->year = yp.y;
	it->has_year = true;
	add_el(p, EL_ITEM, p->nitem - 1, false);
	return j + n - i;
}

/* "Spring Term 2019", "Autumn 2018", "Autumn term 2023/24". */
static int parse_season(struct parser *p, int i)
{
	int j = i + 1, season = p->tok[i].value;
	bool term = false;
	char buf[QUOTE_MAX + 4];
	if (is_kw(p, j, KW_TERM)) {
		term = true;
		j++;
	}
	if (is_kw(p, j, KW_FY))
		j++;
	if (is_num(p, j) && p->tok[j].ndigits == 1 && !term) {
		fail(p, "half terms such as '%s' are not read: write the months",
		     quote_toks(p, i, j, buf));
		return -1;
	}
	struct year_part yp;
	int n = year_part(p, j, true, &yp);
	if (n < 0)
		return -1;
	if (season == SEASON_WINTER) {
		if (n == 0)
			return 0;
		fail(p, "'%s' is not a school term (autumn, spring or summer)",
		     quote_toks(p, i, j + n - 1, buf));
		return -1;
	}
	if (n == 0) {
		if (!term)
			return 0;
		fail(p, "'%s' has no year", quote_toks(p, i, j - 1, buf));
		return -1;
	}
	struct item *it = new_item(p, IT_TERM, i, j + n - 1);
	it->season = season;
	it->year = yp.fy && season != SEASON_AUTUMN ? yp.y + 1 : yp.y;
	it->has_year = true;
	add_el(p, EL_ITEM, p->nitem - 1, false);
	return j + n - i;
}

/* "FY 2023/24", "FY23/24", "FY 2023/24 Q1". */
static int parse_fy(struct parser *p, int i)
{
	struct year_part yp;
	char buf[QUOTE_MAX + 4];
	int n = year_part(p, i + 1, true, &yp);
	if (n <= 0)
		return n;
	if (!yp.fy) {
		fail(p, "'%s' does not say which financial year (%d/%02d or %d/%02d)",
		     quote_toks(p, i, i + n, buf), yp.y - 1, yp.y % 100, yp.y,
		     (yp.y + 1) % 100);
		return -1;
	}
	int last = i + n;
	struct item *it;
	if (is(p, last + 1, T_QUARTER)) {
		it = new_item(p, IT_QUARTER, i, last + 1);
		it->quarter = p->tok[last + 1].value;
		it->financial = true;
		last++;
		if (it->quarter < 1 || it->quarter > 4) {
			fail(p, "quarter %d does not exist", it->quarter);
			return -1;
		}
	} else {
		it = new_item(p, IT_FY, i, last);
	}
	it->year = yp.y;
	it->has_year = true;
	add_el(p, EL_ITEM, p->nitem - 1, false);
	return last - i + 1;
}

/* A year or financial year standing alone ("2024", "2023/24"), with an
 * optional quarter after it ("2023/24 Q1"). */
static int parse_year(struct parser *p, int i)
{
	struct year_part yp;
	int n = year_part(p, i, false, &yp);
	if (n <= 0)
		return n;
	int last = i + n - 1;
	struct item *it;
	if (is(p, last + 1, T_QUARTER)) {
		it = new_item(p, IT_QUARTER, i, last + 1);
		it->quarter = p->tok[last + 1].value;
		it->financial = yp.fy;
		last++;
		if (it->quarter < 1 || it->quarter > 4) {
			fail(p, "quarter %d does not exist", it->quarter);
			return -1;
		}
	} else {
		it = new_item(p, yp.fy ? IT_FY : IT_YEAR, i, last);
	}
	it->year = yp.y;
	it->has_year = true;
	add_el(p, EL_ITEM, p->nitem - 1, false);
	return last - i + 1;
}

static bool check_month(struct parser *p, int m)
{
	if (m >= 1 && m <= 12)
		return true;
	fail(p, "month %d does not exist", m);
	return false;
}

/* Day and month written without a year: the day must exist in that month
 * in some year (29 February is checked when the year is known). */
static bool check_yearless_day(struct parser *p, int d, int m)
{
	if (d >= 1 && d <= month_length(2000, m))
		return true;
	fail(p, "day %d is not in %s", d, month_full[m - 1]);
	return false;
}

/* Dates that start with a number: "30/09/19", "2023-09-30", "07/2023",
 * "16 Mar 2023", "16th of March", "16-Mar-23", "2024", "2023/24", and a
 * lone day ("13" in "13 - 14 Jul 2023"). */
static int parse_number(struct parser *p, int i)
{
	const struct tok *t = &p->tok[i];
	char buf[QUOTE_MAX + 4];

	/* three numbers close up: day first, or ISO year first */
	if (!t->ordinal && (is(p, i + 1, T_SLASH) || is(p, i + 1, T_DOT) ||
			    is(p, i + 1, T_DASH)) &&
	    glued_at(p, i + 1) && is_num(p, i + 2) && glued_at(p, i + 2) &&
	    is(p, i + 3, p->tok[i + 1].type) && glued_at(p, i + 3) &&
	    is_num(p, i + 4) && glued_at(p, i + 4)) {
		const struct tok *t2 = &p->tok[i + 2], *t3 = &p->tok[i + 4];
		int y, m, d;
		if ((is(p, i + 5, p->tok[i + 1].type) && glued_at(p, i + 5) && is_num(p, i + 6)) ||
		    t2->ndigits > 2) {
			fail(p, "'%s' is not a date", quote_toks(p, i, i + 4, buf));
			return -1;
		}
		if (t->ndigits == 4 && t3->ndigits <= 2) {
			y = t->value, m = t2->value, d = t3->value;
		} else if (t->ndigits <= 2) {
			d = t->value, m = t2->value;
			y = t3->ndigits <= 2 ? two_digit_year(t3->value) : t3->value;
		} else {
			fail(p, "'%s' is not a date", quote_toks(p, i, i + 4, buf));
			return -1;
		}
		if (!check_month(p, m))
			return -1;
		struct item *it = new_item(p, IT_DAY, i, i + 4);
		it->year = y, it->month = m, it->day = d, it->has_year = true;
		add_el(p, EL_ITEM, p->nitem - 1, false);
		return 5;
	}

	/* two numbers close up with "/" or ".": month and year, or a
	   financial year (read by parse_year) */
	if (!t->ordinal && t->ndigits <= 2 && (is(p, i + 1, T_SLASH) || is(p, i + 1, T_DOT)) &&
	    glued_at(p, i + 1) && is_num(p, i + 2) && glued_at(p, i + 2)) {
		const struct tok *t2 = &p->tok[i + 2];
		if (t2->ndigits == 4) {
			if (!check_month(p, t->value))
				return -1;
			struct item *it = new_item(p, IT_MONTH, i, i + 2);
			it->month = t->value, it->year = t2->value, it->has_year = true;
			add_el(p, EL_ITEM, p->nitem - 1, false);
			return 3;
		}
		if (t2->ndigits == 2 && t->ndigits == 2 && t2->value == (t->value + 1) % 100 &&
		    t2->value > 12)
			fail(p, "'%s' is not a date (a financial year is written 20%s)",
			     quote_toks(p, i, i + 2, buf), buf);
		else if (t2->ndigits <= 2)
			fail(p, "'%s' is not a date: write the day, month and year, or name the month",
			     quote_toks(p, i, i + 2, buf));
		else
			fail(p, "'%s' is not a date", quote_toks(p, i, i + 2, buf));
		return -1;
	}

	if (t->ndigits == 4 && !t->ordinal)
		return parse_year(p, i);

	if (t->ndigits > 2) {
		fail(p, "number '%s' is not part of a date", quote_toks(p, i, i, buf));
		return -1;
	}

	/* day first: "16 Mar 2023", "16th March", "16 th of March", "16-Mar-23" */
	int j = i + 1;
	bool ord = t->ordinal, dashed = false;
	if (!ord && is_kw(p, j, KW_ORD)) {
		ord = true;
		j++;
	}
	if (ord && is_kw(p, j, KW_OF))
		j++;
	if (!ord && is(p, j, T_DASH) && glued_at(p, j) && is(p, j + 1, T_MONTH) && glued_at(p, j + 1)) {
		dashed = true;
		j++;
	}
	if (!is(p, j, T_MONTH)) {
		struct item *it = new_item(p, IT_DAYONLY, i, j - 1);
		it->day = t->value;
		add_el(p, EL_DAYONLY, p->nitem - 1, false);
		return j - i;
	}
	int m = p->tok[j].value, last = j;
	if (is(p, j + 1, T_DOT) && glued_at(p, j + 1))
		last = ++j;
	int year = 0, n = 0;
	if (dashed) {
		if (is(p, j + 1, T_DASH) && glued_at(p, j + 1) && glued_at(p, j + 2) &&
		    (n = day_month_year(p, j + 2, &year)) > 0)
			last = j + 2;
	} else {
		int k = is(p, j + 1, T_COMMA) ? j + 2 : j + 1;
		if ((n = day_month_year(p, k, &year)) > 0)
			last = k;
	}
	if (n < 0)
		return -1;
	if (n == 0 && !check_yearless_day(p, t->value, m))
		return -1;
	struct item *it = new_item(p, IT_DAY, i, last);
	it->day = t->value, it->month = m;
	it->year = year, it->has_year = n > 0;
	add_el(p, EL_ITEM, p->nitem - 1, false);
	return last - i + 1;
}

/* Dates that start with a month name: "Oct 2024", "Sep 23", "Jul-20",
 * "Sep '23", "March 15th", "March 15, 2023", and a bare month ("Apr"). */
static int parse_month(struct parser *p, int i)
{
	int m = p->tok[i].value, j = i + 1, last = i;
	if (is(p, j, T_DOT) && glued_at(p, j))
		last = j++;
	bool joined = false;
	if ((is(p, j, T_DASH) && glued_at(p, j) && glued_at(p, j + 1) && is(p, j + 1, T_NUM)) ||
	    (is(p, j, T_APOS) && glued_at(p, j + 1) && is_num(p, j + 1) && p->tok[j + 1].ndigits == 2)) {
		joined = true;
		j++;
	}
	struct item *it;
	if (is(p, j, T_NUM)) {
		const struct tok *t = &p->tok[j];
		bool ord = t->ordinal || (is_kw(p, j + 1, KW_ORD) && !joined);
		int k = is(p, j + 1, T_COMMA) ? j + 2 : j + 1;
		if (ord) {
			/* "March 15th", "March 15th 2023" */
			int d_end = t->ordinal ? j : j + 1;
			k = is(p, d_end + 1, T_COMMA) ? d_end + 2 : d_end + 1;
			int year = 0, n = day_month_year(p, k, &year);
			if (n < 0)
				return -1;
			if (t->ndigits > 2) {
				char buf[QUOTE_MAX + 4];
				fail(p, "number '%s' is not part of a date", quote_toks(p, j, j, buf));
				return -1;
			}
			if (n == 0 && !check_yearless_day(p, t->value, m))
				return -1;
			last = n > 0 ? k : d_end;
			it = new_item(p, IT_DAY, i, last);
			it->day = t->value, it->month = m, it->year = year, it->has_year = n > 0;
		} else if (!joined && t->ndigits <= 2 && is_num(p, k) && p->tok[k].ndigits == 4) {
			/* "March 15 2023", "March 15, 2023" */
			it = new_item(p, IT_DAY, i, k);
			it->day = t->value, it->month = m;
			it->year = p->tok[k].value, it->has_year = true;
			last = k;
		} else {
			if (t->ndigits == 1 || t->ndigits == 3) {
				/* "Jan 5", "Jan 0": not a two- or four-digit year */
				char buf[QUOTE_MAX + 4];
				fail(p, "'%s' is not a year: write it with two or four digits",
				     quote_toks(p, j, j, buf));
				return -1;
			}
			it = new_item(p, IT_MONTH, i, j);
			it->month = m;
			it->year = t->ndigits <= 2 ? two_digit_year(t->value) : t->value;
			it->has_year = true;
			last = j;
		}
	} else {
		it = new_item(p, IT_MONTH, i, last);
		it->month = m;
		it->bare_may = m == 5 && p->tok[i].lower;
	}
	add_el(p, EL_ITEM, p->nitem - 1, false);
	return last - i + 1;
}

static void read_items(struct parser *p)
{
	char buf[QUOTE_MAX + 4];
	for (int i = 0; i < p->ntok && !p->failed;) {
		const struct tok *t = &p->tok[i];
		int n = 0;
		switch (t->type) {
		case T_NUM:
			n = parse_number(p, i);
			break;
		case T_MONTH:
			n = parse_month(p, i);
			break;
		case T_QUARTER:
			n = parse_quarter(p, i);
			break;
		case T_SEASON:
			n = parse_season(p, i);
			if (n == 0) {
				add_el(p, EL_SEASON, i, false);
				n = 1;
			}
			break;
		case T_WORD:
			if (t->kw == KW_FY)
				n = parse_fy(p, i);
			else if (t->kw == KW_QUARTER)
				n = parse_quarter(p, i);
			if (n != 0)
				break;
			n = 1;
			switch (t->kw) {
			case KW_FROM: add_el(p, EL_FROM, i, false); break;
			case KW_TO:
			case KW_UNTIL: add_el(p, EL_RSEP, i, true); break;
			case KW_BY: add_el(p, EL_BY, i, false); break;
			case KW_BETWEEN: add_el(p, EL_BETWEEN, i, false); break;
			case KW_AND: add_el(p, EL_AND, i, false); break;
			case KW_OR: add_el(p, EL_ALT, i, false); break;
			case KW_ONWARDS: add_el(p, EL_ONWARDS, i, false); break;
			case KW_TERM:
				if (is_num(p, i + 1) && p->tok[i + 1].ndigits == 4) {
					fail(p, "'%s' does not say which term (autumn, spring or summer)",
					     quote_all(p, buf));
					n = -1;
					break;
				}
				add_el(p, EL_LABEL, i, false);
				break;
			default:
				if (t->near_month && (is(p, i - 1, T_NUM) || is(p, i + 1, T_NUM))) {
					fail(p, "'%s' is not a month name", quote_toks(p, i, i, buf));
					n = -1;
					break;
				}
				add_el(p, EL_LABEL, i, false);
			}
			break;
		case T_DASH: add_el(p, EL_RSEP, i, false); n = 1; break;
		case T_SLASH: add_el(p, EL_ALT, i, false); n = 1; break;
		case T_AMP: add_el(p, EL_AND, i, false); n = 1; break;
		case T_TBC: add_el(p, EL_TBC, i, false); n = 1; break;
		case T_ONGOING: add_el(p, EL_ONGOING, i, false); n = 1; break;
		case T_CADENCE: add_el(p, EL_CADENCE, i, false); n = 1; break;
		case T_AMBIG: add_el(p, EL_AMBIG, i, false); n = 1; break;
		case T_ACADEMIC: add_el(p, EL_ACADEMIC, i, false); n = 1; break;
		case T_SKIP: n = 1; break;
		default: add_el(p, EL_LABEL, i, false); n = 1; break;
		}
		if (n < 0)
			return;
		i += n;
	}
}

/* ------------------------------------------------------------------ */
/* Pass 4: groups, years, kinds                                        */

static bool out_of_years(struct parser *p, int y)
{
	if (y >= BP_YEAR_MIN && y <= BP_YEAR_MAX)
		return false;
	fail(p, "year %d is outside %d-%d", y, BP_YEAR_MIN, BP_YEAR_MAX);
	return true;
}

static bp_day ymd(int y, int m, int d)
{
	return (bp_day)civil_to_days(y, m, d);
}

/* The period an item covers, its year being `year` when it was written
 * without one. With quiet set, a day that does not exist in that year
 * fails without a message (used while trying years). */
static bool item_point(struct parser *p, struct item *it, int year, bool quiet,
		       struct when_point *pt)
{
	int y = it->has_year ? it->year : year;
	if (y < BP_YEAR_MIN || y > BP_YEAR_MAX) {
		if (!quiet)
			out_of_years(p, y);
		return false;
	}
	memset(pt, 0, sizeof *pt);
	switch (it->kind) {
	case IT_DAY:
		if (!ymd_valid(y, it->month, it->day)) {
			if (!quiet)
				fail(p, "day %d is not in %s %d", it->day,
				     month_full[it->month - 1], y);
			return false;
		}
		pt->first = pt->last = ymd(y, it->month, it->day);
		pt->precision = WHEN_PREC_DAY;
		break;
	case IT_MONTH:
		pt->first = ymd(y, it->month, 1);
		pt->last = ymd(y, it->month, month_length(y, it->month));
		pt->precision = WHEN_PREC_MONTH;
		break;
	case IT_QUARTER: {
		int m = it->financial ? 4 + 3 * (it->quarter - 1) : 3 * it->quarter - 2;
		if (m > 12) {
			m -= 12;
			y++;
			if (quiet ? y > BP_YEAR_MAX : out_of_years(p, y))
				return false;
		}
		pt->first = ymd(y, m, 1);
		pt->last = ymd(y, m + 2, month_length(y, m + 2));
		pt->precision = WHEN_PREC_QUARTER;
		break;
	}
	case IT_TERM: {
		static const unsigned char first_month[] = { 0, 9, 1, 4 };
		static const unsigned char last_month[] = { 0, 12, 3, 7 };
		int m1 = first_month[it->season], m2 = last_month[it->season];
		pt->first = ymd(y, m1, 1);
		pt->last = ymd(y, m2, month_length(y, m2));
		pt->precision = WHEN_PREC_TERM;
		break;
	}
	case IT_FY:
		if (quiet ? y + 1 > BP_YEAR_MAX : out_of_years(p, y + 1))
			return false;
		pt->first = ymd(y, 4, 1);
		pt->last = ymd(y + 1, 3, 31);
		pt->precision = WHEN_PREC_FINANCIAL_YEAR;
		break;
	case IT_YEAR:
		pt->first = ymd(y, 1, 1);
		pt->last = ymd(y, 12, 31);
		pt->precision = WHEN_PREC_YEAR;
		break;
	case IT_DAYONLY:
		return false;
	}
	pt->year_inferred = it->inferred;
	return true;
}

static const char *describe(const struct item *it, char *buf, size_t size)
{
	if (it->kind == IT_DAY)
		snprintf(buf, size, "%d %s", it->day, month_full[it->month - 1]);
	else
		snprintf(buf, size, "%s", month_full[it->month - 1]);
	return buf;
}

enum placing { PLACE_NEAREST, PLACE_AFTER, PLACE_BEFORE };

/* Gives a year-less item its year: nearest to the reference day, or the
 * first year after `bound` (its first day after it), or the last year
 * before it (its last day before it). */
static bool place(struct parser *p, struct item *it, enum placing how, bp_day bound,
		  bool inferred)
{
	char buf[QUOTE_MAX + 4], day[32];
	it->inferred = inferred;
	if (it->has_year)
		return item_point(p, it, 0, false, &it->pt);
	int y0;
	if (how == PLACE_NEAREST) {
		if (p->reference == BP_DAY_NONE) {
			fail(p, "no year given and no as-at date to infer it from");
			return false;
		}
		day_to_ymd(p->reference, &y0, NULL, NULL);
		bool found = false;
		int64_t best = 0;
		struct when_point pt, best_pt = { 0 };
		int best_y = 0;
		for (int y = y0 - 1; y <= y0 + 1; y++) {
			if (!item_point(p, it, y, true, &pt))
				continue;
			int64_t dist = p->reference < pt.first ? (int64_t)pt.first - p->reference :
				       p->reference > pt.last ? (int64_t)p->reference - pt.last : 0;
			/* on a tie the later year: plans look ahead */
			if (!found || dist <= best) {
				found = true;
				best = dist;
				best_pt = pt;
				best_y = y;
			}
		}
		if (!found || best > NEAR_DAYS) {
			fail(p, "no %s within six months of %s",
			     describe(it, buf, sizeof buf), day_format(p->reference, day, sizeof day));
			return false;
		}
		it->year = best_y;
		it->has_year = true;
		it->pt = best_pt;
		return true;
	}
	day_to_ymd(bound, &y0, NULL, NULL);
	for (int k = 0; k <= 8; k++) {
		int y = how == PLACE_AFTER ? y0 + k : y0 - k;
		struct when_point pt;
		if (!item_point(p, it, y, true, &pt))
			continue;
		if (how == PLACE_AFTER ? pt.first > bound : pt.last < bound) {
			it->year = y;
			it->has_year = true;
			it->pt = pt;
			return true;
		}
	}
	quote(buf, p->s + it->start, it->end - it->start);
	fail(p, "no year puts '%s' in order with the dates around it", buf);
	return false;
}

/* Resolves a group: a single item, or a range whose year-less side takes
 * its year (and a lone day its month) from the other side. */
static bool place_group(struct parser *p, struct group *g, enum placing how, bp_day bound)
{
	struct item *a = &p->item[g->a];
	if (g->b < 0) {
		if (!place(p, a, how, bound, !a->has_year))
			return false;
		g->pt = a->pt;
		return true;
	}
	struct item *b = &p->item[g->b];
	if (a->kind == IT_DAYONLY) {
		if (!place(p, b, how, bound, !b->has_year))
			return false;
		a->kind = IT_DAY;
		a->month = b->month;
		a->year = b->year;
		a->has_year = true;
		a->inferred = b->inferred;
		if (!item_point(p, a, 0, false, &a->pt))
			return false;
	} else if (a->has_year) {
		if (!place(p, a, how, bound, false) ||
		    !place(p, b, PLACE_AFTER, a->pt.first, false))
			return false;
	} else if (b->has_year) {
		if (!place(p, b, how, bound, false) ||
		    !place(p, a, PLACE_BEFORE, b->pt.last, false))
			return false;
	} else {
		if (!place(p, a, how, bound, true) ||
		    !place(p, b, PLACE_AFTER, a->pt.first, true))
			return false;
	}
	a->pt.year_inferred = a->inferred;
	b->pt.year_inferred = b->inferred;
	if (b->pt.last < a->pt.first) {
		char d1[32], d2[32];
		fail(p, "range ends (%s) before it starts (%s)",
		     day_format(b->pt.last, d1, sizeof d1), day_format(a->pt.first, d2, sizeof d2));
		return false;
	}
	g->pt.first = a->pt.first;
	g->pt.last = b->pt.last;
	g->pt.precision = b->pt.precision;
	g->pt.year_inferred = a->pt.year_inferred || b->pt.year_inferred;
	return true;
}

static bool group_has_year(const struct parser *p, const struct group *g)
{
	return p->item[g->a].has_year || (g->b >= 0 && p->item[g->b].has_year);
}

/* Whether element k is a date that can end a range. */
static bool range_end_at(const struct parser *p, int k)
{
	return k < p->nel && p->el[k].type == EL_ITEM;
}

static void make_groups(struct parser *p)
{
	char buf[QUOTE_MAX + 4];
	bool from = false, until = false, between = false;
	for (int k = 0; k < p->nel && !p->failed; k++) {
		const struct elem *e = &p->el[k];
		switch (e->type) {
		case EL_FROM: from = true; continue;
		case EL_BY: until = true; continue;
		case EL_BETWEEN: between = true; continue;
		case EL_RSEP: if (e->untilish) until = true; continue;
		case EL_ITEM:
		case EL_DAYONLY: break;
		default: continue;
		}
		struct item *a = &p->item[e->ref];
		int next = k + 1;
		bool joined = next < p->nel &&
			      (p->el[next].type == EL_RSEP ||
			       (p->el[next].type == EL_AND && between)) &&
			      range_end_at(p, next + 1);
		if (joined && e->type == EL_DAYONLY && p->item[p->el[next + 1].ref].kind != IT_DAY)
			joined = false;
		if (next < p->nel && p->el[next].type == EL_ALT && next + 1 < p->nel &&
		    (p->el[next + 1].type == EL_ITEM || p->el[next + 1].type == EL_DAYONLY)) {
			quote(buf, p->s + a->start, p->item[p->el[next + 1].ref].end - a->start);
			fail(p, "'%s' gives a choice of dates, not one", buf);
			return;
		}
		if (!joined && e->type == EL_DAYONLY) {
			quote(buf, p->s + a->start, a->end - a->start);
			fail(p, "number '%s' is not part of a date", buf);
			return;
		}
		if (!joined && a->bare_may && p->nel > 1)
			continue;  /* "work may start in June 2019" */
		struct group *g = &p->group[p->ngroup++];
		memset(g, 0, sizeof *g);
		g->a = e->ref;
		g->b = -1;
		g->from = from;
		g->until = until;
		if (joined) {
			g->b = p->el[next + 1].ref;
			k = next + 1;
			if (k + 2 < p->nel && p->el[k + 1].type == EL_RSEP &&
			    (p->el[k + 2].type == EL_ITEM || p->el[k + 2].type == EL_DAYONLY)) {
				fail(p, "'%s' joins more than two dates as a range", quote_all(p, buf));
				return;
			}
		}
		if (k + 1 < p->nel && p->el[k + 1].type == EL_ONWARDS)
			g->onwards = true;
		from = until = between = false;
	}
}

static void place_groups(struct parser *p)
{
	/* first every group written with a year, then the others from their
	   neighbours (the step before, else the step after), else from the
	   reference day */
	for (int k = 0; k < p->ngroup && !p->failed; k++)
		if (group_has_year(p, &p->group[k]))
			place_group(p, &p->group[k], PLACE_NEAREST, 0);
	bool placed[MAX_TOKS];
	for (int k = 0; k < p->ngroup; k++)
		placed[k] = group_has_year(p, &p->group[k]);
	for (int k = 0; k < p->ngroup && !p->failed; k++) {
		if (placed[k])
			continue;
		struct group *g = &p->group[k];
		int before = -1, after = -1;
		for (int j = k - 1; j >= 0 && before < 0; j--)
			if (placed[j])
				before = j;
		for (int j = k + 1; j < p->ngroup && after < 0 && before < 0; j++)
			if (placed[j])
				after = j;
		if (before >= 0)
			place_group(p, g, PLACE_AFTER, p->group[before].pt.last);
		else if (after >= 0)
			place_group(p, g, PLACE_BEFORE, p->group[after].pt.first);
		else
			place_group(p, g, PLACE_NEAREST, 0);
		if (before >= 0 || after >= 0) {
			g->pt.year_inferred = true;
			p->item[g->a].pt.year_inferred = true;
			if (g->b >= 0)
				p->item[g->b].pt.year_inferred = true;
		}
		placed[k] = true;
	}
}

/* Cells without any date: a cadence, ongoing, TBC, or not understood. */
static void classify_undated(struct parser *p, enum when_cadence cadence, int ncadence,
			     bool ongoing, bool tbc)
{
	if (ncadence > 1) {
		char q[QUOTE_MAX + 4];
		fail(p, "'%s' gives more than one cadence", quote_all(p, q));
	} else if (ncadence == 1) {
		p->out->kind = WHEN_CADENCE;
		p->out->cadence = cadence;
	} else if (ongoing) {
		p->out->kind = WHEN_ONGOING;
	} else if (tbc) {
		p->out->kind = WHEN_TBC;
	} else {
		fail_not_date(p);
	}
}

static void classify(struct parser *p)
{
	char q[QUOTE_MAX + 4];
	enum when_cadence cadence = CADENCE_NONE;
	int ncadence = 0;
	bool tbc = false, ongoing = false, academic = false;
	for (int k = 0; k < p->nel; k++) {
		const struct elem *e = &p->el[k];
		switch (e->type) {
		case EL_TBC: tbc = true; break;
		case EL_ONGOING: ongoing = true; break;
		case EL_ACADEMIC: academic = true; break;
		case EL_SEASON:
			fail_not_date(p);
			return;
		case EL_AMBIG:
			fail(p, "'%s' can mean twice or every other; write the cadence plainly",
			     quote_toks(p, e->ref, e->ref, q));
			return;
		case EL_CADENCE: {
			enum when_cadence c = (enum when_cadence)p->tok[e->ref].value;
			if (ncadence == 0 || c != cadence)
				ncadence++;
			cadence = c;
			break;
		}
		default: break;
		}
	}
	if (p->ngroup == 0) {
		if (academic) {
			fail_not_date(p);
			return;
		}
		classify_undated(p, cadence, ncadence, ongoing, tbc);
		return;
	}
	if (p->ngroup > WHEN_MAX_POINTS) {
		fail(p, "'%s' has more than %d dates", quote_all(p, q), WHEN_MAX_POINTS);
		return;
	}
	if (academic) {
		fail(p, "academic years are not read: write the months, as in 'Sep 2023 - Jul 2024'");
		return;
	}
	if (ncadence > 1) {
		fail(p, "'%s' gives more than one cadence", quote_all(p, q));
		return;
	}
	place_groups(p);
	if (p->failed)
		return;
	if (tbc) {
		fail(p, "'%s' gives a date but says it is to be confirmed", quote_all(p, q));
		return;
	}
	struct when *w = p->out;
	w->cadence = cadence;
	if (p->ngroup > 1) {
		if (ongoing) {
			fail(p, "'%s' says ongoing but gives dates", quote_all(p, q));
			return;
		}
		w->kind = WHEN_MULTI;
		w->n_points = p->ngroup;
		for (int k = 0; k < p->ngroup; k++)
			w->points[k] = p->group[k].pt;
		return;
	}
	const struct group *g = &p->group[0];
	if (g->b >= 0) {
		w->kind = WHEN_RANGE;
		w->n_points = 2;
		w->points[0] = p->item[g->a].pt;
		w->points[1] = p->item[g->b].pt;
		return;
	}
	w->n_points = 1;
	w->points[0] = g->pt;
	if (g->from || g->onwards || (cadence != CADENCE_NONE && !g->until)) {
		w->kind = WHEN_FROM;
		return;
	}
	if (ongoing) {
		fail(p, "'%s' says ongoing but gives a date: write 'From ...' or the due date",
		     quote_all(p, q));
		return;
	}
	w->kind = WHEN_POINT;
}

/* ------------------------------------------------------------------ */

#define NO_POINT { BP_DAY_NONE, BP_DAY_NONE, WHEN_PREC_DAY, false }
const struct when when_empty = {
	.kind = WHEN_EMPTY,
	.cadence = CADENCE_NONE,
	.n_points = 0,
	.points = { NO_POINT, NO_POINT, NO_POINT, NO_POINT,
		    NO_POINT, NO_POINT, NO_POINT, NO_POINT },
};
#undef NO_POINT
_Static_assert(WHEN_MAX_POINTS == 8, "when_empty lists every point");

static void clear(struct when *out)
{
	memset(out, 0, sizeof *out);
	out->kind = WHEN_EMPTY;
	out->cadence = CADENCE_NONE;
	for (int k = 0; k < WHEN_MAX_POINTS; k++)
		out->points[k].first = out->points[k].last = BP_DAY_NONE;
}

void when_parse(const char *text, const struct when_context *ctx, struct when *out)
{
	if (!out)
		return;
	clear(out);
	if (!text)
		return;
	struct parser p;
	p.s = text;
	p.len = strlen(text);
	p.reference = ctx ? ctx->reference : BP_DAY_NONE;
	p.out = out;
	p.failed = false;
	p.ntok = p.nel = p.nitem = p.ngroup = 0;

	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < p.len;) {
		uint32_t cp;
		size_t n = utf8_seq(s, p.len, i, &cp);
		if (n == 0) {
			fail(&p, "text is not valid UTF-8");
			return;
		}
		i += n;
	}
	tokenize(&p);
	if (p.failed)
		return;
	bool only_dashes = true;
	for (int k = 0; k < p.ntok; k++)
		if (p.tok[k].type != T_DASH)
			only_dashes = false;
	if (only_dashes)
		return;  /* nothing written, or a dash for nothing */
	fold_phrases(&p);
	read_items(&p);
	if (!p.failed)
		make_groups(&p);
	if (!p.failed)
		classify(&p);
	if (p.failed) {
		out->n_points = 0;
		out->cadence = CADENCE_NONE;
		for (int k = 0; k < WHEN_MAX_POINTS; k++) {
			memset(&out->points[k], 0, sizeof out->points[k]);
			out->points[k].first = out->points[k].last = BP_DAY_NONE;
		}
	}
}
