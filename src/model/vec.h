/** Typed growable arrays of pointers, allocated from an arena.
 *  DEFINE_VEC(action_vec, struct action) declares `struct action_vec`
 *  { struct action **items; size_t n, cap; }, action_vec_push() and
 *  action_vec_reserve().
 *
 *  Growing leaves each outgrown array behind in the arena (arena_grow), so
 *  where the number of items is known before they are pushed, reserve it:
 *  the array is then allocated once, at its exact size. */
#ifndef BP_VEC_H
#define BP_VEC_H

#include <stddef.h>

#include "base/arena.h"

#define DEFINE_VEC(name, type)                                              \
	struct name {                                                       \
		type **items;                                               \
		size_t n, cap;                                              \
	};                                                                  \
	static inline void name##_reserve(struct arena *a, struct name *v, size_t want) \
	{                                                                   \
		if (want > v->cap) {                                        \
			v->items = arena_grow(a, v->items, v->n, want, sizeof *v->items); \
			v->cap = want;                                      \
		}                                                           \
	}                                                                   \
	static inline void name##_push(struct arena *a, struct name *v, type *p) \
	{                                                                   \
		if (v->n == v->cap)                                         \
			name##_reserve(a, v, v->cap ? v->cap * 2 : 4);      \
		v->items[v->n++] = p;                                       \
	}

#endif
