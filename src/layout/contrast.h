/** Colour contrast after WCAG 2: relative luminance, contrast ratio, and
 *  the choice of a text colour that stays readable on a given fill.
 *  Public-sector documents must keep text at 4.5:1 or more against its
 *  background; layout uses these for every coloured surface it draws
 *  text on. Colours are 0xRRGGBB. */
#ifndef BP_CONTRAST_H
#define BP_CONTRAST_H

#include <stdint.h>

#define CONTRAST_MIN 4.5

/** WCAG relative luminance, 0 (black) to 1 (white). */
double contrast_luminance(uint32_t rgb);

/** WCAG contrast ratio of two colours, 1 to 21, in either order. */
double contrast_ratio(uint32_t a, uint32_t b);

/** Black or white, whichever contrasts more with fill (for any fill the
 *  better of the two reaches at least 4.58:1). */
uint32_t contrast_text_on(uint32_t fill);

/** fg itself when it reaches min against bg, else fg darkened (or, on a
 *  dark bg, lightened) in small steps, keeping its hue, until it does;
 *  black or white at worst. */
uint32_t contrast_adjust(uint32_t fg, uint32_t bg, double min);

#endif
