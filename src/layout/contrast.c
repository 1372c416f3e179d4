#include "layout/contrast.h"

#include <math.h>

static double channel(unsigned v)
{
	double c = v / 255.0;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double contrast_luminance(uint32_t rgb)
{
	return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) +
	       0.0722 * channel(rgb & 0xFF);
}

double contrast_ratio(uint32_t a, uint32_t b)
{
	double la = contrast_luminance(a), lb = contrast_luminance(b);
	if (la < lb) {
		double t = la;
		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

uint32_t contrast_text_on(uint32_t fill)
{
	return contrast_ratio(fill, 0x000000) >= contrast_ratio(fill, 0xFFFFFF) ? 0x000000 : 0xFFFFFF;
}

/* Mixes rgb towards target (black or white) by t in [0, 1]. */
static uint32_t mix(uint32_t rgb, uint32_t target, double t)
{
	uint32_t out = 0;
	for (int shift = 16; shift >= 0; shift -= 8) {
		double a = (rgb >> shift) & 0xFF, b = (target >> shift) & 0xFF;
		long v = lround(a + (b - a) * t);
		out |= (uint32_t)(v < 0 ? 0 : v > 255 ? 255 : v) << shift;
	}
	return out;
}

uint32_t contrast_adjust(uint32_t fg, uint32_t bg, double min)
{
	fg &= 0xFFFFFF;
	bg &= 0xFFFFFF;
	if (contrast_ratio(fg, bg) >= min)
		return fg;
	uint32_t target = contrast_text_on(bg);
	for (int step = 1; step <= 20; step++) {
		uint32_t c = mix(fg, target, step / 20.0);
		if (contrast_ratio(c, bg) >= min)
			return c;
	}
	return target;
}
