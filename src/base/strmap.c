#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

static size_t hash_str(const char *s)
{
	size_t h = (size_t)1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

void strmap_init(struct strmap *m, size_t expected)
{
	size_t cap = 16;
	while (cap < expected * 2 + 1)
		cap *= 2;
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	m->n = 0;
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}

static struct strmap_slot *find(const struct strmap *m, const char *key)
{
	size_t i = hash_str(key) & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!key || !m->cap)
		return NULL;
	return find(m, key)->value;
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	strmap_init(m, old.cap);
	for (size_t i = 0; i < old.cap; i++) {
		if (old.slots[i].key) {
			*find(m, old.slots[i].key) = old.slots[i];
			m->n++;
		}
	}
	free(old.slots);
}

struct strmap_slot *strmap_slot(struct strmap *m, const char *key, bool *added)
{
	if (!m->cap)
		strmap_init(m, 0);
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	struct strmap_slot *s = find(m, key);
	*added = s->key == NULL;
	if (*added) {
		s->key = key;
		s->value = NULL;
		m->n++;
	}
	return s;
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	bool added;
	struct strmap_slot *s = strmap_slot(m, key, &added);
	if (added)
		s->value = value;
	return s->value;
}
