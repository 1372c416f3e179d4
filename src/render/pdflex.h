/** A reader of PDF object syntax (ISO 32000-1, 7.2 and 7.3) over bytes in
 *  memory, for the PDF post-processor: it finds the extent of any value and
 *  the entries of dictionaries and arrays, so that a few dictionaries of a
 *  finished file can be rewritten and everything else copied byte for
 *  byte. It allocates nothing: values are spans of the input, which must
 *  outlive them. Nesting deeper than PDFLEX_MAX_DEPTH is refused, so a
 *  damaged file cannot exhaust the stack. */
#ifndef BP_PDFLEX_H
#define BP_PDFLEX_H

#include <stdbool.h>
#include <stddef.h>

#define PDFLEX_MAX_DEPTH 64

enum pdf_kind {
	PDF_NONE,       /* nothing read (the end, or an error) */
	PDF_NULL,
	PDF_BOOL,
	PDF_INT,
	PDF_REAL,
	PDF_NAME,
	PDF_STRING,     /* (literal) */
	PDF_HEXSTRING,  /* <hex> */
	PDF_ARRAY,
	PDF_DICT,
	PDF_REF,        /* N G R */
	PDF_KEYWORD     /* any other bare word: obj, endobj, stream, R ... */
};

struct pdf_value {
	enum pdf_kind kind;
	const char *start, *end;   /* the value's text, delimiters included */
	long long num;             /* INT: the value; REF: the object number */
	long long gen;             /* REF: the generation */
};

/** Skips white space and comments; returns the first other byte (or end). */
const char *pdf_skip_space(const char *p, const char *end);

/** Reads the value starting at or after p. Returns the position just after
 *  it; at the end of the input returns end with v->kind PDF_NONE. On
 *  broken syntax returns NULL and points *err at a description. */
const char *pdf_read_value(const char *p, const char *end, struct pdf_value *v, const char **err);

/** Iterates over the entries of a dictionary value or the items of an
 *  array value. */
struct pdf_iter {
	const char *p, *end;
	enum pdf_kind kind;
};

void pdf_iter_begin(struct pdf_iter *it, const struct pdf_value *container);

/** The next dictionary entry: 1 with key (a name) and val, 0 after the
 *  last, -1 on broken syntax (*err set). */
int pdf_dict_next(struct pdf_iter *it, struct pdf_value *key, struct pdf_value *val,
		  const char **err);

/** The next array item: 1 with val, 0 after the last, -1 on broken syntax. */
int pdf_array_next(struct pdf_iter *it, struct pdf_value *val, const char **err);

/** Looks key up ("/S") in a dictionary value. Returns 1 with val, 0 when
 *  absent, -1 on broken syntax. */
int pdf_dict_get(const struct pdf_value *dict, const char *key, struct pdf_value *val,
		 const char **err);

/** Whether a name value is key ("/TH"), #xx escapes decoded. */
bool pdf_name_is(const struct pdf_value *name, const char *key);

/** The decoded name ("/TH") in buf, cut to size - 1 bytes. Returns its
 *  full length. */
size_t pdf_name_decode(const struct pdf_value *name, char *buf, size_t size);

/** The bytes of a string value (literal or hex), escapes decoded, in buf
 *  (cut to size bytes; not terminated). Returns the full length, or -1 for
 *  a value that is not a string. */
long pdf_string_decode(const struct pdf_value *s, char *buf, size_t size);

#endif
