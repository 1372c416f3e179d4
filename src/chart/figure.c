/* A chart in a document: the figure (drawn by chart_draw, with the
 * chart's alternative text) and its data as a table. */
#include <stdarg.h>

#include "base/diag.h"
#include "chart/internal.h"

struct doc_figure *chart_add_figure(struct doc_section *s, const struct chart *c,
				    const char *caption)
{
	struct doc_figure *fig = doc_add_figure(s, c->width, c->height, chart_draw, (void *)c,
						c->alt);
	if (caption)
		fig->caption = doc_text_plain(s->doc->arena, caption);
	return fig;
}

struct doc_table *chart_add_table(struct doc_section *s, const struct chart *c)
{
	const struct chart_table *t = &c->table;
	struct arena *a = s->doc->arena;
	struct doc_table *dt = doc_add_table(s, t->n_cols);
	for (size_t col = 0; col < t->n_cols; col++) {
		doc_table_column(dt, col, DOC_WIDTH_AUTO, 0, doc_text_plain(a, t->head[col]));
		dt->cols[col].row_header = col == 0;
		dt->cols[col].align = col == 0 ? DOC_ALIGN_LEFT : DOC_ALIGN_RIGHT;
	}
	for (size_t r = 0; r < t->n_rows; r++) {
		struct doc_row *row = doc_table_add_row(dt);
		for (size_t col = 0; col < t->n_cols; col++) {
			const char *cell = t->cells[r * t->n_cols + col];
			if (cell)
				row->cells[col].text = doc_text_plain(a, cell);
		}
	}
	return dt;
}

void chart_table_init(struct chart *c, size_t n_cols, size_t n_rows_max, ...)
{
	struct chart_table *t = &c->table;
	t->n_cols = n_cols;
	t->n_rows = 0;
	t->cap_rows = n_rows_max;
	t->head = arena_array(c->arena, const char *, n_cols);
	t->cells = arena_array(c->arena, const char *, n_cols * (n_rows_max ? n_rows_max : 1));
	va_list ap;
	va_start(ap, n_rows_max);
	for (size_t i = 0; i < n_cols; i++)
		t->head[i] = va_arg(ap, const char *);
	va_end(ap);
}

void chart_table_row(struct chart *c, ...)
{
	struct chart_table *t = &c->table;
	if (t->n_rows >= t->cap_rows)
		BUG("chart table holds %zu rows", t->cap_rows);
	const char **row = &t->cells[t->n_rows * t->n_cols];
	va_list ap;
	va_start(ap, c);
	for (size_t i = 0; i < t->n_cols; i++)
		row[i] = va_arg(ap, const char *);
	va_end(ap);
	t->n_rows++;
}
