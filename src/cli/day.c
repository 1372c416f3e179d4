#include <string.h>

#include "base/diag.h"
#include "cli/commands.h"
#include "model/date.h"

int cli_parse_day(const char *text, int *out_day)
{
	bp_day d = day_parse_iso(text);
	if (d == BP_DAY_NONE) {
		struct when w;
		struct when_context ctx = { BP_DAY_NONE };
		when_parse(text, &ctx, &w);
		if (w.kind == WHEN_POINT && w.points[0].precision == WHEN_PREC_DAY)
			d = w.points[0].first;
	}
	if (d == BP_DAY_NONE)
		return error("'%s' is not a date: give a day such as 2023-09-30 or '30 Sep 2023'",
			     text);
	*out_day = d;
	return 0;
}
