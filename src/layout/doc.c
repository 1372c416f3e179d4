#include "layout/doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "base/arena.h"

struct doc_theme doc_theme_default(void)
{
	return (struct doc_theme){
		.text = 0x1A1A1A,
		.accent = 0x1F3864,
		.link = 0x0B4EA2,
		.header_fill = 0x1F3864,
		.group_fill = 0xD9E2F3,
		.label_fill = 0xEDF1F8,
		.rule = 0x808080,
	};
}

void doc_init(struct doc *d, struct arena *a)
{
	memset(d, 0, sizeof *d);
	d->arena = a;
	d->theme = doc_theme_default();
}

/* ---- text ---- */

/* An empty text shares this until something is appended (cap 0). */
static char empty_text[1];

struct doc_text *doc_text_new(struct arena *a)
{
	struct doc_text *t = arena_new(a, struct doc_text);
	t->arena = a;
	t->text = empty_text;
	return t;
}

static bool same_link(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void add_span(struct doc_text *t, size_t start, size_t end, unsigned style,
		     const char *uri, const char *dest)
{
	if (t->n_spans) {
		struct doc_span *last = &t->spans[t->n_spans - 1];
		if (last->end == start && last->style == style && same_link(last->uri, uri) &&
		    same_link(last->dest, dest)) {
			last->end = end;
			return;
		}
	}
	if (t->n_spans == t->cap_spans) {
		size_t cap = t->cap_spans ? t->cap_spans * 2 : 4;
		t->spans = arena_grow(t->arena, t->spans, t->n_spans, cap, sizeof *t->spans);
		t->cap_spans = cap;
	}
	t->spans[t->n_spans++] = (struct doc_span){
		.start = start, .end = end, .style = style,
		.uri = uri ? arena_strdup(t->arena, uri) : NULL,
		.dest = dest ? arena_strdup(t->arena, dest) : NULL,
	};
}

static void append(struct doc_text *t, const char *s, size_t n, unsigned style,
		   const char *uri, const char *dest)
{
	if (!s || n == 0)
		return;
	char *fixed = NULL;
	if (!g_utf8_validate(s, (gssize)n, NULL)) {
		fixed = g_utf8_make_valid(s, (gssize)n);
		s = fixed;
		n = strlen(fixed);
	}
	if (t->len + n + 1 > t->cap) {
		/* The first piece gets exactly its size: most texts are one. */
		size_t cap = t->cap ? t->cap * 2 : 0;
		if (cap < t->len + n + 1)
			cap = t->len + n + 1;
		t->text = arena_grow(t->arena, t->cap ? t->text : NULL, t->cap ? t->len + 1 : 0,
				     cap, 1);
		t->cap = cap;
	}
	memcpy(t->text + t->len, s, n);
	size_t start = t->len;
	t->len += n;
	t->text[t->len] = '\0';
	if (style || uri || dest)
		add_span(t, start, t->len, style, uri, dest);
	g_free(fixed);
}

struct doc_text *doc_text_plain(struct arena *a, const char *s)
{
	struct doc_text *t = doc_text_new(a);
	if (s)
		append(t, s, strlen(s), 0, NULL, NULL);
	return t;
}

void doc_text_add(struct doc_text *t, const char *s, unsigned style)
{
	if (s)
		append(t, s, strlen(s), style, NULL, NULL);
}

void doc_text_addf(struct doc_text *t, unsigned style, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(t->arena, fmt, ap);
	va_end(ap);
	append(t, s, strlen(s), style, NULL, NULL);
}

void doc_text_add_link(struct doc_text *t, const char *s, unsigned style, const char *uri)
{
	if (s)
		append(t, s, strlen(s), style, uri && *uri ? uri : NULL, NULL);
}

void doc_text_add_ref(struct doc_text *t, const char *s, unsigned style, const char *anchor)
{
	if (s)
		append(t, s, strlen(s), style, NULL, anchor && *anchor ? anchor : NULL);
}

bool doc_text_empty(const struct doc_text *t)
{
	return !t || t->len == 0;
}

/* ---- markup ---- */

#define MARKUP_DEPTH 16

struct markup_state {
	struct doc_text *t;
	unsigned style;
	const char *uri, *dest;
	char open[MARKUP_DEPTH];   /* 'b', 'i', 'a' */
	int depth;
	char *err;
	size_t errsize;
};

static bool markup_fail(struct markup_state *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool markup_fail(struct markup_state *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (m->err && m->errsize)
		vsnprintf(m->err, m->errsize, fmt, ap);
	va_end(ap);
	return false;
}

/* Decodes the entity at *p (just after '&') into out (UTF-8, NUL-ended);
 * advances *p past the ';'. */
static bool decode_entity(struct markup_state *m, const char **p, char out[8])
{
	const char *s = *p;
	const char *semi = strchr(s, ';');
	if (!semi || semi - s > 10)
		return markup_fail(m, "'&' that does not start an entity (write &amp;)");
	size_t n = (size_t)(semi - s);
	static const struct { const char *name; const char *text; } named[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
	};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (strlen(named[i].name) == n && strncmp(s, named[i].name, n) == 0) {
			memcpy(out, named[i].text, strlen(named[i].text) + 1);
			*p = semi + 1;
			return true;
		}
	}
	if (n >= 2 && s[0] == '#') {
		unsigned long cp = 0;
		bool hex = s[1] == 'x' || s[1] == 'X';
		const char *d = s + (hex ? 2 : 1);
		if (d == semi)
			return markup_fail(m, "empty character reference");
		for (; d < semi; d++) {
			int v;
			if (*d >= '0' && *d <= '9')
				v = *d - '0';
			else if (hex && *d >= 'a' && *d <= 'f')
				v = *d - 'a' + 10;
			else if (hex && *d >= 'A' && *d <= 'F')
				v = *d - 'A' + 10;
			else
				return markup_fail(m, "bad character reference '&%.*s;'", (int)n, s);
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			if (cp > 0x10FFFF)
				return markup_fail(m, "character reference '&%.*s;' out of range", (int)n, s);
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			return markup_fail(m, "character reference '&%.*s;' is not a character", (int)n, s);
		int len = g_unichar_to_utf8((gunichar)cp, out);
		out[len] = '\0';
		*p = semi + 1;
		return true;
	}
	return markup_fail(m, "unknown entity '&%.*s;'", (int)n, s);
}

static bool push_tag(struct markup_state *m, char tag)
{
	if (m->depth == MARKUP_DEPTH)
		return markup_fail(m, "markup nested too deeply");
	for (int i = 0; i < m->depth; i++)
		if (tag == 'a' && m->open[i] == 'a')
			return markup_fail(m, "link inside a link");
	m->open[m->depth++] = tag;
	if (tag == 'b')
		m->style |= DOC_BOLD;
	else if (tag == 'i')
		m->style |= DOC_ITALIC;
	return true;
}

static void recompute_style(struct markup_state *m)
{
	m->style = 0;
	for (int i = 0; i < m->depth; i++) {
		if (m->open[i] == 'b')
			m->style |= DOC_BOLD;
		else if (m->open[i] == 'i')
			m->style |= DOC_ITALIC;
	}
}

static bool pop_tag(struct markup_state *m, char tag)
{
	if (m->depth == 0 || m->open[m->depth - 1] != tag)
		return markup_fail(m, "'</%c>' does not close the open element", tag);
	m->depth--;
	if (tag == 'a')
		m->uri = m->dest = NULL;
	recompute_style(m);
	return true;
}

/* Parses <a href="..."> from p (just after "<a"); sets the link. */
static bool parse_anchor(struct markup_state *m, const char **p)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	if (strncmp(s, "href=", 5) != 0)
		return markup_fail(m, "'<a>' without href");
	s += 5;
	char q = *s;
	if (q != '"' && q != '\'')
		return markup_fail(m, "href value not in quotes");
	s++;
	struct doc_text *buf = doc_text_new(m->t->arena);
	while (*s && *s != q) {
		if (*s == '&') {
			char ch[8];
			s++;
			if (!decode_entity(m, &s, ch))
				return false;
			append(buf, ch, strlen(ch), 0, NULL, NULL);
		} else if (*s == '<') {
			return markup_fail(m, "'<' inside an href");
		} else {
			append(buf, s, 1, 0, NULL, NULL);
			s++;
		}
	}
	if (*s != q)
		return markup_fail(m, "unterminated href");
	s++;
	while (*s == ' ')
		s++;
	if (*s != '>')
		return markup_fail(m, "unexpected text in '<a>' element");
	*p = s + 1;
	if (buf->len == 0 || (buf->text[0] == '#' && buf->len == 1))
		return markup_fail(m, "empty href");
	if (!push_tag(m, 'a'))
		return false;
	if (buf->text[0] == '#')
		m->dest = buf->text + 1;
	else
		m->uri = buf->text;
	return true;
}

struct doc_text *doc_text_markup(struct arena *a, const char *markup, char *err, size_t errsize)
{
	struct markup_state m = { .t = doc_text_new(a), .err = err, .errsize = errsize };
	const char *p = markup ? markup : "";
	while (*p) {
		if (*p == '<') {
			p++;
			if (strncmp(p, "b>", 2) == 0) {
				if (!push_tag(&m, 'b'))
					return NULL;
				p += 2;
			} else if (strncmp(p, "i>", 2) == 0) {
				if (!push_tag(&m, 'i'))
					return NULL;
				p += 2;
			} else if (strncmp(p, "/b>", 3) == 0 || strncmp(p, "/i>", 3) == 0 ||
				   strncmp(p, "/a>", 3) == 0) {
				if (!pop_tag(&m, p[1]))
					return NULL;
				p += 3;
			} else if (strncmp(p, "br/>", 4) == 0) {
				append(m.t, "\n", 1, 0, NULL, NULL);
				p += 4;
			} else if (p[0] == 'a' && p[1] == ' ') {
				p++;
				if (!parse_anchor(&m, &p))
					return NULL;
			} else {
				size_t n = strcspn(p, ">");
				markup_fail(&m, "unknown markup '<%.*s>'", (int)(n > 20 ? 20 : n), p);
				return NULL;
			}
		} else if (*p == '&') {
			char ch[8];
			p++;
			if (!decode_entity(&m, &p, ch))
				return NULL;
			append(m.t, ch, strlen(ch), m.style, m.uri, m.dest);
		} else {
			size_t n = strcspn(p, "<&");
			append(m.t, p, n, m.style, m.uri, m.dest);
			p += n;
		}
	}
	if (m.depth) {
		markup_fail(&m, "'<%c>' is not closed", m.open[m.depth - 1]);
		return NULL;
	}
	return m.t;
}

char *doc_markup_escape(struct arena *a, const char *s)
{
	if (!s)
		return arena_strdup(a, "");
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '&': n += 5; break;
		case '<': case '>': n += 4; break;
		case '"': case '\'': n += 6; break;
		default: n++;
		}
	}
	char *out = arena_array(a, char, n + 1), *o = out;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		}
		if (rep) {
			size_t k = strlen(rep);
			memcpy(o, rep, k);
			o += k;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* ---- blocks ---- */

static struct doc_margins default_margins(enum doc_orientation o)
{
	if (o == DOC_LANDSCAPE)
		return (struct doc_margins){ .top = 56, .right = 48, .bottom = 56, .left = 48 };
	return (struct doc_margins){ .top = 64, .right = 54, .bottom = 64, .left = 54 };
}

struct doc_section *doc_add_section(struct doc *d, enum doc_orientation o)
{
	struct doc_section *s = arena_new(d->arena, struct doc_section);
	s->doc = d;
	s->orientation = o;
	s->margins = default_margins(o);
	if (d->last)
		d->last->next = s;
	else
		d->first = s;
	d->last = s;
	return s;
}

static struct doc_block *add_block(struct doc_section *s, enum doc_block_kind kind)
{
	struct doc_block *b = arena_new(s->doc->arena, struct doc_block);
	b->kind = kind;
	if (s->last)
		s->last->next = b;
	else
		s->first = b;
	s->last = b;
	return b;
}

static const char *copy_or_null(struct arena *a, const char *s)
{
	return s && *s ? arena_strdup(a, s) : NULL;
}

struct doc_heading *doc_add_heading(struct doc_section *s, int level,
				    struct doc_text *text, const char *anchor)
{
	struct doc_block *b = add_block(s, DOC_HEADING);
	struct doc_heading *h = &b->u.heading;
	h->level = level < 1 ? 1 : level > 3 ? 3 : level;
	h->text = text ? text : doc_text_new(s->doc->arena);
	h->anchor = copy_or_null(s->doc->arena, anchor);
	h->in_contents = true;
	return h;
}

struct doc_paragraph *doc_add_paragraph(struct doc_section *s, struct doc_text *text)
{
	struct doc_block *b = add_block(s, DOC_PARAGRAPH);
	b->u.para.text = text ? text : doc_text_new(s->doc->arena);
	return &b->u.para;
}

struct doc_list *doc_add_list(struct doc_section *s)
{
	struct doc_list *l = &add_block(s, DOC_LIST)->u.list;
	l->arena = s->doc->arena;
	return l;
}

void doc_list_add(struct doc_list *l, int level, struct doc_text *text)
{
	struct arena *a = l->arena;
	if (!text)
		text = doc_text_new(a);
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		l->items = arena_grow(a, l->items, l->n, cap, sizeof *l->items);
		l->cap = cap;
	}
	int prev = l->n ? l->items[l->n - 1].level : -1;
	if (level < 0)
		level = 0;
	if (level > prev + 1)
		level = prev + 1;
	l->items[l->n++] = (struct doc_list_item){ .level = level, .text = text };
}

struct doc_panel *doc_add_panel(struct doc_section *s)
{
	struct doc_panel *p = &add_block(s, DOC_PANEL)->u.panel;
	p->arena = s->doc->arena;
	return p;
}

void doc_panel_add(struct doc_panel *p, struct doc_text *label, struct doc_text *value)
{
	struct arena *a = p->arena;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		p->rows = arena_grow(a, p->rows, p->n, cap, sizeof *p->rows);
		p->cap = cap;
	}
	p->rows[p->n++] = (struct doc_panel_row){
		.label = label ? label : doc_text_new(a),
		.value = value ? value : doc_text_new(a),
	};
}

struct doc_table *doc_add_table(struct doc_section *s, size_t n_cols)
{
	struct doc_block *b = add_block(s, DOC_TABLE);
	struct doc_table *t = &b->u.table;
	if (n_cols == 0)
		n_cols = 1;
	t->n_cols = n_cols;
	t->cols = arena_array(s->doc->arena, struct doc_column, n_cols);
	t->header = true;
	t->arena = s->doc->arena;
	return t;
}

void doc_table_column(struct doc_table *t, size_t col, enum doc_width_kind kind,
		      double value, struct doc_text *header)
{
	if (col >= t->n_cols)
		return;
	t->cols[col].kind = kind;
	t->cols[col].value = value > 0 ? value : (kind == DOC_WIDTH_FR ? 1 : 0);
	if (kind == DOC_WIDTH_FIXED && value <= 0)
		t->cols[col].kind = DOC_WIDTH_AUTO;
	t->cols[col].header = header;
}

static struct doc_row *new_row(struct doc_table *t, enum doc_row_kind kind)
{
	if (t->n_rows == t->cap_rows) {
		size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
		t->rows = arena_grow(t->arena, t->rows, t->n_rows, cap, sizeof *t->rows);
		t->cap_rows = cap;
	}
	struct doc_row *r = arena_new(t->arena, struct doc_row);
	r->kind = kind;
	r->cells = arena_array(t->arena, struct doc_cell, kind == DOC_ROW_GROUP ? 1 : t->n_cols);
	t->rows[t->n_rows++] = r;
	return r;
}

struct doc_row *doc_table_add_row(struct doc_table *t)
{
	return new_row(t, DOC_ROW_DATA);
}

struct doc_row *doc_table_add_group(struct doc_table *t, struct doc_text *text)
{
	struct doc_row *r = new_row(t, DOC_ROW_GROUP);
	r->cells[0].text = text;
	return r;
}

const struct doc_status *doc_status_new(struct doc *d, const char *label, doc_rgb fill)
{
	struct doc_status *st = arena_new(d->arena, struct doc_status);
	st->label = arena_strdup(d->arena, label ? label : "");
	st->fill = fill & 0xFFFFFF;
	return st;
}

struct doc_figure *doc_add_figure(struct doc_section *s, double width, double height,
				  doc_draw_fn draw, void *user, const char *alt)
{
	struct doc_figure *f = &add_block(s, DOC_FIGURE)->u.figure;
	f->width = width > 0 ? width : 0;
	f->height = height > 0 ? height : 0;
	f->draw = draw;
	f->user = user;
	f->alt = copy_or_null(s->doc->arena, alt);
	return f;
}

struct doc_figure *doc_cell_figure(struct doc_table *t, struct doc_cell *c, double width,
				   double height, doc_draw_fn draw, void *user, const char *alt)
{
	struct doc_figure *f = arena_new(t->arena, struct doc_figure);
	f->width = width > 0 ? width : 0;
	f->height = height > 0 ? height : 0;
	f->draw = draw;
	f->user = user;
	f->alt = copy_or_null(t->arena, alt);
	c->figure = f;
	return f;
}

struct doc_image *doc_add_image(struct doc_section *s, const char *path, double width,
				const char *alt)
{
	struct doc_image *im = &add_block(s, DOC_IMAGE)->u.image;
	im->path = arena_strdup(s->doc->arena, path ? path : "");
	im->width = width > 0 ? width : 0;
	im->alt = copy_or_null(s->doc->arena, alt);
	return im;
}

void doc_add_page_break(struct doc_section *s)
{
	add_block(s, DOC_PAGE_BREAK);
}

struct doc_contents *doc_add_contents(struct doc_section *s, int depth)
{
	struct doc_contents *c = &add_block(s, DOC_CONTENTS)->u.contents;
	c->depth = depth < 1 ? 1 : depth > 3 ? 3 : depth;
	return c;
}
