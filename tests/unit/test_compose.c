/* compose: the section table against the template schema, option
 * values, template loading (defaults, extends, include, cycles), the
 * month windows, and a pack composed from a small synthetic plan checked
 * through the document it builds (unique anchors, links that land, alt
 * text on every figure, no empty headings, counts that add up) and laid
 * out. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/embedded.h"
#include "base/strbuf.h"
#include "compose/compose.h"
#include "compose/internal.h"
#include "compose/sections.h"
#include "compose/template.h"
#include "eval/eval.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "parse/parse.h"
#include "parse/schema.h"
#include "parse/xmlload.h"
#include "unit.h"

/* ---- the schema and the section table agree ------------------------------- */

static xmlNode *find_define(xmlNode *root, const char *name)
{
	for (xmlNode *n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "define") != 0)
			continue;
		xmlChar *dn = xmlGetProp(n, (const xmlChar *)"name");
		bool match = dn && strcmp((const char *)dn, name) == 0;
		xmlFree(dn);
		if (match)
			return n;
	}
	return NULL;
}

static xmlNode *find_element(xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "element") == 0) {
			xmlChar *en = xmlGetProp(n, (const xmlChar *)"name");
			bool match = en && strcmp((const char *)en, name) == 0;
			xmlFree(en);
			if (match)
				return n;
		}
		xmlNode *in = find_element(n->children, name);
		if (in)
			return in;
	}
	return NULL;
}

struct attr_info {
	char names[40][64];
	char values[40][512];   /* space-separated <value>s under it */
	char ranges[40][64];    /* "min-max" of integers */
	size_t n;
};

/* Collects <value>s and integer ranges under n, following refs. */
static void collect_values(xmlNode *root, xmlNode *n, char *values, size_t vsize, char *range,
			   size_t rsize, int depth)
{
	for (; n && depth < 8; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = (const char *)n->name;
		if (strcmp(tag, "value") == 0) {
			xmlChar *v = xmlNodeGetContent(n);
			size_t len = strlen(values);
			snprintf(values + len, vsize - len, "%s%s", len ? " " : "", (const char *)v);
			xmlFree(v);
		} else if (strcmp(tag, "param") == 0) {
			xmlChar *pn = xmlGetProp(n, (const xmlChar *)"name");
			xmlChar *v = xmlNodeGetContent(n);
			size_t len = strlen(range);
			if (pn && strcmp((const char *)pn, "minInclusive") == 0)
				snprintf(range + len, rsize - len, "%s-", (const char *)v);
			else if (pn && strcmp((const char *)pn, "maxInclusive") == 0)
				snprintf(range + len, rsize - len, "%s", (const char *)v);
			xmlFree(pn);
			xmlFree(v);
		} else if (strcmp(tag, "ref") == 0) {
			xmlChar *rn = xmlGetProp(n, (const xmlChar *)"name");
			xmlNode *d = find_define(root, (const char *)rn);
			xmlFree(rn);
			if (d)
				collect_values(root, d->children, values, vsize, range, rsize, depth + 1);
		} else {
			collect_values(root, n->children, values, vsize, range, rsize, depth + 1);
		}
	}
}

static void collect_attrs(xmlNode *root, xmlNode *n, struct attr_info *ai, int depth)
{
	for (; n && depth < 8; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = (const char *)n->name;
		if (strcmp(tag, "attribute") == 0 && ai->n < 40) {
			xmlChar *an = xmlGetProp(n, (const xmlChar *)"name");
			snprintf(ai->names[ai->n], sizeof ai->names[0], "%s", (const char *)an);
			xmlFree(an);
			ai->values[ai->n][0] = '\0';
			ai->ranges[ai->n][0] = '\0';
			collect_values(root, n->children, ai->values[ai->n], sizeof ai->values[0],
				       ai->ranges[ai->n], sizeof ai->ranges[0], 0);
			ai->n++;
		} else if (strcmp(tag, "ref") == 0) {
			xmlChar *rn = xmlGetProp(n, (const xmlChar *)"name");
			xmlNode *d = find_define(root, (const char *)rn);
			xmlFree(rn);
			if (d)
				collect_attrs(root, d->children, ai, depth + 1);
		} else if (strcmp(tag, "element") != 0) {
			collect_attrs(root, n->children, ai, depth + 1);
		}
	}
}

static void schema_agrees(void)
{
	const struct embedded_file *f = embedded_find("docs/template.rng");
	CHECK(f != NULL, "docs/template.rng is compiled in");
	if (!f)
		return;
	xmlDocPtr doc = xmlReadMemory((const char *)f->data, (int)f->size, "template.rng", NULL,
				      XML_PARSE_NONET);
	xmlNode *root = xmlDocGetRootElement(doc);
	struct arena a;
	arena_init(&a);
	for (size_t k = 0; k < SECTION_KIND_COUNT; k++) {
		const struct section_def *d = section_def_of((enum section_kind)k);
		xmlNode *el = find_element(root->children, d->name);
		CHECK(el != NULL, "schema has section <%s>", d->name);
		if (!el)
			continue;
		struct attr_info ai;
		ai.n = 0;
		collect_attrs(root, el->children, &ai, 0);
		CHECK_INT(ai.n, section_option_count(d), "schema's <%s> has its %zu options", d->name,
			  section_option_count(d));
		for (size_t i = 0; i < ai.n; i++) {
			const struct sopt_def *od = section_option_find(d, ai.names[i]);
			CHECK(od != NULL, "schema's %s/@%s is an option of the section", d->name,
			      ai.names[i]);
			if (!od)
				continue;
			const char *want = "";
			if (od->type == SOPT_TYPE_BOOL)
				want = "yes no";
			else if (od->type == SOPT_TYPE_CHOICE || od->type == SOPT_TYPE_LIST)
				want = arena_printf(&a, "%s", sopt_choice_names(od, &a));
			if (od->type == SOPT_TYPE_CHOICE || od->type == SOPT_TYPE_LIST) {
				/* "a, b or c" → "a b c" */
				char *w = arena_strdup(&a, want), *o = w;
				for (const char *p = w; *p; p++) {
					if (strncmp(p, " or ", 4) == 0) {
						*o++ = ' ';
						p += 3;
					} else if (*p == ',') {
						continue;
					} else {
						*o++ = *p;
					}
				}
				*o = '\0';
				want = w;
			}
			CHECK_STR(ai.values[i], want, "schema's values of %s/@%s", d->name, ai.names[i]);
			if (od->type == SOPT_TYPE_INT)
				CHECK_STR(ai.ranges[i], arena_printf(&a, "%ld-%ld", od->min, od->max),
					  "schema's range of %s/@%s", d->name, ai.names[i]);
		}
	}
	/* and every section of the schema is one of the table's */
	xmlNode *sec = find_define(root, "section");
	size_t n = 0;
	for (xmlNode *c = sec ? sec->children : NULL; c; c = c->next)
		for (xmlNode *r = c->children; r; r = r->next)
			n += r->type == XML_ELEMENT_NODE;
	CHECK_INT(n, SECTION_KIND_COUNT, "the schema has as many sections as the table");
	arena_release(&a);
	xmlFreeDoc(doc);
}

/* ---- option values --------------------------------------------------------- */

static void option_values(void)
{
	struct arena a;
	arena_init(&a);
	const struct section_def *ap = section_def_find("action-plan");
	const struct section_def *ms = section_def_find("milestones");
	CHECK(ap && ms, "sections are found by name");
	CHECK(section_def_find("sumary") == NULL, "a misspelt section is not found");
	struct sopt_value v;
	const struct sopt_def *cols = section_option_find(ap, "columns");
	CHECK(sopt_parse(cols, "ref  action\tcomputed", &a, &v) == NULL, "a list parses");
	CHECK_INT(v.n_items, 3, "a list keeps its words");
	CHECK_INT(v.items[2], APC_COMPUTED, "a list keeps the order written");
	CHECK_STR(sopt_parse(cols, "ref ref", &a, &v), "names 'ref' twice", "a word twice");
	const char *why = sopt_parse(cols, "ref actoin", &a, &v);
	CHECK(why && strstr(why, "names 'actoin', which is not one of ref, action") &&
		      strstr(why, "; did you mean 'action'?"),
	      "an unknown word is named, with the nearest choice (%s)", why ? why : "");
	CHECK(sopt_parse(cols, "  ", &a, &v) != NULL, "an empty list is refused");
	const struct sopt_def *months = section_option_find(ms, "months");
	CHECK(sopt_parse(months, "12", &a, &v) == NULL && v.number == 12, "a number in range");
	CHECK_STR(sopt_parse(months, "13", &a, &v), "must be a whole number from 1 to 12, not '13'",
		  "a number out of range");
	CHECK(sopt_parse(months, "3x", &a, &v) != NULL, "a number with letters after it");
	const struct sopt_def *chart = section_option_find(ms, "chart");
	CHECK(sopt_parse(chart, "no", &a, &v) == NULL && v.number == 0, "no is false");
	CHECK_STR(sopt_parse(chart, "Yes", &a, &v), "must be yes or no, not 'Yes'",
		  "yes and no only, in lower case");
	const struct sopt_def *gb = section_option_find(ap, "group-by");
	CHECK(sopt_parse(gb, "band", &a, &v) == NULL && v.number == AP_GROUP_BAND, "a choice");
	CHECK_STR(sopt_parse(gb, "priority", &a, &v), "must be one of area, band or none, not 'priority'",
		  "an unknown choice lists the choices");
	const struct sopt_def *title = section_option_find(ap, "title");
	CHECK(title && sopt_parse(title, "Our plan", &a, &v) == NULL && strcmp(v.text, "Our plan") == 0,
	      "every section takes a title");
	CHECK(section_option_find(ap, "new-page") && section_option_find(ap, "orientation"),
	      "every section takes new-page and orientation");
	static const char *const names[] = { "summary", "scorecard", "audits" };
	CHECK_STR(nearest_name("sumary", names, 3), "summary", "nearest: one letter left out");
	CHECK_STR(nearest_name("scorcard", names, 3), "scorecard", "nearest: one letter left out");
	CHECK_STR(nearest_name("aud", names, 3), "audits", "nearest: a prefix");
	CHECK(nearest_name("dashboard", names, 3) == NULL, "nearest: nothing near");
	/* every default parses (template loading relies on it) */
	for (size_t k = 0; k < SECTION_KIND_COUNT; k++) {
		const struct section_def *d = section_def_of((enum section_kind)k);
		for (size_t i = 0; i < section_option_count(d); i++) {
			const struct sopt_def *od = section_option_at(d, i);
			if (od->fallback)
				CHECK(sopt_parse(od, od->fallback, &a, &v) == NULL,
				      "default of %s/@%s parses", d->name, od->name);
		}
	}
	arena_release(&a);
}

/* ---- loading templates --------------------------------------------------------- */

static char tmpdir[] = "/tmp/bp-compose-XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

#define HEAD "<?xml version=\"1.0\"?>\n<template xmlns=\"urn:boardpack:template:1\" format=\"1\""

static void loading(void)
{
	struct diag_list diags;
	struct pack_template *t;
	write_file("base.xml", HEAD ">\n<title>Base</title>\n<page orientation=\"landscape\"/>\n"
				    "<colours accent=\"#112233\"/>\n<marking>OFFICIAL</marking>\n"
				    "<sections><summary/><key/></sections>\n</template>\n");
	write_file("parts.xml", HEAD ">\n<sections><milestones months=\"5\"/><voice of=\"children\"/>"
				     "</sections>\n</template>\n");
	const char *child = write_file(
		"child.xml", HEAD " extends=\"base\">\n<title>Child</title>\n"
				  "<sections>\n<cover/>\n<include template=\"parts.xml\"/>\n"
				  "<action-plan columns=\"ref action\" new-page=\"no\"/>\n</sections>\n"
				  "</template>\n");
	diag_list_init(&diags);
	enum template_status st = template_load(child, &diags, &t);
	CHECK_INT(st, TEMPLATE_OK, "a template that extends and includes loads");
	CHECK_INT(diags.errors, 0, "with no errors");
	diag_list_release(&diags);
	if (st == TEMPLATE_OK) {
		CHECK_STR(t->name, "child", "named after its file");
		CHECK_STR(t->title, "Child", "its own title replaces the base's");
		CHECK_INT(t->orientation, DOC_LANDSCAPE, "the base's orientation is kept");
		CHECK_INT(t->theme.accent, 0x112233, "the base's colour is kept");
		CHECK(t->theme_set == THEME_ACCENT, "only that colour is marked as set");
		CHECK_STR(t->marking, "OFFICIAL", "the base's marking is kept");
		CHECK(!t->marking_override, "a marking does not override the plan's by default");
		CHECK_INT(t->n_sections, 4, "its sections replace the base's, the included spliced in");
		if (t->n_sections == 4) {
			CHECK_STR(t->sections[0].def->name, "cover", "first: its own");
			CHECK_STR(t->sections[1].def->name, "milestones", "then the included ones");
			CHECK_INT(t->sections[1].opts[SOPT_MONTHS].number, 5, "with their options");
			CHECK_STR(t->sections[2].opts[SOPT_OF].words[0], "children", "a word option");
			CHECK_STR(t->sections[3].def->name, "action-plan", "then its own again");
			CHECK_INT(t->sections[3].line, 7, "a section knows its line");
			CHECK(t->sections[3].opts[SOPT_NEW_PAGE].set && !opt_bool(&t->sections[3], SOPT_NEW_PAGE),
			      "an option given is marked set");
			CHECK(!t->sections[3].opts[SOPT_MONTHS].set &&
				      opt_int(&t->sections[3], SOPT_MONTHS) == 2,
			      "an option not given has its default");
			CHECK(strstr(t->sections[1].file, "parts.xml") != NULL,
			      "an included section knows its file");
		}
		template_free(t);
	}

	/* a cycle through extends and include */
	write_file("a.xml", HEAD " extends=\"b.xml\">\n</template>\n");
	write_file("b.xml", HEAD ">\n<sections>\n<cover/>\n<include template=\"a\"/>\n</sections>\n"
				 "</template>\n");
	diag_list_init(&diags);
	char a_path[600];
	snprintf(a_path, sizeof a_path, "%s/a.xml", tmpdir);
	st = template_load(a_path, &diags, &t);
	CHECK_INT(st, TEMPLATE_INVALID, "a template that includes itself is refused");
	CHECK_INT(diags.n, 1, "with one error");
	if (diags.n == 1) {
		CHECK_INT(diags.items[0].line, 5, "at the include that closes the cycle");
		CHECK(strstr(diags.items[0].message, "includes itself (") &&
			      strstr(diags.items[0].message, "a.xml \xe2\x86\x92 ") &&
			      strstr(diags.items[0].message, "b.xml \xe2\x86\x92 "),
		      "naming the chain (%s)", diags.items[0].message);
	}
	diag_list_release(&diags);

	/* every problem of a file in one run */
	const char *bad = write_file("bad.xml", HEAD ">\n<colours rule=\"grey\"/>\n<sections>\n"
						     "<sumary/>\n<milestones months=\"0\" colour=\"x\"/>\n"
						     "</sections>\n</template>\n");
	diag_list_init(&diags);
	st = template_load(bad, &diags, &t);
	CHECK_INT(st, TEMPLATE_INVALID, "a template with errors is refused");
	CHECK_INT(diags.errors, 4, "all four errors reported");
	diag_list_release(&diags);

	/* the built-in templates */
	static const char *const builtins[] = { "improvement-board", "cabinet-appendix",
						"ofsted-evidence", "lead-updates" };
	for (size_t i = 0; i < 4; i++) {
		diag_list_init(&diags);
		st = template_load(builtins[i], &diags, &t);
		CHECK_INT(st, TEMPLATE_OK, "built-in template %s loads", builtins[i]);
		if (st == TEMPLATE_OK)
			template_free(t);
		diag_list_release(&diags);
	}
	diag_list_init(&diags);
	CHECK_INT(template_load("nonesuch", &diags, &t), TEMPLATE_NOT_FOUND, "an unknown name");
	diag_list_release(&diags);
	struct arena a;
	arena_init(&a);
	CHECK_STR(template_builtin_names(&a),
		  "cabinet-appendix, improvement-board, lead-updates, ofsted-evidence",
		  "the built-in templates, listed");
	arena_release(&a);
}

/* ---- month windows --------------------------------------------------------------- */

static void windows(void)
{
	struct arena a;
	arena_init(&a);
	struct plan_eval ev;
	memset(&ev, 0, sizeof ev);
	struct composer c;
	memset(&c, 0, sizeof c);
	c.a = &a;
	c.ev = &ev;
	struct month_window w[12];
	ev.as_at = day_from_ymd(2017, 2, 24);
	CHECK_INT(month_windows(&c, 2, w), 2, "two windows");
	CHECK_STR(w[0].label, "To 31 Mar 2017", "the first runs from the report date to next month's end");
	CHECK_INT(w[0].from, day_from_ymd(2017, 2, 25), "from the day after the report date");
	CHECK_STR(w[0].title, "25 Feb 2017 to 31 Mar 2017", "its title gives both ends");
	CHECK_STR(w[1].label, "Apr 2017", "then whole months");
	CHECK_STR(w[1].title, "April 2017", "named in full");
	CHECK_INT(w[1].to, day_from_ymd(2017, 4, 30), "to the month's end");
	ev.as_at = day_from_ymd(2023, 8, 31);
	month_windows(&c, 1, w);
	CHECK_STR(w[0].label, "Sep 2023", "a report date at a month's end starts the next month");
	ev.as_at = day_from_ymd(2023, 12, 15);
	month_windows(&c, 3, w);
	CHECK_STR(w[0].label, "To 31 Jan 2024", "across a year's end");
	CHECK_STR(w[2].label, "Mar 2024", "and on");
	arena_release(&a);
}

/* ---- a pack from a synthetic plan --------------------------------------------------- */

static const char synthetic_plan[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<plan xmlns=\"urn:boardpack:plan:1\" id=\"synthetic\" format=\"1\" as-at=\"30 Sep 2023\">\n"
	" <title>Synthetic plan</title><authority>Example Borough Council (synthetic)</authority>\n"
	" <governance board=\"Example Board\" updates-requested=\"21\" updates-due=\"14\">\n"
	"  <meeting date=\"17 Oct 2023\">Board</meeting></governance>\n"
	" <people><person id=\"alex\" name=\"Alex Example\" role=\"Head of Service\"/>\n"
	"  <person id=\"sam\" name=\"Sam Sample\"/></people>\n"
	" <schemes default=\"rag\"><scheme id=\"rag\" name=\"RAG\">\n"
	"  <status id=\"G\" label=\"Green\" colour=\"#00B050\" means=\"on-track\">On track.</status>\n"
	"  <status id=\"A\" label=\"Amber\" colour=\"#FFC000\" means=\"at-risk\">At risk.</status>\n"
	"  <status id=\"R\" label=\"Red\" colour=\"#C00000\" means=\"off-track\">Off track.</status>\n"
	"  <status id=\"B\" label=\"Blue\" colour=\"#0070C0\" means=\"complete\">Done.</status>\n"
	" </scheme></schemes>\n"
	" <recommendations source=\"Synthetic inspection\">\n"
	"  <recommendation id=\"r1\" ref=\"1\">Improve assessments.</recommendation>\n"
	"  <recommendation id=\"r2\" ref=\"2\">Nothing answers this one.</recommendation>\n"
	" </recommendations>\n"
	" <areas><area id=\"p1\" ref=\"1\" title=\"Practice\" lead=\"alex\">\n"
	"  <action id=\"a1\" ref=\"1.1\" lead=\"alex\" due=\"31 Aug 2023\" recommendations=\"r1\" measures=\"k1\">\n"
	"   <text>An overdue action rated green.</text><rating status=\"G\"/>\n"
	"   <voice of=\"children\">I am listened to.</voice></action>\n"
	"  <action id=\"a2\" ref=\"1.2\" lead=\"sam\" due=\"31 Mar 2024\">\n"
	"   <text>An action with milestones.</text>\n"
	"   <milestone due=\"20 Oct 2023\"><text>First step</text></milestone>\n"
	"   <milestone due=\"15 Nov 2023\"><text>Second step</text></milestone>\n"
	"   <update date=\"1 Sep 2023\">Going well.</update><rating status=\"A\"/></action>\n"
	" </area>\n"
	" <area id=\"p2\" ref=\"2\" title=\"Partnership\" lead=\"sam\">\n"
	"  <action id=\"a3\" ref=\"2.1\" lead=\"sam\" due=\"30 Jun 2023\" done=\"20 Jun 2023\">\n"
	"   <text>A done action.</text><rating status=\"B\"/></action>\n"
	"  <action id=\"a4\" ref=\"2.2\" lead=\"alex\" due=\"TBC\"><text>Undated.</text><rating status=\"R\"/></action>\n"
	" </area></areas>\n"
	" <measures><measure id=\"k1\" code=\"K1\" unit=\"percent\" better=\"higher\" outcomes=\"o1\">\n"
	"  <name>Assessments on time</name><baseline value=\"40%\" date=\"31 Mar 2023\"/>\n"
	"  <target value=\"60%\" date=\"31 Mar 2024\"/>\n"
	"  <actual value=\"45%\" date=\"31 Jul 2023\"/><actual value=\"47%\" date=\"31 Aug 2023\"/>\n"
	" </measure></measures>\n"
	" <outcomes title=\"Outcomes\"><outcome id=\"o1\" ref=\"1\" recommendations=\"r1\">Good assessments.</outcome></outcomes>\n"
	"</plan>\n";

struct walk {
	const char **anchors;
	size_t n_anchors;
	const char **links;
	size_t n_links;
	size_t figures, figures_without_alt, statuses_without_label, empty_headings;
	size_t h1;
	bool counts_add_up;
	size_t count_rows;
};

static void add_anchor(struct walk *w, const char *a)
{
	if (!a)
		return;
	w->anchors = xrealloc(w->anchors, w->n_anchors + 1, sizeof *w->anchors);
	w->anchors[w->n_anchors++] = a;
}

static void text_links(struct walk *w, const struct doc_text *t)
{
	for (size_t i = 0; t && i < t->n_spans; i++)
		if (t->spans[i].dest) {
			w->links = xrealloc(w->links, w->n_links + 1, sizeof *w->links);
			w->links[w->n_links++] = t->spans[i].dest;
		}
}

static long number(const struct doc_text *t)
{
	return t && t->text ? strtol(t->text, NULL, 10) : -1;
}

static void walk_doc(const struct doc *d, struct walk *w)
{
	memset(w, 0, sizeof *w);
	w->counts_add_up = true;
	for (const struct doc_section *s = d->first; s; s = s->next) {
		const struct doc_block *prev = NULL;
		for (const struct doc_block *b = s->first; b; prev = b, b = b->next) {
			if (prev && prev->kind == DOC_HEADING &&
			    ((b->kind == DOC_HEADING && b->u.heading.level <= prev->u.heading.level) ||
			     b->kind == DOC_PAGE_BREAK))
				w->empty_headings++;
			switch (b->kind) {
			case DOC_HEADING:
				add_anchor(w, b->u.heading.anchor);
				text_links(w, b->u.heading.text);
				w->h1 += b->u.heading.level == 1;
				break;
			case DOC_PARAGRAPH: text_links(w, b->u.para.text); break;
			case DOC_LIST:
				for (size_t i = 0; i < b->u.list.n; i++)
					text_links(w, b->u.list.items[i].text);
				break;
			case DOC_FIGURE:
				w->figures++;
				w->figures_without_alt += !b->u.figure.alt || !*b->u.figure.alt;
				break;
			case DOC_TABLE: {
				const struct doc_table *t = &b->u.table;
				bool counts = t->n_cols == 9 && t->cols[1].header &&
					      strcmp(t->cols[1].header->text, "Actions") == 0;
				for (size_t r = 0; r < t->n_rows; r++) {
					const struct doc_row *row = t->rows[r];
					size_t nc = row->kind == DOC_ROW_GROUP ? 1 : t->n_cols;
					for (size_t k = 0; k < nc; k++) {
						const struct doc_cell *cell = &row->cells[k];
						add_anchor(w, cell->anchor);
						text_links(w, cell->text);
						if (cell->status && (!cell->status->label || !*cell->status->label))
							w->statuses_without_label++;
					}
					if (counts) {
						long sum = 0;
						for (size_t k = 2; k < 8; k++)
							sum += number(row->cells[k].text);
						w->counts_add_up = w->counts_add_up &&
								   sum == number(row->cells[1].text);
						w->count_rows++;
					}
				}
				break;
			}
			default: break;
			}
		}
		if (prev && prev->kind == DOC_HEADING)
			w->empty_headings++;
	}
}

static void pack_from_plan(void)
{
	struct fonts fonts;
	if (fonts_init(&fonts, NULL) != 0) {
		CHECK(false, "fonts found");
		return;
	}
	struct parse_options popt;
	parse_options_init(&popt);
	struct diag_list diags;
	diag_list_init(&diags);
	struct plan *plan = NULL;
	enum parse_status ps = parse_plan_buffer("synthetic.xml", synthetic_plan,
						 sizeof synthetic_plan - 1, ".", &popt, &diags, &plan);
	CHECK_INT(ps, PARSE_OK, "the synthetic plan parses");
	if (ps != PARSE_OK) {
		diag_emit(&diags);
		diag_list_release(&diags);
		plan_free(plan);
		fonts_release(&fonts);
		return;
	}
	struct eval_options eo;
	eval_options_init(&eo);
	const struct plan_eval *ev = evaluate_plan(plan, &eo, &diags);
	diag_list_release(&diags);
	static const char *const names[] = { "improvement-board", "cabinet-appendix",
					     "ofsted-evidence", "lead-updates" };
	/* the cover and the contents have no heading of their own */
	static const size_t h1s[] = { 10, 4, 4, 2 };
	for (size_t i = 0; i < 4; i++) {
		struct pack_template *t;
		diag_list_init(&diags);
		if (template_load(names[i], &diags, &t) != TEMPLATE_OK) {
			CHECK(false, "%s loads", names[i]);
			diag_list_release(&diags);
			continue;
		}
		struct arena a;
		arena_init(&a);
		struct composed_pack cp;
		int rc = compose_pack(plan, ev, t, &fonts, &a, &diags, &cp);
		CHECK_INT(rc, 0, "%s: composed", names[i]);
		if (rc == 0) {
			struct walk w;
			walk_doc(cp.doc, &w);
			CHECK_INT(w.h1, h1s[i], "%s: a level-1 heading per section", names[i]);
			bool unique = true;
			for (size_t x = 0; x < w.n_anchors; x++)
				for (size_t y = x + 1; y < w.n_anchors; y++)
					unique = unique && strcmp(w.anchors[x], w.anchors[y]) != 0;
			CHECK(unique, "%s: every anchor unique (%zu)", names[i], w.n_anchors);
			size_t dangling = 0;
			for (size_t x = 0; x < w.n_links; x++) {
				bool found = false;
				for (size_t y = 0; y < w.n_anchors && !found; y++)
					found = strcmp(w.links[x], w.anchors[y]) == 0;
				dangling += !found;
			}
			CHECK_INT(dangling, 0, "%s: every link lands (%zu links)", names[i], w.n_links);
			CHECK_INT(w.figures_without_alt, 0, "%s: every figure has alternative text",
				  names[i]);
			CHECK_INT(w.statuses_without_label, 0, "%s: every status has its label", names[i]);
			CHECK_INT(w.empty_headings, 0, "%s: no heading left empty", names[i]);
			if (i == 0) {
				CHECK(w.count_rows == 3 && w.counts_add_up,
				      "%s: status counts add up across each row (%zu rows)", names[i],
				      w.count_rows);
				CHECK(w.n_links > 0, "%s: action refs link to the action plan", names[i]);
				CHECK(cp.n_charts >= 3, "%s: status, timeline and KPI charts (%zu)",
				      names[i], cp.n_charts);
			}
			free(w.anchors);
			free(w.links);
			struct layout_doc *ld = layout_doc(&fonts, cp.doc, &a);
			CHECK(ld != NULL, "%s: lays out", names[i]);
			if (ld) {
				CHECK_INT(layout_check(ld, NULL, NULL), 0, "%s: nothing overlaps or clips",
					  names[i]);
				layout_release(ld);
			}
		}
		arena_release(&a);
		template_free(t);
		diag_list_release(&diags);
	}
	plan_free(plan);
	fonts_release(&fonts);
}

/* An action with 50 milestones and commentary of 2,000 characters: every
 * template paginates it cleanly (nothing clipped or overlapping). */
static void long_content(void)
{
	struct fonts fonts;
	if (fonts_init(&fonts, NULL) != 0) {
		CHECK(false, "fonts found");
		return;
	}
	struct strbuf x = STRBUF_INIT;
	strbuf_adds(&x, "<plan xmlns=\"urn:boardpack:plan:1\" id=\"long\" format=\"1\" "
			"as-at=\"30/09/2023\"><title>Synthetic plan with long content</title>"
			"<people><person id=\"a\" name=\"Alex Example\"/></people>"
			"<areas><area id=\"p1\" ref=\"1\" title=\"Priority one\">"
			"<action id=\"1.1\" ref=\"1.1\" lead=\"a\" due=\"Mar 2024\">"
			"<text>Review every plan for children in need</text><commentary>");
	for (int i = 0; i < 40; i++)  /* 40 x 50 = 2,000 characters */
		strbuf_addf(&x, "Progress note %02d on the review of plans. ", i);
	strbuf_adds(&x, "</commentary>");
	for (int i = 1; i <= 50; i++)
		strbuf_addf(&x, "<milestone due=\"%d %s 2023\"><text>Milestone %d: audit a "
			    "sample of plans and feed back to the team manager</text></milestone>",
			    1 + i % 28, i % 2 ? "Oct" : "Aug", i);
	strbuf_adds(&x, "</action></area></areas></plan>");
	struct parse_options popt;
	parse_options_init(&popt);
	struct diag_list diags;
	diag_list_init(&diags);
	struct plan *plan = NULL;
	enum parse_status ps = parse_plan_buffer("long.xml", x.buf, x.len, ".", &popt, &diags, &plan);
	strbuf_release(&x);
	CHECK_INT(ps, PARSE_OK, "the plan with long content parses");
	if (ps == PARSE_OK) {
		struct eval_options eo;
		eval_options_init(&eo);
		const struct plan_eval *ev = evaluate_plan(plan, &eo, &diags);
		static const char *const names[] = { "improvement-board", "cabinet-appendix",
						     "ofsted-evidence", "lead-updates" };
		for (size_t i = 0; ev && i < 4; i++) {
			struct pack_template *t;
			if (template_load(names[i], &diags, &t) != TEMPLATE_OK) {
				CHECK(false, "%s loads", names[i]);
				continue;
			}
			struct arena a;
			arena_init(&a);
			struct composed_pack cp;
			int rc = compose_pack(plan, ev, t, &fonts, &a, &diags, &cp);
			struct layout_doc *ld = rc == 0 ? layout_doc(&fonts, cp.doc, &a) : NULL;
			CHECK(ld != NULL, "%s: 50 milestones and 2,000 characters lay out", names[i]);
			if (ld) {
				CHECK_INT(layout_check(ld, NULL, NULL), 0,
					  "%s: 50 milestones and 2,000 characters: nothing clipped or "
					  "overlapping (%zu pages)", names[i], ld->n_pages);
				layout_release(ld);
			}
			arena_release(&a);
			template_free(t);
		}
	}
	diag_list_release(&diags);
	plan_free(plan);
	fonts_release(&fonts);
}

int main(void)
{
	xmlload_init();
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	schema_agrees();
	option_values();
	loading();
	windows();
	pack_from_plan();
	long_content();
	static const char *const files[] = { "base.xml", "parts.xml", "child.xml", "a.xml",
					     "b.xml", "bad.xml" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[600];
		snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	schema_release_all();
	return unit_done();
}
