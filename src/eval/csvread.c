#include "eval/csvread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->p = data;
	r->end = data + len;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
}

void csv_reader_release(struct csv_reader *r)
{
	strbuf_release(&r->pool);
	free(r->offsets);
	free(r->fields);
	r->offsets = NULL;
	r->fields = NULL;
}

static void start_field(struct csv_reader *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->offsets = xrealloc(r->offsets, r->cap, sizeof *r->offsets);
		r->fields = xrealloc(r->fields, r->cap, sizeof *r->fields);
	}
	r->offsets[r->n++] = r->pool.len;
}

static int fail(struct csv_reader *r, const char *msg)
{
	snprintf(r->error, sizeof r->error, "%s", msg);
	r->p = r->end;
	return -1;
}

/* Consumes a line end at p, if there is one. */
static void line_end(struct csv_reader *r)
{
	if (r->p < r->end && *r->p == '\r') {
		r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
	} else if (r->p < r->end && *r->p == '\n') {
		r->p++;
	}
}

int csv_next(struct csv_reader *r)
{
	if (r->p >= r->end)
		return 0;
	r->row++;
	r->n = 0;
	strbuf_reset(&r->pool);
	for (;;) {
		start_field(r);
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			for (;;) {
				if (r->p >= r->end)
					return fail(r, "a quoted field is not closed before the end of the file");
				char ch = *r->p++;
				if (ch == '"') {
					if (r->p < r->end && *r->p == '"') {
						strbuf_addc(&r->pool, '"');
						r->p++;
						continue;
					}
					break;
				}
				if (ch == '\0')
					return fail(r, "a NUL byte in the file");
				strbuf_addc(&r->pool, ch);
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
				return fail(r, "text after the closing quote of a field (a quote inside "
					       "a field is written twice: \"\")");
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
				if (*r->p == '"')
					return fail(r, "a quote inside a field that does not start with "
						       "one (put the field in quotes and write the quote "
						       "twice: \"\")");
				if (*r->p == '\0')
					return fail(r, "a NUL byte in the file");
				strbuf_addc(&r->pool, *r->p++);
			}
		}
		strbuf_addc(&r->pool, '\0');
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		line_end(r);
		break;
	}
	for (size_t i = 0; i < r->n; i++)
		r->fields[i] = r->pool.buf + r->offsets[i];
	return 1;
}
