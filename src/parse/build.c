/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* XML tree → plan model. The schema has already been checked, so the
 * builder can rely on the shape of the tree; it still never trusts it with
 * memory safety (missing attributes are NULL, unknown elements skipped). */
#include <errno.h>
#include <libgen.h>
#include <libxml/tree.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "base/strmap.h"
#include "parse/internal.h"
#include "parse/schema.h"
#include "parse/xmlload.h"
#include "model/value.h"

#define PLAN_NS "urn:boardpack:plan:1"
#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"
#define PLAN_SCHEMA "docs/plan.rng"
#define MAX_INCLUDE_DEPTH 16
#define DEFAULT_MAX_FILES 1000

struct builder {
	struct plan *plan;
	struct arena *a;
	struct diag_list *diags;
	const struct parse_options *opt;
	const char *file;
	int file_order;
	char *root_dir;              /* realpath of the plan's directory */
	char *stack[MAX_INCLUDE_DEPTH + 1];  /* realpaths of files being read */
	const char *names[MAX_INCLUDE_DEPTH + 1];  /* the same as the user names them */
	int depth;
	size_t max_files;
	struct when_context wctx;
	/* Dates read so far, text → struct when in the arena: the dates of
	 * a plan are read against one reference day, so the same text always
	 * means the same and is parsed and stored once (a plan of 10,000
	 * actions writes some 110,000 dates in about 3,000 distinct texts).
	 * Emptied when the reference day changes. */
	struct strmap whens;
	bp_day whens_reference;
	/* Attribute values that repeat throughout a plan (ids of statuses,
	 * schemes and people, periods), kept once: text → the arena copy. */
	struct strmap shared;
	struct strbuf folded;        /* an attribute value being read */
	bool io_failed;
	bool invalid;
	/* enclosing container attributes */
	const char *rec_source, *rec_date, *outcomes_title;
};

static bool is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, PLAN_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static bool is_xinclude(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, XINCLUDE_NS) == 0 &&
	       strcmp((const char *)n->name, "include") == 0;
}

static struct src_loc loc_of(struct builder *b, const xmlNode *n)
{
	struct src_loc l = { b->file, b->file_order, xmlload_line(n) };
	return l;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Sets out to s with runs of white space folded to one space and the ends
 * trimmed. */
static void fold_space(struct strbuf *out, const char *s)
{
	strbuf_reset(out);
	bool pending = false;
	for (const char *p = s; *p; p++) {
		if (is_space((unsigned char)*p)) {
			pending = out->len > 0;
		} else {
			if (pending)
				strbuf_addc(out, ' ');
			pending = false;
			strbuf_addc(out, *p);
		}
	}
}

/* The attribute's value folded into b->folded; false when it is absent. */
static bool attr_folded(struct builder *b, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return false;
	fold_space(&b->folded, (const char *)v);
	xmlFree(v);
	return true;
}

static const char *attr(struct builder *b, const xmlNode *n, const char *name)
{
	if (!attr_folded(b, n, name))
		return NULL;
	return arena_strndup(b->a, strbuf_str(&b->folded), b->folded.len);
}

/* An attribute only looked at, never kept: valid until the next attribute
 * is read. */
static const char *attr_scratch(struct builder *b, const xmlNode *n, const char *name)
{
	return attr_folded(b, n, name) ? strbuf_str(&b->folded) : NULL;
}

/* The plan's one copy of text (NUL-terminated, len bytes). */
static const char *shared_text(struct builder *b, const char *text, size_t len)
{
	bool added;
	struct strmap_slot *slot = strmap_slot(&b->shared, text, &added);
	if (added)
		slot->key = arena_strndup(b->a, text, len);
	return slot->key;
}

/* attr() for values that repeat across the plan: stored once. */
static const char *attr_shared(struct builder *b, const xmlNode *n, const char *name)
{
	if (!attr_folded(b, n, name))
		return NULL;
	return shared_text(b, strbuf_str(&b->folded), b->folded.len);
}

static const char *text_of(struct builder *b, const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	if (!v)
		return "";
	fold_space(&b->folded, (const char *)v);
	xmlFree(v);
	return arena_strndup(b->a, strbuf_str(&b->folded), b->folded.len);
}

static bool attr_yes(struct builder *b, const xmlNode *n, const char *name)
{
	const char *v = attr_scratch(b, n, name);
	return v && strcmp(v, "yes") == 0;
}

static long attr_long(struct builder *b, const xmlNode *n, const char *name, long dflt)
{
	const char *v = attr_scratch(b, n, name);
	if (!v || !*v)
		return dflt;
	errno = 0;
	char *end;
	long x = strtol(v, &end, 10);
	if (errno || *end || x < 0) {
		diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, xmlload_line(n),
			 "%s '%s' is not a usable whole number", name, v);
		return dflt;
	}
	return x;
}

/* The ids are shared (the same people and records are named thousands of
 * times); ids and targets are one block, one half each. */
static struct refs refs_attr(struct builder *b, const xmlNode *n, const char *name)
{
	struct refs r = { 0, NULL, NULL, xmlload_line(n) };
	if (!attr_folded(b, n, name) || b->folded.len == 0)
		return r;
	char *v = b->folded.buf;
	size_t count = 1;
	for (const char *p = v; *p; p++)
		if (*p == ' ')
			count++;
	void **block = arena_array(b->a, void *, 2 * count);
	r.ids = (const char **)block;
	r.targets = block + count;
	char *p = v;
	while (*p) {
		char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (e)
			*e = '\0';
		if (len)
			r.ids[r.n++] = shared_text(b, p, len);
		p += len + (e != NULL);
	}
	return r;
}

/* A date attribute; an absent one reads as when_empty. */
static struct when_text when_attr(struct builder *b, const xmlNode *n, const char *name)
{
	struct when_text w = { NULL, &when_empty, xmlload_line(n) };
	if (!attr_folded(b, n, name))
		return w;
	if (b->whens_reference != b->wctx.reference) {
		strmap_release(&b->whens);
		b->whens_reference = b->wctx.reference;
	}
	bool added;
	struct strmap_slot *slot = strmap_slot(&b->whens, strbuf_str(&b->folded), &added);
	if (added) {
		slot->key = arena_strndup(b->a, strbuf_str(&b->folded), b->folded.len);
		struct when *parsed = arena_new(b->a, struct when);
		when_parse(slot->key, &b->wctx, parsed);
		slot->value = parsed;
	}
	w.text = slot->key;
	w.when = slot->value;
	return w;
}

static struct value value_attr(struct builder *b, const xmlNode *n, const char *name)
{
	struct value v;
	const char *t = attr(b, n, name);
	if (!value_parse(t, &v))
		diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, xmlload_line(n),
			 "%s '%.40s%s' is not a number that can be used", name, t,
			 strlen(t) > 40 ? "..." : "");
	return v;
}

/* ---- prose ---------------------------------------------------------- */

struct prose_builder {
	struct builder *b;
	struct prose_block *blocks;  /* on the heap; the arena gets an exact copy */
	size_t n, cap;
	struct strbuf text, markup;
	bool space_pending;
};

static void prose_flush(struct prose_builder *pb, enum prose_block_kind kind)
{
	if (pb->text.len == 0) {
		strbuf_reset(&pb->markup);
		pb->space_pending = false;
		return;
	}
	if (pb->n == pb->cap) {
		pb->cap = pb->cap ? pb->cap * 2 : 4;
		pb->blocks = xrealloc(pb->blocks, pb->cap, sizeof *pb->blocks);
	}
	struct prose_block *blk = &pb->blocks[pb->n++];
	blk->kind = kind;
	blk->text = arena_strndup(pb->b->a, pb->text.buf, pb->text.len);
	/* Most blocks have nothing marked up or escaped: one copy serves both. */
	bool same = pb->markup.len == pb->text.len &&
		    memcmp(pb->markup.buf, pb->text.buf, pb->text.len) == 0;
	blk->markup = same ? blk->text
			   : arena_strndup(pb->b->a, pb->markup.buf, pb->markup.len);
	strbuf_reset(&pb->text);
	strbuf_reset(&pb->markup);
	pb->space_pending = false;
}

static void prose_text(struct prose_builder *pb, const char *s)
{
	for (const char *p = s; *p;) {
		if (is_space((unsigned char)*p)) {
			if (pb->text.len)
				pb->space_pending = true;
			p++;
			continue;
		}
		const char *start = p;
		while (*p && !is_space((unsigned char)*p))
			p++;
		if (pb->space_pending) {
			strbuf_addc(&pb->text, ' ');
			strbuf_addc(&pb->markup, ' ');
			pb->space_pending = false;
		}
		strbuf_add(&pb->text, start, (size_t)(p - start));
		strbuf_add_escaped(&pb->markup, start, (size_t)(p - start));
	}
}

static void prose_inline(struct prose_builder *pb, const xmlNode *n);

static void prose_inline_children(struct prose_builder *pb, const xmlNode *parent)
{
	for (const xmlNode *c = parent->children; c; c = c->next)
		prose_inline(pb, c);
}

static void prose_inline(struct prose_builder *pb, const xmlNode *c)
{
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		prose_text(pb, (const char *)c->content);
	} else if (is_el(c, "b") || is_el(c, "i")) {
		const char *tag = (const char *)c->name;
		if (pb->space_pending && pb->text.len) {
			strbuf_addc(&pb->text, ' ');
			strbuf_addc(&pb->markup, ' ');
			pb->space_pending = false;
		}
		strbuf_addf(&pb->markup, "<%s>", tag);
		prose_inline_children(pb, c);
		strbuf_addf(&pb->markup, "</%s>", tag);
	} else if (is_el(c, "a")) {
		xmlChar *href = xmlGetNoNsProp(c, (const xmlChar *)"href");
		if (pb->space_pending && pb->text.len) {
			strbuf_addc(&pb->text, ' ');
			strbuf_addc(&pb->markup, ' ');
			pb->space_pending = false;
		}
		strbuf_adds(&pb->markup, "<a href=\"");
		if (href)
			strbuf_add_escaped(&pb->markup, (const char *)href, strlen((const char *)href));
		strbuf_adds(&pb->markup, "\">");
		xmlFree(href);
		prose_inline_children(pb, c);
		strbuf_adds(&pb->markup, "</a>");
	} else if (is_el(c, "br")) {
		strbuf_addc(&pb->text, '\n');
		strbuf_addc(&pb->markup, '\n');
		pb->space_pending = false;
	}
}

/* The blocks' text joined by newlines; a single block's text is itself
 * the whole, and is not copied again. */
static const char *joined_text(struct arena *a, const struct prose_block *blocks, size_t n)
{
	if (n == 0)
		return "";
	if (n == 1)
		return blocks[0].text;
	size_t len = n - 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(blocks[i].text);
	char *all = arena_calloc(a, len + 1, 1);
	char *end = all;
	for (size_t i = 0; i < n; i++) {
		if (i)
			*end++ = '\n';
		size_t bl = strlen(blocks[i].text);
		memcpy(end, blocks[i].text, bl);
		end += bl;
	}
	*end = '\0';
	return all;
}

static struct prose prose_of(struct builder *b, const xmlNode *n)
{
	struct prose_builder pb;
	memset(&pb, 0, sizeof pb);
	pb.b = b;
	struct prose out = { NULL, 0, "" };
	if (!n)
		return out;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "p")) {
			prose_flush(&pb, PROSE_PARA);
			prose_inline_children(&pb, c);
			prose_flush(&pb, PROSE_PARA);
		} else if (is_el(c, "ul") || is_el(c, "ol")) {
			prose_flush(&pb, PROSE_PARA);
			enum prose_block_kind k = is_el(c, "ul") ? PROSE_BULLET : PROSE_NUMBERED;
			for (const xmlNode *li = c->children; li; li = li->next) {
				if (!is_el(li, "li"))
					continue;
				prose_inline_children(&pb, li);
				prose_flush(&pb, k);
			}
		} else {
			prose_inline(&pb, c);
		}
	}
	prose_flush(&pb, PROSE_PARA);
	strbuf_release(&pb.text);
	strbuf_release(&pb.markup);
	out.n = pb.n;
	if (pb.n) {
		out.blocks = arena_array(b->a, struct prose_block, pb.n);
		memcpy(out.blocks, pb.blocks, pb.n * sizeof *pb.blocks);
	}
	free(pb.blocks);
	out.text = joined_text(b->a, out.blocks, out.n);
	return out;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

static struct prose child_prose(struct builder *b, const xmlNode *n, const char *name)
{
	return prose_of(b, child(n, name));
}

/* How many children of n are named name: the model's arrays are sized
 * once, before the children are built. */
static size_t count_children(const xmlNode *n, const char *name)
{
	size_t count = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		count += is_el(c, name);
	return count;
}

/* ---- how many of each child ---------------------------------------- */

/* The schema lists children as a repeated choice (libxml2 validates an
 * interleave of a plan of 10,000 actions in seconds, a choice in a
 * fraction): how many of each an element may have is checked here. */
struct child_rule {
	const char *name;
	bool required;      /* exactly one; else at most one */
};

static void check_children(struct builder *b, const xmlNode *n, const struct child_rule *rules,
			   size_t n_rules)
{
	for (size_t r = 0; r < n_rules; r++) {
		const xmlNode *first = NULL;
		for (const xmlNode *c = n->children; c; c = c->next) {
			if (!is_el(c, rules[r].name))
				continue;
			if (first) {
				diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, xmlload_line(c),
					 "<%s> has more than one <%s> (the first is on line %ld)",
					 (const char *)n->name, rules[r].name, xmlload_line(first));
				break;
			}
			first = c;
		}
		if (!first && rules[r].required)
			diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, xmlload_line(n),
				 "<%s> has no <%s>", (const char *)n->name, rules[r].name);
	}
}

#define CHECK_CHILDREN(b, n, ...)                                                   \
	do {                                                                        \
		static const struct child_rule rules_[] = { __VA_ARGS__ };           \
		check_children((b), (n), rules_, sizeof rules_ / sizeof rules_[0]); \
	} while (0)

/* ---- small elements ------------------------------------------------- */

static struct update *build_update(struct builder *b, const xmlNode *n)
{
	struct update *u = arena_new(b->a, struct update);
	u->loc = loc_of(b, n);
	u->date = when_attr(b, n, "date");
	u->by = refs_attr(b, n, "by");
	u->text = prose_of(b, n);
	return u;
}

static struct evidence *build_evidence(struct builder *b, const xmlNode *n)
{
	struct evidence *e = arena_new(b->a, struct evidence);
	e->loc = loc_of(b, n);
	e->date = when_attr(b, n, "date");
	e->href = attr(b, n, "href");
	e->text = prose_of(b, n);
	return e;
}

static struct due_change *build_due_change(struct builder *b, const xmlNode *n)
{
	struct due_change *d = arena_new(b->a, struct due_change);
	d->loc = loc_of(b, n);
	d->date = when_attr(b, n, "date");
	d->from = when_attr(b, n, "from");
	d->to = when_attr(b, n, "to");
	d->text = prose_of(b, n);
	return d;
}

static struct voice *build_voice(struct builder *b, const xmlNode *n)
{
	struct voice *v = arena_new(b->a, struct voice);
	v->loc = loc_of(b, n);
	v->of = attr_shared(b, n, "of");
	v->title = attr_shared(b, n, "title");
	v->text = prose_of(b, n);
	return v;
}

static struct prose_vec_item *build_prose_item(struct builder *b, const xmlNode *n)
{
	struct prose_vec_item *p = arena_new(b->a, struct prose_vec_item);
	p->loc = loc_of(b, n);
	p->text = prose_of(b, n);
	return p;
}

static enum rating_kind rating_kind_of(const char *s)
{
	if (s && strcmp(s, "action") == 0)
		return RATING_ACTION;
	if (s && strcmp(s, "impact") == 0)
		return RATING_IMPACT;
	return RATING_OVERALL;
}

static struct rating *build_rating(struct builder *b, const xmlNode *n)
{
	struct rating *r = arena_new(b->a, struct rating);
	r->loc = loc_of(b, n);
	r->kind = rating_kind_of(attr_scratch(b, n, "kind"));
	r->status_id = attr_shared(b, n, "status");
	r->scheme_id = attr_shared(b, n, "scheme");
	r->date = when_attr(b, n, "date");
	r->note = prose_of(b, n);
	return r;
}

static enum measure_unit unit_of(const char *s)
{
	static const struct { const char *name; enum measure_unit unit; } units[] = {
		{ "percent", UNIT_PERCENT }, { "count", UNIT_COUNT },
		{ "rate-per-10000", UNIT_RATE_10000 }, { "rate-per-1000", UNIT_RATE_1000 },
		{ "days", UNIT_DAYS }, { "weeks", UNIT_WEEKS }, { "months", UNIT_MONTHS },
		{ "gbp", UNIT_GBP }, { "ratio", UNIT_RATIO }, { "number", UNIT_NUMBER },
		{ "score", UNIT_SCORE },
	};
	if (!s)
		return UNIT_NONE;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strcmp(units[i].name, s) == 0)
			return units[i].unit;
	return UNIT_NONE;
}

static enum measure_better better_of(const char *s)
{
	if (!s)
		return BETTER_UNKNOWN;
	if (strcmp(s, "higher") == 0)
		return BETTER_HIGHER;
	if (strcmp(s, "lower") == 0)
		return BETTER_LOWER;
	return BETTER_IN_LINE;
}

static struct metric *build_metric(struct builder *b, const xmlNode *n)
{
	struct metric *m = arena_new(b->a, struct metric);
	m->loc = loc_of(b, n);
	m->name = attr(b, n, "name");
	m->unit = unit_of(attr_scratch(b, n, "unit"));
	m->current = value_attr(b, n, "current");
	m->target = value_attr(b, n, "target");
	m->baseline = value_attr(b, n, "baseline");
	m->current_date = when_attr(b, n, "current-date");
	m->target_date = when_attr(b, n, "target-date");
	m->baseline_date = when_attr(b, n, "baseline-date");
	m->measure_id = attr(b, n, "measure");
	m->better = better_of(attr_scratch(b, n, "better"));
	m->note = prose_of(b, n);
	return m;
}

static struct xref *build_xref(struct builder *b, const xmlNode *n)
{
	struct xref *x = arena_new(b->a, struct xref);
	x->loc = loc_of(b, n);
	x->plan = attr(b, n, "plan");
	x->ref = attr(b, n, "ref");
	x->href = attr(b, n, "href");
	x->text = prose_of(b, n);
	return x;
}

/* ---- actions and areas ---------------------------------------------- */

static struct milestone *build_milestone(struct builder *b, const xmlNode *n,
					 struct action *act)
{
	struct milestone *m = arena_new(b->a, struct milestone);
	m->loc = loc_of(b, n);
	m->id = attr(b, n, "id");
	m->ref = attr(b, n, "ref");
	m->leads = refs_attr(b, n, "lead");
	m->start = when_attr(b, n, "start");
	m->due = when_attr(b, n, "due");
	m->done = when_attr(b, n, "done");
	m->period = attr_shared(b, n, "period");
	m->status_id = attr_shared(b, n, "status");
	m->scheme_id = attr_shared(b, n, "scheme");
	CHECK_CHILDREN(b, n, { "text", true }, { "position", false });
	m->text = child_prose(b, n, "text");
	m->position = child_prose(b, n, "position");
	update_vec_reserve(b->a, &m->updates, count_children(n, "update"));
	evidence_vec_reserve(b->a, &m->evidence, count_children(n, "evidence"));
	due_change_vec_reserve(b->a, &m->due_changes, count_children(n, "due-change"));
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "update"))
			update_vec_push(b->a, &m->updates, build_update(b, c));
		else if (is_el(c, "evidence"))
			evidence_vec_push(b->a, &m->evidence, build_evidence(b, c));
		else if (is_el(c, "due-change"))
			due_change_vec_push(b->a, &m->due_changes, build_due_change(b, c));
	}
	m->action = act;
	m->index = act->milestones.n;
	return m;
}

static struct action *build_action(struct builder *b, const xmlNode *n, struct area *area)
{
	struct action *act = arena_new(b->a, struct action);
	act->loc = loc_of(b, n);
	act->id = attr(b, n, "id");
	act->ref = attr(b, n, "ref");
	act->leads = refs_attr(b, n, "lead");
	act->start = when_attr(b, n, "start");
	act->due = when_attr(b, n, "due");
	act->done = when_attr(b, n, "done");
	act->focus = refs_attr(b, n, "focus");
	act->recommendations = refs_attr(b, n, "recommendations");
	act->measures = refs_attr(b, n, "measures");
	act->see = refs_attr(b, n, "see");
	act->inspection = attr(b, n, "inspection");
	act->kpi_refs = attr(b, n, "kpi-refs");
	act->all_recommendations = attr_yes(b, n, "all-recommendations");
	CHECK_CHILDREN(b, n, { "text", true }, { "how-we-will-know", false },
		       { "position", false }, { "commentary", false }, { "criteria", false });
	act->text = child_prose(b, n, "text");
	act->how_we_will_know = child_prose(b, n, "how-we-will-know");
	act->position = child_prose(b, n, "position");
	act->commentary = child_prose(b, n, "commentary");
	voice_vec_reserve(b->a, &act->voices, count_children(n, "voice"));
	milestone_vec_reserve(b->a, &act->milestones, count_children(n, "milestone"));
	update_vec_reserve(b->a, &act->updates, count_children(n, "update"));
	rating_vec_reserve(b->a, &act->ratings, count_children(n, "rating"));
	evidence_vec_reserve(b->a, &act->evidence, count_children(n, "evidence"));
	metric_vec_reserve(b->a, &act->metrics, count_children(n, "metric"));
	due_change_vec_reserve(b->a, &act->due_changes, count_children(n, "due-change"));
	xref_vec_reserve(b->a, &act->xrefs, count_children(n, "xref"));
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "voice"))
			voice_vec_push(b->a, &act->voices, build_voice(b, c));
		else if (is_el(c, "milestone"))
			milestone_vec_push(b->a, &act->milestones, build_milestone(b, c, act));
		else if (is_el(c, "update"))
			update_vec_push(b->a, &act->updates, build_update(b, c));
		else if (is_el(c, "rating"))
			rating_vec_push(b->a, &act->ratings, build_rating(b, c));
		else if (is_el(c, "criteria")) {
			act->criteria.present = true;
			act->criteria.loc = loc_of(b, c);
			act->criteria.met = refs_attr(b, c, "met");
			act->criteria.scheme_id = attr_shared(b, c, "scheme");
			act->criteria.note = prose_of(b, c);
		} else if (is_el(c, "evidence"))
			evidence_vec_push(b->a, &act->evidence, build_evidence(b, c));
		else if (is_el(c, "metric"))
			metric_vec_push(b->a, &act->metrics, build_metric(b, c));
		else if (is_el(c, "due-change"))
			due_change_vec_push(b->a, &act->due_changes, build_due_change(b, c));
		else if (is_el(c, "xref"))
			xref_vec_push(b->a, &act->xrefs, build_xref(b, c));
	}
	act->area = area;
	act->index = b->plan->actions.n;
	action_vec_push(b->a, &b->plan->actions, act);
	return act;
}

static void area_add_item(struct builder *b, struct area *area, struct area_item item)
{
	if (area->n_items == area->cap_items) {
		size_t nc = area->cap_items ? area->cap_items * 2 : 8;
		area->items = arena_grow(b->a, area->items, area->n_items, nc, sizeof *area->items);
		area->cap_items = nc;
	}
	area->items[area->n_items++] = item;
}

/* Frees an element whose content the model now holds: a long plan's tree
 * is given back while its model is built, so that the two are never both
 * in memory whole. Nothing in the model points into the tree. */
static void release_node(const xmlNode *n)
{
	xmlNode *m = (xmlNode *)n;
	xmlUnlinkNode(m);
	xmlFreeNode(m);
}

static struct area *build_area(struct builder *b, const xmlNode *n, struct area *parent)
{
	struct area *ar = arena_new(b->a, struct area);
	ar->loc = loc_of(b, n);
	ar->id = attr(b, n, "id");
	ar->ref = attr(b, n, "ref");
	ar->kind = attr(b, n, "kind");
	ar->title = attr(b, n, "title");
	ar->leads = refs_attr(b, n, "lead");
	ar->sponsors = refs_attr(b, n, "sponsor");
	ar->focus = refs_attr(b, n, "focus");
	ar->recommendations = refs_attr(b, n, "recommendations");
	CHECK_CHILDREN(b, n, { "description", false });
	ar->description = child_prose(b, n, "description");
	ar->parent = parent;
	ar->depth = parent ? parent->depth + 1 : 1;
	ar->index = b->plan->all_areas.n;
	area_vec_push(b->a, &b->plan->all_areas, ar);
	prose_vec_reserve(b->a, &ar->outcomes, count_children(n, "outcome"));
	prose_vec_reserve(b->a, &ar->approaches, count_children(n, "approach"));
	voice_vec_reserve(b->a, &ar->voices, count_children(n, "voice"));
	update_vec_reserve(b->a, &ar->updates, count_children(n, "update"));
	evidence_vec_reserve(b->a, &ar->evidence, count_children(n, "evidence"));
	xref_vec_reserve(b->a, &ar->xrefs, count_children(n, "xref"));
	ar->cap_items = count_children(n, "area") + count_children(n, "action");
	if (ar->cap_items)
		ar->items = arena_array(b->a, struct area_item, ar->cap_items);
	for (const xmlNode *c = n->children, *next; c; c = next) {
		next = c->next;
		if (is_el(c, "outcome"))
			prose_vec_push(b->a, &ar->outcomes, build_prose_item(b, c));
		else if (is_el(c, "approach"))
			prose_vec_push(b->a, &ar->approaches, build_prose_item(b, c));
		else if (is_el(c, "voice"))
			voice_vec_push(b->a, &ar->voices, build_voice(b, c));
		else if (is_el(c, "update"))
			update_vec_push(b->a, &ar->updates, build_update(b, c));
		else if (is_el(c, "evidence"))
			evidence_vec_push(b->a, &ar->evidence, build_evidence(b, c));
		else if (is_el(c, "xref"))
			xref_vec_push(b->a, &ar->xrefs, build_xref(b, c));
		else if (is_el(c, "area")) {
			struct area_item it = { AREA_ITEM_AREA, { .area = build_area(b, c, ar) } };
			area_add_item(b, ar, it);
			release_node(c);
		} else if (is_el(c, "action")) {
			struct area_item it = { AREA_ITEM_ACTION, { .action = build_action(b, c, ar) } };
			area_add_item(b, ar, it);
			release_node(c);
		}
	}
	return ar;
}

/* ---- measures, outcomes, audits ------------------------------------- */


static enum benchmark_kind bench_kind_of(const char *s)
{
	if (!s)
		return BENCH_OTHER;
	if (strcmp(s, "statistical-neighbours") == 0)
		return BENCH_STAT_NEIGHBOURS;
	if (strcmp(s, "england") == 0)
		return BENCH_ENGLAND;
	if (strcmp(s, "region") == 0)
		return BENCH_REGION;
	if (strcmp(s, "last-year") == 0)
		return BENCH_LAST_YEAR;
	return BENCH_OTHER;
}

static struct dated_value *build_dated_value(struct builder *b, const xmlNode *n)
{
	struct dated_value *v = arena_new(b->a, struct dated_value);
	v->loc = loc_of(b, n);
	v->value = value_attr(b, n, "value");
	v->date = when_attr(b, n, "date");
	v->note = attr(b, n, "note");
	if (!v->note) {
		const char *t = text_of(b, n);
		v->note = *t ? t : NULL;
	}
	v->bench_kind = bench_kind_of(attr_scratch(b, n, "kind"));
	v->label = attr(b, n, "label");
	return v;
}

static void build_measure(struct builder *b, const xmlNode *n)
{
	struct measure *m = arena_new(b->a, struct measure);
	m->loc = loc_of(b, n);
	m->id = attr(b, n, "id");
	m->code = attr(b, n, "code");
	m->unit = unit_of(attr_scratch(b, n, "unit"));
	m->better = better_of(attr_scratch(b, n, "better"));
	const char *traj = attr_scratch(b, n, "trajectory");
	m->trajectory = traj && strcmp(traj, "step") == 0 ? TRAJECTORY_STEP : TRAJECTORY_LINEAR;
	const char *tol = attr(b, n, "tolerance");
	if (tol) {
		struct value v;
		if (value_parse(tol, &v) && v.kind == VALUE_NUMBER && v.number >= 0) {
			m->has_tolerance = true;
			m->tolerance = v.number;
		} else {
			diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, xmlload_line(n),
				 "tolerance '%s' of measure '%s' is not a number of 0 or more",
				 tol, m->id ? m->id : "?");
		}
	}
	m->frequency = attr(b, n, "frequency");
	m->source = attr(b, n, "source");
	m->owner = refs_attr(b, n, "owner");
	m->outcomes = refs_attr(b, n, "outcomes");
	m->focus = refs_attr(b, n, "focus");
	m->actions = refs_attr(b, n, "actions");
	m->recommendations = refs_attr(b, n, "recommendations");
	m->areas = refs_attr(b, n, "areas");
	CHECK_CHILDREN(b, n, { "name", true }, { "definition", false }, { "baseline", false });
	const xmlNode *name = child(n, "name");
	m->name = name ? text_of(b, name) : "";
	m->definition = child_prose(b, n, "definition");
	dated_value_vec_reserve(b->a, &m->targets, count_children(n, "target"));
	dated_value_vec_reserve(b->a, &m->actuals, count_children(n, "actual"));
	dated_value_vec_reserve(b->a, &m->benchmarks, count_children(n, "benchmark"));
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "baseline"))
			m->baseline = build_dated_value(b, c);
		else if (is_el(c, "target"))
			dated_value_vec_push(b->a, &m->targets, build_dated_value(b, c));
		else if (is_el(c, "actual"))
			dated_value_vec_push(b->a, &m->actuals, build_dated_value(b, c));
		else if (is_el(c, "benchmark"))
			dated_value_vec_push(b->a, &m->benchmarks, build_dated_value(b, c));
	}
	m->index = b->plan->measures.n;
	measure_vec_push(b->a, &b->plan->measures, m);
}

static void build_audit(struct builder *b, const xmlNode *n)
{
	struct audit *au = arena_new(b->a, struct audit);
	au->loc = loc_of(b, n);
	au->id = attr(b, n, "id");
	au->title = attr(b, n, "title");
	au->measure = attr(b, n, "measure");
	au->area_id = attr(b, n, "area");
	au->better = better_of(attr_scratch(b, n, "better"));
	if (au->better == BETTER_UNKNOWN)
		au->better = BETTER_HIGHER;
	au->description = child_prose(b, n, "description");
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "round")) {
			struct audit_round *r = arena_new(b->a, struct audit_round);
			r->loc = loc_of(b, c);
			r->id = attr(b, c, "id");
			r->label = attr(b, c, "label");
			r->date = when_attr(b, c, "date");
			r->baseline = attr_yes(b, c, "baseline");
			audit_round_vec_push(b->a, &au->rounds, r);
		} else if (is_el(c, "theme")) {
			struct audit_theme *t = arena_new(b->a, struct audit_theme);
			t->loc = loc_of(b, c);
			t->id = attr(b, c, "id");
			t->ref = attr(b, c, "ref");
			t->title = attr(b, c, "title");
			for (const xmlNode *s = c->children; s; s = s->next) {
				if (is_el(s, "score")) {
					struct audit_score *sc = arena_new(b->a, struct audit_score);
					sc->loc = loc_of(b, s);
					sc->round_id = attr(b, s, "round");
					sc->target = value_attr(b, s, "target");
					sc->actual = value_attr(b, s, "actual");
					sc->cases = attr_long(b, s, "cases", -1);
					const char *note = text_of(b, s);
					sc->note = *note ? note : NULL;
					audit_score_vec_push(b->a, &t->scores, sc);
				} else if (is_el(s, "development")) {
					struct prose_vec_item *d = build_prose_item(b, s);
					d->period = attr(b, s, "period");
					prose_vec_push(b->a, &t->development, d);
				}
			}
			audit_theme_vec_push(b->a, &au->themes, t);
		}
	}
	au->index = b->plan->audits.n;
	audit_vec_push(b->a, &b->plan->audits, au);
}

/* ---- schemes, people, recommendations ------------------------------- */

static uint32_t parse_colour(const char *s, bool *ok)
{
	*ok = false;
	if (!s || s[0] != '#' || strlen(s) != 7)
		return 0;
	char *end;
	unsigned long v = strtoul(s + 1, &end, 16);
	if (*end)
		return 0;
	*ok = true;
	return (uint32_t)v;
}

static enum status_meaning meaning_of(const char *s)
{
	static const char *names[] = { "complete", "on-track", "at-risk", "off-track",
				       "not-started", "not-applicable" };
	for (int i = 0; i < 6; i++)
		if (s && strcmp(s, names[i]) == 0)
			return (enum status_meaning)i;
	return MEANS_NOT_APPLICABLE;
}

static void build_scheme(struct builder *b, const xmlNode *n)
{
	struct scheme *s = arena_new(b->a, struct scheme);
	s->loc = loc_of(b, n);
	s->id = attr(b, n, "id");
	s->name = attr(b, n, "name");
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "status")) {
			struct status_def *st = arena_new(b->a, struct status_def);
			st->loc = loc_of(b, c);
			st->id = attr(b, c, "id");
			st->label = attr(b, c, "label");
			st->colour = parse_colour(attr_scratch(b, c, "colour"), &st->has_colour);
			st->means = meaning_of(attr_scratch(b, c, "means"));
			st->definition = prose_of(b, c);
			for (const xmlNode *d = c->children; d; d = d->next) {
				if (!is_el(d, "definition"))
					continue;
				const char *for_kind = attr_scratch(b, d, "for");
				if (for_kind && strcmp(for_kind, "impact") == 0)
					st->definition_impact = prose_of(b, d);
				else
					st->definition_action = prose_of(b, d);
			}
			st->scheme = s;
			status_vec_push(b->a, &s->statuses, st);
		} else if (is_el(c, "criterion")) {
			struct criterion *cr = arena_new(b->a, struct criterion);
			cr->loc = loc_of(b, c);
			cr->id = attr(b, c, "id");
			cr->critical = attr_yes(b, c, "critical");
			cr->text = text_of(b, c);
			criterion_vec_push(b->a, &s->criteria, cr);
		} else if (is_el(c, "rule")) {
			struct scheme_rule *r = arena_new(b->a, struct scheme_rule);
			r->loc = loc_of(b, c);
			r->status_id = attr(b, c, "status");
			if (attr_scratch(b, c, "critical-missing")) {
				r->kind = RULE_CRITICAL_MISSING;
			} else if (attr_scratch(b, c, "missing-at-least")) {
				r->kind = RULE_MISSING_AT_LEAST;
				r->count = attr_long(b, c, "missing-at-least", 0);
			} else {
				r->kind = RULE_MISSING;
				r->count = attr_long(b, c, "missing", 0);
			}
			rule_vec_push(b->a, &s->rules, r);
		} else if (is_el(c, "note")) {
			s->note = prose_of(b, c);
		}
	}
	scheme_vec_push(b->a, &b->plan->schemes, s);
}

static void build_person(struct builder *b, const xmlNode *n)
{
	struct person *p = arena_new(b->a, struct person);
	p->loc = loc_of(b, n);
	p->id = attr(b, n, "id");
	p->name = attr(b, n, "name");
	p->role = attr(b, n, "role");
	p->email = attr(b, n, "email");
	p->organisation = attr(b, n, "organisation");
	p->aliases = attr(b, n, "aliases");
	if (p->name && p->role)
		p->display = arena_printf(b->a, "%s (%s)", p->name, p->role);
	else
		p->display = p->name ? p->name : p->role ? p->role : p->id;
	p->index = b->plan->people.n;
	person_vec_push(b->a, &b->plan->people, p);
}

static void build_recommendation(struct builder *b, const xmlNode *n)
{
	struct recommendation *r = arena_new(b->a, struct recommendation);
	r->loc = loc_of(b, n);
	r->id = attr(b, n, "id");
	r->ref = attr(b, n, "ref");
	r->judgement = attr(b, n, "judgement");
	r->areas = refs_attr(b, n, "areas");
	r->source = b->rec_source;
	r->source_date = b->rec_date;
	r->text = prose_of(b, n);
	r->index = b->plan->recommendations.n;
	recommendation_vec_push(b->a, &b->plan->recommendations, r);
}

static void build_focus_area(struct builder *b, const xmlNode *n)
{
	struct focus_area *f = arena_new(b->a, struct focus_area);
	f->loc = loc_of(b, n);
	f->id = attr(b, n, "id");
	f->ref = attr(b, n, "ref");
	f->title = attr(b, n, "title");
	f->judgement = attr(b, n, "judgement");
	f->leads = refs_attr(b, n, "lead");
	f->recommendations = refs_attr(b, n, "recommendations");
	f->description = child_prose(b, n, "description");
	f->index = b->plan->focus_areas.n;
	focus_area_vec_push(b->a, &b->plan->focus_areas, f);
}

static void build_outcome(struct builder *b, const xmlNode *n)
{
	struct outcome *o = arena_new(b->a, struct outcome);
	o->loc = loc_of(b, n);
	o->id = attr(b, n, "id");
	o->ref = attr(b, n, "ref");
	o->framework_title = b->outcomes_title;
	o->recommendations = refs_attr(b, n, "recommendations");
	o->areas = refs_attr(b, n, "areas");
	o->text = prose_of(b, n);
	o->index = b->plan->outcomes.n;
	outcome_vec_push(b->a, &b->plan->outcomes, o);
}

static void build_governance(struct builder *b, const xmlNode *n)
{
	struct governance *g = &b->plan->governance;
	g->present = true;
	g->loc = loc_of(b, n);
	g->board = attr(b, n, "board");
	g->chair = attr(b, n, "chair");
	g->cadence = attr(b, n, "cadence");
	g->update_cadence = attr(b, n, "update-cadence");
	g->updates_requested = attr_long(b, n, "updates-requested", -1);
	g->updates_due = attr_long(b, n, "updates-due", -1);
	g->chair_briefed = attr_long(b, n, "chair-briefed", -1);
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "meeting")) {
			struct meeting *m = arena_new(b->a, struct meeting);
			m->loc = loc_of(b, c);
			m->date = when_attr(b, c, "date");
			m->text = text_of(b, c);
			meeting_vec_push(b->a, &g->meetings, m);
		} else if (is_el(c, "member")) {
			struct member *m = arena_new(b->a, struct member);
			m->loc = loc_of(b, c);
			m->person_id = attr(b, c, "person");
			m->name = attr(b, c, "name");
			m->role = attr(b, c, "role");
			member_vec_push(b->a, &g->members, m);
		} else if (is_el(c, "reports-to")) {
			struct reports_to *r = arena_new(b->a, struct reports_to);
			r->loc = loc_of(b, c);
			r->body = attr(b, c, "body");
			r->by = attr(b, c, "by");
			r->cadence = attr(b, c, "cadence");
			r->text = text_of(b, c);
			reports_to_vec_push(b->a, &g->reports_to, r);
		} else if (is_el(c, "note")) {
			prose_vec_push(b->a, &g->notes, build_prose_item(b, c));
		}
	}
}

/* ---- plan content and includes -------------------------------------- */

static void build_content(struct builder *b, const xmlNode *parent);

static void include_part(struct builder *b, const xmlNode *inc)
{
	long line = xmlload_line(inc);
	const char *href = attr(b, inc, "href");
	if (!href || !*href) {
		diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
			 "include has no href");
		b->invalid = true;
		return;
	}
	if (href[0] == '/' || strstr(href, "://") || strncmp(href, "file:", 5) == 0) {
		diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
			 "include '%s' must name a file in the plan's directory by a relative path",
			 href);
		b->invalid = true;
		return;
	}
	if (b->depth >= MAX_INCLUDE_DEPTH) {
		diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
			 "includes nested more than %d deep", MAX_INCLUDE_DEPTH);
		b->invalid = true;
		return;
	}
	if (b->plan->n_files >= b->max_files) {
		diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
			 "more than %zu included files", b->max_files);
		b->invalid = true;
		return;
	}
	/* Resolve against the including file's directory, then confine to the
	 * plan's directory: symbolic links and ".." cannot lead outside it. */
	char *dir_copy = xstrdup(b->stack[b->depth]);
	char *joined = arena_printf(b->a, "%s/%s", dirname(dir_copy), href);
	free(dir_copy);
	char *real = realpath(joined, NULL);
	if (!real) {
		int err = errno;
		/* Say nothing about files outside the plan's directory, not even
		 * whether they exist. */
		char *parent = xstrdup(joined);
		char *pdir = realpath(dirname(parent), NULL);
		free(parent);
		size_t rl = strlen(b->root_dir);
		bool inside = pdir && strncmp(pdir, b->root_dir, rl) == 0 &&
			      (pdir[rl] == '/' || pdir[rl] == '\0');
		free(pdir);
		if (inside)
			diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
				 "cannot include '%s': %s", href, strerror(err));
		else
			diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
				 "include '%s' is outside the plan's directory", href);
		b->io_failed = b->io_failed || inside;
		b->invalid = true;
		return;
	}
	size_t rl = strlen(b->root_dir);
	if (strncmp(real, b->root_dir, rl) != 0 || real[rl] != '/') {
		diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
			 "include '%s' is outside the plan's directory", href);
		free(real);
		b->invalid = true;
		return;
	}
	for (int i = 0; i <= b->depth; i++) {
		if (strcmp(b->stack[i], real) == 0) {
			diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, line,
				 "include '%s' includes itself (an include cycle)", href);
			free(real);
			b->invalid = true;
			return;
		}
	}
	/* Name the part as the user would: relative to the including file as
	 * the user named that. */
	char *name_copy = xstrdup(b->names[b->depth]);
	const char *name_dir = dirname(name_copy);
	const char *part_name = strcmp(name_dir, ".") == 0
					? arena_strdup(b->a, href)
					: arena_printf(b->a, "%s/%s", name_dir, href);
	free(name_copy);
	int order = (int)b->plan->n_files;
	b->plan->files = arena_grow(b->a, b->plan->files, b->plan->n_files,
				    b->plan->n_files + 1, sizeof *b->plan->files);
	b->plan->files[b->plan->n_files++] = part_name;

	xmlDocPtr doc;
	enum xmlload_status st = xmlload_file_named(real, part_name, order, b->diags, &doc);
	if (st != XMLLOAD_OK) {
		if (st == XMLLOAD_IO)
			b->io_failed = true;
		b->invalid = true;
		free(real);
		return;
	}
	if (!schema_validate(PLAN_SCHEMA, doc, part_name, order, b->diags)) {
		b->invalid = true;
		xmlFreeDoc(doc);
		free(real);
		return;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!is_el(root, "part")) {
		diag_add(b->diags, DIAG_ERROR, part_name, order, xmlload_line(root),
			 "an included file must have <part> as its root element");
		b->invalid = true;
		xmlFreeDoc(doc);
		free(real);
		return;
	}
	const char *saved_file = b->file;
	int saved_order = b->file_order;
	b->file = part_name;
	b->file_order = order;
	b->stack[++b->depth] = real;
	b->names[b->depth] = part_name;
	build_content(b, root);
	b->depth--;
	b->file = saved_file;
	b->file_order = saved_order;
	free(real);
	xmlFreeDoc(doc);
}

static void build_content(struct builder *b, const xmlNode *parent)
{
	struct plan *p = b->plan;
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_xinclude(c)) {
			include_part(b, c);
		} else if (is_el(c, "people")) {
			if (xmlHasProp(c, (const xmlChar *)"as-at"))
				p->people_as_at = when_attr(b, c, "as-at");
			for (const xmlNode *x = c->children; x; x = x->next)
				if (is_el(x, "person"))
					build_person(b, x);
		} else if (is_el(c, "schemes")) {
			const char *dflt = attr(b, c, "default");
			if (dflt) {
				if (p->default_scheme_id && strcmp(p->default_scheme_id, dflt) != 0)
					diag_add(b->diags, DIAG_ERROR, b->file, b->file_order,
						 xmlload_line(c),
						 "default scheme given twice ('%s' and '%s')",
						 p->default_scheme_id, dflt);
				else
					p->default_scheme_id = dflt;
			}
			for (const xmlNode *x = c->children; x; x = x->next)
				if (is_el(x, "scheme"))
					build_scheme(b, x);
		} else if (is_el(c, "recommendations")) {
			b->rec_source = attr(b, c, "source");
			b->rec_date = attr(b, c, "date");
			for (const xmlNode *x = c->children; x; x = x->next)
				if (is_el(x, "recommendation"))
					build_recommendation(b, x);
		} else if (is_el(c, "focus-areas")) {
			for (const xmlNode *x = c->children; x; x = x->next)
				if (is_el(x, "focus-area"))
					build_focus_area(b, x);
		} else if (is_el(c, "areas")) {
			for (const xmlNode *x = c->children, *next; x; x = next) {
				next = x->next;
				if (is_el(x, "area")) {
					area_vec_push(b->a, &p->areas, build_area(b, x, NULL));
					release_node(x);
					/* The model's arena blocks come from fresh
					 * mappings, not from the tree's freed heap:
					 * give that back to the system. */
					malloc_trim(0);
				}
			}
		} else if (is_el(c, "related")) {
			if (!p->related_title)
				p->related_title = attr(b, c, "title");
			for (const xmlNode *x = c->children; x; x = x->next)
				if (is_el(x, "xref"))
					xref_vec_push(b->a, &p->related, build_xref(b, x));
		} else if (is_el(c, "measures")) {
			if (!p->measures_title)
				p->measures_title = attr(b, c, "title");
			if (child(c, "description"))
				p->measures_description = child_prose(b, c, "description");
			for (const xmlNode *x = c->children, *next; x; x = next) {
				next = x->next;
				if (is_el(x, "measure")) {
					build_measure(b, x);
					release_node(x);
				}
			}
		} else if (is_el(c, "outcomes")) {
			b->outcomes_title = attr(b, c, "title");
			for (const xmlNode *x = c->children; x; x = x->next)
				if (is_el(x, "outcome"))
					build_outcome(b, x);
		} else if (is_el(c, "audits")) {
			for (const xmlNode *x = c->children; x; x = x->next)
				if (is_el(x, "audit"))
					build_audit(b, x);
		} else if (is_el(c, "voices")) {
			const char *area = attr(b, c, "area");
			for (const xmlNode *x = c->children; x; x = x->next) {
				if (is_el(x, "voice")) {
					struct voice *v = build_voice(b, x);
					v->area_id = area;
					voice_vec_push(b->a, &p->voices, v);
				}
			}
		} else if (is_el(c, "governance")) {
			build_governance(b, c);
		} else if (is_el(c, "notice")) {
			struct notice *no = arena_new(b->a, struct notice);
			no->loc = loc_of(b, c);
			no->lang = attr(b, c, "lang");
			no->title = attr(b, c, "title");
			no->text = prose_of(b, c);
			notice_vec_push(b->a, &p->notices, no);
		} else if (is_el(c, "introduction")) {
			p->introduction = prose_of(b, c);
		} else if (is_el(c, "vision")) {
			p->vision = prose_of(b, c);
		} else if (is_el(c, "goals")) {
			p->goals = prose_of(b, c);
		} else if (is_el(c, "principles")) {
			p->principles = prose_of(b, c);
		} else if (is_el(c, "title")) {
			p->title = text_of(b, c);
		} else if (is_el(c, "subtitle")) {
			p->subtitle = text_of(b, c);
		} else if (is_el(c, "authority")) {
			p->authority = text_of(b, c);
		} else if (is_el(c, "author")) {
			p->author = text_of(b, c);
		} else if (is_el(c, "board")) {
			p->board = text_of(b, c);
		}
	}
}

static void build_plan_root(struct builder *b, const xmlNode *root)
{
	struct plan *p = b->plan;
	p->loc = loc_of(b, root);
	p->id = attr(b, root, "id");
	p->version = attr(b, root, "version");
	p->marking = attr(b, root, "marking");
	p->period = attr(b, root, "period");
	p->label = attr(b, root, "label");
	p->lang = attr(b, root, "lang");
	if (!p->lang)
		p->lang = "en-GB";
	const char *tol = attr(b, root, "tolerance");
	if (tol) {
		struct value v;
		if (value_parse(tol, &v) && v.kind == VALUE_NUMBER && v.number >= 0) {
			p->has_tolerance = true;
			p->tolerance = v.number;
		} else {
			diag_add(b->diags, DIAG_ERROR, b->file, b->file_order, xmlload_line(root),
				 "plan tolerance '%s' is not a number of 0 or more", tol);
		}
	}
	p->due_soon_days = attr_long(b, root, "due-soon", -1);
	/* The as-at date is read first: year-less dates elsewhere are read
	 * against it (or against --as-at when given). */
	b->wctx.reference = BP_DAY_NONE;
	p->as_at = when_attr(b, root, "as-at");
	if (b->opt->as_at != BP_DAY_NONE)
		b->wctx.reference = b->opt->as_at;
	else if (p->as_at.when->kind == WHEN_POINT)
		b->wctx.reference = when_due(p->as_at.when);
	CHECK_CHILDREN(b, root, { "title", true }, { "subtitle", false }, { "authority", false },
		       { "author", false }, { "board", false }, { "introduction", false },
		       { "vision", false }, { "goals", false }, { "principles", false },
		       { "governance", false });
	build_content(b, root);
}

void parse_options_init(struct parse_options *opt)
{
	opt->as_at = BP_DAY_NONE;
	opt->max_files = 0;
	opt->memory_budget = (size_t)1 << 30;
}

void plan_free(struct plan *plan)
{
	if (!plan)
		return;
	struct arena *a = plan->arena;
	arena_release(a);
	free(a);
}

/* Builds and checks the plan from a loaded document. real_path is the
 * plan file's resolved path (includes are confined to its directory). */
/* Says clearly what is wrong with a root element in the wrong namespace or
 * of another format version, before the schema says it less clearly. */
static bool check_root(const char *path, xmlNode *root, struct diag_list *diags)
{
	if (!root || root->type != XML_ELEMENT_NODE)
		return true;
	const char *name = (const char *)root->name;
	bool plan_like = strcmp(name, "plan") == 0 || strcmp(name, "part") == 0;
	const char *ns = root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
	if (!plan_like) {
		diag_add(diags, DIAG_ERROR, path, 0, xmlload_line(root),
			 "root element <%s> is not <plan>: is this a boardpack plan?", name);
		return false;
	}
	if (!ns || strcmp(ns, PLAN_NS) != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, xmlload_line(root),
			 "<%s> is not in the plan namespace: write <%s xmlns=\"%s\">", name, name,
			 PLAN_NS);
		return false;
	}
	xmlChar *format = xmlGetNoNsProp(root, (const xmlChar *)"format");
	bool ok = true;
	if (format && strcmp((const char *)format, "1") != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, xmlload_line(root),
			 "plan format '%.20s' is not supported: this boardpack reads format 1",
			 (const char *)format);
		ok = false;
	}
	xmlFree(format);
	return ok;
}

static enum parse_status parse_loaded(const char *path, const char *real_path, xmlDocPtr doc,
				      const struct parse_options *opt, struct diag_list *diags,
				      struct plan **out)
{
	if (!check_root(path, xmlDocGetRootElement(doc), diags)) {
		xmlFreeDoc(doc);
		return PARSE_INVALID;
	}
	if (!schema_validate(PLAN_SCHEMA, doc, path, 0, diags)) {
		xmlFreeDoc(doc);
		return PARSE_INVALID;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!is_el(root, "plan")) {
		diag_add(diags, DIAG_ERROR, path, 0, xmlload_line(root),
			 "this is a plan part (<part>), not a plan: check the plan that includes it");
		xmlFreeDoc(doc);
		return PARSE_INVALID;
	}

	struct arena *a = xmalloc(sizeof *a);
	arena_init(a);
	if (opt->memory_budget)
		a->budget = opt->memory_budget;
	struct plan *plan = arena_new(a, struct plan);
	plan->arena = a;
	plan->path = arena_strdup(a, path);
	plan->files = arena_array(a, const char *, 1);
	plan->files[0] = plan->path;
	plan->n_files = 1;
	plan->as_at.when = &when_empty;
	plan->people_as_at.when = &when_empty;

	struct builder b;
	memset(&b, 0, sizeof b);
	b.plan = plan;
	b.a = a;
	b.diags = diags;
	b.opt = opt;
	b.file = plan->path;
	b.file_order = 0;
	b.max_files = opt->max_files ? opt->max_files : DEFAULT_MAX_FILES;
	char *real = xstrdup(real_path);
	char *dir_copy = xstrdup(real);
	b.root_dir = xstrdup(dirname(dir_copy));
	free(dir_copy);
	b.stack[0] = real;
	b.names[0] = plan->path;
	size_t errors_before = diags->errors;

	build_plan_root(&b, root);
	xmlFreeDoc(doc);
	strmap_release(&b.whens);
	strmap_release(&b.shared);
	strbuf_release(&b.folded);
	free(b.root_dir);
	free(real);

	if (b.io_failed || b.invalid) {
		plan_free(plan);
		return b.io_failed ? PARSE_IO : PARSE_INVALID;
	}
	check_plan(plan, opt, diags);
	*out = plan;
	return diags->errors > errors_before ? PARSE_ERRORS : PARSE_OK;
}

enum parse_status parse_plan(const char *path, const struct parse_options *opt,
			     struct diag_list *diags, struct plan **out)
{
	*out = NULL;
	xmlDocPtr doc;
	enum xmlload_status st = xmlload_file(path, 0, diags, &doc);
	if (st == XMLLOAD_IO)
		return PARSE_IO;
	if (st != XMLLOAD_OK)
		return PARSE_INVALID;
	char *real = realpath(path, NULL);
	if (!real) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot resolve path: %s", strerror(errno));
		xmlFreeDoc(doc);
		return PARSE_IO;
	}
	enum parse_status ps = parse_loaded(path, real, doc, opt, diags, out);
	free(real);
	return ps;
}

enum parse_status parse_plan_buffer(const char *name, const char *data, size_t size,
				    const char *dir, const struct parse_options *opt,
				    struct diag_list *diags, struct plan **out)
{
	*out = NULL;
	xmlDocPtr doc;
	enum xmlload_status st = xmlload_memory(name, 0, data, size, diags, &doc);
	if (st == XMLLOAD_IO)
		return PARSE_IO;
	if (st != XMLLOAD_OK)
		return PARSE_INVALID;
	char *real_dir = realpath(dir ? dir : ".", NULL);
	if (!real_dir) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "cannot resolve directory: %s",
			 strerror(errno));
		xmlFreeDoc(doc);
		return PARSE_IO;
	}
	char *base = xstrdup(name);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", real_dir, basename(base));
	free(base);
	free(real_dir);
	enum parse_status ps = parse_loaded(name, sb.buf, doc, opt, diags, out);
	strbuf_release(&sb);
	return ps;
}
