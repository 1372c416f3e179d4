/** Region allocator: everything a plan or a run allocates lives in one
 *  arena and is released at once with arena_release(). Ownership rule: the
 *  arena owns every block it hands out; nothing allocated from it is freed
 *  on its own.
 *
 *  Allocation failure is not returned to callers: it ends the process with
 *  EXIT_RESOURCE through die_oom() (outputs are only ever renamed into place
 *  after success, so nothing half-written is left behind). An arena may also
 *  be given a byte budget; exceeding it is reported the same way, which is
 *  how hostile plans are kept from taking the machine's memory. */
#ifndef BP_ARENA_H
#define BP_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used_total;  /* bytes handed out, for statistics and the budget */
	size_t budget;      /* 0: unlimited */
};

void arena_init(struct arena *a);
void arena_release(struct arena *a);

/** Zeroed memory for n objects of the given size; checks n*size overflow. */
void *arena_calloc(struct arena *a, size_t n, size_t size);
#define arena_new(a, type) ((type *)arena_calloc((a), 1, sizeof(type)))
#define arena_array(a, type, n) ((type *)arena_calloc((a), (n), sizeof(type)))

/** Grows an array allocated from the arena: returns a new block holding the
 *  first old_n elements. The old block is not reused. */
void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t size);

char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/** Checked malloc family for the few places that do not use an arena. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

/** Ends the process: out of memory or over the memory budget. */
_Noreturn void die_oom(size_t wanted);

#endif
