/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "svgpost.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "base/arena.h"
#include "base/diag.h"

#define SVG_NS "http://www.w3.org/2000/svg"

cairo_status_t svgpost_buffer_write(void *closure, const unsigned char *data,
				    unsigned int length)
{
	struct svgpost_buffer *b = closure;
	if (length > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 64 * 1024;
		while (length > cap - b->len) {
			if (cap > SIZE_MAX / 2)
				die_oom(SIZE_MAX);
			cap *= 2;
		}
		b->data = xrealloc(b->data, cap, 1);
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, length);
	b->len += length;
	return CAIRO_STATUS_SUCCESS;
}

void svgpost_buffer_release(struct svgpost_buffer *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

struct renamer {
	const struct svgpost_options *opt;
	xmlHashTablePtr ids;    /* old id -> new id (xmlChar *, owned) */
	xmlHashTablePtr stems;  /* stem -> ids of that stem so far (as a pointer) */
	char *parse_error;      /* the parser's first complaint */
};

static bool prefix_valid(const char *s)
{
	if (!s || !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") ==
	       strlen(s);
}

/* Text for <title> and <desc>: valid UTF-8 with no character XML 1.0 cannot
 * hold (controls other than tab and newlines, U+FFFE, U+FFFF). */
static bool xml_text_valid(const char *s)
{
	if (!xmlCheckUTF8((const xmlChar *)s))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
		if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
			return false;
	}
	return true;
}

static int check_options(const struct svgpost_options *opt)
{
	if (!prefix_valid(opt->id_prefix))
		return error("invalid SVG id prefix '%s' "
			     "(want a letter, then letters, digits, '-', '_' or '.')",
			     opt->id_prefix ? opt->id_prefix : "");
	if (!opt->title || !opt->title[strspn(opt->title, " \t\r\n")])
		return error("an SVG needs a title (its accessible name)");
	if (!xml_text_valid(opt->title))
		return error("the SVG title is not valid UTF-8 text");
	if (opt->desc && !xml_text_valid(opt->desc))
		return error("the SVG description is not valid UTF-8 text");
	return 0;
}

/* The parser reports here instead of stderr (or a handler another part of
 * boardpack installed process-wide). */
static void keep_first_error(void *user, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = user;
	struct renamer *r = ctxt->_private;
	if (err->level < XML_ERR_ERROR || r->parse_error)
		return;
	char buf[512];
	snprintf(buf, sizeof buf, "line %d: %s", err->line, err->message ? err->message : "error");
	buf[strcspn(buf, "\n")] = '\0';
	r->parse_error = xstrdup(buf);
}

static xmlDocPtr parse(struct renamer *r, const unsigned char *in, size_t in_len)
{
	if (in_len > INT_MAX) {
		error("the SVG is too large (%zu bytes)", in_len);
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		die_oom(sizeof *ctxt);
	ctxt->_private = r;
	ctxt->sax->serror = keep_first_error;
	/* No NOENT, DTDLOAD, DTDATTR or HUGE: nothing is fetched or expanded. */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, (const char *)in, (int)in_len, "cairo.svg", NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	bool ok = doc && ctxt->wellFormed && ctxt->nsWellFormed && !r->parse_error;
	xmlFreeParserCtxt(ctxt);
	if (!ok) {
		error("cannot parse the SVG cairo wrote: %s",
		      r->parse_error ? r->parse_error : "not well-formed");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (doc->intSubset || doc->extSubset) {
		error("the SVG has a document type declaration; refusing it");
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || !xmlStrEqual(root->name, BAD_CAST "svg") || !root->ns ||
	    !xmlStrEqual(root->ns->href, BAD_CAST SVG_NS)) {
		error("the document is not an SVG (root element '%s')",
		      root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* An attribute's value without copying it when, as almost always, it is a
 * single text node; otherwise a copy left in *owned for the caller to
 * xmlFree. Pages hold thousands of <use x= y=>, so the copy counts. */
static const char *attr_value(xmlAttrPtr a, xmlChar **owned)
{
	*owned = NULL;
	if (a->children && !a->children->next && a->children->type == XML_TEXT_NODE &&
	    a->children->content)
		return (const char *)a->children->content;
	*owned = xmlNodeGetContent((xmlNodePtr)a);
	if (!*owned)
		die_oom(0);
	return (const char *)*owned;
}

static bool is_id_attr(xmlAttrPtr a)
{
	return !a->ns && xmlStrEqual(a->name, BAD_CAST "id");
}

/* The next element in document order (pre-order), or NULL. */
static xmlNodePtr next_element(xmlNodePtr root, xmlNodePtr n)
{
	if (n->children) {
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				return c;
	}
	for (; n && n != root; n = n->parent) {
		for (xmlNodePtr s = n->next; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE)
				return s;
	}
	return NULL;
}

static int new_id(struct renamer *r, const char *old)
{
	size_t stem_len = strlen(old);
	while (stem_len > 0 && strchr("0123456789-", old[stem_len - 1]))
		stem_len--;
	char stem[64];
	if (stem_len == 0 || stem_len >= sizeof stem || !prefix_valid(old))
		snprintf(stem, sizeof stem, "id");
	else
		snprintf(stem, sizeof stem, "%.*s", (int)stem_len, old);

	uintptr_t n = (uintptr_t)xmlHashLookup(r->stems, BAD_CAST stem) + 1;
	if (xmlHashUpdateEntry(r->stems, BAD_CAST stem, (void *)n, NULL) != 0)
		die_oom(sizeof stem);
	char fresh[160];
	snprintf(fresh, sizeof fresh, "%s-%s%ju", r->opt->id_prefix, stem, (uintmax_t)n);
	xmlChar *copy = xmlStrdup(BAD_CAST fresh);
	if (!copy)
		die_oom(sizeof fresh);
	if (xmlHashAddEntry(r->ids, BAD_CAST old, copy) != 0) {
		xmlFree(copy);
		return error("the SVG defines id '%s' twice", old);
	}
	return 0;
}

static int collect_ids(struct renamer *r, xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = next_element(root, n)) {
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (!is_id_attr(a))
				continue;
			xmlChar *owned;
			int rc = new_id(r, attr_value(a, &owned));
			xmlFree(owned);
			if (rc)
				return -1;
		}
	}
	return 0;
}

static const char *lookup(struct renamer *r, const char *old)
{
	const char *fresh = xmlHashLookup(r->ids, BAD_CAST old);
	if (!fresh)
		error("the SVG refers to id '%s', which it does not define", old);
	return fresh;
}

/* Rewrites every url(#id) in an attribute value; other text is copied. The
 * result is malloc'd. */
static char *rewrite_urls(struct renamer *r, const char *value)
{
	char *out = NULL;
	size_t out_len = 0;
	FILE *f = open_memstream(&out, &out_len);
	if (!f)
		die_oom(strlen(value));
	const char *p = value;
	bool ok = true;
	for (const char *u; ok && (u = strstr(p, "url(")); ) {
		fwrite(p, 1, (size_t)(u - p), f);
		fputs("url(", f);
		p = u + 4;
		size_t blank = strspn(p, " \t\r\n");
		fwrite(p, 1, blank, f);
		p += blank;
		char quote = (*p == '\'' || *p == '"') ? *p++ : '\0';
		if (*p != '#') {
			error("the SVG refers to something outside itself: '%s'", value);
			ok = false;
			break;
		}
		p++;
		size_t n = strcspn(p, quote ? (quote == '\'' ? "'" : "\"") : ") \t\r\n");
		char old[256];
		if (n == 0 || n >= sizeof old) {
			error("the SVG has a malformed reference: '%s'", value);
			ok = false;
			break;
		}
		memcpy(old, p, n);
		old[n] = '\0';
		const char *fresh = lookup(r, old);
		if (!fresh) {
			ok = false;
			break;
		}
		fprintf(f, "%s#%s%s", quote ? (quote == '\'' ? "'" : "\"") : "", fresh,
			quote ? (quote == '\'' ? "'" : "\"") : "");
		p += n + (quote ? 1 : 0);
	}
	if (ok)
		fputs(p, f);
	if (fclose(f) != 0)
		die_oom(strlen(value));
	if (!ok) {
		free(out);
		return NULL;
	}
	return out;
}

/* The replacement for one attribute value: a malloc'd string, NULL on error,
 * or *unchanged set when the value stays. */
static char *rewrite_value(struct renamer *r, xmlAttrPtr a, const char *value, bool *unchanged)
{
	*unchanged = false;
	if (is_id_attr(a)) {
		const char *fresh = lookup(r, value);
		return fresh ? xstrdup(fresh) : NULL;
	}
	if (xmlStrEqual(a->name, BAD_CAST "href")) {
		if (value[0] == '#') {
			const char *fresh = lookup(r, value + 1);
			if (!fresh)
				return NULL;
			size_t n = strlen(fresh) + 2;
			char *s = xmalloc(n);
			snprintf(s, n, "#%s", fresh);
			return s;
		}
		/* Embedded images are part of the file; anything else would
		 * have to be fetched. */
		if (strncmp(value, "data:", 5) != 0) {
			error("the SVG refers to something outside itself: '%.60s'", value);
			return NULL;
		}
		*unchanged = true;
		return NULL;
	}
	if (strstr(value, "url("))
		return rewrite_urls(r, value);
	*unchanged = true;
	return NULL;
}

static int rewrite_references(struct renamer *r, xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = next_element(root, n)) {
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			xmlChar *owned;
			const char *value = attr_value(a, &owned);
			bool unchanged;
			char *fresh = rewrite_value(r, a, value, &unchanged);
			xmlFree(owned);
			if (unchanged)
				continue;
			if (!fresh)
				return -1;
			/* Replaces the value in place: a stays valid. */
			xmlSetNsProp(n, a->ns, a->name, BAD_CAST fresh);
			free(fresh);
		}
	}
	return 0;
}

static xmlNodePtr text_element(xmlDocPtr doc, xmlNsPtr ns, const char *name,
			       const char *id, const char *text)
{
	xmlNodePtr e = xmlNewDocNode(doc, ns, BAD_CAST name, NULL);
	if (!e)
		die_oom(strlen(text));
	xmlNewProp(e, BAD_CAST "id", BAD_CAST id);
	xmlNodeAddContent(e, BAD_CAST text);
	return e;
}

static void add_accessible_name(const struct svgpost_options *opt, xmlDocPtr doc,
				xmlNodePtr root)
{
	char title_id[160], desc_id[160];
	snprintf(title_id, sizeof title_id, "%s-title", opt->id_prefix);
	snprintf(desc_id, sizeof desc_id, "%s-desc", opt->id_prefix);
	xmlNodePtr title = text_element(doc, root->ns, "title", title_id, opt->title);
	if (root->children)
		xmlAddPrevSibling(root->children, title);
	else
		xmlAddChild(root, title);
	if (opt->desc)
		xmlAddNextSibling(title, text_element(doc, root->ns, "desc", desc_id, opt->desc));
	xmlSetProp(root, BAD_CAST "role", BAD_CAST "img");
	xmlSetProp(root, BAD_CAST "aria-labelledby", BAD_CAST title_id);
	if (opt->desc)
		xmlSetProp(root, BAD_CAST "aria-describedby", BAD_CAST desc_id);
}

static void serialise(xmlDocPtr doc, struct svgpost_buffer *out)
{
	xmlBufferPtr buf = xmlBufferCreate();
	if (!buf)
		die_oom(0);
	/* Fixed options: no indentation added, declaration kept, UTF-8. */
	xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", 0);
	if (!save || xmlSaveDoc(save, doc) < 0 || xmlSaveClose(save) < 0)
		die_oom((size_t)xmlBufferLength(buf));
	svgpost_buffer_write(out, xmlBufferContent(buf), (unsigned)xmlBufferLength(buf));
	xmlBufferFree(buf);
}

int svgpost_fix(const unsigned char *in, size_t in_len, const struct svgpost_options *opt,
		struct svgpost_buffer *out)
{
	if (out->len)
		BUG("svgpost_fix: the output buffer is not empty");
	if (check_options(opt))
		return -1;
	struct renamer r = { .opt = opt };
	xmlDocPtr doc = parse(&r, in, in_len);
	free(r.parse_error);
	if (!doc)
		return -1;
	r.ids = xmlHashCreate(256);
	r.stems = xmlHashCreate(16);
	if (!r.ids || !r.stems)
		die_oom(256);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int rc = -1;
	if (collect_ids(&r, root) || rewrite_references(&r, root))
		goto out;
	add_accessible_name(opt, doc, root);
	serialise(doc, out);
	rc = 0;
out:
	xmlHashFree(r.ids, xmlHashDefaultDeallocator);
	xmlHashFree(r.stems, NULL);
	xmlFreeDoc(doc);
	return rc;
}
