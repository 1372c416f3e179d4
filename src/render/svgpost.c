#include "svgpost.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "render/svgids.h"
#include "render/svgscan.h"

#define SVG_NS "http://www.w3.org/2000/svg"

void svgpost_buffer_reserve(struct svgpost_buffer *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 64 * 1024;
	while (more > cap - b->len) {
		if (cap > SIZE_MAX / 2)
			die_oom(SIZE_MAX);
		cap *= 2;
	}
	if (cap != b->cap) {
		b->data = xrealloc(b->data, cap, 1);
		b->cap = cap;
	}
}

cairo_status_t svgpost_buffer_write(void *closure, const unsigned char *data,
				    unsigned int length)
{
	struct svgpost_buffer *b = closure;
	if (length > b->cap - b->len)
		svgpost_buffer_reserve(b, length);
	memcpy(b->data + b->len, data, length);
	b->len += length;
	return CAIRO_STATUS_SUCCESS;
}

void svgpost_buffer_release(struct svgpost_buffer *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* Where the parser's error handler leaves its first complaint. */
struct parse_report {
	char *first_error;
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
	struct parse_report *r = ctxt->_private;
	if (err->level < XML_ERR_ERROR || r->first_error)
		return;
	char buf[512];
	snprintf(buf, sizeof buf, "line %d: %s", err->line, err->message ? err->message : "error");
	buf[strcspn(buf, "\n")] = '\0';
	r->first_error = xstrdup(buf);
}

static xmlDocPtr parse(struct parse_report *r, const unsigned char *in, size_t in_len)
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
	bool ok = doc && ctxt->wellFormed && ctxt->nsWellFormed && !r->first_error;
	xmlFreeParserCtxt(ctxt);
	if (!ok) {
		error("cannot parse the SVG cairo wrote: %s",
		      r->first_error ? r->first_error : "not well-formed");
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

static enum svgids_attr attr_kind(xmlAttrPtr a)
{
	if (is_id_attr(a))
		return SVGIDS_ID;
	if (xmlStrEqual(a->name, BAD_CAST "href"))
		return SVGIDS_HREF;
	return SVGIDS_OTHER;
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

static int collect_ids(struct svgids *ids, xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = next_element(root, n)) {
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (!is_id_attr(a))
				continue;
			xmlChar *owned;
			const char *fresh = svgids_define(ids, attr_value(a, &owned));
			xmlFree(owned);
			if (!fresh)
				return -1;
		}
	}
	return 0;
}

static int rewrite_references(struct svgids *ids, xmlNodePtr root)
{
	struct strbuf fresh = STRBUF_INIT;
	int rc = 0;
	for (xmlNodePtr n = root; rc == 0 && n; n = next_element(root, n)) {
		for (xmlAttrPtr a = n->properties; rc == 0 && a; a = a->next) {
			xmlChar *owned;
			strbuf_reset(&fresh);
			int changed = svgids_rewrite(ids, attr_kind(a), attr_value(a, &owned), &fresh);
			xmlFree(owned);
			if (changed < 0)
				rc = -1;
			else if (changed)
				/* Replaces the value in place: a stays valid. */
				xmlSetNsProp(n, a->ns, a->name, BAD_CAST strbuf_str(&fresh));
		}
	}
	strbuf_release(&fresh);
	return rc;
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

/* The reference reader: libxml2 builds a tree, the tree is changed and
 * saved. Any well-formed SVG in any spelling goes this way. */
static int fix_with_libxml2(const unsigned char *in, size_t in_len,
			    const struct svgpost_options *opt, struct svgpost_buffer *out)
{
	struct parse_report report = { NULL };
	xmlDocPtr doc = parse(&report, in, in_len);
	free(report.first_error);
	if (!doc)
		return -1;
	struct svgids ids;
	svgids_init(&ids, opt->id_prefix, false);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int rc = -1;
	if (collect_ids(&ids, root) == 0 && rewrite_references(&ids, root) == 0) {
		add_accessible_name(opt, doc, root);
		serialise(doc, out);
		rc = 0;
	}
	svgids_release(&ids);
	xmlFreeDoc(doc);
	return rc;
}

int svgpost_fix(const unsigned char *in, size_t in_len, const struct svgpost_options *opt,
		struct svgpost_buffer *out)
{
	if (out->len)
		BUG("svgpost_fix: the output buffer is not empty");
	if (check_options(opt))
		return -1;
	if (svgscan_fix(in, in_len, opt, out))
		return 0;
	return fix_with_libxml2(in, in_len, opt, out);
}

int svgpost_fix_libxml2(const unsigned char *in, size_t in_len,
			const struct svgpost_options *opt, struct svgpost_buffer *out)
{
	if (out->len)
		BUG("svgpost_fix_libxml2: the output buffer is not empty");
	if (check_options(opt))
		return -1;
	return fix_with_libxml2(in, in_len, opt, out);
}
