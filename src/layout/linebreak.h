/** Line breaking: where pango 1.50 would break a text's lines, worked out
 *  from one unwrapped shaping instead of pango's own wrapping.
 *
 *  pango's line breaker shapes the text again for every line it breaks
 *  (the piece before each candidate break near the line's end, then what
 *  is left), so a table cell wrapped into eight lines is shaped about five
 *  times. shape_text() shapes a text once, on one line per paragraph, and
 *  hands the character advances to linebreak_run(), which replays pango's
 *  decisions (process_line() and process_item() in pango 1.50's
 *  pango-layout.c) over them: the same candidates, the same tests with
 *  the same integer widths, the same trailing white space rules. The
 *  result is the lines pango would make, to the pango unit.
 *
 *  It covers what English plans are made of, and gives up (returns false,
 *  and the caller lets pango wrap) wherever pango would do something it
 *  does not replay: a line with no break opportunity that fits (pango
 *  breaks inside the word, perhaps adding a hyphen), and a break that
 *  inserts or removes a hyphen. The caller checks the rest before calling
 *  (see shape.c): runs left to right, one glyph per character, no tabs,
 *  no line separators.
 *
 *  Why the widths are those of one shaping: a glyph's advance changes
 *  only by kerning with the glyph after it, which the piece before a break
 *  no longer has: end_advance() gives that last glyph's advance on its own.
 *  Everything else on a line is as shaped unwrapped. */
#ifndef BP_LINEBREAK_H
#define BP_LINEBREAK_H

#include <stdbool.h>
#include <stdint.h>

#include <pango/pango.h>

/** A run of one font and style (a pango item) over characters
 *  [start, end) of the text. */
struct linebreak_item {
	int32_t start, end;
};

/** A paragraph: items [first_item, first_item + n_items); an empty
 *  paragraph has none. */
struct linebreak_paragraph {
	uint32_t first_item, n_items;
};

struct linebreak_source {
	const PangoLogAttr *attrs; /* n_chars + 1, as pango computed them */
	int32_t n_chars;
	const int32_t *advance; /* per character, pango units, as shaped
				   on one line */
	const struct linebreak_item *items;
	const struct linebreak_paragraph *paragraphs;
	uint32_t n_paragraphs;
	int32_t width; /* the width to fill, pango units */
	/* The advance of character ch of item when it is the last glyph
	 * shaped (no kerning with the character after it). */
	int32_t (*end_advance)(void *ctx, uint32_t item, int32_t ch);
	/* pango's margin for judging a break by its estimated width: three
	 * approximate character widths of the item's font. */
	int32_t (*safe_distance)(void *ctx, uint32_t item);
	void *ctx;
};

/** How a piece's last glyph is set. */
enum linebreak_end {
	LINEBREAK_END_SHAPED,   /* as shaped on one line (the item's end) */
	LINEBREAK_END_ALONE,    /* with end_advance(): the item goes on on the
				   next line */
	LINEBREAK_END_COLLAPSED /* white space where the line wraps: no width,
				   no glyph */
};

/** A piece of an item on a line: characters [start, end). */
struct linebreak_piece {
	uint32_t item;
	int32_t start, end;
	int32_t width;       /* pango units, the last glyph set as end says */
	int32_t end_advance; /* the last glyph's advance */
	enum linebreak_end end_kind;
};

/** A line: pieces [first_piece, first_piece + n_pieces) of paragraph
 *  paragraph (an empty paragraph's line has none). */
struct linebreak_line {
	uint32_t paragraph;
	uint32_t first_piece, n_pieces;
	int32_t width; /* pango units: the sum of its pieces */
};

struct linebreak {
	struct linebreak_line *lines;
	uint32_t n_lines, cap_lines;
	struct linebreak_piece *pieces;
	uint32_t n_pieces, cap_pieces;
	int64_t *sums; /* working space: advances summed */
	uint32_t cap_sums;
};

/** Breaks src's paragraphs into lines in out (emptied first; start from a
 *  zeroed struct). False when pango would break somewhere this does not
 *  replay (see above); out is then meaningless. out's arrays grow as
 *  needed and can serve several calls; linebreak_release() frees them. */
bool linebreak_run(const struct linebreak_source *src, struct linebreak *out);

void linebreak_release(struct linebreak *lb);

#endif
