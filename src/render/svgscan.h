/** The fast reader of svgpost: cairo's SVG rewritten straight from its
 *  bytes, without building a tree.
 *
 *  Reading cairo's pages with libxml2 and saving them again was most of the
 *  time boardpack spent on an SVG page. The scanner reads the bytes twice
 *  (a quick search for the ids, since a reference may come before the id
 *  it names, then one pass that checks and writes) and gives exactly the
 *  bytes the libxml2 reader gives: the same ids, the same escaping, empty
 *  elements closed the same way.
 *
 *  It accepts only XML whose every detail it knows for certain, which is
 *  what cairo 1.16's SVG surface writes:
 *  - the declaration <?xml version="1.0" encoding="UTF-8"?> first, then
 *    white space and the root;
 *  - the root <svg> declaring xmlns="http://www.w3.org/2000/svg" first and
 *    optionally xmlns:xlink="http://www.w3.org/1999/xlink" second, with no
 *    role or aria attribute of its own; no other namespace declaration
 *    anywhere;
 *  - ASCII names, no element prefix, no attribute prefix but xlink:;
 *    attribute values in double quotes;
 *  - printable ASCII (and tab and newline in text), the five predefined
 *    entities and numeric character references;
 *  - no comment, CDATA section, processing instruction or DOCTYPE, nothing
 *    but white space after the root;
 *  - well inside libxml2's limits: under 9,000,000 bytes (cairo's pages
 *    are a few hundred kilobytes), nested under 200 deep.
 *  Anything else, and any file svgpost would refuse (an id defined twice,
 *  a reference that does not resolve, bad nesting), is left to libxml2,
 *  which gives today's result or today's error. */
#ifndef BP_SVGSCAN_H
#define BP_SVGSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "render/svgpost.h"

/** Does what svgpost_fix() does and returns true when in[0..in_len) is in
 *  the subset above and svgpost accepts it; otherwise returns false with
 *  out as it was (empty) and nothing reported. opt must be valid
 *  (svgpost_fix() checks it first); out must be empty. */
bool svgscan_fix(const unsigned char *in, size_t in_len, const struct svgpost_options *opt,
		 struct svgpost_buffer *out);

#endif
