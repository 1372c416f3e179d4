/* svgpost: SVGs drawn with cairo here are rewritten, parsed back and
 * checked for prefixed unique ids, resolved references, the accessible
 * name, and identical bytes however many surfaces the process made before.
 * With BOARDPACK_TEST_KEEP_DIR set, one result is copied there as
 * svgpost.svg for tests/cli/postprocess.sh. */
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/diag.h"
#include "render/svgpost.h"
#include "unit.h"

/* --- capturing error() output --------------------------------------- */

static char *captured;
static size_t captured_len;
static FILE *capture_stream;

static void capture_begin(void)
{
	free(captured);
	captured = NULL;
	capture_stream = open_memstream(&captured, &captured_len);
	diag_set_stream(capture_stream);
}

static const char *capture_end(void)
{
	fclose(capture_stream);
	diag_set_stream(NULL);
	if (!captured)
		return "";
	for (char *nl = strchr(captured, '\n'); nl; nl = strchr(nl, '\n'))
		*nl = nl[1] ? ' ' : '\0';
	return captured;
}

/* --- drawing ------------------------------------------------------------ */

static cairo_surface_t *swatch(void)
{
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgba(cr, 0, 0.5, 0, 0.7);
	cairo_paint(cr);
	cairo_rectangle(cr, 0, 0, 2, 2);
	cairo_set_source_rgb(cr, 0.8, 0, 0);
	cairo_fill(cr);
	cairo_destroy(cr);
	return img;
}

/* A small chart using what boardpack draws: clipped bars, a gradient, text
 * (glyph symbols), a translucent image (mask and filter) and a repeated
 * pattern. */
static void draw_chart(struct svgpost_buffer *raw)
{
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(svgpost_buffer_write, raw, 240, 120);
	cairo_t *cr = cairo_create(s);
	cairo_save(cr);
	cairo_rectangle(cr, 10, 10, 100, 80);
	cairo_clip(cr);
	cairo_pattern_t *grad = cairo_pattern_create_linear(0, 0, 100, 0);
	cairo_pattern_add_color_stop_rgb(grad, 0, 0.1, 0.3, 0.6);
	cairo_pattern_add_color_stop_rgb(grad, 1, 0.2, 0.5, 0.8);
	cairo_set_source(cr, grad);
	/* Bars taller than the plot area: the clip must stay. */
	cairo_rectangle(cr, 20, 30, 30, 90);
	cairo_rectangle(cr, 60, 50, 30, 70);
	cairo_fill(cr);
	cairo_pattern_destroy(grad);
	cairo_restore(cr);

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_font_size(cr, 9);
	cairo_move_to(cr, 10, 105);
	cairo_show_text(cr, "Re-referrals by quarter");

	cairo_surface_t *img = swatch();
	cairo_set_source_surface(cr, img, 130, 10);
	cairo_paint_with_alpha(cr, 0.5);
	cairo_pattern_t *tile = cairo_pattern_create_for_surface(img);
	cairo_pattern_set_extend(tile, CAIRO_EXTEND_REPEAT);
	cairo_set_source(cr, tile);
	cairo_rectangle(cr, 130, 40, 40, 40);
	cairo_fill(cr);
	cairo_pattern_destroy(tile);
	cairo_surface_destroy(img);

	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "cairo: %s\n", cairo_status_to_string(cairo_surface_status(s)));
		exit(1);
	}
	cairo_surface_destroy(s);
}

/* Moves cairo's process-wide surface counter on. */
static void other_surfaces(int n)
{
	for (int i = 0; i < n; i++) {
		struct svgpost_buffer junk = { 0 };
		cairo_surface_t *s = cairo_svg_surface_create_for_stream(svgpost_buffer_write, &junk, 10, 10);
		cairo_surface_destroy(s);
		cairo_surface_destroy(swatch());
		svgpost_buffer_release(&junk);
	}
}

/* --- reading the result back ------------------------------------------ */

static xmlDocPtr reparse(const struct svgpost_buffer *b)
{
	return xmlReadMemory((const char *)b->data, (int)b->len, "out.svg", NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static xmlNodePtr next_element(xmlNodePtr root, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	for (; n && n != root; n = n->parent)
		for (xmlNodePtr s = n->next; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE)
				return s;
	return NULL;
}

static xmlNodePtr first_element(xmlNodePtr n)
{
	for (; n && n->type != XML_ELEMENT_NODE; n = n->next)
		;
	return n;
}

struct id_census {
	char ids[512][64];
	int n;
	int duplicates;
	int unprefixed;
	int references;
	int dangling;
	int data_hrefs;
	char first_dangling[128];
};

static bool has_id(const struct id_census *c, const char *id)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->ids[i], id) == 0)
			return true;
	return false;
}

static void note_reference(struct id_census *c, const char *id, size_t len)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%.*s", (int)len, id);
	c->references++;
	if (!has_id(c, buf)) {
		if (!c->dangling++)
			snprintf(c->first_dangling, sizeof c->first_dangling, "%s", buf);
	}
}

static void census(xmlNodePtr root, const char *prefix, struct id_census *c)
{
	memset(c, 0, sizeof *c);
	size_t plen = strlen(prefix);
	for (xmlNodePtr n = root; n; n = next_element(root, n)) {
		xmlChar *id = xmlGetNoNsProp(n, BAD_CAST "id");
		if (id) {
			if (has_id(c, (char *)id))
				c->duplicates++;
			if (strncmp((char *)id, prefix, plen) != 0 || id[plen] != '-')
				c->unprefixed++;
			if (c->n < 512)
				snprintf(c->ids[c->n++], 64, "%s", (char *)id);
			xmlFree(id);
		}
	}
	for (xmlNodePtr n = root; n; n = next_element(root, n)) {
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *s = (const char *)v;
			if (xmlStrEqual(a->name, BAD_CAST "href")) {
				if (s[0] == '#')
					note_reference(c, s + 1, strlen(s + 1));
				else if (strncmp(s, "data:", 5) == 0)
					c->data_hrefs++;
			}
			for (const char *u = strstr(s, "url(#"); u; u = strstr(u + 1, "url(#"))
				note_reference(c, u + 5, strcspn(u + 5, ")"));
			xmlFree(v);
		}
	}
}

static int count_raw_ids(const struct svgpost_buffer *raw)
{
	xmlDocPtr doc = reparse(raw);
	struct id_census c;
	census(xmlDocGetRootElement(doc), "", &c);
	xmlFreeDoc(doc);
	return c.n;
}

static bool same_bytes(const struct svgpost_buffer *a, const struct svgpost_buffer *b)
{
	return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/* --- tests -------------------------------------------------------------- */

static const struct svgpost_options chart_opt = {
	.id_prefix = "p3",
	.title = "Re-referrals to children's social care",
	.desc = "Bar chart: Q1 24% & Q2 19% <synthetic>; target 20%.",
};

static void test_chart(void)
{
	struct svgpost_buffer raw = { 0 }, out = { 0 };
	draw_chart(&raw);
	capture_begin();
	int rc = svgpost_fix(raw.data, raw.len, &chart_opt, &out);
	const char *msg = capture_end();
	CHECK_INT(rc, 0, "svgpost_fix succeeds on a cairo SVG");
	CHECK_STR(msg, "", "no messages on success");

	xmlDocPtr doc = reparse(&out);
	CHECK(doc != NULL, "the result is well-formed XML");
	if (!doc)
		return;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *role = xmlGetNoNsProp(root, BAD_CAST "role");
	xmlChar *labelled = xmlGetNoNsProp(root, BAD_CAST "aria-labelledby");
	xmlChar *described = xmlGetNoNsProp(root, BAD_CAST "aria-describedby");
	CHECK_STR((char *)role, "img", "root role=\"img\"");
	CHECK_STR((char *)labelled, "p3-title", "root aria-labelledby names the title");
	CHECK_STR((char *)described, "p3-desc", "root aria-describedby names the description");
	xmlFree(role);
	xmlFree(labelled);
	xmlFree(described);

	xmlNodePtr title = first_element(root->children);
	xmlNodePtr desc = title ? first_element(title->next) : NULL;
	CHECK(title && xmlStrEqual(title->name, BAD_CAST "title"), "first child is <title>");
	CHECK(desc && xmlStrEqual(desc->name, BAD_CAST "desc"), "second child is <desc>");
	CHECK(title && title->ns && xmlStrEqual(title->ns->href, BAD_CAST "http://www.w3.org/2000/svg"),
	      "<title> is in the SVG namespace");
	if (title && desc) {
		xmlChar *t = xmlNodeGetContent(title), *d = xmlNodeGetContent(desc);
		CHECK_STR((char *)t, chart_opt.title, "<title> text");
		CHECK_STR((char *)d, chart_opt.desc, "<desc> text survives escaping");
		xmlFree(t);
		xmlFree(d);
	}

	struct id_census c;
	census(root, "p3", &c);
	CHECK_INT(c.n, count_raw_ids(&raw) + 2, "every id kept, plus title and desc");
	CHECK_INT(c.duplicates, 0, "ids are unique");
	CHECK_INT(c.unprefixed, 0, "every id starts with the prefix");
	CHECK(c.references >= 5, "references found (%d)", c.references);
	CHECK_INT(c.dangling, 0, "no dangling reference (first: %s)", c.first_dangling);
	CHECK(c.data_hrefs >= 1, "embedded image kept as a data: URI");
	CHECK(has_id(&c, "p3-surface1"), "surface id renumbered from 1 (p3-surface1)");
	CHECK(has_id(&c, "p3-clip1"), "clip id prefixed (p3-clip1)");
	CHECK(has_id(&c, "p3-glyph1") && has_id(&c, "p3-glyph2"), "glyph ids renumbered");
	CHECK(has_id(&c, "p3-image1"), "image id renumbered from 1 (p3-image1)");
	CHECK(memmem(out.data, out.len, "url(#p3-clip1)", 14) != NULL, "clip-path reference rewritten");
	CHECK(memmem(out.data, out.len, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == (void *)out.data,
	      "declaration first");
	xmlFreeDoc(doc);

	const char *keep = getenv("BOARDPACK_TEST_KEEP_DIR");
	if (keep && *keep) {
		char dest[512];
		snprintf(dest, sizeof dest, "%s/svgpost.svg", keep);
		FILE *f = fopen(dest, "wb");
		CHECK(f && fwrite(out.data, 1, out.len, f) == out.len && fclose(f) == 0,
		      "kept a copy in %s", dest);
	}
	svgpost_buffer_release(&raw);
	svgpost_buffer_release(&out);
}

static void test_determinism(void)
{
	struct svgpost_buffer raw1 = { 0 }, raw2 = { 0 }, out1 = { 0 }, out2 = { 0 };
	draw_chart(&raw1);
	other_surfaces(7);
	draw_chart(&raw2);
	CHECK(!same_bytes(&raw1, &raw2), "cairo's own output differs after other surfaces");
	CHECK_INT(svgpost_fix(raw1.data, raw1.len, &chart_opt, &out1), 0, "first fix");
	CHECK_INT(svgpost_fix(raw2.data, raw2.len, &chart_opt, &out2), 0, "second fix");
	CHECK(same_bytes(&out1, &out2), "identical bytes after the counter moved (%zu, %zu)",
	      out1.len, out2.len);

	/* Two files side by side in one page: no id in common. */
	struct svgpost_buffer other = { 0 };
	struct svgpost_options opt4 = chart_opt;
	opt4.id_prefix = "p4";
	opt4.desc = NULL;
	CHECK_INT(svgpost_fix(raw2.data, raw2.len, &opt4, &other), 0, "fix with another prefix");
	xmlDocPtr d3 = reparse(&out1), d4 = reparse(&other);
	struct id_census *c3 = calloc(2, sizeof *c3), *c4 = c3 + 1;
	census(xmlDocGetRootElement(d3), "p3", c3);
	census(xmlDocGetRootElement(d4), "p4", c4);
	int shared = 0;
	for (int i = 0; i < c4->n; i++)
		shared += has_id(c3, c4->ids[i]);
	CHECK_INT(shared, 0, "two prefixes share no id");
	CHECK_INT(c4->unprefixed, 0, "p4 ids all prefixed");
	xmlChar *described = xmlGetNoNsProp(xmlDocGetRootElement(d4), BAD_CAST "aria-describedby");
	CHECK(described == NULL, "no aria-describedby without a description");
	CHECK(memmem(other.data, other.len, "<desc", 5) == NULL, "no <desc> without a description");
	free(c3);
	xmlFreeDoc(d3);
	xmlFreeDoc(d4);
	svgpost_buffer_release(&raw1);
	svgpost_buffer_release(&raw2);
	svgpost_buffer_release(&out1);
	svgpost_buffer_release(&out2);
	svgpost_buffer_release(&other);
}

static void test_reference_forms(void)
{
	/* Reference forms other writers use, hand-written. */
	static const char svg[] =
		"<?xml version=\"1.0\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
		"<defs><clipPath id=\"clip7\"><rect width=\"1\" height=\"1\"/></clipPath>"
		"<linearGradient id=\"linear2\"/><mask id=\"mask3\"/></defs>"
		"<g id=\"surface40\" clip-path=\"url('#clip7')\" mask=\"url( &quot;#mask3&quot;)\">"
		"<rect style=\"fill:url(#linear2);stroke:url(#linear2)\" width=\"2\" height=\"2\"/>"
		"<use href=\"#clip7\"/><use xlink:href=\"#surface40\"/></g></svg>";
	struct svgpost_buffer out = { 0 };
	struct svgpost_options opt = { .id_prefix = "chart_2.a", .title = "T" };
	capture_begin();
	int rc = svgpost_fix((const unsigned char *)svg, sizeof svg - 1, &opt, &out);
	const char *msg = capture_end();
	CHECK_INT(rc, 0, "hand-written SVG accepted (%s)", msg);
	const char *s = (const char *)out.data;
	CHECK(s && strstr(s, "clip-path=\"url('#chart_2.a-clip1')\""), "quoted url() rewritten");
	CHECK(s && strstr(s, "mask=\"url( &quot;#chart_2.a-mask1&quot;)\""), "double-quoted url() rewritten");
	CHECK(s && strstr(s, "fill:url(#chart_2.a-linear1);stroke:url(#chart_2.a-linear1)"),
	      "every url() in a style rewritten");
	CHECK(s && strstr(s, "<use href=\"#chart_2.a-clip1\"/>"), "plain href rewritten");
	CHECK(s && strstr(s, "xlink:href=\"#chart_2.a-surface1\""), "xlink:href rewritten");
	svgpost_buffer_release(&out);
}

static void expect_refused(const char *what, const char *svg, const struct svgpost_options *opt,
			   const char *message_part)
{
	struct svgpost_buffer out = { 0 };
	capture_begin();
	int rc = svgpost_fix((const unsigned char *)svg, strlen(svg), opt, &out);
	const char *msg = capture_end();
	CHECK_INT(rc, -1, "%s: refused", what);
	CHECK(strstr(msg, message_part) != NULL, "%s: message mentions \"%s\" (got: %s)", what,
	      message_part, msg);
	CHECK(out.len == 0 && out.data == NULL, "%s: output left empty", what);
	svgpost_buffer_release(&out);
}

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"

static void test_refusals(void)
{
	struct svgpost_options opt = { .id_prefix = "p1", .title = "Chart" };
	const char *ok = SVG_OPEN "<g id=\"surface1\"/></svg>";

	struct svgpost_options bad = opt;
	bad.id_prefix = "3p";
	expect_refused("prefix starting with a digit", ok, &bad, "invalid SVG id prefix '3p'");
	bad.id_prefix = "p 3";
	expect_refused("prefix with a space", ok, &bad, "invalid SVG id prefix");
	bad.id_prefix = NULL;
	expect_refused("no prefix", ok, &bad, "invalid SVG id prefix");
	bad = opt;
	bad.title = " ";
	expect_refused("blank title", ok, &bad, "needs a title");
	bad.title = "bell\a";
	expect_refused("control character in the title", ok, &bad, "not valid UTF-8 text");
	bad = opt;
	bad.desc = "caf\xc3";
	expect_refused("truncated UTF-8 in the description", ok, &bad, "not valid UTF-8 text");

	expect_refused("not XML", "<svg", &opt, "cannot parse the SVG");
	expect_refused("entity bomb",
		       "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\">"
		       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
		       SVG_OPEN "<desc>&c;</desc></svg>",
		       &opt, "the SVG");
	expect_refused("document type declaration",
		       "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
		       "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">" SVG_OPEN "</svg>",
		       &opt, "document type declaration");
	expect_refused("external entity",
		       "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		       SVG_OPEN "<desc>&x;</desc></svg>",
		       &opt, "document type declaration");
	expect_refused("not an SVG root", "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>", &opt,
		       "not an SVG (root element 'html')");
	expect_refused("svg without the SVG namespace", "<svg/>", &opt, "not an SVG");
	expect_refused("duplicate id", SVG_OPEN "<g id=\"clip1\"/><g id=\"clip1\"/></svg>", &opt,
		       "defines id 'clip1' twice");
	expect_refused("dangling href", SVG_OPEN "<use xlink:href=\"#glyph0-9\"/></svg>", &opt,
		       "refers to id 'glyph0-9', which it does not define");
	expect_refused("dangling url()", SVG_OPEN "<g clip-path=\"url(#clip4)\"/></svg>", &opt,
		       "refers to id 'clip4'");
	expect_refused("external href", SVG_OPEN "<image xlink:href=\"file:///tmp/chart.png\"/></svg>",
		       &opt, "refers to something outside itself");
	expect_refused("external url()", SVG_OPEN "<g fill=\"url(other.svg#g)\"/></svg>", &opt,
		       "refers to something outside itself");
}

int main(void)
{
	test_chart();
	test_determinism();
	test_reference_forms();
	test_refusals();
	free(captured);
	xmlCleanupParser();
	/* Lets the leak checker see only leaks of our own. */
	cairo_debug_reset_static_data();
	FcFini();
	return unit_done();
}
