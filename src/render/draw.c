#include "render/draw.h"

#include <string.h>

#include "base/arena.h"
#include "base/diag.h"

void draw_init(struct draw_ctx *dc, const struct layout_doc *ld, const struct fonts *fonts,
	       cairo_t *cr, bool tagged)
{
	memset(dc, 0, sizeof *dc);
	dc->ld = ld;
	dc->fonts = ld ? ld->fonts : fonts;
	dc->link_color = ld ? ld->link_color : 0;
	dc->cr = cr;
	dc->tagged = tagged;
	dc->text_glyphs = cairo_surface_has_show_text_glyphs(cairo_get_target(cr));
	tagstack_init(&dc->tags);
	dc->attr = g_string_new(NULL);
	dc->face = -1;
	dc->color = -1;
}

void draw_release(struct draw_ctx *dc)
{
	free(dc->glyphs);
	free(dc->clusters);
	g_string_free(dc->attr, TRUE);
	memset(dc, 0, sizeof *dc);
}

void draw_attr_quoted(GString *out, const char *s)
{
	g_string_append_c(out, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *s);
	}
	g_string_append_c(out, '\'');
}

void draw_tag_begin(struct draw_ctx *dc, const char *name, const char *attributes)
{
	if (!dc->tagged)
		return;
	tagstack_push(&dc->tags, name);
	cairo_tag_begin(dc->cr, name, attributes ? attributes : "");
}

void draw_tag_end(struct draw_ctx *dc, const char *name)
{
	if (!dc->tagged)
		return;
	tagstack_pop(&dc->tags, name);
	cairo_tag_end(dc->cr, name);
}

static void set_color(struct draw_ctx *dc, doc_rgb rgb)
{
	if (dc->color == (long)rgb)
		return;
	cairo_set_source_rgb(dc->cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
			     (rgb & 0xFF) / 255.0);
	dc->color = (long)rgb;
}

static void set_face(struct draw_ctx *dc, uint16_t face)
{
	if (dc->face == face)
		return;
	cairo_set_scaled_font(dc->cr, dc->fonts->faces[face].scaled);
	dc->face = face;
}

/* After cairo_restore() the colour and font are cairo's saved ones. */
static void forget_state(struct draw_ctx *dc)
{
	dc->face = -1;
	dc->color = -1;
}

static void link_attributes(struct draw_ctx *dc, const char *uri, const char *dest, double x,
			    double y, double w, double h)
{
	g_string_truncate(dc->attr, 0);
	if (dest) {
		g_string_append(dc->attr, "dest=");
		draw_attr_quoted(dc->attr, dest);
	} else {
		g_string_append(dc->attr, "uri=");
		draw_attr_quoted(dc->attr, uri ? uri : "");
	}
	g_string_append_printf(dc->attr, " rect=[%.2f %.2f %.2f %.2f]", x, y, w, h);
}

static void ensure_scratch(struct draw_ctx *dc, size_t n)
{
	if (n > dc->cap_glyphs) {
		dc->cap_glyphs = n < 256 ? 256 : n * 2;
		dc->glyphs = xrealloc(dc->glyphs, dc->cap_glyphs, sizeof *dc->glyphs);
		dc->clusters = xrealloc(dc->clusters, dc->cap_glyphs, sizeof *dc->clusters);
		dc->cap_clusters = dc->cap_glyphs;
	}
}

/* A character no font has: an empty box where it would be. */
static void unknown_box(struct draw_ctx *dc, double x, double y, double size)
{
	cairo_rectangle(dc->cr, x + 0.08 * size, y - 0.7 * size, 0.5 * size, 0.7 * size);
	cairo_set_line_width(dc->cr, 0.06 * size);
	cairo_stroke(dc->cr);
}

static void show_run(struct draw_ctx *dc, const struct shape *s, const struct shape_run *run,
		     double ox, double base)
{
	uint32_t n = run->n_glyphs;
	if (n == 0)
		return;
	ensure_scratch(dc, n);
	cairo_glyph_t *g = dc->glyphs;
	shape_run_glyphs(s, run, ox, base, g);
	set_face(dc, run->face);
	if (run->flags & SHAPE_RUN_UNKNOWN) {
		uint32_t m = 0;
		double size = dc->fonts->size[s->role];
		for (uint32_t k = 0; k < n; k++) {
			if (g[k].index == 0)
				unknown_box(dc, g[k].x, g[k].y, size);
			else
				g[m++] = g[k];
		}
		cairo_show_glyphs(dc->cr, g, (int)m);
		return;
	}
	if (!dc->text_glyphs || (run->flags & SHAPE_RUN_NO_TEXT)) {
		cairo_show_glyphs(dc->cr, g, (int)n);
		return;
	}
	const char *text = s->text + run->text_start;
	cairo_text_cluster_t *cl = dc->clusters;
	int n_cl;
	if (run->flags & SHAPE_RUN_CLUSTERS) {
		ensure_scratch(dc, run->n_clusters);
		cl = dc->clusters;
		g = dc->glyphs;
		for (uint32_t k = 0; k < run->n_clusters; k++) {
			cl[k].num_bytes = run->clusters[k].bytes;
			cl[k].num_glyphs = run->clusters[k].glyphs;
		}
		n_cl = (int)run->n_clusters;
	} else {
		const char *p = text, *end = text + run->text_len;
		for (uint32_t k = 0; k < n; k++) {
			int len = g_utf8_skip[*(const unsigned char *)p];
			cl[k].num_bytes = len;
			cl[k].num_glyphs = 1;
			p += len;
		}
		n_cl = (int)n;
		if (p < end) {
			ensure_scratch(dc, n + 1);
			cl = dc->clusters;
			g = dc->glyphs;
			cl[n].num_bytes = (int)(end - p);
			cl[n].num_glyphs = 0;
			n_cl++;
		}
	}
	cairo_show_text_glyphs(dc->cr, text, (int)run->text_len, g, (int)n, cl, n_cl,
			       run->flags & SHAPE_RUN_RTL ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
}

void draw_lines(struct draw_ctx *dc, const struct shape *s, uint32_t from, uint32_t to,
		double ox, double top, long color, unsigned flags)
{
	if (from >= to)
		return;
	double y0 = top - s->lines[from].top;
	bool tag_runs = dc->tagged && (flags & LAYOUT_TEXT_TAG_RUNS);
	/* Runs between links share one Span: fewer elements, and words
	 * stay whole for text extraction. */
	bool span_open = false;
	for (uint32_t i = from; i < to; i++) {
		const struct shape_line *l = &s->lines[i];
		double base = y0 + l->baseline;
		for (uint32_t r = 0; r < l->n_runs; r++) {
			const struct shape_run *run = &s->runs[l->run_start + r];
			bool link = run->flags & SHAPE_RUN_LINK;
			if (color >= 0)
				set_color(dc, link && (flags & LAYOUT_TEXT_LINK_COLOR)
					      ? dc->link_color : (doc_rgb)color);
			if (tag_runs && link) {
				if (span_open) {
					draw_tag_end(dc, "Span");
					span_open = false;
				}
				const struct doc_span *sp = &s->source->spans[run->span];
				link_attributes(dc, sp->uri, sp->dest, ox + run->x, y0 + l->top,
						run->width, l->bottom - l->top);
				draw_tag_begin(dc, "Link", dc->attr->str);
			} else if (tag_runs && !span_open) {
				draw_tag_begin(dc, "Span", NULL);
				span_open = true;
			}
			show_run(dc, s, run, ox, base);
			if (link) {
				const struct fonts_face *face = &dc->fonts->faces[run->face];
				cairo_rectangle(dc->cr, ox + run->x, base + face->underline_position,
						run->width, face->underline_thickness);
				cairo_fill(dc->cr);
				if (tag_runs)
					draw_tag_end(dc, "Link");
			}
		}
	}
	if (span_open)
		draw_tag_end(dc, "Span");
}

static void draw_text(struct draw_ctx *dc, const struct layout_op *op)
{
	const struct shape *s = op->u.text.shape;
	if (!s)
		BUG("text operation without text");
	const char *wrap = op->flags & LAYOUT_TEXT_WRAP ? layout_tag_name((enum layout_tag)op->tag)
							: NULL;
	if (wrap)
		draw_tag_begin(dc, wrap, NULL);
	draw_lines(dc, s, op->u.text.from, op->u.text.to, op->u.text.ox, op->y, (long)op->color,
		   op->flags);
	if (wrap)
		draw_tag_end(dc, wrap);
}

static void draw_grid(struct draw_ctx *dc, const struct layout_op *op)
{
	cairo_t *cr = dc->cr;
	set_color(dc, op->color);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, op->x, op->y, op->w, op->h);
	double top = op->y + op->u.grid.above, bottom = op->y + op->h - op->u.grid.below;
	for (uint32_t k = 1; k < op->u.grid.n; k++) {
		cairo_move_to(cr, op->u.grid.edges[k], top);
		cairo_line_to(cr, op->u.grid.edges[k], bottom);
	}
	if (op->u.grid.above > 0) {
		cairo_move_to(cr, op->x, top);
		cairo_line_to(cr, op->x + op->w, top);
	}
	if (op->u.grid.below > 0) {
		cairo_move_to(cr, op->x, bottom);
		cairo_line_to(cr, op->x + op->w, bottom);
	}
	cairo_stroke(cr);
}

static void draw_image(struct draw_ctx *dc, const struct layout_op *op)
{
	cairo_t *cr = dc->cr;
	cairo_surface_t *img = op->u.image;
	int pw = cairo_image_surface_get_width(img), ph = cairo_image_surface_get_height(img);
	cairo_save(cr);
	cairo_translate(cr, op->x, op->y);
	cairo_scale(cr, op->w / pw, op->h / ph);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_restore(cr);
	forget_state(dc);
}

static void draw_figure(struct draw_ctx *dc, const struct layout_op *op)
{
	cairo_t *cr = dc->cr;
	const struct doc_figure *fig = op->u.figure.fig;
	cairo_save(cr);
	cairo_rectangle(cr, op->x, op->y, op->w, op->h);
	cairo_clip(cr);
	cairo_translate(cr, op->x, op->y);
	cairo_new_path(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	fig->draw(cr, op->w, op->h, fig->user);
	cairo_restore(cr);
	forget_state(dc);
}

static void draw_dest(struct draw_ctx *dc, const struct layout_op *op)
{
	if (!dc->tagged)
		return;
	g_string_truncate(dc->attr, 0);
	g_string_append(dc->attr, "name=");
	draw_attr_quoted(dc->attr, op->u.dest);
	g_string_append_printf(dc->attr, " x=%.2f y=%.2f", op->x, op->y);
	draw_tag_begin(dc, CAIRO_TAG_DEST, dc->attr->str);
	draw_tag_end(dc, CAIRO_TAG_DEST);
}

void draw_page(struct draw_ctx *dc, const struct layout_page *p)
{
	if (p->released)
		BUG("drawing a page whose operations were released");
	cairo_t *cr = dc->cr;
	for (size_t i = 0; i < p->n_ops; i++) {
		const struct layout_op *op = &p->ops[i];
		switch ((enum layout_op_kind)op->kind) {
		case LAYOUT_OP_TEXT:
			draw_text(dc, op);
			break;
		case LAYOUT_OP_FILL:
			set_color(dc, op->color);
			cairo_rectangle(cr, op->x, op->y, op->w, op->h);
			cairo_fill(cr);
			break;
		case LAYOUT_OP_RULE:
			set_color(dc, op->color);
			cairo_set_line_width(cr, 0.5);
			cairo_move_to(cr, op->x, op->y);
			cairo_line_to(cr, op->x + op->w, op->y + op->h);
			cairo_stroke(cr);
			break;
		case LAYOUT_OP_GRID:
			draw_grid(dc, op);
			break;
		case LAYOUT_OP_IMAGE:
			draw_image(dc, op);
			break;
		case LAYOUT_OP_FIGURE:
			draw_figure(dc, op);
			break;
		case LAYOUT_OP_TAG_BEGIN: {
			const char *name = layout_tag_name((enum layout_tag)op->tag);
			if (op->tag == LAYOUT_TAG_LINK && dc->tagged) {
				link_attributes(dc, op->u.link.uri, op->u.link.dest, op->x, op->y,
						op->w, op->h);
				draw_tag_begin(dc, name, dc->attr->str);
			} else {
				draw_tag_begin(dc, name, NULL);
			}
			break;
		}
		case LAYOUT_OP_TAG_END:
			draw_tag_end(dc, layout_tag_name((enum layout_tag)op->tag));
			break;
		case LAYOUT_OP_DEST:
			draw_dest(dc, op);
			break;
		}
	}
}
