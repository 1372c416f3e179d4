#include "render/tagstack.h"

#include <string.h>

#include <cairo.h>

#include "base/diag.h"

/* The standard structure types of PDF 1.7 (14.8.4) that cairo 1.16 knows,
 * and its link and destination tags. */
static const char *const valid[] = {
	"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
	"Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6",
	"L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
	"Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
	"Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
	CAIRO_TAG_DEST,
};

bool tagstack_valid_name(const char *name)
{
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		if (strcmp(name, valid[i]) == 0)
			return true;
	return false;
}

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

bool tagstack_allowed(const char *parent, const char *name)
{
	if (!parent)
		return is(name, "Document");
	if (is(name, "Document"))
		return false;
	if (is(name, CAIRO_TAG_DEST))
		return true;
	if (is(parent, CAIRO_TAG_DEST))
		return false;
	if (is(name, "TR"))
		return is(parent, "Table") || is(parent, "THead") || is(parent, "TBody") ||
		       is(parent, "TFoot");
	if (is(name, "TH") || is(name, "TD"))
		return is(parent, "TR");
	if (is(name, "THead") || is(name, "TBody") || is(name, "TFoot"))
		return is(parent, "Table");
	if (is(name, "LI"))
		return is(parent, "L");
	if (is(name, "Lbl") || is(name, "LBody"))
		return is(parent, "LI");
	if (is(name, "TOCI"))
		return is(parent, "TOC");
	/* Elements with fixed children take nothing else. */
	if (is(parent, "TR") || is(parent, "THead") || is(parent, "TBody") ||
	    is(parent, "TFoot") || is(parent, "L") || is(parent, "LI") || is(parent, "TOC"))
		return false;
	if (is(parent, "Table"))
		return is(name, "Caption");
	if (is(parent, "Link"))
		return !is(name, "Link") && !is(name, "Annot");
	return true;
}

void tagstack_init(struct tagstack *ts)
{
	ts->depth = 0;
}

void tagstack_push(struct tagstack *ts, const char *name)
{
	if (!name || !tagstack_valid_name(name))
		BUG("'%s' is not a PDF structure tag", name ? name : "(null)");
	const char *parent = ts->depth ? ts->names[ts->depth - 1] : NULL;
	if (!tagstack_allowed(parent, name))
		BUG("tag %s opened inside %s", name, parent ? parent : "nothing");
	/* A link inside a link would also nest annotations. */
	if (is(name, "Link"))
		for (size_t i = 0; i < ts->depth; i++)
			if (is(ts->names[i], "Link"))
				BUG("link opened inside a link");
	if (ts->depth == TAGSTACK_MAX)
		BUG("tags nested deeper than %d", TAGSTACK_MAX);
	ts->names[ts->depth++] = name;
}

void tagstack_pop(struct tagstack *ts, const char *name)
{
	if (ts->depth == 0)
		BUG("tag %s closed but none is open", name);
	if (strcmp(ts->names[ts->depth - 1], name) != 0)
		BUG("tag %s closed but %s is open", name, ts->names[ts->depth - 1]);
	ts->depth--;
}

void tagstack_finish(const struct tagstack *ts)
{
	if (ts->depth)
		BUG("tag %s left open at the end of the document", ts->names[ts->depth - 1]);
}
