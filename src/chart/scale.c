/* Scales: nice value axes (steps of 1, 2, 2.5 or 5 times a power of ten,
 * the steps people read without arithmetic) and month axes whose labels
 * fit side by side. A month's tick sits on its last day, where a value
 * for the month is placed (evaluation counts a period at its end), so a
 * value for "Jan 2023" sits on the tick "Jan 2023". */
#include <math.h>
#include <string.h>

#include "chart/internal.h"

/* The smallest nice step >= raw. */
static double nice_step(double raw, bool integer_steps)
{
	static const double mult[] = { 1, 2, 2.5, 5, 10 };
	if (!(raw > 0) || !isfinite(raw))
		return 1;
	double mag = pow(10, floor(log10(raw)));
	for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++) {
		double s = mult[i] * mag;
		if (integer_steps && (s < 1 || (mult[i] == 2.5 && s < 10)))
			continue;
		if (s >= raw * (1 - 1e-12))
			return s;
	}
	return integer_steps && 10 * mag < 1 ? 1 : 10 * mag;
}

/* The next nice step above step. */
static double next_step(double step, bool integer_steps)
{
	return nice_step(step * 1.0001, integer_steps);
}

static int step_decimals(double step)
{
	int e = (int)floor(log10(step) + 1e-9);
	double m = step / pow(10, e);
	int d = e >= 0 ? 0 : -e;
	if (fabs(m - 2.5) < 1e-6)
		d += 1;
	return d;
}

/* k * step, rounded to the step's decimals so that ticks print and
 * compare exactly. */
static double tick_value(double k, double step, int decimals)
{
	double v = k * step;
	if (decimals <= 0)
		return v;
	double f = pow(10, decimals);
	return round(v * f) / f;
}

void chart_nice_axis(double lo, double hi, int max_ticks, bool integer_steps, bool percent,
		     struct chart_axis *out)
{
	memset(out, 0, sizeof *out);
	if (max_ticks < 2)
		max_ticks = 2;
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	bool in_percent = percent && lo >= 0 && hi <= 100;
	if (hi - lo <= fabs(hi) * 1e-12) {
		/* One value: room around it, keeping the sign of the data. */
		if (lo == 0) {
			hi = 1;
		} else {
			double pad = fabs(lo) * 0.1;
			bool positive = lo > 0;
			lo -= pad;
			hi += pad;
			if (positive && lo < 0)
				lo = 0;
		}
	}
	if (in_percent) {
		if (lo < 0)
			lo = 0;
		if (hi > 100)
			hi = 100;
	}
	double step = nice_step((hi - lo) / (max_ticks - 1), integer_steps);
	double k0 = 0, k1 = 0;
	for (int guard = 0; guard < 64; guard++) {
		k0 = floor(lo / step + 1e-9);
		k1 = ceil(hi / step - 1e-9);
		if (k1 <= k0)
			k1 = k0 + 1;
		if (k1 - k0 + 1 <= max_ticks)
			break;
		step = next_step(step, integer_steps);
	}
	out->step = step;
	out->decimals = step_decimals(step);
	if (integer_steps)
		out->decimals = 0;
	out->min = tick_value(k0, step, out->decimals);
	out->max = tick_value(k1, step, out->decimals);
	out->n_ticks = (size_t)(k1 - k0) + 1;
}

size_t chart_month_ticks(bp_day d0, bp_day d1, int step, bool ends, struct arena *a,
			 double **out)
{
	int y, m, d;
	day_to_ymd(d0, &y, &m, &d);
	long idx = (long)y * 12 + (m - 1);
	/* Aligned months: starts on Jan, Apr, Jul, Oct for quarters; ends on
	 * Mar, Jun, Sep, Dec (quarter ends, also the UK financial year's). */
	long phase = ends ? step - 1 : 0;
	long rem = (((idx - phase) % step) + step) % step;
	if (rem)
		idx += step - rem;
	size_t n = 0, cap = 16;
	double *ticks = arena_array(a, double, cap);
	for (;; idx += step) {
		int ty = (int)(idx / 12), tm = (int)(idx % 12) + 1;
		if (ty > BP_YEAR_MAX)
			break;
		bp_day t = day_from_ymd(ty, tm, 1);
		if (ends)
			t = day_month_end(t);
		if (t < d0)
			continue;
		if (t > d1)
			break;
		if (n == cap) {
			ticks = arena_grow(a, ticks, n, cap * 2, sizeof *ticks);
			cap *= 2;
		}
		ticks[n++] = t;
	}
	*out = ticks;
	return n;
}

void chart_time_axis(struct chart *c, bp_day d0, bp_day d1, double width, struct chart_axis *ax)
{
	static const int steps[] = { 1, 2, 3, 6, 12, 24, 60, 120 };
	memset(ax, 0, sizeof *ax);
	ax->time = true;
	ax->min = d0;
	ax->max = d1;
	double span = (double)d1 - (double)d0;
	if (span <= 0)
		span = 1;
	for (size_t si = 0; si < sizeof steps / sizeof steps[0]; si++) {
		int step = steps[si];
		double *ticks;
		size_t n = chart_month_ticks(d0, d1, step, true, c->arena, &ticks);
		if (n > 12)
			continue;
		/* Month labels with the year, then the short year; years alone
		 * once the step is a year or more. */
		for (int style = step >= 12 ? 2 : 0; style <= 2; style++) {
			if (style == 2 && step < 12)
				break;
			const char **text = arena_array(c->arena, const char *, n ? n : 1);
			double prev_right = -1e9;
			bool fits = true;
			for (size_t i = 0; i < n; i++) {
				text[i] = chart_month_label(c->arena, (bp_day)ticks[i], style);
				const struct shape *s = chart_shape(c, text[i], CHART_FONT, 0);
				double x = (ticks[i] - d0) / span * width;
				if (x - s->width / 2 < prev_right + 6) {
					fits = false;
					break;
				}
				prev_right = x + s->width / 2;
			}
			if (fits) {
				ax->ticks = ticks;
				ax->tick_text = text;
				ax->n_ticks = n;
				ax->step = step;
				return;
			}
		}
	}
	/* Nothing fits (a very narrow chart): the span's ends only. */
	ax->n_ticks = 0;
	ax->step = 0;
}
