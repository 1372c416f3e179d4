#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "exitcode.h"

#define DIAG_DEFAULT_LIMIT 10000

static FILE *diag_stream;

static FILE *stream(void)
{
	return diag_stream ? diag_stream : stderr;
}

void diag_set_stream(void *file)
{
	diag_stream = file;
}

static const char *severity_word(enum diag_severity s)
{
	switch (s) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	case DIAG_NOTE: return "note";
	}
	return "?";
}

void diag_format(const struct diag *d, char *buf, size_t size)
{
	if (d->file && d->line > 0)
		snprintf(buf, size, "%s:%ld: %s: %s", d->file, d->line,
			 severity_word(d->severity), d->message);
	else if (d->file)
		snprintf(buf, size, "%s: %s: %s", d->file,
			 severity_word(d->severity), d->message);
	else
		snprintf(buf, size, "boardpack: %s: %s",
			 severity_word(d->severity), d->message);
}

static void default_sink(const struct diag *d, void *user)
{
	(void)user;
	char buf[4096];
	diag_format(d, buf, sizeof buf);
	fprintf(stream(), "%s\n", buf);
}

static diag_sink_fn sink_fn = default_sink;
static void *sink_user;

void diag_set_sink(diag_sink_fn fn, void *user)
{
	sink_fn = fn ? fn : default_sink;
	sink_user = user;
}

void diag_list_init(struct diag_list *l)
{
	memset(l, 0, sizeof *l);
	l->limit = DIAG_DEFAULT_LIMIT;
}

void diag_list_release(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].message);
		free((char *)l->items[i].file);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

void diag_vadd(struct diag_list *l, enum diag_severity sev, const char *file,
	       int file_order, long line, const char *fmt, va_list ap)
{
	if (sev == DIAG_ERROR)
		l->errors++;
	else if (sev == DIAG_WARNING)
		l->warnings++;
	if (l->n >= l->limit) {
		l->dropped++;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->items = xrealloc(l->items, l->cap, sizeof *l->items);
	}
	char buf[2048];
	vsnprintf(buf, sizeof buf, fmt, ap);
	struct diag *d = &l->items[l->n];
	/* the list outlives the plans and parts it speaks of */
	d->file = file ? xstrdup(file) : NULL;
	d->file_order = file_order;
	d->line = line;
	d->severity = sev;
	d->message = xstrdup(buf);
	d->seq = l->n;
	l->n++;
}

void diag_add(struct diag_list *l, enum diag_severity sev, const char *file,
	      int file_order, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(l, sev, file, file_order, line, fmt, ap);
	va_end(ap);
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	if (a->file_order != b->file_order)
		return a->file_order < b->file_order ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_emit(struct diag_list *l)
{
	diag_emit_min(l, DIAG_NOTE);
}

void diag_emit_min(struct diag_list *l, enum diag_severity min)
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof *l->items, diag_cmp);
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].severity >= min)
			sink_fn(&l->items[i], sink_user);
	if (l->dropped) {
		struct diag d = { .severity = DIAG_NOTE, .line = 0 };
		char msg[128];
		snprintf(msg, sizeof msg, "%zu further diagnostics not shown", l->dropped);
		d.message = msg;
		sink_fn(&d, sink_user);
	}
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("boardpack: error: ", stream());
	vfprintf(stream(), fmt, ap);
	fputc('\n', stream());
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("boardpack: warning: ", stream());
	vfprintf(stream(), fmt, ap);
	fputc('\n', stream());
	va_end(ap);
}

void die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("boardpack: fatal: ", stream());
	vfprintf(stream(), fmt, ap);
	fputc('\n', stream());
	va_end(ap);
	exit(code);
}

void bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stream(), "BUG: %s:%d: ", file, line);
	vfprintf(stream(), fmt, ap);
	fputc('\n', stream());
	va_end(ap);
	abort();
}
