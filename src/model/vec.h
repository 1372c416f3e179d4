/** Typed growable arrays of pointers, allocated from an arena.
 *  DEFINE_VEC(action_vec, struct action) declares `struct action_vec`
 *  { struct action **items; size_t n, cap; } and action_vec_push(). */
#ifndef BP_VEC_H
#define BP_VEC_H

#include <stddef.h>

#include "base/arena.h"

#define DEFINE_VEC(name, type)                                              \
	struct name {                                                       \
		type **items;                                               \
		size_t n, cap;                                              \
	};                                                                  \
	static inline void name##_push(struct arena *a, struct name *v, type *p) \
	{                                                                   \
		if (v->n == v->cap) {                                       \
			size_t nc = v->cap ? v->cap * 2 : 4;                \
			v->items = arena_grow(a, v->items, v->n, nc, sizeof *v->items); \
			v->cap = nc;                                        \
		}                                                           \
		v->items[v->n++] = p;                                       \
	}

#endif
