/* Chart scales and words: nice ticks that cover the data (equal values,
 * one point, zero, negatives, 0.001, 1,000,000, percentages kept within
 * 0-100, whole steps for counts), values in their units, dates in
 * words. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/arena.h"
#include "chart/chart.h"
#include "unit.h"

/* True when step is 1, 2, 2.5 or 5 times a power of ten. */
static bool nice_step(double step)
{
	if (!(step > 0))
		return false;
	double e = floor(log10(step) + 1e-9);
	double m = step / pow(10, e);
	return fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 2.5) < 1e-6 ||
	       fabs(m - 5) < 1e-6 || fabs(m - 10) < 1e-6;
}

static bool whole_multiple(double v, double step)
{
	double k = v / step;
	return fabs(k - round(k)) < 1e-6;
}

static void check_axis(const char *what, double lo, double hi, int max_ticks, bool integer,
		       bool percent)
{
	struct chart_axis ax;
	chart_nice_axis(lo, hi, max_ticks, integer, percent, &ax);
	CHECK(nice_step(ax.step), "%s: step %g is 1, 2, 2.5 or 5 x 10^n", what, ax.step);
	CHECK(whole_multiple(ax.min, ax.step) && whole_multiple(ax.max, ax.step),
	      "%s: min %g and max %g are multiples of the step %g", what, ax.min, ax.max, ax.step);
	CHECK(ax.min <= lo + 1e-12 && ax.max >= hi - 1e-12, "%s: [%g, %g] covers [%g, %g]", what,
	      ax.min, ax.max, lo, hi);
	CHECK(ax.max > ax.min, "%s: the axis has a length", what);
	CHECK(ax.n_ticks >= 2 && (int)ax.n_ticks <= max_ticks, "%s: %zu ticks, at most %d", what,
	      ax.n_ticks, max_ticks);
	CHECK(fabs((ax.max - ax.min) / ax.step - (double)(ax.n_ticks - 1)) < 1e-6,
	      "%s: the ticks run from min to max", what);
	if (integer)
		CHECK(ax.step >= 1 && whole_multiple(ax.step, 1), "%s: a whole step (%g)", what,
		      ax.step);
	if (percent && lo >= 0 && hi <= 100)
		CHECK(ax.min >= 0 && ax.max <= 100, "%s: percentages stay within 0-100 ([%g, %g])",
		      what, ax.min, ax.max);
}

static void test_axes(void)
{
	check_axis("48% to 61%", 48, 61, 6, false, true);
	check_axis("equal values", 5, 5, 6, false, false);
	check_axis("one point at zero", 0, 0, 6, false, false);
	check_axis("negative to positive", -3.2, 7.5, 6, false, false);
	check_axis("all negative", -40, -12, 5, false, false);
	check_axis("0.001", 0.001, 0.0015, 6, false, false);
	check_axis("0.001 alone", 0.001, 0.001, 6, false, false);
	check_axis("1,000,000", 0, 1000000, 6, false, false);
	check_axis("1,000,000 equal", 1000000, 1000000, 6, true, false);
	check_axis("percent 2 to 98", 2, 98, 6, false, true);
	check_axis("percent 95 to 100", 95, 100, 6, false, true);
	check_axis("percent all 100", 100, 100, 6, false, true);
	check_axis("percent all 0", 0, 0, 6, false, true);
	check_axis("percent above 100", 80, 112, 6, false, true);
	check_axis("counts 0 to 3", 0, 3, 6, true, false);
	check_axis("counts 0 to 7", 0, 7, 4, true, false);
	check_axis("two ticks only", 10, 90, 2, false, false);

	struct chart_axis ax;
	chart_nice_axis(0, 100, 5, false, true, &ax);
	CHECK(ax.min == 0 && ax.max == 100 && ax.step == 25, "0-100 %% in 5 ticks: 0, 25, 50, 75, "
	      "100 (got %g..%g by %g)", ax.min, ax.max, ax.step);
	chart_nice_axis(0, 3, 6, true, false, &ax);
	CHECK(ax.step == 1, "counts 0-3 step by 1 (got %g)", ax.step);
	chart_nice_axis(0, 7, 4, true, false, &ax);
	CHECK(ax.step != 2.5, "counts never step by 2.5 (got %g)", ax.step);
	chart_nice_axis(0.001, 0.0015, 6, false, false, &ax);
	CHECK(ax.step < 0.001, "0.001 to 0.0015 gets a step below 0.001 (got %g)", ax.step);
	CHECK(ax.decimals >= 4, "and enough decimals to print it (%d)", ax.decimals);
	chart_nice_axis(95, 100, 6, false, true, &ax);
	CHECK(ax.max == 100, "95-100 %% ends at 100 %%, not above (got %g)", ax.max);
	chart_nice_axis(7, 7, 6, false, false, &ax);
	CHECK(ax.min < 7 && ax.max > 7 && ax.min >= 0, "one value 7 sits inside [%g, %g], not below 0",
	      ax.min, ax.max);
	chart_nice_axis(-5, -5, 6, false, false, &ax);
	CHECK(ax.min < -5 && ax.max > -5, "one value -5 sits inside [%g, %g]", ax.min, ax.max);
}

static void test_values(struct arena *a)
{
	CHECK_STR(chart_format_value(a, 48, UNIT_PERCENT, -1), "48%", "percent");
	CHECK_STR(chart_format_value(a, 48.25, UNIT_PERCENT, -1), "48.25%", "percent with decimals");
	CHECK_STR(chart_format_value(a, 2000, UNIT_GBP, -1), "\xc2\xa3" "2,000", "pounds");
	CHECK_STR(chart_format_value(a, -1500, UNIT_GBP, -1), "-\xc2\xa3" "1,500", "negative pounds");
	CHECK_STR(chart_format_value(a, 12.5, UNIT_RATE_10000, -1), "12.5 per 10,000", "rate");
	CHECK_STR(chart_format_value(a, 35, UNIT_DAYS, -1), "35 days", "days");
	CHECK_STR(chart_format_value(a, 1, UNIT_DAYS, -1), "1 day", "one day");
	CHECK_STR(chart_format_value(a, 1000000, UNIT_COUNT, -1), "1,000,000", "a million");
	CHECK_STR(chart_format_value(a, 0.001, UNIT_NONE, -1), "0.001", "a thousandth");
	CHECK_STR(chart_format_value(a, 0.00125, UNIT_NONE, -1), "0.00125", "small values keep "
		  "three significant digits");
	CHECK_STR(chart_format_value(a, -2.5, UNIT_PERCENT, -1), "-2.5%", "negative percent");
	CHECK_STR(chart_format_value(a, 20, UNIT_PERCENT, 1), "20.0%", "fixed decimals for ticks");
	CHECK_STR(chart_format_value(a, -0.0001, UNIT_NONE, 2), "0.00", "no minus zero");
	CHECK_STR(chart_format_value(a, 1234567.891, UNIT_NONE, -1), "1,234,567.89", "grouping");
}

static void test_dates(struct arena *a)
{
	struct when_context ctx = { BP_DAY_NONE };
	struct when parsed;
	struct when_text w = { NULL, &parsed, 0 };
	w.text = "April 2023";
	when_parse(w.text, &ctx, &parsed);
	CHECK_STR(chart_when_words(a, &w), "April 2023", "a month in words");
	w.text = "Oct 2024";
	when_parse(w.text, &ctx, &parsed);
	CHECK_STR(chart_when_words(a, &w), "October 2024", "a short month in full");
	w.text = "30/09/2023";
	when_parse(w.text, &ctx, &parsed);
	CHECK_STR(chart_when_words(a, &w), "30 Sep 2023", "a day as boardpack prints days");
	w.text = "Q1 2023/24";
	when_parse(w.text, &ctx, &parsed);
	CHECK_STR(chart_when_words(a, &w), "Q1 2023/24", "a quarter as written");
	w.text = NULL;
	CHECK(chart_when_words(a, &w) == NULL, "no date: NULL");
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	test_axes();
	test_values(&a);
	test_dates(&a);
	arena_release(&a);
	return unit_done();
}
