/* Dates as written in plans: the calendar helpers, then when_parse over a
 * table of texts and what each must read as (the forms in docs/dates.md,
 * in the same order), then hostile input. Each parse result is rendered
 * as one line so a case reads as text and expectation side by side:
 *
 *   kind [cadence] first..last precision [inferred]; next point ...
 *   unknown: why
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "unit.h"

static const char *const kind_word[] = {
	"empty", "point", "range", "from", "multi", "tbc", "ongoing", "cadence", "unknown"
};
static const char *const precision_word[] = {
	"day", "month", "quarter", "term", "fy", "year"
};

static const char *render(const struct when *w, char *buf, size_t size)
{
	size_t n = 0;
	n += (size_t)snprintf(buf + n, size - n, "%s", kind_word[w->kind]);
	if (w->kind == WHEN_UNKNOWN) {
		snprintf(buf + n, size - n, ": %s", w->why);
		return buf;
	}
	if (w->cadence != CADENCE_NONE)
		n += (size_t)snprintf(buf + n, size - n, " %s", when_cadence_name(w->cadence));
	for (int i = 0; i < w->n_points && n < size; i++) {
		const struct when_point *p = &w->points[i];
		char a[16], b[16];
		day_format_iso(p->first, a, sizeof a);
		day_format_iso(p->last, b, sizeof b);
		if (p->first == p->last)
			n += (size_t)snprintf(buf + n, size - n, "%s %s %s", i ? ";" : "", a,
					      precision_word[p->precision]);
		else
			n += (size_t)snprintf(buf + n, size - n, "%s %s..%s %s", i ? ";" : "", a, b,
					      precision_word[p->precision]);
		if (p->year_inferred && n < size)
			n += (size_t)snprintf(buf + n, size - n, " inferred");
	}
	return buf;
}

static struct when parse_at(const char *text, const char *reference)
{
	struct when_context ctx = { reference ? day_parse_iso(reference) : BP_DAY_NONE };
	struct when w;
	when_parse(text, &ctx, &w);
	return w;
}

struct parse_case {
	const char *text;
	const char *reference;  /* ISO day, or NULL for none */
	const char *want;
};

static const struct parse_case cases[] = {
	/* day, month and year */
	{ "16 Mar 2023", NULL, "point 2023-03-16 day" },
	{ "31 August 2023", NULL, "point 2023-08-31 day" },
	{ "30 Sept 2023", NULL, "point 2023-09-30 day" },
	{ "1 Sept 2023", NULL, "point 2023-09-01 day" },
	{ "16th March 2023", NULL, "point 2023-03-16 day" },
	{ "16 th March 2023", NULL, "point 2023-03-16 day" },
	{ "1st June 2023", NULL, "point 2023-06-01 day" },
	{ "22nd Feb 2024", NULL, "point 2024-02-22 day" },
	{ "3rd Jan. 2024", NULL, "point 2024-01-03 day" },
	{ "the 16th of March 2023", NULL, "point 2023-03-16 day" },
	{ "Monday 3 April 2017", NULL, "point 2017-04-03 day" },
	{ "Monday, 3 April 2017", NULL, "point 2017-04-03 day" },
	{ "16 MAR 2023", NULL, "point 2023-03-16 day" },
	{ "16 mar 23", NULL, "point 2023-03-16 day" },
	{ "16-Mar-23", NULL, "point 2023-03-16 day" },
	{ "16-Mar-2023", NULL, "point 2023-03-16 day" },
	{ "March 15, 2023", NULL, "point 2023-03-15 day" },
	{ "March 15th 2023", NULL, "point 2023-03-15 day" },
	{ "  (16 Mar 2023).  ", NULL, "point 2023-03-16 day" },
	{ "30/09/19", NULL, "point 2019-09-30 day" },
	{ "30.09.19", NULL, "point 2019-09-30 day" },
	{ "30-09-2019", NULL, "point 2019-09-30 day" },
	{ "30/09/2019", NULL, "point 2019-09-30 day" },
	{ "1/4/2024", NULL, "point 2024-04-01 day" },
	{ "05/06/07", NULL, "point 2007-06-05 day" },
	{ "2023-09-30", NULL, "point 2023-09-30 day" },
	{ "29 Feb 2024", NULL, "point 2024-02-29 day" },
	{ "29/02/2000", NULL, "point 2000-02-29 day" },
	{ "31/12/2199", NULL, "point 2199-12-31 day" },
	{ "1/1/1900", NULL, "point 1900-01-01 day" },

	/* month and year */
	{ "Oct 2024", NULL, "point 2024-10-01..2024-10-31 month" },
	{ "October 2024", NULL, "point 2024-10-01..2024-10-31 month" },
	{ "Sep 23", NULL, "point 2023-09-01..2023-09-30 month" },
	{ "Sept. 2023", NULL, "point 2023-09-01..2023-09-30 month" },
	{ "Sep '23", NULL, "point 2023-09-01..2023-09-30 month" },
	{ "Jul-20", NULL, "point 2020-07-01..2020-07-31 month" },
	{ "Jul 20", NULL, "point 2020-07-01..2020-07-31 month" },
	{ "Feb 24", NULL, "point 2024-02-01..2024-02-29 month" },
	{ "February 2023", NULL, "point 2023-02-01..2023-02-28 month" },
	{ "February 2100", NULL, "point 2100-02-01..2100-02-28 month" },
	{ "07/2023", NULL, "point 2023-07-01..2023-07-31 month" },
	{ "Initial Report January 2019", NULL, "point 2019-01-01..2019-01-31 month" },
	{ "Plan In Place By January 2019", NULL, "point 2019-01-01..2019-01-31 month" },
	{ "Service to Commence September 2019", NULL, "point 2019-09-01..2019-09-30 month" },
	{ "Work may start June 2019", NULL, "point 2019-06-01..2019-06-30 month" },

	/* year-less: the year nearest the reference */
	{ "09 Mar", "2023-08-23", "point 2023-03-09 day inferred" },
	{ "09 Jan", "2023-12-20", "point 2024-01-09 day inferred" },
	{ "14 Dec", "2024-01-05", "point 2023-12-14 day inferred" },
	{ "14 March", "2024-01-05", "point 2024-03-14 day inferred" },
	{ "16th March", "2017-02-24", "point 2017-03-16 day inferred" },
	{ "01 Apr", "2017-02-24", "point 2017-04-01 day inferred" },
	{ "Apr", "2023-12-20", "point 2024-04-01..2024-04-30 month inferred" },
	{ "April", "2023-06-01", "point 2023-04-01..2023-04-30 month inferred" },
	{ "May", "2023-12-20", "point 2024-05-01..2024-05-31 month inferred" },
	{ "29 Feb", "2023-12-20", "point 2024-02-29 day inferred" },
	{ "29 Feb", "2023-01-01", "unknown: no 29 February within six months of 1 Jan 2023" },
	{ "09 Mar", NULL, "unknown: no year given and no as-at date to infer it from" },
	{ "Apr", NULL, "unknown: no year given and no as-at date to infer it from" },

	/* years, financial years, quarters, terms */
	{ "2024", NULL, "point 2024-01-01..2024-12-31 year" },
	{ "2023/24", NULL, "point 2023-04-01..2024-03-31 fy" },
	{ "2023-24", NULL, "point 2023-04-01..2024-03-31 fy" },
	{ "2023/2024", NULL, "point 2023-04-01..2024-03-31 fy" },
	{ "2023-2024", NULL, "point 2023-04-01..2024-03-31 fy" },
	{ "FY 2023/24", NULL, "point 2023-04-01..2024-03-31 fy" },
	{ "FY23/24", NULL, "point 2023-04-01..2024-03-31 fy" },
	{ "1999/00", NULL, "point 1999-04-01..2000-03-31 fy" },
	{ "Q1 2023/24", NULL, "point 2023-04-01..2023-06-30 quarter" },
	{ "Q2 2023/24", NULL, "point 2023-07-01..2023-09-30 quarter" },
	{ "Q3 2023/24", NULL, "point 2023-10-01..2023-12-31 quarter" },
	{ "Q4 2023/24", NULL, "point 2024-01-01..2024-03-31 quarter" },
	{ "Quarter 2 2023/24", NULL, "point 2023-07-01..2023-09-30 quarter" },
	{ "q1 FY23/24", NULL, "point 2023-04-01..2023-06-30 quarter" },
	{ "2023/24 Q4", NULL, "point 2024-01-01..2024-03-31 quarter" },
	{ "Q3 2023", NULL, "point 2023-07-01..2023-09-30 quarter" },
	{ "Q1 2024", NULL, "point 2024-01-01..2024-03-31 quarter" },
	{ "Autumn Term 2018", NULL, "point 2018-09-01..2018-12-31 term" },
	{ "Spring Term 2019", NULL, "point 2019-01-01..2019-03-31 term" },
	{ "Summer Term 2019", NULL, "point 2019-04-01..2019-07-31 term" },
	{ "Spring 2019", NULL, "point 2019-01-01..2019-03-31 term" },
	{ "Autumn term 2023/24", NULL, "point 2023-09-01..2023-12-31 term" },
	{ "Spring term 2023/24", NULL, "point 2024-01-01..2024-03-31 term" },
	{ "Summer 2023/24", NULL, "point 2024-04-01..2024-07-31 term" },

	/* ranges */
	{ "Nov 18 \xe2\x80\x93 Nov 19", NULL,
	  "range 2018-11-01..2018-11-30 month; 2019-11-01..2019-11-30 month" },
	{ "Sep 23 - Mar 24", NULL,
	  "range 2023-09-01..2023-09-30 month; 2024-03-01..2024-03-31 month" },
	{ "April 2023 to October 2024", NULL,
	  "range 2023-04-01..2023-04-30 month; 2024-10-01..2024-10-31 month" },
	{ "13 \xe2\x80\x93 14 Jul 2023", NULL, "range 2023-07-13 day; 2023-07-14 day" },
	{ "13-14 Jul 2023", NULL, "range 2023-07-13 day; 2023-07-14 day" },
	{ "1st \xe2\x80\x94 14th July 2023", NULL, "range 2023-07-01 day; 2023-07-14 day" },
	{ "Jan-Mar 2024", NULL,
	  "range 2024-01-01..2024-01-31 month; 2024-03-01..2024-03-31 month" },
	{ "Nov - Feb 2024", NULL,
	  "range 2023-11-01..2023-11-30 month; 2024-02-01..2024-02-29 month" },
	{ "January \xe2\x80\x93 June 2023", NULL,
	  "range 2023-01-01..2023-01-31 month; 2023-06-01..2023-06-30 month" },
	{ "April 2023 - June", NULL,
	  "range 2023-04-01..2023-04-30 month; 2023-06-01..2023-06-30 month" },
	{ "between May 2023 and July 2023", NULL,
	  "range 2023-05-01..2023-05-31 month; 2023-07-01..2023-07-31 month" },
	{ "between 1 and 14 July 2023", NULL, "range 2023-07-01 day; 2023-07-14 day" },
	{ "From 1 April 2023 to 31 March 2024", NULL, "range 2023-04-01 day; 2024-03-31 day" },
	{ "2019 to 2021", NULL,
	  "range 2019-01-01..2019-12-31 year; 2021-01-01..2021-12-31 year" },
	{ "2019-2021", NULL,
	  "range 2019-01-01..2019-12-31 year; 2021-01-01..2021-12-31 year" },
	{ "Q1 2023/24 - Q2 2023/24", NULL,
	  "range 2023-04-01..2023-06-30 quarter; 2023-07-01..2023-09-30 quarter" },
	{ "Nov - Feb", "2024-01-10",
	  "range 2023-11-01..2023-11-30 month inferred; 2024-02-01..2024-02-29 month inferred" },

	/* from */
	{ "From Jan-19", NULL, "from 2019-01-01..2019-01-31 month" },
	{ "From January 2019", NULL, "from 2019-01-01..2019-01-31 month" },
	{ "New Programme To Be Delivered From March 2019", NULL,
	  "from 2019-03-01..2019-03-31 month" },
	{ "From 1 April 2023", NULL, "from 2023-04-01 day" },
	{ "March 2019 onwards", NULL, "from 2019-03-01..2019-03-31 month" },

	/* several dated steps */
	{ "Pilot November 2018 Roll Out June 2019", NULL,
	  "multi 2018-11-01..2018-11-30 month; 2019-06-01..2019-06-30 month" },
	{ "Pilot Nov 2018 Roll Out June 2019", NULL,
	  "multi 2018-11-01..2018-11-30 month; 2019-06-01..2019-06-30 month" },
	{ "Work Experience - January 2019 CEAIG \xe2\x80\x93 Y11 \xe2\x80\x93 Sept 2018 Y10 - Sept 2019",
	  NULL,
	  "multi 2019-01-01..2019-01-31 month; 2018-09-01..2018-09-30 month; "
	  "2019-09-01..2019-09-30 month" },
	{ "Pilot November 2018 Roll Out June", NULL,
	  "multi 2018-11-01..2018-11-30 month; 2019-06-01..2019-06-30 month inferred" },
	{ "Pilot June Roll Out November 2018", NULL,
	  "multi 2018-06-01..2018-06-30 month inferred; 2018-11-01..2018-11-30 month" },
	{ "16 Mar 2023, 30 Apr 2023", NULL, "multi 2023-03-16 day; 2023-04-30 day" },
	{ "1 March 2 April 2024", NULL, "multi 2024-03-01 day inferred; 2024-04-02 day" },
	{ "Pilot Jan-Mar 2019 Roll Out June 2019", NULL,
	  "multi 2019-01-01..2019-03-31 month; 2019-06-01..2019-06-30 month" },

	/* not due dates */
	{ "TBC", NULL, "tbc" },
	{ "tbc", NULL, "tbc" },
	{ "To be confirmed", NULL, "tbc" },
	{ "TBA", NULL, "tbc" },
	{ "To be agreed", NULL, "tbc" },
	{ "Date TBC", NULL, "tbc" },
	{ "Ongoing", NULL, "ongoing" },
	{ "On-going", NULL, "ongoing" },
	{ "on going", NULL, "ongoing" },
	{ "Continuous", NULL, "ongoing" },
	{ "Throughout", NULL, "ongoing" },
	{ "Monthly", NULL, "cadence monthly" },
	{ "Monthly Monitoring", NULL, "cadence monthly" },
	{ "Quarterly", NULL, "cadence quarterly" },
	{ "Quarterly Monitoring", NULL, "cadence quarterly" },
	{ "Termly", NULL, "cadence termly" },
	{ "Termly monitoring", NULL, "cadence termly" },
	{ "Half termly", NULL, "cadence half-termly" },
	{ "Half-termly", NULL, "cadence half-termly" },
	{ "Weekly", NULL, "cadence weekly" },
	{ "Fortnightly", NULL, "cadence fortnightly" },
	{ "every 2 weeks", NULL, "cadence fortnightly" },
	{ "Six weekly", NULL, "cadence six-weekly" },
	{ "6-weekly", NULL, "cadence six-weekly" },
	{ "every 6 weeks", NULL, "cadence six-weekly" },
	{ "Six monthly", NULL, "cadence six-monthly" },
	{ "Bi-annually", NULL, "cadence six-monthly" },
	{ "Twice a year", NULL, "cadence six-monthly" },
	{ "Annually", NULL, "cadence annually" },
	{ "Yearly", NULL, "cadence annually" },
	{ "Daily", NULL, "cadence daily" },
	{ "Ongoing - monthly monitoring", NULL, "cadence monthly" },
	{ "Quarterly from April 2023", NULL, "from quarterly 2023-04-01..2023-04-30 month" },
	{ "Monthly audits, January 2019", NULL, "from monthly 2019-01-01..2019-01-31 month" },
	{ "Monthly until March 2024", NULL, "point monthly 2024-03-01..2024-03-31 month" },
	{ "Quarterly April 2023 - March 2024", NULL,
	  "range quarterly 2023-04-01..2023-04-30 month; 2024-03-01..2024-03-31 month" },
	{ "Ongoing from April 2023", NULL, "from 2023-04-01..2023-04-30 month" },
	{ "", NULL, "empty" },
	{ " \t\n ", NULL, "empty" },
	{ "-", NULL, "empty" },
	{ "\xe2\x80\x94", NULL, "empty" },

	/* not understood */
	{ "31 Feb 2023", NULL, "unknown: day 31 is not in February 2023" },
	{ "29 Feb 2023", NULL, "unknown: day 29 is not in February 2023" },
	{ "29/02/2100", NULL, "unknown: day 29 is not in February 2100" },
	{ "31 April 2023", NULL, "unknown: day 31 is not in April 2023" },
	{ "31/09/2019", NULL, "unknown: day 31 is not in September 2019" },
	{ "0 March 2023", NULL, "unknown: day 0 is not in March 2023" },
	{ "32 March 2023", NULL, "unknown: day 32 is not in March 2023" },
	{ "31 Apr", "2023-06-01", "unknown: day 31 is not in April" },
	{ "13/13/2023", NULL, "unknown: month 13 does not exist" },
	{ "00/2023", NULL, "unknown: month 0 does not exist" },
	{ "Mar 0000", NULL, "unknown: year 0 is outside 1900-2199" },
	{ "1 Jan 1899", NULL, "unknown: year 1899 is outside 1900-2199" },
	{ "March 2300", NULL, "unknown: year 2300 is outside 1900-2199" },
	{ "FY 2199/00", NULL, "unknown: year 2200 is outside 1900-2199" },
	{ "Spring-ish", NULL, "unknown: 'Spring-ish' is not a date, range or cadence" },
	{ "Completed", NULL, "unknown: 'Completed' is not a date, range or cadence" },
	{ "Y11", NULL, "unknown: 'Y11' is not a date, range or cadence" },
	{ "Spring Term", NULL, "unknown: 'Spring Term' has no year" },
	{ "Q1", NULL, "unknown: 'Q1' has no year" },
	{ "Q5 2023", NULL, "unknown: quarter 5 does not exist" },
	{ "Winter 2019", NULL,
	  "unknown: 'Winter 2019' is not a school term (autumn, spring or summer)" },
	{ "Autumn 1 2023", NULL,
	  "unknown: half terms such as 'Autumn 1' are not read: write the months" },
	{ "Sping Term 2019", NULL,
	  "unknown: 'Sping Term 2019' does not say which term (autumn, spring or summer)" },
	{ "2023/25", NULL, "unknown: '2023/25' is not a financial year (2023/24 would be)" },
	{ "FY 2024", NULL,
	  "unknown: 'FY 2024' does not say which financial year (2023/24 or 2024/25)" },
	{ "23/24", NULL, "unknown: '23/24' is not a date (a financial year is written 2023/24)" },
	{ "09/03", NULL,
	  "unknown: '09/03' is not a date: write the day, month and year, or name the month" },
	{ "07/23", NULL,
	  "unknown: '07/23' is not a date: write the day, month and year, or name the month" },
	{ "Monthly, start date TBC", NULL, "cadence monthly" },
	{ "Every quarter", NULL, "cadence quarterly" },
	{ "Sep 23rd", "2023-12-20", "point 2023-09-23 day inferred" },
	{ "KS3 review March 2024", NULL, "point 2024-03-01..2024-03-31 month" },
	{ "3 may", "2023-12-20", "point 2024-05-03 day inferred" },
	{ "Phase 2 by March 2019", NULL, "unknown: number '2' is not part of a date" },
	{ "November 2018 - 19", NULL, "unknown: number '19' is not part of a date" },
	{ "Febuary 2024", NULL, "unknown: 'Febuary' is not a month name" },
	{ "Jan/Feb 2024", NULL, "unknown: 'Jan/Feb 2024' gives a choice of dates, not one" },
	{ "March or April 2019", NULL,
	  "unknown: 'March or April 2019' gives a choice of dates, not one" },
	{ "Nov 19 - Nov 18", NULL,
	  "unknown: range ends (30 Nov 2018) before it starts (1 Nov 2019)" },
	{ "Jan - Mar - May 2024", NULL,
	  "unknown: 'Jan - Mar - May 2024' joins more than two dates as a range" },
	{ "March 2019 TBC", NULL,
	  "unknown: 'March 2019 TBC' gives a date but says it is to be confirmed" },
	{ "Ongoing March 2024", NULL,
	  "unknown: 'Ongoing March 2024' says ongoing but gives a date: write 'From ...' or the due date" },
	{ "Monthly and Quarterly", NULL,
	  "unknown: 'Monthly and Quarterly' gives more than one cadence" },
	{ "Bi-monthly", NULL,
	  "unknown: 'Bi-monthly' can mean twice or every other; write the cadence plainly" },
	{ "Academic year 2023/24", NULL,
	  "unknown: academic years are not read: write the months, as in 'Sep 2023 - Jul 2024'" },
	{ "Jan 2019, Feb 2019, Mar 2019, Apr 2019, May 2019, Jun 2019, Jul 2019, Aug 2019, Sep 2019",
	  NULL, "unknown: 'Jan 2019, Feb 2019, Mar 2019, Apr 2019,...' has more than 8 dates" },
	{ "99999999999999999999 March 2023", NULL,
	  "unknown: number '99999999999999999999' is too long to be part of a date" },
	{ "Sp\xc3\xa9" "ci\xc3\xa0l \xe2\x80\x9c" "date\xe2\x80\x9d", NULL,
	  "unknown: 'Sp\xc3\xa9" "ci\xc3\xa0l \xe2\x80\x9c" "date\xe2\x80\x9d' is not a date, range or cadence" },
	{ "ab\xff" "cd 2023", NULL, "unknown: text is not valid UTF-8" },
	{ "\xc0\xaf 2023", NULL, "unknown: text is not valid UTF-8" },
	{ "\xed\xa0\x80", NULL, "unknown: text is not valid UTF-8" },
	{ "May \xe2\x80", NULL, "unknown: text is not valid UTF-8" },
	/* one-digit years are slips, not 200x (found by the bad-input corpus) */
	{ "1 Jan 0", NULL, "unknown: '0' is not a year: write it with two or four digits" },
	{ "Jan 0", NULL, "unknown: '0' is not a year: write it with two or four digits" },
	{ "Jan 5", NULL, "unknown: '5' is not a year: write it with two or four digits" },
	{ "1 Jan 24", NULL, "point 2024-01-01 day" },
};

static void check_cases(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct parse_case *c = &cases[i];
		struct when w = parse_at(c->text, c->reference);
		char got[512];
		CHECK_STR(render(&w, got, sizeof got), c->want, "when_parse '%s'%s%s", c->text,
			  c->reference ? " as at " : "", c->reference ? c->reference : "");
	}
}

static void check_calendar(void)
{
	int y, m, d;
	CHECK_INT(day_from_ymd(1970, 1, 1), 0, "1970-01-01 is day 0");
	CHECK_INT(day_from_ymd(1969, 12, 31), -1, "1969-12-31 is day -1");
	CHECK_INT(day_from_ymd(2000, 3, 1) - day_from_ymd(2000, 2, 28), 2, "2000 is a leap year");
	CHECK_INT(day_from_ymd(2100, 3, 1) - day_from_ymd(2100, 2, 28), 1, "2100 is not a leap year");
	CHECK_INT(day_from_ymd(1900, 3, 1) - day_from_ymd(1900, 2, 28), 1, "1900 is not a leap year");
	CHECK_INT(day_from_ymd(2023, 9, 30), 19630, "2023-09-30 is day 19630");
	CHECK_INT(day_from_ymd(2023, 2, 29), BP_DAY_NONE, "no 2023-02-29");
	CHECK_INT(day_from_ymd(1899, 12, 31), BP_DAY_NONE, "1899 is outside the years read");
	CHECK_INT(day_from_ymd(2200, 1, 1), BP_DAY_NONE, "2200 is outside the years read");
	CHECK_INT(day_from_ymd(2024, 13, 1), BP_DAY_NONE, "no month 13");
	CHECK(ymd_valid(2024, 2, 29), "2024-02-29 is valid");
	CHECK(!ymd_valid(2023, 2, 29), "2023-02-29 is not valid");
	CHECK(ymd_valid(2000, 2, 29), "2000-02-29 is valid");
	CHECK(!ymd_valid(2100, 2, 29), "2100-02-29 is not valid");
	CHECK(!ymd_valid(2023, 4, 31), "2023-04-31 is not valid");
	CHECK(!ymd_valid(2023, 1, 0), "day 0 is not valid");
	CHECK_INT(days_in_month(2024, 2), 29, "February 2024 has 29 days");
	CHECK_INT(days_in_month(2023, 2), 28, "February 2023 has 28 days");
	CHECK_INT(days_in_month(2023, 9), 30, "September has 30 days");
	CHECK_INT(days_in_month(2023, 12), 31, "December has 31 days");
	CHECK_INT(days_in_month(2023, 0), 0, "no month 0");

	/* every day of 1900-2199 goes there and back */
	bool round_trip = true, consecutive = true;
	bp_day prev = day_from_ymd(1900, 1, 1) - 1;
	for (y = 1900; y <= 2199 && round_trip; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= days_in_month(y, m); d++) {
				bp_day day = day_from_ymd(y, m, d);
				int y2, m2, d2;
				day_to_ymd(day, &y2, &m2, &d2);
				if (y2 != y || m2 != m || d2 != d)
					round_trip = false;
				if (day != prev + 1)
					consecutive = false;
				prev = day;
			}
	CHECK(round_trip, "day_to_ymd inverts day_from_ymd for 1900-2199");
	CHECK(consecutive, "days of 1900-2199 follow one another");
	day_to_ymd(-719468, &y, &m, &d);
	CHECK(y == 0 && m == 3 && d == 1, "day -719468 is 0000-03-01");

	CHECK_INT(day_weekday(day_from_ymd(1970, 1, 1)), 4, "1970-01-01 was a Thursday");
	CHECK_INT(day_weekday(day_from_ymd(2017, 4, 3)), 1, "2017-04-03 was a Monday");
	CHECK_INT(day_weekday(day_from_ymd(2023, 9, 30)), 6, "2023-09-30 was a Saturday");
	CHECK_INT(day_weekday(day_from_ymd(2024, 3, 31)), 7, "2024-03-31 was a Sunday");
	CHECK_INT(day_weekday(-1), 3, "1969-12-31 was a Wednesday");

	CHECK_INT(day_month_end(day_from_ymd(2024, 2, 10)), day_from_ymd(2024, 2, 29),
		  "February 2024 ends on the 29th");
	CHECK_INT(day_month_end(day_from_ymd(2100, 2, 1)), day_from_ymd(2100, 2, 28),
		  "February 2100 ends on the 28th");
	CHECK_INT(day_month_end(day_from_ymd(2023, 12, 31)), day_from_ymd(2023, 12, 31),
		  "a month end is its own month end");
	CHECK_INT(day_month_end(BP_DAY_NONE), BP_DAY_NONE, "no month end of no day");

	CHECK_INT(day_add_months(day_from_ymd(2024, 1, 31), 1), day_from_ymd(2024, 2, 29),
		  "31 Jan 2024 + 1 month is 29 Feb 2024");
	CHECK_INT(day_add_months(day_from_ymd(2023, 1, 31), 1), day_from_ymd(2023, 2, 28),
		  "31 Jan 2023 + 1 month is 28 Feb 2023");
	CHECK_INT(day_add_months(day_from_ymd(2023, 3, 31), -1), day_from_ymd(2023, 2, 28),
		  "31 Mar 2023 - 1 month is 28 Feb 2023");
	CHECK_INT(day_add_months(day_from_ymd(2023, 11, 15), 3), day_from_ymd(2024, 2, 15),
		  "15 Nov 2023 + 3 months crosses the year");
	CHECK_INT(day_add_months(day_from_ymd(2024, 2, 29), 12), day_from_ymd(2025, 2, 28),
		  "29 Feb 2024 + 12 months is 28 Feb 2025");
	CHECK_INT(day_add_months(day_from_ymd(2023, 1, 15), -13), day_from_ymd(2021, 12, 15),
		  "15 Jan 2023 - 13 months is 15 Dec 2021");
	CHECK_INT(day_add_months(day_from_ymd(2023, 1, 15), 2147483647), BP_DAY_NONE,
		  "a month count past any calendar gives no day");
	CHECK_INT(day_add_months(BP_DAY_NONE, 1), BP_DAY_NONE, "no day plus a month is no day");

	char buf[32];
	CHECK_STR(day_format(day_from_ymd(2023, 9, 30), buf, sizeof buf), "30 Sep 2023",
		  "day_format 30 Sep 2023");
	CHECK_STR(day_format(day_from_ymd(2024, 4, 1), buf, sizeof buf), "1 Apr 2024",
		  "day_format has no leading zero");
	CHECK_STR(day_format(BP_DAY_NONE, buf, sizeof buf), "", "day_format of no day is empty");
	CHECK_STR(day_format(day_from_ymd(2023, 9, 30), buf, 5), "30 S",
		  "day_format truncates to the buffer");
	CHECK_STR(day_format_iso(day_from_ymd(2023, 9, 30), buf, sizeof buf), "2023-09-30",
		  "day_format_iso 2023-09-30");
	CHECK_STR(day_format_iso(day_from_ymd(1900, 1, 1), buf, sizeof buf), "1900-01-01",
		  "day_format_iso 1900-01-01");

	CHECK_INT(day_parse_iso("2023-09-30"), day_from_ymd(2023, 9, 30), "day_parse_iso 2023-09-30");
	CHECK_INT(day_parse_iso("2024-02-29"), day_from_ymd(2024, 2, 29), "day_parse_iso 2024-02-29");
	CHECK_INT(day_parse_iso("2023-02-29"), BP_DAY_NONE, "day_parse_iso rejects 2023-02-29");
	CHECK_INT(day_parse_iso("2023-9-30"), BP_DAY_NONE, "day_parse_iso wants two-digit months");
	CHECK_INT(day_parse_iso("2023-09-30 "), BP_DAY_NONE, "day_parse_iso rejects trailing text");
	CHECK_INT(day_parse_iso("30/09/2023"), BP_DAY_NONE, "day_parse_iso reads ISO only");
	CHECK_INT(day_parse_iso(""), BP_DAY_NONE, "day_parse_iso rejects empty text");
	CHECK_INT(day_parse_iso(NULL), BP_DAY_NONE, "day_parse_iso rejects NULL");
}

static void check_readers(void)
{
	struct when w = parse_at("Work Experience - January 2019 CEAIG - Y11 - Sept 2018 Y10 - Sept 2019",
				 NULL);
	CHECK_INT(when_due(&w), day_from_ymd(2019, 9, 30), "several steps fall due with the latest");
	CHECK_INT(when_start(&w), day_from_ymd(2018, 9, 1), "several steps start with the earliest");
	w = parse_at("Sep 23", NULL);
	CHECK_INT(when_due(&w), day_from_ymd(2023, 9, 30), "a month falls due on its last day");
	CHECK_INT(when_start(&w), day_from_ymd(2023, 9, 1), "a month starts on its first day");
	w = parse_at("Q4 2023/24", NULL);
	CHECK_INT(when_due(&w), day_from_ymd(2024, 3, 31), "Q4 2023/24 falls due on 31 Mar 2024");
	w = parse_at("2023/24", NULL);
	CHECK_INT(when_start(&w), day_from_ymd(2023, 4, 1), "a financial year starts on 1 April");
	CHECK_INT(when_due(&w), day_from_ymd(2024, 3, 31), "a financial year ends on 31 March");
	w = parse_at("Nov 18 - Nov 19", NULL);
	CHECK_INT(when_due(&w), day_from_ymd(2019, 11, 30), "a range falls due at its end");
	CHECK_INT(when_start(&w), day_from_ymd(2018, 11, 1), "a range starts at its start");
	w = parse_at("From Jan-19", NULL);
	CHECK_INT(when_due(&w), BP_DAY_NONE, "'from' has no due date");
	CHECK_INT(when_start(&w), day_from_ymd(2019, 1, 1), "'from' has a start");
	CHECK(when_is_dated(&w), "'from' is dated");
	w = parse_at("Monthly", NULL);
	CHECK_INT(when_due(&w), BP_DAY_NONE, "a cadence has no due date");
	CHECK(!when_is_dated(&w), "a cadence is not dated");
	w = parse_at("TBC", NULL);
	CHECK(!when_is_dated(&w), "TBC is not dated");
	CHECK_INT(w.n_points, 0, "TBC has no points");
	w = parse_at("31 Feb 2023", NULL);
	CHECK_INT(when_due(&w), BP_DAY_NONE, "text not understood has no due date");
	CHECK_INT(w.n_points, 0, "text not understood has no points");

	CHECK_STR(when_kind_name(WHEN_TBC), "TBC", "kind name TBC");
	CHECK_STR(when_kind_name(WHEN_MULTI), "several dates", "kind name several dates");
	CHECK_STR(when_kind_name(WHEN_UNKNOWN), "not understood", "kind name not understood");
	CHECK_STR(when_cadence_name(CADENCE_HALF_TERMLY), "half-termly", "cadence name half-termly");
	CHECK_STR(when_cadence_name(CADENCE_MONTHLY), "monthly", "cadence name monthly");
	CHECK_INT(when_cadence_days(CADENCE_MONTHLY), 31, "monthly updates are due within 31 days");
	CHECK_INT(when_cadence_days(CADENCE_WEEKLY), 7, "weekly updates are due within 7 days");
	CHECK_INT(when_cadence_days(CADENCE_QUARTERLY), 92, "quarterly updates within 92 days");
	CHECK_INT(when_cadence_days(CADENCE_ANNUALLY), 366, "annual updates within 366 days");
	CHECK_INT(when_cadence_days(CADENCE_NONE), 0, "no cadence, no days");
}

/* Input nobody should write, which must still come back with a reason and
 * without reading past the text or overflowing. */
static void check_hostile(void)
{
	enum { LONG = 10000 };
	char *s = malloc(LONG + 1);
	struct when w;
	char got[512];
	if (!s) {
		CHECK(0, "memory for the long inputs");
		return;
	}

	memset(s, 'a', LONG);
	s[LONG] = '\0';
	w = parse_at(s, NULL);
	CHECK_STR(render(&w, got, sizeof got),
		  "unknown: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not a date, range or cadence",
		  "10,000 letters");
	CHECK(strlen(w.why) < sizeof w.why, "the reason fits its buffer");

	for (int i = 0; i < LONG; i++)
		s[i] = i % 2 ? ' ' : '1';
	w = parse_at(s, NULL);
	CHECK_STR(render(&w, got, sizeof got),
		  "unknown: '1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1...' is too long to be a date",
		  "5,000 numbers");

	memset(s, '9', LONG);
	w = parse_at(s, NULL);
	CHECK_INT(w.kind, WHEN_UNKNOWN, "a 10,000-digit number is not understood");

	/* "é" repeated: the quote must stop on a character boundary */
	for (int i = 0; i + 1 < LONG; i += 2) {
		s[i] = '\xc3';
		s[i + 1] = '\xa9';
	}
	s[LONG] = '\0';
	w = parse_at(s, NULL);
	CHECK(w.kind == WHEN_UNKNOWN && strstr(w.why, "\xc3\xa9...'") != NULL,
	      "a long quote is cut between characters");

	/* a multi-byte character straddling the cut at byte 40 */
	char edge[64];
	memset(edge, 'x', 39);
	memcpy(edge + 39, "\xe2\x80\x93yyy", 6);
	edge[45] = '\0';
	w = parse_at(edge, NULL);
	CHECK(strstr(w.why, "xxx...'") != NULL && strstr(w.why, "\xe2") == NULL,
	      "a dash across the cut is left out whole");

	s[0] = '\0';
	for (int i = 0; i < 2000; i++)
		strcat(s, "\xe2\x80\x93");
	w = parse_at(s, NULL);
	CHECK_INT(w.kind, WHEN_UNKNOWN, "2,000 dashes are too many to read");

	for (int i = 0; i < LONG; i++)
		s[i] = (char)(0x80 + i % 128);
	s[LONG] = '\0';
	w = parse_at(s, NULL);
	CHECK_STR(w.why, "text is not valid UTF-8", "10,000 stray continuation bytes");

	struct when_context ctx = { day_from_ymd(2023, 12, 20) };
	when_parse(NULL, &ctx, &w);
	CHECK_INT(w.kind, WHEN_EMPTY, "NULL text is empty");
	when_parse("09 Jan", NULL, &w);
	CHECK_STR(w.why, "no year given and no as-at date to infer it from",
		  "a NULL context has no as-at date");
	free(s);
}

int main(void)
{
	check_calendar();
	check_cases();
	check_readers();
	check_hostile();
	return unit_done();
}
