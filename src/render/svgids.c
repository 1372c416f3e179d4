#include "render/svgids.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"

void svgids_init(struct svgids *ids, const char *prefix, bool quiet)
{
	ids->prefix = prefix;
	ids->quiet = quiet;
	strmap_init(&ids->fresh, 256);
	strmap_init(&ids->stems, 16);
	arena_init(&ids->arena);
}

void svgids_release(struct svgids *ids)
{
	strmap_release(&ids->fresh);
	strmap_release(&ids->stems);
	arena_release(&ids->arena);
}

static bool letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool digit_or_hyphen(char c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/* Only ids spelt like a prefix keep their stem: anything else could put
 * characters into the new id that need escaping or break url(). */
static bool stem_worthy(const char *s)
{
	if (!letter(*s))
		return false;
	for (s++; *s; s++)
		if (!letter(*s) && !digit_or_hyphen(*s) && *s != '.')
			return false;
	return true;
}

/* Appends text to buf[*len], keeping at most size - 1 bytes in all. */
static void append_cut(char *buf, size_t size, size_t *len, const char *text, size_t n)
{
	if (n > size - 1 - *len)
		n = size - 1 - *len;
	memcpy(buf + *len, text, n);
	*len += n;
}

const char *svgids_define(struct svgids *ids, const char *old)
{
	size_t stem_len = strlen(old);
	while (stem_len > 0 && digit_or_hyphen(old[stem_len - 1]))
		stem_len--;
	char stem[64];
	if (stem_len == 0 || stem_len >= sizeof stem || !stem_worthy(old))
		stem_len = 0;
	if (stem_len == 0) {
		memcpy(stem, "id", 3);
		stem_len = 2;
	} else {
		memcpy(stem, old, stem_len);
		stem[stem_len] = '\0';
	}

	bool added;
	struct strmap_slot *count = strmap_slot(&ids->stems, stem, &added);
	if (added)
		count->key = arena_strndup(&ids->arena, stem, stem_len);
	uintptr_t n = (uintptr_t)count->value + 1;
	count->value = (void *)n;

	struct strmap_slot *slot = strmap_slot(&ids->fresh, old, &added);
	if (!added) {
		if (!ids->quiet)
			error("the SVG defines id '%s' twice", old);
		return NULL;
	}
	slot->key = arena_strdup(&ids->arena, old);
	/* "<prefix>-<stem><n>", cut at 159 bytes as it always was: a long
	 * prefix must still give the names earlier files got. */
	char fresh[160], number[24];
	size_t len = 0;
	int digits = snprintf(number, sizeof number, "%ju", (uintmax_t)n);
	append_cut(fresh, sizeof fresh, &len, ids->prefix, strlen(ids->prefix));
	append_cut(fresh, sizeof fresh, &len, "-", 1);
	append_cut(fresh, sizeof fresh, &len, stem, stem_len);
	append_cut(fresh, sizeof fresh, &len, number, (size_t)digits);
	slot->value = arena_strndup(&ids->arena, fresh, len);
	return slot->value;
}

const char *svgids_lookup(struct svgids *ids, const char *old)
{
	const char *fresh = strmap_get(&ids->fresh, old);
	if (!fresh && !ids->quiet)
		error("the SVG refers to id '%s', which it does not define", old);
	return fresh;
}

static int refuse_outside(struct svgids *ids, const char *value)
{
	if (!ids->quiet)
		error("the SVG refers to something outside itself: '%s'", value);
	return -1;
}

static int refuse_malformed(struct svgids *ids, const char *value)
{
	if (!ids->quiet)
		error("the SVG has a malformed reference: '%s'", value);
	return -1;
}

/* Every url(#id) in value, quoted or not, with blanks after the
 * parenthesis kept; the text around them is copied. Writes into out only
 * when every reference resolves. */
static int rewrite_urls(struct svgids *ids, const char *value, struct strbuf *out)
{
	size_t start = out->len;
	const char *p = value;
	for (const char *u; (u = strstr(p, "url("));) {
		strbuf_add(out, p, (size_t)(u - p) + 4);
		p = u + 4;
		size_t blank = strspn(p, " \t\r\n");
		strbuf_add(out, p, blank);
		p += blank;
		char quote = (*p == '\'' || *p == '"') ? *p++ : '\0';
		if (*p != '#') {
			out->len = start;
			return refuse_outside(ids, value);
		}
		p++;
		const char quote_set[2] = { quote, '\0' };
		size_t n = strcspn(p, quote ? quote_set : ") \t\r\n");
		char old[256];
		/* An unclosed quote is malformed too: the reference would run
		 * to the end of the value. */
		if (n == 0 || n >= sizeof old || (quote && p[n] != quote)) {
			out->len = start;
			return refuse_malformed(ids, value);
		}
		memcpy(old, p, n);
		old[n] = '\0';
		const char *fresh = svgids_lookup(ids, old);
		if (!fresh) {
			out->len = start;
			return -1;
		}
		if (quote)
			strbuf_addc(out, quote);
		strbuf_addc(out, '#');
		strbuf_adds(out, fresh);
		if (quote)
			strbuf_addc(out, quote);
		p += n + (quote ? 1 : 0);
	}
	strbuf_adds(out, p);
	return 1;
}

int svgids_rewrite(struct svgids *ids, enum svgids_attr kind, const char *value,
		   struct strbuf *out)
{
	if (kind == SVGIDS_ID) {
		const char *fresh = svgids_lookup(ids, value);
		if (!fresh)
			return -1;
		strbuf_adds(out, fresh);
		return 1;
	}
	if (kind == SVGIDS_HREF) {
		if (value[0] == '#') {
			const char *fresh = svgids_lookup(ids, value + 1);
			if (!fresh)
				return -1;
			strbuf_addc(out, '#');
			strbuf_adds(out, fresh);
			return 1;
		}
		/* Embedded images are part of the file; anything else would
		 * have to be fetched. */
		if (strncmp(value, "data:", 5) != 0) {
			if (!ids->quiet)
				error("the SVG refers to something outside itself: '%.60s'", value);
			return -1;
		}
		return 0;
	}
	if (strstr(value, "url("))
		return rewrite_urls(ids, value, out);
	return 0;
}
