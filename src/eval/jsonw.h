/** A small streaming JSON writer: keys in the order written, two-space
 *  indentation, strings escaped (control characters, quotes, U+2028/9;
 *  invalid UTF-8 becomes U+FFFD), numbers by a fixed rule independent of
 *  the locale (eval_format_number). Nesting is checked: a mismatched end
 *  is a bug, not output. */
#ifndef BP_JSONW_H
#define BP_JSONW_H

#include <stdbool.h>
#include <stdio.h>

#define JSONW_MAX_DEPTH 32

struct jsonw {
	FILE *f;
	int depth;
	bool has_items[JSONW_MAX_DEPTH];
	char closer[JSONW_MAX_DEPTH];
	bool after_key;
};

void jsonw_init(struct jsonw *w, FILE *f);
/** Ends the document with a newline. */
void jsonw_finish(struct jsonw *w);

void jsonw_object(struct jsonw *w);
void jsonw_array(struct jsonw *w);
void jsonw_end(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);

void jsonw_string(struct jsonw *w, const char *s);   /* NULL: null */
void jsonw_number(struct jsonw *w, double x);        /* not finite: null */
void jsonw_int(struct jsonw *w, long long n);
void jsonw_bool(struct jsonw *w, bool b);
void jsonw_null(struct jsonw *w);

/* key and value together */
void jsonw_kstring(struct jsonw *w, const char *key, const char *s);
void jsonw_knumber(struct jsonw *w, const char *key, double x);
void jsonw_kint(struct jsonw *w, const char *key, long long n);
void jsonw_kbool(struct jsonw *w, const char *key, bool b);
void jsonw_knull(struct jsonw *w, const char *key);
void jsonw_kobject(struct jsonw *w, const char *key);
void jsonw_karray(struct jsonw *w, const char *key);

/** Formats x as JSON and CSV print it: at most four decimals, rounded half
 *  away from zero, trailing zeros and a trailing point dropped, "-0" as
 *  "0"; "" when x is not finite. buf must hold 32 bytes. */
char *eval_format_number(double x, char *buf);

#endif
