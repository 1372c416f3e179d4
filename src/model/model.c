#include "model.h"

const char *unit_name(enum measure_unit u)
{
	switch (u) {
	case UNIT_NONE: return "none";
	case UNIT_PERCENT: return "percent";
	case UNIT_COUNT: return "count";
	case UNIT_RATE_10000: return "rate-per-10000";
	case UNIT_RATE_1000: return "rate-per-1000";
	case UNIT_DAYS: return "days";
	case UNIT_WEEKS: return "weeks";
	case UNIT_MONTHS: return "months";
	case UNIT_GBP: return "gbp";
	case UNIT_RATIO: return "ratio";
	case UNIT_NUMBER: return "number";
	case UNIT_SCORE: return "score";
	}
	return "none";
}

const char *unit_symbol(enum measure_unit u)
{
	switch (u) {
	case UNIT_PERCENT: return "%";
	case UNIT_RATE_10000: return "per 10,000";
	case UNIT_RATE_1000: return "per 1,000";
	case UNIT_DAYS: return "days";
	case UNIT_WEEKS: return "weeks";
	case UNIT_MONTHS: return "months";
	case UNIT_GBP: return "\xc2\xa3";
	default: return "";
	}
}

const char *better_name(enum measure_better b)
{
	switch (b) {
	case BETTER_HIGHER: return "higher";
	case BETTER_LOWER: return "lower";
	case BETTER_IN_LINE: return "in-line";
	case BETTER_UNKNOWN: break;
	}
	return "unknown";
}

const char *status_meaning_name(enum status_meaning m)
{
	switch (m) {
	case MEANS_COMPLETE: return "complete";
	case MEANS_ON_TRACK: return "on-track";
	case MEANS_AT_RISK: return "at-risk";
	case MEANS_OFF_TRACK: return "off-track";
	case MEANS_NOT_STARTED: return "not-started";
	case MEANS_NOT_APPLICABLE: return "not-applicable";
	}
	return "not-applicable";
}

const char *rating_kind_name(enum rating_kind k)
{
	switch (k) {
	case RATING_ACTION: return "action";
	case RATING_IMPACT: return "impact";
	case RATING_OVERALL: break;
	}
	return "overall";
}

const char *benchmark_kind_name(enum benchmark_kind k)
{
	switch (k) {
	case BENCH_STAT_NEIGHBOURS: return "statistical-neighbours";
	case BENCH_ENGLAND: return "england";
	case BENCH_REGION: return "region";
	case BENCH_LAST_YEAR: return "last-year";
	case BENCH_OTHER: break;
	}
	return "other";
}
