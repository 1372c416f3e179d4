/* Numbers as plans and data files write them. */
#include "model/value.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool value_parse(const char *text, struct value *out)
{
	out->text = text;
	out->number = 0;
	out->kind = VALUE_NONE;
	if (!text)
		return true;
	const char *p = text;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 0)
		return false;
	if (len == 3 && strncasecmp(p, "tbc", 3) == 0) {
		out->kind = VALUE_TBC;
		return true;
	}
	if (len == 3 && strncasecmp(p, "n/a", 3) == 0) {
		out->kind = VALUE_NA;
		return true;
	}
	char buf[64];
	size_t o = 0;
	size_t i = 0;
	if (p[i] == '-')
		buf[o++] = p[i++];
	if (len - i >= 2 && memcmp(p + i, "\xc2\xa3", 2) == 0)
		i += 2;
	if (o == 0 && i < len && p[i] == '-')
		buf[o++] = p[i++];
	bool digits = false, point = false, percent = false;
	for (; i < len; i++) {
		char ch = p[i];
		if (percent)
			return false;
		if (isdigit((unsigned char)ch)) {
			digits = true;
		} else if (ch == ',' && digits && !point) {
			continue;
		} else if (ch == '.' && !point) {
			point = true;
		} else if (ch == '%') {
			percent = true;
			continue;
		} else {
			return false;
		}
		if (o >= sizeof buf - 1)
			return false;
		buf[o++] = ch;
	}
	buf[o] = '\0';
	if (!digits)
		return false;
	char *end;
	errno = 0;
	double d = strtod(buf, &end);
	if (*end || !isfinite(d) || errno == ERANGE)
		return false;
	out->kind = VALUE_NUMBER;
	out->number = d;
	return true;
}

const char *value_unit_problem(double x, enum measure_unit unit)
{
	switch (unit) {
	case UNIT_PERCENT:
		if (x < 0 || x > 100)
			return "is not a percentage (0 to 100)";
		break;
	case UNIT_COUNT:
		if (x < 0 || floor(x) != x)
			return "is not a count (a whole number of 0 or more)";
		break;
	case UNIT_RATE_10000: case UNIT_RATE_1000: case UNIT_DAYS: case UNIT_WEEKS:
	case UNIT_MONTHS: case UNIT_RATIO:
		if (x < 0)
			return "cannot be negative for the measure's unit";
		break;
	default:
		break;
	}
	if (fabs(x) > 1e12)
		return "is too large";
	return NULL;
}
