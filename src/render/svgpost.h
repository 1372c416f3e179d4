/** Accessibility and determinism fix-up of an SVG written by cairo.
 *
 *  cairo 1.16 draws text as glyph outlines, so an SVG page or chart says
 *  nothing to assistive technology unless it carries a <title> and <desc>
 *  and role="img". Its element ids are also unfit for pasting several SVGs
 *  into one document: "surface12" and "image7" come from a process-wide
 *  counter (the same drawing gets other ids in another run or after other
 *  surfaces), and "clip1" or "glyph0-1" repeat in every file.
 *
 *  svgpost_fix() reads cairo's bytes and renames every id to
 *  "<prefix>-<stem><n>": the stem is the id without its trailing digits and
 *  hyphens ("glyph0-1" -> "glyph"), n counts ids of that stem from 1 in
 *  document order. "surface12" in a file with prefix "p3" becomes
 *  "p3-surface1" whatever the counter said. Every reference follows:
 *  href and xlink:href "#id", and url(#id) in any attribute (clip-path,
 *  mask, fill, stroke, filter, style …). The output is serialised with
 *  fixed options, so the same drawing always gives the same bytes.
 *
 *  Two readers give those bytes. libxml2 (no network, no entities, no DTD
 *  at all) reads any XML and is the reference; a byte scanner (svgscan.h)
 *  reads the XML cairo writes in a fraction of the time and writes exactly
 *  what libxml2 would. Whatever the scanner is not certain of goes to
 *  libxml2, which also reports every refusal. */
#ifndef BP_SVGPOST_H
#define BP_SVGPOST_H

#include <stddef.h>

#include <cairo.h>

/** A growing byte buffer; zero-initialise before use. */
struct svgpost_buffer {
	unsigned char *data;
	size_t len, cap;
};

/** A cairo_write_func_t appending to the svgpost_buffer given as closure:
 *  pass it to cairo_svg_surface_create_for_stream(). Out of memory ends the
 *  process (like every allocation in boardpack), so it always succeeds. */
cairo_status_t svgpost_buffer_write(void *closure, const unsigned char *data,
				    unsigned int length);

/** Makes room for more bytes after the len already held (doubling the
 *  capacity as needed, 64 KB at first). */
void svgpost_buffer_reserve(struct svgpost_buffer *b, size_t more);

/** Frees the bytes and empties the buffer. */
void svgpost_buffer_release(struct svgpost_buffer *b);

struct svgpost_options {
	/* Starts every id: a letter or underscore, then letters, digits,
	 * '_', '-' or '.'; unique among SVGs shown together ("p3", "chart-2"). */
	const char *id_prefix;
	const char *title;  /* the accessible name: required, non-empty UTF-8 */
	const char *desc;   /* a longer description, or NULL for none */
};

/** Rewrites the SVG in[0..in_len) (cairo's complete output, after
 *  cairo_surface_finish()) into out, which must be empty; afterwards out
 *  holds the new document and belongs to the caller (svgpost_buffer_release).
 *  The root gets role="img", aria-labelledby="<prefix>-title" and, with a
 *  description, aria-describedby="<prefix>-desc"; <title> and <desc> become
 *  its first children.
 *
 *  Errors (reported through error(), returning -1, out left empty): bad
 *  options; the input is not well-formed XML, has a DTD, is not an SVG
 *  root, repeats an id, or refers to an id it does not define (a reference
 *  outside the file is refused too). Returns 0 on success. */
int svgpost_fix(const unsigned char *in, size_t in_len, const struct svgpost_options *opt,
		struct svgpost_buffer *out);

/** The same through libxml2 alone, whatever the input: the reference the
 *  byte scanner is held to (the tests compare the two). */
int svgpost_fix_libxml2(const unsigned char *in, size_t in_len,
			const struct svgpost_options *opt, struct svgpost_buffer *out);

#endif
