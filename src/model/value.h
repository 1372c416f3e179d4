/** Numbers as plans and KPI data files write them ("48", "48%", "£2,000",
 *  "-1.5", "TBC", "n/a"), and what a unit allows. Used wherever a value is
 *  read, so a plan and a data file accept exactly the same forms. */
#ifndef BP_VALUE_H
#define BP_VALUE_H

#include <stdbool.h>

#include "model/model.h"

/** Parses text into out (kind NUMBER, TBC or NA; NULL text gives NONE).
 *  Returns false when the text is none of these: then out->kind is NONE. */
bool value_parse(const char *text, struct value *out);

/** What makes x impossible for the unit, as the end of a sentence ("is not
 *  a percentage (0 to 100)"), or NULL when it is possible. */
const char *value_unit_problem(double x, enum measure_unit unit);

struct strbuf;

/** Appends v with thousands separated ("12,345.5"): decimals places, or
 *  with decimals < 0 as many as it needs (two, or three significant digits
 *  below 0.01) with trailing zeros dropped. */
void value_add_number(struct strbuf *sb, double v, int decimals);

/** Appends v in its unit as boardpack prints values everywhere: "48%",
 *  "£2,000", "12.5 per 10,000", "35 days"; with delta, a difference ("5
 *  percentage points"). */
void value_add_with_unit(struct strbuf *sb, double v, enum measure_unit unit, int decimals,
			 bool delta);

#endif
