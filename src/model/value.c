/* Numbers as plans and data files write them. */
#include "model/value.h"

#include <stdio.h>

#include "base/strbuf.h"

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

/* Decimals a value needs: up to 2, or enough for 3 significant digits of
 * a value below 0.01, with trailing zeros dropped. */
static int auto_decimals(double v)
{
	double m = fabs(v);
	if (m == 0 || m >= 0.01)
		return 2;
	int d = (int)ceil(-log10(m)) + 2;
	return d > 12 ? 12 : d;
}

void value_add_number(struct strbuf *sb, double v, int decimals)
{
	bool trim = decimals < 0;
	if (trim)
		decimals = auto_decimals(v);
	if (!isfinite(v)) {
		strbuf_adds(sb, "?");
		return;
	}
	char digits[64];
	/* %.*f rounds once, correctly; the digits are then grouped. */
	int n = snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
	if (n <= 0 || (size_t)n >= sizeof digits) {
		strbuf_addf(sb, "%g", v);
		return;
	}
	char *dot = strchr(digits, '.');
	size_t whole = dot ? (size_t)(dot - digits) : (size_t)n;
	size_t frac_end = (size_t)n;
	if (dot && trim) {
		while (frac_end > whole + 1 && digits[frac_end - 1] == '0')
			frac_end--;
		if (frac_end == whole + 1)
			frac_end = whole;
	}
	bool zero = true;
	for (size_t i = 0; i < frac_end; i++)
		if (digits[i] >= '1' && digits[i] <= '9')
			zero = false;
	if (v < 0 && !zero)
		strbuf_addc(sb, '-');
	for (size_t i = 0; i < whole; i++) {
		if (i > 0 && (whole - i) % 3 == 0)
			strbuf_addc(sb, ',');
		strbuf_addc(sb, digits[i]);
	}
	if (frac_end > whole)
		strbuf_add(sb, digits + whole, frac_end - whole);
}


void value_add_with_unit(struct strbuf *out, double v, enum measure_unit unit, int decimals,
			 bool delta)
{
	struct strbuf sb = STRBUF_INIT;
	if (unit == UNIT_GBP) {
		if (v < 0)
			strbuf_addc(&sb, '-');
		strbuf_adds(&sb, "\xc2\xa3");
		value_add_number(&sb, fabs(v), decimals);
	} else {
		value_add_number(&sb, v, decimals);
	}
	bool one = strcmp(strbuf_str(&sb), "1") == 0 || strcmp(strbuf_str(&sb), "-1") == 0;
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
	strbuf_add(out, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
}
