#include "schema.h"

#include <libxml/relaxng.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"

#define SCHEMA_CACHE 4
#define SCHEMA_MAX_ERRORS 50

/* How messages name each kind of document the schemas describe. */
struct schema_words {
	const char *path;       /* the schema compiled in */
	const char *format;     /* "plan format" */
	const char *doc;        /* where the format is described */
	const char *ns_word;    /* "plan namespace" */
	const char *ns;
};

static const struct schema_words schema_words[] = {
	{ "docs/plan.rng", "plan format", "docs/plan-format.md", "plan namespace",
	  "urn:boardpack:plan:1" },
	{ "docs/template.rng", "template format", "docs/templates.md", "template namespace",
	  "urn:boardpack:template:1" },
};

static const struct schema_words *words_for(const char *path)
{
	for (size_t i = 0; i < sizeof schema_words / sizeof schema_words[0]; i++)
		if (strcmp(schema_words[i].path, path) == 0)
			return &schema_words[i];
	BUG("no words for schema %s", path);
}

/* Each schema is compiled in two forms that accept exactly the same
 * documents. libxml2's validator tries the optional attributes of an
 * element written one after another (as trang writes them) in every
 * order, which makes an element with a dozen of them slow to check (a
 * 10,000-action plan: 2.8 s); the same attributes inside an <interleave>
 * are matched directly (0.6 s). But its messages for a bad attribute in an
 * interleave say only "invalid sequence in interleave". So a document is
 * checked against the quick form, and only when that fails again against
 * the schema as written, for the messages. */
enum schema_form { SCHEMA_QUICK, SCHEMA_AS_WRITTEN };

struct compiled_schema {
	const char *path;
	enum schema_form form;
	xmlRelaxNGPtr schema;
};

static struct compiled_schema cache[SCHEMA_CACHE];

static void ignore_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static bool is_rng(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An <attribute>, or an <optional> holding one <attribute> and nothing
 * else (comments aside). */
static bool is_attribute_pattern(const xmlNode *n)
{
	if (is_rng(n, "attribute"))
		return true;
	if (!is_rng(n, "optional"))
		return false;
	int attributes = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_rng(c, "attribute"))
			return false;
		attributes++;
	}
	return attributes == 1;
}

/* Moves each run of two or more attribute patterns among el's children
 * into an <interleave> in its place. Attributes have no order, so the
 * schema still accepts exactly the same documents. */
static void interleave_attributes(xmlNode *el)
{
	xmlNode *c = el->children;
	while (c) {
		if (!is_attribute_pattern(c)) {
			c = c->next;
			continue;
		}
		/* The run: attribute patterns, with comments and white space
		 * between them. */
		xmlNode *last = c;
		int n = 0;
		for (xmlNode *k = c; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			if (!is_attribute_pattern(k))
				break;
			last = k;
			n++;
		}
		xmlNode *after = last->next;
		if (n >= 2) {
			xmlNode *group = xmlNewDocNode(el->doc, el->ns, BAD_CAST "interleave", NULL);
			if (!group)
				die_oom(sizeof *group);
			xmlAddPrevSibling(c, group);
			for (xmlNode *k = c, *next; k != after; k = next) {
				next = k->next;
				xmlUnlinkNode(k);
				xmlAddChild(group, k);
			}
		}
		c = after;
	}
}

static void quicken(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			quicken(c);
	if (is_rng(n, "element"))
		interleave_attributes(n);
}

static xmlRelaxNGPtr compile(const char *path, enum schema_form form)
{
	const struct embedded_file *f = embedded_find(path);
	if (!f)
		BUG("schema %s is not compiled in", path);
	xmlDocPtr doc = xmlReadMemory((const char *)f->data, (int)f->size, path, "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
				      XML_PARSE_NOWARNING);
	if (!doc)
		BUG("cannot read schema %s", path);
	if (form == SCHEMA_QUICK)
		quicken(xmlDocGetRootElement(doc));
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewDocParserCtxt(doc);
	if (!pc)
		BUG("cannot read schema %s", path);
	xmlRelaxNGSetParserErrors(pc, ignore_error, ignore_error, NULL);
	xmlRelaxNGPtr s = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	xmlFreeDoc(doc);
	if (!s)
		BUG("schema %s does not compile", path);
	return s;
}

static xmlRelaxNGPtr compiled(const char *path, enum schema_form form)
{
	for (int i = 0; i < SCHEMA_CACHE; i++)
		if (cache[i].path && cache[i].form == form && strcmp(cache[i].path, path) == 0)
			return cache[i].schema;
	xmlRelaxNGPtr s = compile(path, form);
	for (int i = 0; i < SCHEMA_CACHE; i++) {
		if (!cache[i].path) {
			cache[i].path = path;
			cache[i].form = form;
			cache[i].schema = s;
			return s;
		}
	}
	BUG("too many schemas");
}

void schema_release_all(void)
{
	for (int i = 0; i < SCHEMA_CACHE; i++) {
		if (cache[i].schema)
			xmlRelaxNGFree(cache[i].schema);
		cache[i].path = NULL;
		cache[i].schema = NULL;
	}
}

struct schema_message {
	long line;
	bool generic;   /* says only that something below failed */
	char text[512];
};

struct validation {
	const struct schema_words *words;
	struct schema_message *msgs;
	size_t n, cap;
};

/* Rewords libxml2's RelaxNG messages into the project's message style. */
static void reword(const struct schema_words *w, const char *in, char *out, size_t size)
{
	char el[128], other[128];
	if (sscanf(in, "Expecting element %127[^,], got %127s", el, other) == 2) {
		snprintf(out, size, "expected element <%s> here, found <%s>", el, other);
	} else if (sscanf(in, "Did not expect element %127s there", el) == 1) {
		snprintf(out, size, "element <%s> is not allowed here", el);
	} else if (sscanf(in, "Element %127s has extra content: %127s", el, other) == 2) {
		snprintf(out, size, "element <%s> is not allowed inside <%s>", other, el);
	} else if (sscanf(in, "Invalid attribute %127s for element %127s", other, el) == 2) {
		snprintf(out, size, "attribute '%s' of <%s> is unknown or its value is invalid "
			 "(%s)", other, el, w->doc);
	} else if (sscanf(in, "Expecting an element %127[^,], got nothing", el) == 1) {
		snprintf(out, size, "missing element <%s>", el);
	} else if (sscanf(in, "Element %127s failed to validate attributes", el) == 1) {
		snprintf(out, size, "<%s> has a missing or invalid attribute", el);
	} else if (sscanf(in, "Element %127s failed to validate content", el) == 1) {
		snprintf(out, size, "<%s> has missing or misplaced content", el);
	} else if (sscanf(in, "Expecting a namespace for element %127s", el) == 1) {
		snprintf(out, size, "element <%s> is not in the %s (xmlns=\"%s\")", el,
			 w->ns_word, w->ns);
	} else if (sscanf(in, "Element %127s has wrong namespace: expecting %127s", el, other) == 2) {
		snprintf(out, size, "element <%s> has the wrong namespace: expected %s", el, other);
	} else if (sscanf(in, "Expecting no namespace for element %127s", el) == 1) {
		snprintf(out, size, "element <%s> should not have a namespace", el);
	} else {
		snprintf(out, size, "%s", in);
		if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
			out[0] = (char)(out[0] - 'A' + 'a');
	}
	size_t n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' ' || out[n - 1] == '.'))
		out[--n] = '\0';
}

/* libxml2 reports a failure again on every ancestor ("failed to validate
 * attributes", "extra element in interleave"): those say nothing the
 * specific message does not. */
static bool is_generic(const char *msg)
{
	return strstr(msg, "failed to validate") || strstr(msg, "in interleave") ||
	       strstr(msg, "has extra content") || strstr(msg, "Invalid sequence in interleave");
}

static void validity_error(void *user, xmlErrorPtr e)
{
	struct validation *v = user;
	if (!e->message || v->n >= SCHEMA_MAX_ERRORS * 4)
		return;
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->msgs = xrealloc(v->msgs, v->cap, sizeof *v->msgs);
	}
	struct schema_message *m = &v->msgs[v->n++];
	m->line = e->line > 0 ? e->line : 0;
	m->generic = is_generic(e->message);
	reword(v->words, e->message, m->text, sizeof m->text);
	/* name the parent where libxml2 says only "there" */
	const xmlNode *node = e->node;
	char el[128];
	if (node && node->type == XML_ELEMENT_NODE && node->parent &&
	    node->parent->type == XML_ELEMENT_NODE &&
	    sscanf(e->message, "Did not expect element %127s there", el) == 1)
		snprintf(m->text, sizeof m->text, "element <%s> is not allowed inside <%s>", el,
			 (const char *)node->parent->name);
}

/* Keeps the specific messages (or, failing any, the deepest generic one),
 * one per line and text. */
static size_t report_messages(struct validation *v, const char *file, int file_order,
			      struct diag_list *diags)
{
	bool any_specific = false;
	for (size_t i = 0; i < v->n; i++)
		any_specific = any_specific || (!v->msgs[i].generic && v->msgs[i].line > 0);
	size_t reported = 0;
	for (size_t i = 0; i < v->n && reported < SCHEMA_MAX_ERRORS; i++) {
		struct schema_message *m = &v->msgs[i];
		if (any_specific && (m->generic || m->line == 0))
			continue;
		if (!any_specific && reported > 0)
			break;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = v->msgs[k].line == m->line && strcmp(v->msgs[k].text, m->text) == 0;
		if (seen)
			continue;
		diag_add(diags, DIAG_ERROR, file, file_order, m->line, "%s", m->text);
		reported++;
	}
	return reported;
}

static bool valid_in(const char *schema_path, enum schema_form form, xmlDocPtr doc)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(compiled(schema_path, form));
	if (!vc)
		die_oom(sizeof(void *));
	xmlRelaxNGSetValidStructuredErrors(vc, NULL, NULL);
	xmlRelaxNGSetValidErrors(vc, ignore_error, ignore_error, NULL);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	return rc == 0;
}

void schema_forms_valid(const char *schema_path, xmlDocPtr doc, bool *quick, bool *as_written)
{
	*quick = valid_in(schema_path, SCHEMA_QUICK, doc);
	*as_written = valid_in(schema_path, SCHEMA_AS_WRITTEN, doc);
}

bool schema_validate(const char *schema_path, xmlDocPtr doc, const char *file,
		     int file_order, struct diag_list *diags)
{
	if (valid_in(schema_path, SCHEMA_QUICK, doc))
		return true;
	xmlRelaxNGPtr s = compiled(schema_path, SCHEMA_AS_WRITTEN);
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(s);
	if (!vc)
		die_oom(sizeof(void *));
	const struct schema_words *w = words_for(schema_path);
	struct validation v = { w, NULL, 0, 0 };
	xmlRelaxNGSetValidStructuredErrors(vc, validity_error, &v);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	size_t reported = rc != 0 ? report_messages(&v, file, file_order, diags) : 0;
	free(v.msgs);
	if (rc != 0 && reported == 0)
		diag_add(diags, DIAG_ERROR, file, file_order, 0, "does not follow the %s (%s)",
			 w->format, w->doc);
	return rc == 0;
}
