/** Diagnostics: every message boardpack prints about a user's file goes
 *  through here, in the compiler style `path:line: error: message`.
 *
 *  Messages are collected while a plan is read and checked, then sorted
 *  into file and line order and emitted together, so one run reports every
 *  problem. Emission goes through a replaceable sink (tests capture it).
 *  Message style: lowercase first word, no full stop, the problem first,
 *  the subject quoted: `unknown lead 'kh2' in action '1.3'`. */
#ifndef BP_DIAG_H
#define BP_DIAG_H

#include <stdarg.h>
#include <stddef.h>

enum diag_severity { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag {
	const char *file;   /* path as the user named it (a copy owned by the
			       list); NULL for none */
	int file_order;     /* order in which files were read: sorts diagnostics */
	long line;          /* 0: the file as a whole */
	enum diag_severity severity;
	char *message;
	size_t seq;         /* insertion order, to keep sorting stable */
};

struct diag_list {
	struct diag *items;
	size_t n, cap;
	size_t errors, warnings;
	size_t limit;       /* stop storing after this many (the count goes on) */
	size_t dropped;
};

/** Where emitted diagnostics go; the default writes to stderr. */
typedef void (*diag_sink_fn)(const struct diag *d, void *user);
void diag_set_sink(diag_sink_fn fn, void *user);

void diag_list_init(struct diag_list *l);
void diag_list_release(struct diag_list *l);

void diag_add(struct diag_list *l, enum diag_severity sev, const char *file,
	      int file_order, long line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void diag_vadd(struct diag_list *l, enum diag_severity sev, const char *file,
	       int file_order, long line, const char *fmt, va_list ap);

/** Sorts by file order, line and insertion, then emits through the sink. */
void diag_emit(struct diag_list *l);

/** The same, leaving out diagnostics below min (warnings, notes). */
void diag_emit_min(struct diag_list *l, enum diag_severity min);

/** Formats one diagnostic as it is printed, without the newline. */
void diag_format(const struct diag *d, char *buf, size_t size);

/** Tiers for messages not about a plan line (git usage.c): error() prints
 *  `boardpack: error: ...` and returns -1; warning() prints and returns;
 *  die() prints `boardpack: fatal: ...` and exits with the given code; BUG()
 *  is for broken internal invariants only. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void bug_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)

/** Replaces the stream that error(), warning() and die() write to. */
void diag_set_stream(void *file);

#endif
