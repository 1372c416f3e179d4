/* The self-check of a finished layout (see layout_check in layout.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "layout/layout.h"

/* Rounding in glyph positions; anything larger is a real overlap. */
#define TOLERANCE 0.5

struct checker {
	layout_problem_fn report;
	void *user;
	size_t problems;
};

static void problem(struct checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->problems++;
	if (c->report)
		c->report(buf, c->user);
}

/* The first words of a text operation, for messages. */
static void words(const struct layout_op *op, char *buf, size_t size)
{
	const struct shape *s = op->u.text.shape;
	if (!s || op->u.text.from >= s->n_lines || s->n_runs == 0) {
		snprintf(buf, size, "(empty)");
		return;
	}
	const struct shape_line *l = &s->lines[op->u.text.from];
	size_t start = l->n_runs ? s->runs[l->run_start].text_start : 0;
	size_t len = strlen(s->text + start);
	if (len > 40)
		len = 40;
	/* Do not cut a UTF-8 sequence. */
	while (len > 0 && ((unsigned char)s->text[start + len] & 0xC0) == 0x80)
		len--;
	snprintf(buf, size, "'%.*s'", (int)len, s->text + start);
}

struct box {
	float x, y, w, h;
	const struct layout_op *op;
};

static int box_cmp(const void *pa, const void *pb)
{
	const struct box *a = pa, *b = pb;
	return a->y < b->y ? -1 : a->y > b->y;
}

static bool inside(float x, float y, float w, float h, double bx, double by, double bw, double bh)
{
	return x >= bx - TOLERANCE && y >= by - TOLERANCE && x + w <= bx + bw + TOLERANCE &&
	       y + h <= by + bh + TOLERANCE;
}

static void describe(const struct layout_op *op, char *buf, size_t size)
{
	if (op->kind == LAYOUT_OP_TEXT)
		words(op, buf, size);
	else
		snprintf(buf, size, "%s", op->kind == LAYOUT_OP_IMAGE ? "an image" : "a figure");
}

static void check_page(struct checker *c, const struct layout_page *p, size_t pno)
{
	struct box *boxes = xcalloc(p->n_ops ? p->n_ops : 1, sizeof *boxes);
	size_t n = 0;
	char a[64], b[64];
	for (size_t i = 0; i < p->n_ops; i++) {
		const struct layout_op *op = &p->ops[i];
		if (op->kind == LAYOUT_OP_TEXT) {
			if (!op->u.text.shape) {
				problem(c, "page %zu: a text was never filled in", pno);
				continue;
			}
			words(op, a, sizeof a);
			if (!inside(op->x, op->y, op->w, op->h, 0, 0, p->width, p->height))
				problem(c, "page %zu: text %s runs off the page", pno, a);
			if (!inside(op->x, op->y, op->w, op->h, op->u.text.cx, op->u.text.cy,
				    op->u.text.cw, op->u.text.ch))
				problem(c, "page %zu: text %s overflows its cell or frame "
					"(%.1f,%.1f %.1fx%.1f in %.1f,%.1f %.1fx%.1f)", pno, a,
					op->x, op->y, op->w, op->h, op->u.text.cx, op->u.text.cy,
					op->u.text.cw, op->u.text.ch);
			if (!(op->flags & LAYOUT_TEXT_FURNITURE) &&
			    !inside(op->x, op->y, op->w, op->h, p->body.x, p->body.y, p->body.w,
				    p->body.h))
				problem(c, "page %zu: text %s is outside the page's frame", pno, a);
		} else if (op->kind == LAYOUT_OP_IMAGE || op->kind == LAYOUT_OP_FIGURE) {
			if (!inside(op->x, op->y, op->w, op->h, p->body.x, p->body.y, p->body.w,
				    p->body.h))
				problem(c, "page %zu: a picture is outside the page's frame", pno);
			if (op->kind == LAYOUT_OP_FIGURE &&
			    !inside(op->x, op->y, op->w, op->h, op->u.figure.cx, op->u.figure.cy,
				    op->u.figure.cw, op->u.figure.ch))
				problem(c, "page %zu: a figure overflows its cell or frame "
					"(%.1f,%.1f %.1fx%.1f in %.1f,%.1f %.1fx%.1f)", pno, op->x, op->y,
					op->w, op->h, op->u.figure.cx, op->u.figure.cy,
					op->u.figure.cw, op->u.figure.ch);
		} else {
			continue;
		}
		if (op->w > 0 && op->h > 0)
			boxes[n++] = (struct box){ op->x, op->y, op->w, op->h, op };
	}
	qsort(boxes, n, sizeof *boxes, box_cmp);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n && boxes[j].y < boxes[i].y + boxes[i].h - TOLERANCE; j++) {
			const struct box *u = &boxes[i], *v = &boxes[j];
			if (u->x + u->w - TOLERANCE > v->x && v->x + v->w - TOLERANCE > u->x) {
				describe(u->op, a, sizeof a);
				describe(v->op, b, sizeof b);
				problem(c, "page %zu: %s overlaps %s", pno, a, b);
			}
		}
	}
	free(boxes);
}

size_t layout_check(const struct layout_doc *ld, layout_problem_fn report, void *user)
{
	struct checker c = { .report = report, .user = user };
	enum layout_tag stack[256];
	size_t depth = 0, figures = 0;
	for (size_t pi = 0; pi < ld->n_pages; pi++) {
		const struct layout_page *p = &ld->pages[pi];
		check_page(&c, p, pi + 1);
		for (size_t i = 0; i < p->n_ops; i++) {
			const struct layout_op *op = &p->ops[i];
			if (op->kind == LAYOUT_OP_TAG_BEGIN) {
				if (depth == sizeof stack / sizeof stack[0]) {
					problem(&c, "page %zu: tags nested too deeply", pi + 1);
					return c.problems;
				}
				stack[depth++] = (enum layout_tag)op->tag;
				figures += op->tag == LAYOUT_TAG_FIGURE;
			} else if (op->kind == LAYOUT_OP_TAG_END) {
				if (depth == 0 || stack[depth - 1] != op->tag) {
					problem(&c, "page %zu: tag %s closed but %s is open", pi + 1,
						layout_tag_name((enum layout_tag)op->tag),
						depth ? layout_tag_name(stack[depth - 1]) : "nothing");
					return c.problems;
				}
				depth--;
			}
		}
	}
	if (depth)
		problem(&c, "tag %s is never closed", layout_tag_name(stack[depth - 1]));
	/* The PDF post-processor gives the Figure elements these texts in
	 * order: one missing would shift every later one. */
	if (figures != ld->n_figures)
		problem(&c, "%zu Figure elements but %zu alternative texts", figures,
			ld->n_figures);
	return c.problems;
}
