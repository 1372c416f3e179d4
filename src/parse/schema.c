#include "schema.h"

#include <libxml/relaxng.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"

#define SCHEMA_CACHE 4
#define SCHEMA_MAX_ERRORS 50

struct compiled_schema {
	const char *path;
	xmlRelaxNGPtr schema;
};

static struct compiled_schema cache[SCHEMA_CACHE];

static void ignore_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static xmlRelaxNGPtr compiled(const char *path)
{
	for (int i = 0; i < SCHEMA_CACHE; i++)
		if (cache[i].path && strcmp(cache[i].path, path) == 0)
			return cache[i].schema;
	const struct embedded_file *f = embedded_find(path);
	if (!f)
		BUG("schema %s is not compiled in", path);
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt((const char *)f->data, (int)f->size);
	if (!pc)
		BUG("cannot read schema %s", path);
	xmlRelaxNGSetParserErrors(pc, ignore_error, ignore_error, NULL);
	xmlRelaxNGPtr s = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!s)
		BUG("schema %s does not compile", path);
	for (int i = 0; i < SCHEMA_CACHE; i++) {
		if (!cache[i].path) {
			cache[i].path = path;
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

struct validation {
	const char *file;
	int file_order;
	struct diag_list *diags;
	int count;
	long last_line;
	char last_msg[512];
};

/* Rewords libxml2's RelaxNG messages into the project's message style. */
static void reword(const char *in, char *out, size_t size)
{
	char el[128], other[128];
	if (sscanf(in, "Expecting element %127[^,], got %127s", el, other) == 2) {
		snprintf(out, size, "expected element <%s> here, found <%s>", el, other);
	} else if (sscanf(in, "Did not expect element %127s there", el) == 1) {
		snprintf(out, size, "element <%s> is not allowed here", el);
	} else if (sscanf(in, "Element %127s has extra content: %127s", el, other) == 2) {
		snprintf(out, size, "element <%s> is not allowed inside <%s>", other, el);
	} else if (sscanf(in, "Invalid attribute %127s for element %127s", other, el) == 2) {
		snprintf(out, size, "attribute '%s' is not allowed on <%s>", other, el);
	} else if (sscanf(in, "Element %127s failed to validate attributes", el) == 1) {
		snprintf(out, size, "<%s> has a missing or invalid attribute", el);
	} else if (sscanf(in, "Element %127s failed to validate content", el) == 1) {
		snprintf(out, size, "<%s> has missing or misplaced content", el);
	} else if (sscanf(in, "Expecting a namespace for element %127s", el) == 1) {
		snprintf(out, size, "element <%s> is not in the plan namespace "
			 "(xmlns=\"urn:boardpack:plan:1\")", el);
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

static void validity_error(void *user, xmlErrorPtr e)
{
	struct validation *v = user;
	if (!e->message)
		return;
	/* Interleave and choice failures repeat themselves up the tree: keep
	 * the first, most specific message of each line. */
	if (e->line == v->last_line && v->count > 0)
		return;
	char msg[512];
	reword(e->message, msg, sizeof msg);
	if (strcmp(msg, v->last_msg) == 0)
		return;
	if (v->count++ >= SCHEMA_MAX_ERRORS)
		return;
	snprintf(v->last_msg, sizeof v->last_msg, "%s", msg);
	v->last_line = e->line;
	diag_add(v->diags, DIAG_ERROR, v->file, v->file_order, e->line > 0 ? e->line : 0,
		 "%s", msg);
}

bool schema_validate(const char *schema_path, xmlDocPtr doc, const char *file,
		     int file_order, struct diag_list *diags)
{
	xmlRelaxNGPtr s = compiled(schema_path);
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(s);
	if (!vc)
		die_oom(sizeof(void *));
	struct validation v = { file, file_order, diags, 0, -1, "" };
	xmlRelaxNGSetValidStructuredErrors(vc, validity_error, &v);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc != 0 && v.count == 0)
		diag_add(diags, DIAG_ERROR, file, file_order, 0,
			 "does not follow the plan format (docs/plan-format.md)");
	return rc == 0;
}
