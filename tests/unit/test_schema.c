/* The schemas are compiled in two forms (src/parse/schema.c): a quick one,
 * with each element's attributes in an <interleave>, that every document
 * is checked against first, and the schema as written, whose messages are
 * the ones users read. A document the quick form accepted and the schema
 * as written would not would slip through unchecked; one the quick form
 * rejected and the other accepted would cost a second check. So both forms
 * must agree on every document: the sample plans, the plans and templates
 * of the test corpora, and variations written here. */
#include <glob.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "parse/schema.h"
#include "unit.h"

static int n_valid, n_invalid;

static const char *schema_for(xmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root && root->ns && root->ns->href &&
	    strcmp((const char *)root->ns->href, "urn:boardpack:template:1") == 0)
		return "docs/template.rng";
	return "docs/plan.rng";
}

static void agree(const char *what, xmlDocPtr doc)
{
	bool quick, as_written;
	schema_forms_valid(schema_for(doc), doc, &quick, &as_written);
	CHECK(quick == as_written, "%s: the quick schema and the schema as written agree (%s)",
	      what, as_written ? "valid" : "invalid");
	if (as_written)
		n_valid++;
	else
		n_invalid++;
}

static void agree_on_files(const char *pattern)
{
	glob_t g;
	if (glob(pattern, 0, NULL, &g) != 0) {
		CHECK(0, "files matching %s", pattern);
		return;
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		xmlDocPtr doc = xmlReadFile(g.gl_pathv[i], NULL,
					    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (!doc)
			continue;   /* not well-formed: the schema never sees it */
		agree(g.gl_pathv[i], doc);
		xmlFreeDoc(doc);
	}
	globfree(&g);
}

static void agree_on_text(const char *what, const char *xml)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), what, "UTF-8", XML_PARSE_NONET);
	CHECK(doc != NULL, "%s is well-formed", what);
	if (doc) {
		agree(what, doc);
		xmlFreeDoc(doc);
	}
}

#define PLAN_START "<plan xmlns='urn:boardpack:plan:1' id='p' format='1' as-at='30 Sep 2023'>" \
	"<title>Synthetic plan</title><areas><area id='ar' title='Area one'>"
#define PLAN_END "</area></areas></plan>"

int main(void)
{
	agree_on_files("sample-plans/*.xml");
	agree_on_files("tests/bad/*.xml");
	agree_on_files("tests/templates/*.xml");
	agree_on_files("tests/fuzz/regressions/*");
	agree_on_files("templates/*.xml");

	/* Attributes in every order, required ones missing, unknown ones,
	 * bad values: the cases where the two forms are built differently. */
	agree_on_text("attributes in schema order", PLAN_START
		      "<action id='a1' ref='1.1' due='Mar 2024' done='Apr 2024'><text>Act</text></action>"
		      PLAN_END);
	agree_on_text("attributes in reverse order", PLAN_START
		      "<action done='Apr 2024' due='Mar 2024' ref='1.1' id='a1'><text>Act</text></action>"
		      PLAN_END);
	agree_on_text("a required attribute missing", PLAN_START
		      "<action ref='1.1' due='Mar 2024'><text>Act</text></action>" PLAN_END);
	agree_on_text("an unknown attribute", PLAN_START
		      "<action id='a1' colour='red'><text>Act</text></action>" PLAN_END);
	agree_on_text("an unknown attribute among known ones", PLAN_START
		      "<action id='a1' ref='1' owner='x' due='Mar 2024'><text>Act</text></action>"
		      PLAN_END);
	agree_on_text("a bad yes/no value", PLAN_START
		      "<action id='a1' all-recommendations='perhaps'><text>Act</text></action>"
		      PLAN_END);
	agree_on_text("a namespaced attribute", PLAN_START
		      "<action xmlns:x='urn:other' x:id='a1' id='a1'><text>Act</text></action>"
		      PLAN_END);

	CHECK(n_valid >= 5, "valid documents were among those checked (%d)", n_valid);
	CHECK(n_invalid >= 20, "invalid documents were among those checked (%d)", n_invalid);
	schema_release_all();
	xmlCleanupParser();
	return unit_done();
}
