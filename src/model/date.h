/** Dates as people write them in improvement plans.
 *
 *  A plan keeps every date exactly as written ("Sep 23", "Q1 2023/24",
 *  "Spring Term 2019", "TBC"); this module derives what evaluation needs: a
 *  day, a period, a range, several dated points, or a cadence, with the
 *  precision it was written at. Text it cannot understand is reported as
 *  such (with the reason), never guessed. The rules are documented in
 *  docs/dates.md. */
#ifndef BP_DATE_H
#define BP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A calendar day: days since 1970-01-01 in the proleptic Gregorian
 *  calendar (negative before). */
typedef int32_t bp_day;

#define BP_DAY_NONE INT32_MIN
#define BP_YEAR_MIN 1900
#define BP_YEAR_MAX 2199

bp_day day_from_ymd(int year, int month, int day);
void day_to_ymd(bp_day d, int *year, int *month, int *day);
bool ymd_valid(int year, int month, int day);
int days_in_month(int year, int month);
/** ISO weekday, 1 = Monday ... 7 = Sunday. */
int day_weekday(bp_day d);
/** Last day of the month containing d. */
bp_day day_month_end(bp_day d);
/** d plus n calendar months, the day clamped to the month's length. */
bp_day day_add_months(bp_day d, int n);

/** Formats as "30 Sep 2023" (the form boardpack prints). Returns buf. */
char *day_format(bp_day d, char *buf, size_t size);
/** Formats as ISO 8601 "2023-09-30". Returns buf. */
char *day_format_iso(bp_day d, char *buf, size_t size);
/** Parses ISO 8601 "2023-09-30" only (command-line dates also go through
 *  when_parse); returns BP_DAY_NONE if not valid. */
bp_day day_parse_iso(const char *s);

/** How precisely a point was written. */
enum when_precision {
	WHEN_PREC_DAY,
	WHEN_PREC_MONTH,          /* "Oct 2024", "Sep 23", "Jul-20" */
	WHEN_PREC_QUARTER,        /* "Q1 2023/24" (financial), "Q3 2023" */
	WHEN_PREC_TERM,           /* "Spring Term 2019" */
	WHEN_PREC_FINANCIAL_YEAR, /* "2023/24": 1 Apr 2023 - 31 Mar 2024 */
	WHEN_PREC_YEAR            /* "2024" */
};

/** A point as written: the period it covers. A due date falls at `last`
 *  (a month-only due date means the end of that month). */
struct when_point {
	bp_day first;
	bp_day last;
	enum when_precision precision;
	bool year_inferred;  /* written without a year ("09 Mar") */
};

enum when_kind {
	WHEN_EMPTY,     /* nothing written */
	WHEN_POINT,     /* one date or period: points[0] */
	WHEN_RANGE,     /* "Nov 18 - Nov 19", "13 - 14 Jul 2023": points[0..1] */
	WHEN_FROM,      /* "From Jan-19": starts at points[0], no end */
	WHEN_MULTI,     /* several dated steps in one cell: "Pilot November 2018
			   Roll Out June 2019"; points in the order written */
	WHEN_TBC,       /* TBC, to be confirmed, to be agreed */
	WHEN_ONGOING,   /* Ongoing, continuous */
	WHEN_CADENCE,   /* Monthly, Quarterly Monitoring, Termly monitoring */
	WHEN_UNKNOWN    /* not understood: see `why` */
};

enum when_cadence {
	CADENCE_NONE,
	CADENCE_DAILY,
	CADENCE_WEEKLY,
	CADENCE_FORTNIGHTLY,
	CADENCE_MONTHLY,
	CADENCE_SIX_WEEKLY,
	CADENCE_HALF_TERMLY,
	CADENCE_TERMLY,
	CADENCE_QUARTERLY,
	CADENCE_SIX_MONTHLY,
	CADENCE_ANNUALLY
};

#define WHEN_MAX_POINTS 8

struct when {
	enum when_kind kind;
	enum when_cadence cadence;     /* WHEN_CADENCE */
	int n_points;
	struct when_point points[WHEN_MAX_POINTS];
	char why[160];                 /* WHEN_UNKNOWN: what is wrong, in the
					  diagnostic style ("day 31 is not in
					  February 2023") */
};

/** What the parser needs besides the text: the day that year-less dates
 *  ("09 Mar", "Apr") are read against. A year-less date takes the year
 *  that puts it nearest to `reference` (within six months either side);
 *  with no reference (BP_DAY_NONE) it is WHEN_UNKNOWN. Two-digit years are
 *  20xx. */
struct when_context {
	bp_day reference;
};

/** Parses text (UTF-8, as written in the plan) into out. Never fails
 *  otherwise: the result's kind says what was understood. */
void when_parse(const char *text, const struct when_context *ctx, struct when *out);

/** Nothing written: kind WHEN_EMPTY, no points; what when_parse(NULL)
 *  gives. Shared by every absent date of every plan, so a struct when is
 *  only ever stored for text that was written. */
extern const struct when when_empty;

/** The day a due date falls due: the last day of the last point for
 *  POINT, RANGE and MULTI; BP_DAY_NONE for every other kind. */
bp_day when_due(const struct when *w);
/** The first day: the first point's first day, or BP_DAY_NONE. */
bp_day when_start(const struct when *w);
/** True where the text is a real date (POINT, RANGE, FROM, MULTI). */
bool when_is_dated(const struct when *w);

/** Words for a kind and a cadence, for reports: "TBC", "monthly" ... */
const char *when_kind_name(enum when_kind k);
const char *when_cadence_name(enum when_cadence c);
/** Days between updates expected at a cadence (monthly: 31); 0 for none. */
int when_cadence_days(enum when_cadence c);

#endif
