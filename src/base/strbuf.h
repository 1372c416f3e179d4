/** A growable string for building text piece by piece (malloc-backed;
 *  strbuf_release frees it). Allocation failure ends the process like the
 *  arena does. */
#ifndef BP_STRBUF_H
#define BP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Appends s with &, <, >, " and ' escaped for XML and Pango markup. */
void strbuf_add_escaped(struct strbuf *sb, const char *s, size_t n);
void strbuf_reset(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/** The text so far ("" when empty); valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);

#endif
