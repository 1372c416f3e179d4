#include "layout/linebreak.h"

#include <stdlib.h>

#include "base/arena.h"

/* Widths are pango's ints; a paragraph wider than this (some 260,000 pt on
 * one line) is left to pango rather than risk sums pango would overflow
 * differently. */
#define WIDTH_LIMIT (1 << 28)

enum fit {
	FIT_NONE,   /* nothing fits: back up to an earlier break */
	FIT_SOME,   /* the item was broken: the line ends inside it */
	FIT_ALL,    /* the whole item fits */
	FIT_EMPTY,  /* the line ends before the item */
	FIT_GIVE_UP /* pango would do something not replayed here */
};

/* pango's ParaBreakState, for what the replayed cases use. */
struct breaker {
	const struct linebreak_source *src;
	struct linebreak *out;
	uint32_t item, last_item; /* the head item, the paragraph's last */
	int32_t start;            /* first character of the head item not yet set */
	int32_t remaining;        /* width left on the line */
	uint32_t line_first_piece;
};

static bool can_break_at(const struct linebreak_source *src, int32_t offset)
{
	return offset == src->n_chars || src->attrs[offset].is_line_break;
}

static bool can_break_in(const struct linebreak_source *src, int32_t start, int32_t n,
			 bool allow_break_at_start)
{
	for (int32_t i = allow_break_at_start ? 0 : 1; i < n; i++)
		if (can_break_at(src, start + i))
			return true;
	return false;
}

/* Advances summed from the text's start: a line's width without walking
 * it again for every item and line. */
static int32_t sum_advances(const struct breaker *b, int32_t from, int32_t to)
{
	return (int32_t)(b->out->sums[to] - b->out->sums[from]);
}

/* pango's find_break_extra_width() for a break before character pos of the
 * text: white space before a break does not count. A break that adds a
 * hyphen is given up on where it could be taken; before that, pango's
 * only use of its (positive) width is min(width + extra, width), which
 * 0 gives as well. */
static int32_t extra_width_at(const struct linebreak_source *src, int32_t piece_start, int32_t pos)
{
	if (src->attrs[pos].break_inserts_hyphen)
		return 0;
	if (pos > piece_start && src->attrs[pos - 1].is_white)
		return -src->advance[pos - 1];
	return 0;
}

static bool breaks_with_hyphen(const struct linebreak_source *src, int32_t pos)
{
	return src->attrs[pos].break_inserts_hyphen || src->attrs[pos].break_removes_preceding;
}

static void add_piece(struct breaker *b, int32_t start, int32_t end, enum linebreak_end end_kind)
{
	struct linebreak *out = b->out;
	if (out->n_pieces == out->cap_pieces) {
		out->cap_pieces = out->cap_pieces ? out->cap_pieces * 2 : 16;
		out->pieces = xrealloc(out->pieces, out->cap_pieces, sizeof *out->pieces);
	}
	struct linebreak_piece *p = &out->pieces[out->n_pieces++];
	p->item = b->item;
	p->start = start;
	p->end = end;
	p->end_kind = end_kind;
	p->end_advance = b->src->advance[end - 1];
	p->width = 0;
}

static struct linebreak_line *add_line(struct linebreak *out, uint32_t paragraph)
{
	if (out->n_lines == out->cap_lines) {
		out->cap_lines = out->cap_lines ? out->cap_lines * 2 : 8;
		out->lines = xrealloc(out->lines, out->cap_lines, sizeof *out->lines);
	}
	struct linebreak_line *line = &out->lines[out->n_lines++];
	*line = (struct linebreak_line){.paragraph = paragraph, .first_piece = out->n_pieces};
	return line;
}

/* pango's process_item(): as much of the head item as fits on the line. */
static enum fit process_item(struct breaker *b, bool force_fit, bool no_break_at_end,
			     bool is_last_item)
{
	const struct linebreak_source *src = b->src;
	const struct linebreak_item *it = &src->items[b->item];
	const int32_t a = b->start, n = it->end - a;
	const bool line_has_runs = b->out->n_pieces > b->line_first_piece;
	const int32_t *adv = src->advance;

	int32_t width = sum_advances(b, a, it->end);
	int32_t extra_width = 0;
	if (!no_break_at_end && can_break_at(src, it->end)) {
		if (breaks_with_hyphen(src, it->end))
			return FIT_GIVE_UP;
		extra_width = extra_width_at(src, a, it->end);
	}

	/* pango shapes the rest of the item again here; ending where the item
	 * ends, it comes out as wide as measured. */
	if (!no_break_at_end &&
	    (width + extra_width <= b->remaining || (n == 1 && !line_has_runs))) {
		add_piece(b, a, it->end, LINEBREAK_END_SHAPED);
		b->remaining -= width;
		if (b->remaining < 0)
			b->remaining = 0;
		return FIT_ALL;
	}

	int32_t break_num_chars = n, break_width = width, break_extra_width = extra_width;
	const int32_t safe_distance = src->safe_distance(src->ctx, b->item);

	width = 0;
	for (int32_t k = 0; k < (no_break_at_end ? n : n + 1); k++) {
		extra_width = extra_width_at(src, a, a + k);

		/* Far enough past the line's end, with a break in hand. */
		if ((width + extra_width < width ? width + extra_width : width) >
			b->remaining + safe_distance &&
		    break_num_chars < n)
			break;

		if (can_break_at(src, a + k) && (k > 0 || line_has_runs)) {
			if (breaks_with_hyphen(src, a + k))
				return FIT_GIVE_UP;
			if (k == 0 || width + extra_width < b->remaining - safe_distance) {
				/* Clearly fits, judged by the unwrapped widths. */
				break_num_chars = k;
				break_width = width;
				break_extra_width = extra_width;
			} else {
				/* pango shapes the piece before the break to judge it:
				 * its last glyph loses its kerning with the next. */
				int32_t measured = width;
				if (k < n)
					measured += src->end_advance(src->ctx, b->item, a + k - 1) -
						    adv[a + k - 1];
				int32_t measured_extra = 0;
				/* White space at the very end of the paragraph counts. */
				if (k > 0 && (k < n || !is_last_item) &&
				    src->attrs[a + k - 1].is_white)
					measured_extra = -adv[a + k - 1];
				if (break_num_chars == n ||
				    measured + measured_extra <= b->remaining ||
				    measured + measured_extra < break_width + break_extra_width) {
					break_num_chars = k;
					break_width = measured;
					break_extra_width = measured_extra;
				}
			}
		}
		if (k < n)
			width += adv[a + k];
	}

	/* No break fits: pango would break between characters. */
	if (force_fit && break_width + break_extra_width > b->remaining)
		return FIT_GIVE_UP;

	if (!force_fit && break_width + break_extra_width > b->remaining)
		return FIT_NONE;

	b->remaining -= break_width + break_extra_width;
	if (b->remaining < 0)
		b->remaining = 0;
	if (break_num_chars == n) {
		add_piece(b, a, it->end, LINEBREAK_END_SHAPED);
		return FIT_ALL;
	}
	if (break_num_chars == 0)
		return FIT_EMPTY;
	add_piece(b, a, a + break_num_chars, LINEBREAK_END_ALONE);
	b->start = a + break_num_chars;
	return FIT_SOME;
}

/* pango's process_line(): one line of the paragraph. */
static bool process_line(struct breaker *b, uint32_t paragraph)
{
	const struct linebreak_source *src = b->src;
	struct linebreak *out = b->out;
	b->line_first_piece = out->n_pieces;
	b->remaining = src->width;

	bool have_break = false, wrapped = false;
	int32_t break_remaining = 0, break_start = 0;
	uint32_t break_pieces = 0, break_item = 0;

	while (b->item <= b->last_item) {
		const uint32_t item = b->item;
		const int32_t old_start = b->start, old_remaining = b->remaining;
		const int32_t old_num_chars = src->items[item].end - old_start;
		const bool first_item_in_line = out->n_pieces == b->line_first_piece;

		enum fit fit = process_item(b, !have_break, false, item == b->last_item);
		if (fit == FIT_ALL) {
			if (can_break_in(src, old_start, old_num_chars, !first_item_in_line)) {
				have_break = true;
				break_remaining = old_remaining;
				break_start = old_start;
				break_pieces = out->n_pieces - 1;
				break_item = item;
			}
			b->item++;
			b->start = src->items[item].end;
			continue;
		}
		if (fit == FIT_GIVE_UP)
			return false;
		if (fit == FIT_NONE) {
			/* Back to the item holding the last break seen, and break
			 * there. */
			out->n_pieces = break_pieces;
			b->item = break_item;
			b->start = break_start;
			b->remaining = break_remaining;
			fit = process_item(b, true, true, b->item == b->last_item);
			if (fit != FIT_SOME && fit != FIT_EMPTY)
				return false;
		}
		wrapped = true;
		break;
	}

	/* pango would add a hyphen at the line's end. */
	if (src->attrs[b->start].break_inserts_hyphen)
		return false;

	struct linebreak_line *line = add_line(out, paragraph);
	line->first_piece = b->line_first_piece;
	line->n_pieces = out->n_pieces - b->line_first_piece;
	for (uint32_t i = 0; i < line->n_pieces; i++) {
		struct linebreak_piece *p = &out->pieces[line->first_piece + i];
		bool last = i + 1 == line->n_pieces;
		if (last && wrapped && b->start > 0 && src->attrs[b->start - 1].is_white)
			p->end_kind = LINEBREAK_END_COLLAPSED;
		if (p->end_kind == LINEBREAK_END_ALONE)
			p->end_advance = src->end_advance(src->ctx, p->item, p->end - 1);
		else if (p->end_kind == LINEBREAK_END_COLLAPSED)
			p->end_advance = 0;
		p->width = sum_advances(b, p->start, p->end - 1) + p->end_advance;
		line->width += p->width;
	}
	return true;
}

bool linebreak_run(const struct linebreak_source *src, struct linebreak *out)
{
	out->n_lines = 0;
	out->n_pieces = 0;
	if (src->width < 0 || src->width > WIDTH_LIMIT)
		return false;
	for (int32_t i = 0; i <= src->n_chars; i++)
		if (src->attrs[i].break_removes_preceding)
			return false;

	if (out->cap_sums < (uint32_t)src->n_chars + 1) {
		out->cap_sums = (uint32_t)src->n_chars + 1;
		out->sums = xrealloc(out->sums, out->cap_sums, sizeof *out->sums);
	}
	out->sums[0] = 0;
	for (int32_t i = 0; i < src->n_chars; i++)
		out->sums[i + 1] = out->sums[i] + src->advance[i];

	struct breaker b = {.src = src, .out = out};
	for (uint32_t p = 0; p < src->n_paragraphs; p++) {
		const struct linebreak_paragraph *para = &src->paragraphs[p];
		if (para->n_items == 0) {
			add_line(out, p);
			continue;
		}
		const struct linebreak_item *first = &src->items[para->first_item];
		const struct linebreak_item *last =
		    &src->items[para->first_item + para->n_items - 1];
		if (out->sums[last->end] - out->sums[first->start] > WIDTH_LIMIT)
			return false;
		b.item = para->first_item;
		b.last_item = para->first_item + para->n_items - 1;
		b.start = first->start;
		while (b.item <= b.last_item)
			if (!process_line(&b, p))
				return false;
	}
	return true;
}

void linebreak_release(struct linebreak *lb)
{
	free(lb->lines);
	free(lb->pieces);
	free(lb->sums);
	*lb = (struct linebreak){0};
}
