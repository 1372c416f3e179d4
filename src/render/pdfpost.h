/** Accessibility and size fix-up of a finished cairo PDF.
 *
 *  cairo 1.16 writes a tagged PDF but drops what public-sector accessibility
 *  checks look for: no document language, no figure alternative text, no
 *  table header scope, no "show the title, not the file name", and metadata
 *  dates without their "D:" prefix. It also writes every structure element
 *  as an uncompressed object, so a tagged pack is many times the size of an
 *  untagged one. pdfpost_fix() reads the finished file, adds the missing
 *  entries and writes a new file in which content streams and fonts are
 *  copied byte for byte and every other object goes into compressed object
 *  streams, with a cross-reference stream and a content-derived /ID: the
 *  same input and options give the same bytes on every run.
 *
 *  It reads what cairo writes (a classic cross-reference table, objects of
 *  generation 0, no encryption, no incremental updates), checking every
 *  object's syntax and every stream's length on the way, and refuses
 *  anything else rather than repair it: a damaged file here means a
 *  renderer bug. Time and memory are linear in the file: a row of about 40
 *  bytes per object, and the input read through a memory map whose pages
 *  are given back as it goes (a 7,800-page pack: about 2 s and 30 MB).
 *
 *  Figure rule: the structure tree is walked depth first, children in the
 *  order of their /K entries (for cairo that is the order of the
 *  cairo_tag_begin() calls), and the n-th element whose structure type is
 *  Figure gets the n-th alternative text. A renderer therefore passes the
 *  alternative texts in the order it opened its Figure tags, across all
 *  pages. Table header cells (TH) are numbered the same way. */
#ifndef BP_PDFPOST_H
#define BP_PDFPOST_H

#include <stddef.h>

/** The /Scope of a table header cell. */
enum pdfpost_scope {
	PDFPOST_SCOPE_COLUMN,  /* heads the cells below it (the default) */
	PDFPOST_SCOPE_ROW,     /* heads the cells to its right */
	PDFPOST_SCOPE_BOTH
};

/** What pdfpost_fix() writes. Strings are UTF-8 and borrowed for the call.
 *  A NULL document property keeps the value cairo wrote (cairo writes the
 *  title and its own producer string); a non-NULL one replaces it. */
struct pdfpost_options {
	const char *lang;      /* BCP 47 tag for the catalog, e.g. "en-GB"; required */
	const char *title;     /* the file must end up with a non-empty title */
	const char *author;
	const char *subject;
	const char *keywords;
	const char *creator;
	const char *producer;

	/* One non-empty text per Figure structure element, in structure tree
	 * order (see above); the count must match the file exactly. */
	const char *const *figure_alts;
	size_t figure_alt_count;

	/* Scope of every TH; th_scopes, when not NULL, gives one scope per TH
	 * in structure tree order instead (the count must then match). */
	enum pdfpost_scope th_scope;
	const enum pdfpost_scope *th_scopes;
	size_t th_scope_count;
};

/** Counts found while fixing, for the caller's statistics. */
struct pdfpost_stats {
	size_t struct_elements;
	size_t figures;
	size_t headers;
};

/** Reads the cairo PDF at in_path and writes the fixed file to out_path,
 *  which must be a different file (the caller renames it into place).
 *  Sets /Lang, /ViewerPreferences /DisplayDocTitle, /MarkInfo /Marked, the
 *  figures' /Alt, the headers' /A << /O /Table /Scope … >>, /Tabs /S on
 *  every page (links are visited in structure order), rewrites the
 *  Info dates as "D:YYYYMMDDHHmmSS" plus zone (a date written without a
 *  zone is UTC: boardpack stamps UTC dates and cairo drops a trailing "Z"
 *  in some forms), and replaces the Info properties given in opt.
 *
 *  Errors (reported through error(), returning -1): the input cannot be
 *  read, is damaged ("damaged PDF: FILE: object N: what"; nothing is
 *  repaired, which would hide a renderer bug), is not tagged, has a date
 *  it cannot understand, or has a different number of figures or headers
 *  than texts or scopes given; the output cannot be written. On failure
 *  out_path is removed (a path naming the input itself is refused, and
 *  left alone). stats may be NULL. Returns 0 on success. */
int pdfpost_fix(const char *in_path, const char *out_path,
		const struct pdfpost_options *opt, struct pdfpost_stats *stats);

#endif
