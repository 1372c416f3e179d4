#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"

#define ARENA_ALIGN 16
#define ARENA_BLOCK_MIN (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void die_oom(size_t wanted)
{
	fprintf(stderr, "boardpack: fatal: out of memory (wanted %zu bytes)\n", wanted);
	exit(EXIT_RESOURCE);
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used_total = 0;
	a->budget = 0;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used_total = 0;
}

static void *arena_take(struct arena *a, size_t bytes)
{
	size_t rounded;
	if (bytes > SIZE_MAX - ARENA_ALIGN)
		die_oom(bytes);
	rounded = (bytes + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (a->budget && (rounded > a->budget || a->used_total > a->budget - rounded)) {
		fprintf(stderr, "boardpack: fatal: memory budget of %zu MB exceeded\n",
			a->budget >> 20);
		exit(EXIT_RESOURCE);
	}
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < rounded) {
		size_t size = rounded > ARENA_BLOCK_MIN ? rounded : ARENA_BLOCK_MIN;
		if (b && size < b->size * 2 && b->size * 2 <= 16u * 1024 * 1024)
			size = b->size * 2;
		if (size > SIZE_MAX - sizeof(struct arena_block))
			die_oom(bytes);
		struct arena_block *nb = malloc(sizeof(struct arena_block) + size);
		if (!nb)
			die_oom(sizeof(struct arena_block) + size);
		nb->size = size;
		nb->used = 0;
		/* A block too big for reuse goes behind the current one, so the
		 * current block's free space stays available. */
		if (b && rounded == size && b->size - b->used > 4096) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += rounded;
	a->used_total += rounded;
	return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die_oom(SIZE_MAX);
	size_t bytes = n * size;
	if (bytes == 0)
		bytes = 1;
	void *p = arena_take(a, bytes);
	memset(p, 0, bytes);
	return p;
}

void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t size)
{
	void *p = arena_calloc(a, new_n, size);
	if (old && old_n)
		memcpy(p, old, (old_n < new_n ? old_n : new_n) * size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		die_oom(n);
	char *p = arena_take(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	char *p = arena_take(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die_oom(SIZE_MAX);
	size_t bytes = n * size;
	void *q = realloc(p, bytes ? bytes : 1);
	if (!q)
		die_oom(n * size);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s);
	char *p = xmalloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}
