/* Reading and checking templates (template.h, docs/templates.md). */
#include "compose/template.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "parse/schema.h"
#include "parse/xmlload.h"

#define TEMPLATE_SCHEMA "docs/template.rng"
/* extends and includes, nested: far more than any real template needs */
#define TEMPLATE_MAX_DEPTH 16

const char *const template_placeholders[] = {
	"title", "authority", "board", "pack", "as-at", "version", "period", "marking", NULL
};

struct loader {
	struct arena *a;
	struct diag_list *diags;
	const struct template_source *stack[TEMPLATE_MAX_DEPTH];
	size_t depth;
	int file_order;
	enum template_status status;
};

/* One file being read. */
struct tfile {
	struct loader *L;
	const struct template_source *src;
	int order;
	long *error_lines;          /* lines this file's own checks reported */
	size_t n_error_lines, cap_error_lines;
};

static void worsen(struct loader *L, enum template_status st)
{
	if (st == TEMPLATE_IO || L->status == TEMPLATE_OK ||
	    (st == TEMPLATE_NOT_FOUND && L->status == TEMPLATE_INVALID))
		L->status = st;
}

__attribute__((format(printf, 3, 4)))
static void terr(struct tfile *F, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(F->L->diags, DIAG_ERROR, F->src->display, F->order, line, fmt, ap);
	va_end(ap);
	worsen(F->L, TEMPLATE_INVALID);
	if (F->n_error_lines == F->cap_error_lines) {
		F->cap_error_lines = F->cap_error_lines ? F->cap_error_lines * 2 : 8;
		F->error_lines = xrealloc(F->error_lines, F->cap_error_lines, sizeof(long));
	}
	F->error_lines[F->n_error_lines++] = line;
}

static bool reported_at(const struct tfile *F, long line)
{
	for (size_t i = 0; i < F->n_error_lines; i++)
		if (F->error_lines[i] == line)
			return true;
	return false;
}

/* ---- XML helpers --------------------------------------------------------- */

static bool in_ns(const xmlNode *n)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, TEMPLATE_NS) == 0;
}

static const char *name_of(const xmlNode *n)
{
	return (const char *)n->name;
}

/* An attribute's value, copied into the arena; NULL when absent. */
static const char *attr(struct loader *L, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *s = arena_strdup(L->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* An element's text with white space runs made single spaces and trimmed. */
static const char *text_of(struct loader *L, xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *in = v ? (const char *)v : "";
	struct strbuf sb = STRBUF_INIT;
	bool space = false;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			strbuf_addc(&sb, ' ');
		space = false;
		strbuf_addc(&sb, *p);
	}
	const char *s = arena_strdup(L->a, strbuf_str(&sb));
	strbuf_release(&sb);
	if (v)
		xmlFree(v);
	return s;
}

static bool blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Reports child elements and text of an element that holds only text
 * (text_ok) or nothing. */
static void check_leaf(struct tfile *F, xmlNode *n, bool text_ok)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			terr(F, xmlload_line(c), "element <%s> is not allowed inside <%s>",
			     name_of(c), name_of(n));
		else if (!text_ok && c->type == XML_TEXT_NODE && !blank(c->content))
			terr(F, xmlload_line(c), "<%s> holds no text", name_of(n));
	}
}

/* Reports attributes of n not among the names given (NULL-terminated). */
static void check_attrs(struct tfile *F, xmlNode *n, const char *const *known)
{
	for (xmlAttr *at = n->properties; at; at = at->next) {
		bool ok = false;
		for (size_t i = 0; known[i] && !at->ns; i++)
			ok = ok || strcmp((const char *)at->name, known[i]) == 0;
		if (ok)
			continue;
		size_t nk = 0;
		while (known[nk])
			nk++;
		const char *near = nearest_name((const char *)at->name, known, nk);
		if (nk == 0)
			terr(F, xmlload_line(n), "<%s> takes no attributes, not '%s'", name_of(n),
			     (const char *)at->name);
		else if (near)
			terr(F, xmlload_line(n), "<%s> has no attribute '%s'; did you mean '%s'?",
			     name_of(n), (const char *)at->name, near);
		else
			terr(F, xmlload_line(n), "<%s> has no attribute '%s'", name_of(n),
			     (const char *)at->name);
	}
}

/* ---- values -------------------------------------------------------------- */

static bool parse_colour(const char *s, doc_rgb *out)
{
	if (!s || s[0] != '#' || strlen(s) != 7)
		return false;
	doc_rgb v = 0;
	for (int i = 1; i < 7; i++) {
		char ch = s[i];
		int d = ch >= '0' && ch <= '9'   ? ch - '0'
			: ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
			: ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
						 : -1;
		if (d < 0)
			return false;
		v = v * 16 + (doc_rgb)d;
	}
	*out = v;
	return true;
}

/* "40mm", "4cm", "113pt" → points; -1 when not a length. */
static double parse_length(const char *s)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || !(v >= 0 && v <= 2000))
		return -1;
	while (*end == ' ')
		end++;
	double scale = strncmp(end, "mm", 2) == 0   ? 72.0 / 25.4
		       : strncmp(end, "cm", 2) == 0 ? 72.0 / 2.54
		       : strncmp(end, "pt", 2) == 0 ? 1.0
						    : -1;
	if (scale < 0)
		return -1;
	end += 2;
	while (*end == ' ')
		end++;
	return *end ? -1 : v * scale;
}

/* Checks the {placeholders} of header, footer and paragraph text. */
static void check_placeholders(struct tfile *F, long line, const char *where, const char *s)
{
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
		const char *close = strchr(p, '}');
		size_t n = close ? (size_t)(close - p - 1) : 0;
		bool known = false;
		for (size_t i = 0; close && template_placeholders[i]; i++)
			known = known || (strlen(template_placeholders[i]) == n &&
					  strncmp(template_placeholders[i], p + 1, n) == 0);
		if (known)
			continue;
		struct strbuf names = STRBUF_INIT;
		for (size_t i = 0; template_placeholders[i]; i++)
			strbuf_addf(&names, "%s{%s}", i ? ", " : "", template_placeholders[i]);
		if (!close)
			terr(F, line, "'{' in %s starts no placeholder (the placeholders are: %s)",
			     where, strbuf_str(&names));
		else
			terr(F, line, "unknown placeholder '%.*s' in %s (the placeholders are: %s)",
			     (int)(n + 2), p, where, strbuf_str(&names));
		strbuf_release(&names);
	}
}

/* ---- the elements --------------------------------------------------------- */

static void read_page(struct tfile *F, xmlNode *n, struct pack_template *t)
{
	static const char *const known[] = { "size", "orientation", NULL };
	check_attrs(F, n, known);
	check_leaf(F, n, false);
	const char *size = attr(F->L, n, "size");
	if (size && strcmp(size, "A4") != 0)
		terr(F, xmlload_line(n), "page size '%s' is not supported: packs are printed on A4",
		     size);
	const char *o = attr(F->L, n, "orientation");
	if (o && strcmp(o, "portrait") == 0)
		t->orientation = DOC_PORTRAIT;
	else if (o && strcmp(o, "landscape") == 0)
		t->orientation = DOC_LANDSCAPE;
	else if (o)
		terr(F, xmlload_line(n), "page orientation must be portrait or landscape, not '%s'",
		     o);
}

static void read_colours(struct tfile *F, xmlNode *n, struct pack_template *t)
{
	static const char *const known[] = {
		"text", "accent", "link", "header-fill", "group-fill", "label-fill", "rule", NULL
	};
	doc_rgb *fields[] = {
		&t->theme.text, &t->theme.accent, &t->theme.link, &t->theme.header_fill,
		&t->theme.group_fill, &t->theme.label_fill, &t->theme.rule,
	};
	check_attrs(F, n, known);
	check_leaf(F, n, false);
	for (size_t i = 0; known[i]; i++) {
		const char *v = attr(F->L, n, known[i]);
		if (!v)
			continue;
		if (parse_colour(v, fields[i]))
			t->theme_set |= 1u << i;
		else
			terr(F, xmlload_line(n), "colour %s '%s' is not a colour like #1F3864", known[i],
			     v);
	}
}

static bool safe_relative(const char *path)
{
	if (!*path || path[0] == '/' || strchr(path, '\\'))
		return false;
	for (const char *p = path; p; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return false;
	}
	return true;
}

static void read_logo(struct tfile *F, xmlNode *n, struct pack_template *t)
{
	static const char *const known[] = { "src", "width", "alt", NULL };
	check_attrs(F, n, known);
	check_leaf(F, n, false);
	long line = xmlload_line(n);
	const char *src = attr(F->L, n, "src");
	const char *width = attr(F->L, n, "width");
	const char *alt = attr(F->L, n, "alt");
	if (!alt || !*alt)
		terr(F, line, "<logo> needs alt, the logo's alternative text (such as "
		     "\"Example Council logo\")");
	double w = 0;
	if (width && (w = parse_length(width)) < 0)
		terr(F, line, "logo width '%s' is not a length like 40mm, 4cm or 113pt", width);
	if (!src) {
		terr(F, line, "<logo> needs src, a PNG file in the template's directory");
		return;
	}
	if (!F->src->path) {
		terr(F, line, "a built-in template cannot name a logo file");
		return;
	}
	if (!safe_relative(src)) {
		terr(F, line, "logo '%s' must be a PNG file in the template's directory or "
		     "below it, named by a relative path without '..'", src);
		return;
	}
	const char *path = arena_printf(F->L->a, "%s/%s", F->src->dir, src);
	FILE *fp = fopen(path, "rb");
	unsigned char sig[8];
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	if (!fp) {
		terr(F, line, "cannot read logo '%s'", path);
		return;
	}
	size_t got = fread(sig, 1, sizeof sig, fp);
	fclose(fp);
	if (got != sizeof sig || memcmp(sig, png, sizeof sig) != 0) {
		terr(F, line, "logo '%s' is not a PNG file", path);
		return;
	}
	t->logo = path;
	t->logo_width = w;
	t->logo_alt = alt;
}

static void read_text_setting(struct tfile *F, xmlNode *n, const char **field, bool placeholders)
{
	static const char *const none[] = { NULL };
	static const char *const marking[] = { "override", NULL };
	bool is_marking = strcmp(name_of(n), "marking") == 0;
	check_attrs(F, n, is_marking ? marking : none);
	check_leaf(F, n, true);
	const char *s = text_of(F->L, n);
	if (!*s && strcmp(name_of(n), "description") != 0)
		terr(F, xmlload_line(n), "<%s> is empty", name_of(n));
	if (placeholders)
		check_placeholders(F, xmlload_line(n), arena_printf(F->L->a, "<%s>", name_of(n)), s);
	*field = s;
}

/* ---- sections -------------------------------------------------------------- */

struct section_list {
	struct tpl_section *items;
	size_t n, cap;
};

static struct tpl_section *section_push(struct loader *L, struct section_list *sl)
{
	if (sl->n == sl->cap) {
		size_t cap = sl->cap ? sl->cap * 2 : 16;
		sl->items = arena_grow(L->a, sl->items, sl->n, cap, sizeof *sl->items);
		sl->cap = cap;
	}
	struct tpl_section *s = &sl->items[sl->n++];
	memset(s, 0, sizeof *s);
	return s;
}

static void read_paragraphs(struct tfile *F, xmlNode *n, struct tpl_section *s)
{
	size_t count = 0, errors = F->n_error_lines;
	for (xmlNode *c = n->children; c; c = c->next)
		count += c->type == XML_ELEMENT_NODE;
	s->paragraphs = arena_array(F->L->a, const char *, count ? count : 1);
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && !blank(c->content)) {
			terr(F, xmlload_line(c), "text in <%s> must be inside <p> paragraphs",
			     name_of(n));
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!in_ns(c) || strcmp(name_of(c), "p") != 0) {
			terr(F, xmlload_line(c), "element <%s> is not allowed inside <%s>: "
			     "write paragraphs as <p>", name_of(c), name_of(n));
			continue;
		}
		static const char *const none[] = { NULL };
		check_attrs(F, c, none);
		check_leaf(F, c, true);
		const char *p = text_of(F->L, c);
		check_placeholders(F, xmlload_line(c), "a paragraph", p);
		if (*p)
			s->paragraphs[s->n_paragraphs++] = p;
	}
	if (s->n_paragraphs == 0 && errors == F->n_error_lines)
		terr(F, xmlload_line(n), "section '%s' needs at least one <p> paragraph",
		     name_of(n));
}

static void read_section(struct tfile *F, xmlNode *n, struct section_list *sl)
{
	struct loader *L = F->L;
	long line = xmlload_line(n);
	const struct section_def *def = section_def_find(name_of(n));
	if (!def) {
		const char *names[SECTION_KIND_COUNT];
		for (size_t i = 0; i < SECTION_KIND_COUNT; i++)
			names[i] = section_def_of((enum section_kind)i)->name;
		const char *near = nearest_name(name_of(n), names, SECTION_KIND_COUNT);
		if (near)
			terr(F, line, "unknown section '%s'; did you mean '%s'?", name_of(n), near);
		else
			terr(F, line, "unknown section '%s' (the sections are: %s)", name_of(n),
			     section_names(L->a));
		return;
	}
	struct tpl_section *s = section_push(L, sl);
	s->def = def;
	s->file = F->src->display;
	s->line = line;
	for (xmlAttr *at = n->properties; at; at = at->next) {
		const char *aname = (const char *)at->name;
		const struct sopt_def *od = at->ns ? NULL : section_option_find(def, aname);
		if (!od) {
			size_t no = section_option_count(def);
			const char **names = arena_array(L->a, const char *, no);
			for (size_t i = 0; i < no; i++)
				names[i] = section_option_at(def, i)->name;
			const char *near = nearest_name(aname, names, no);
			if (near)
				terr(F, line, "section '%s' has no option '%s'; did you mean '%s'?",
				     def->name, aname, near);
			else
				terr(F, line, "section '%s' has no option '%s' (its options are: %s)",
				     def->name, aname, section_option_names(def, L->a));
			continue;
		}
		const char *value = attr(L, n, aname);
		struct sopt_value *v = &s->opts[od->key];
		const char *why = sopt_parse(od, value, L->a, v);
		if (why) {
			terr(F, line, "option '%s' of section '%s' %s", od->name, def->name, why);
			continue;
		}
		v->set = true;
		v->line = line;
		if (od->type == SOPT_TYPE_TEXT)
			check_placeholders(F, line, arena_printf(L->a, "option '%s'", od->name),
					   v->text);
	}
	for (size_t i = 0; i < section_option_count(def); i++) {
		const struct sopt_def *od = section_option_at(def, i);
		struct sopt_value *v = &s->opts[od->key];
		if (v->set || !od->fallback)
			continue;
		if (sopt_parse(od, od->fallback, L->a, v))
			BUG("default '%s' of option '%s' does not parse", od->fallback, od->name);
	}
	if (def->paragraphs)
		read_paragraphs(F, n, s);
	else
		for (xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE ||
			    (c->type == XML_TEXT_NODE && !blank(c->content))) {
				terr(F, xmlload_line(c), "section '%s' takes options as attributes "
				     "and holds nothing", def->name);
				break;
			}
}

static void load_source(struct loader *L, const struct template_source *src,
			const struct template_source *from, long from_line,
			struct pack_template *t, bool *has_sections);

/* Resolves and reads a template named from F at line; what says how it is
 * named ("extends", "include"). */
static void load_ref(struct tfile *F, long line, const char *what, const char *ref,
		     struct pack_template *t, bool *has_sections)
{
	struct loader *L = F->L;
	if (strchr(ref, '/') || strchr(ref, '\\')) {
		terr(F, line, "%s '%s' must name a template in the same directory, by name or "
		     "file name, without '/'", what, ref);
		return;
	}
	struct template_source found;
	if (!template_find_near(F->src, ref, L->a, &found)) {
		if (F->src->path)
			terr(F, line, "%s names template '%s', which is neither in '%s' nor built in",
			     what, ref, F->src->dir);
		else
			terr(F, line, "%s names template '%s', which is not built in", what, ref);
		return;
	}
	struct template_source *copy = arena_new(L->a, struct template_source);
	*copy = found;
	load_source(L, copy, F->src, line, t, has_sections);
}

static void read_sections(struct tfile *F, xmlNode *n, struct section_list *sl)
{
	struct loader *L = F->L;
	static const char *const none[] = { NULL };
	check_attrs(F, n, none);
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && !blank(c->content)) {
			terr(F, xmlload_line(c), "text is not allowed inside <sections>");
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!in_ns(c)) {
			terr(F, xmlload_line(c), "element <%s> is not in the template namespace "
			     "(xmlns=\"" TEMPLATE_NS "\")", name_of(c));
			continue;
		}
		if (strcmp(name_of(c), "include") != 0) {
			read_section(F, c, sl);
			continue;
		}
		static const char *const known[] = { "template", NULL };
		check_attrs(F, c, known);
		check_leaf(F, c, false);
		const char *ref = attr(L, c, "template");
		if (!ref) {
			terr(F, xmlload_line(c), "<include> needs template, the name of the "
			     "template whose sections it includes");
			continue;
		}
		struct pack_template inc;
		memset(&inc, 0, sizeof inc);
		bool inc_sections = false;
		load_ref(F, xmlload_line(c), "include", ref, &inc, &inc_sections);
		for (size_t i = 0; i < inc.n_sections; i++)
			*section_push(L, sl) = inc.sections[i];
	}
}

/* ---- a file ---------------------------------------------------------------- */

/* The schema's word, where the checks above have not already spoken. */
static void schema_check(struct tfile *F, xmlDocPtr doc)
{
	struct diag_list sd;
	diag_list_init(&sd);
	if (!schema_validate(TEMPLATE_SCHEMA, doc, F->src->display, F->order, &sd)) {
		bool any = false;
		for (size_t i = 0; i < sd.n; i++) {
			const struct diag *d = &sd.items[i];
			if (d->severity != DIAG_ERROR || (d->line && reported_at(F, d->line)) ||
			    (!d->line && F->n_error_lines))
				continue;
			terr(F, d->line, "%s", d->message);
			any = true;
		}
		if (!any && F->n_error_lines == 0)
			terr(F, 0, "does not follow the template format (docs/templates.md)");
	}
	diag_list_release(&sd);
}

static void read_root(struct tfile *F, xmlNode *root, struct pack_template *t, bool *has_sections)
{
	struct loader *L = F->L;
	long line = xmlload_line(root);
	static const char *const known[] = { "format", "extends", NULL };
	check_attrs(F, root, known);
	const char *format = attr(L, root, "format");
	if (!format)
		terr(F, line, "<template> needs format=\"1\", the version of the template format");
	else if (strcmp(format, "1") != 0)
		terr(F, line, "template format '%s' is not supported (this boardpack reads format 1)",
		     format);
	const char *extends = attr(L, root, "extends");
	if (extends)
		load_ref(F, line, "extends", extends, t, has_sections);

	xmlNode *seen[9] = { 0 };
	static const char *const elements[] = {
		"title", "description", "page", "colours", "logo", "marking", "header", "footer",
		"sections", NULL
	};
	for (xmlNode *c = root->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && !blank(c->content)) {
			terr(F, xmlload_line(c), "text is not allowed directly inside <template>");
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		long cl = xmlload_line(c);
		if (!in_ns(c)) {
			terr(F, cl, "element <%s> is not in the template namespace (xmlns=\""
			     TEMPLATE_NS "\")", name_of(c));
			continue;
		}
		size_t k = 0;
		while (elements[k] && strcmp(elements[k], name_of(c)) != 0)
			k++;
		if (!elements[k]) {
			const char *near = nearest_name(name_of(c), elements, 9);
			if (section_def_find(name_of(c)))
				terr(F, cl, "section <%s> must be inside <sections>", name_of(c));
			else if (near)
				terr(F, cl, "unknown element <%s> in <template>; did you mean <%s>?",
				     name_of(c), near);
			else
				terr(F, cl, "unknown element <%s> in <template> (docs/templates.md "
				     "lists them)", name_of(c));
			continue;
		}
		if (seen[k]) {
			terr(F, cl, "<%s> is given twice (first on line %ld)", elements[k],
			     xmlload_line(seen[k]));
			continue;
		}
		seen[k] = c;
		switch (k) {
		case 0: read_text_setting(F, c, &t->title, false); break;
		case 1: read_text_setting(F, c, &t->description, false); break;
		case 2: read_page(F, c, t); break;
		case 3: read_colours(F, c, t); break;
		case 4: read_logo(F, c, t); break;
		case 5: {
			read_text_setting(F, c, &t->marking, false);
			const char *ov = attr(L, c, "override");
			if (ov && strcmp(ov, "yes") != 0 && strcmp(ov, "no") != 0)
				terr(F, cl, "marking override must be yes or no, not '%s'", ov);
			t->marking_override = ov && strcmp(ov, "yes") == 0;
			break;
		}
		case 6: read_text_setting(F, c, &t->header, true); break;
		case 7: read_text_setting(F, c, &t->footer, true); break;
		case 8: {
			struct section_list sl = { NULL, 0, 0 };
			read_sections(F, c, &sl);
			t->sections = sl.items;
			t->n_sections = sl.n;
			*has_sections = true;
			break;
		}
		}
	}
}

static const char *chain(struct loader *L, const struct template_source *last)
{
	struct strbuf sb = STRBUF_INIT;
	size_t from = 0;
	while (from < L->depth && strcmp(L->stack[from]->identity, last->identity) != 0)
		from++;
	for (size_t i = from; i < L->depth; i++)
		strbuf_addf(&sb, "%s \xe2\x86\x92 ", L->stack[i]->display);
	strbuf_adds(&sb, last->display);
	const char *s = arena_strdup(L->a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

/* Reads src into t (settings over what t holds; sections replaced when
 * src has a <sections>). from and from_line: who named it (NULL for the
 * template asked for). */
static void load_source(struct loader *L, const struct template_source *src,
			const struct template_source *from, long from_line,
			struct pack_template *t, bool *has_sections)
{
	for (size_t i = 0; i < L->depth; i++) {
		if (strcmp(L->stack[i]->identity, src->identity) == 0) {
			diag_add(L->diags, DIAG_ERROR, from->display, L->file_order, from_line,
				 "template '%s' includes itself (%s)", src->display, chain(L, src));
			worsen(L, TEMPLATE_INVALID);
			return;
		}
	}
	if (L->depth == TEMPLATE_MAX_DEPTH) {
		diag_add(L->diags, DIAG_ERROR, from->display, L->file_order, from_line,
			 "templates extend and include each other more than %d deep",
			 TEMPLATE_MAX_DEPTH);
		worsen(L, TEMPLATE_INVALID);
		return;
	}
	struct tfile F = { L, src, L->file_order++, NULL, 0, 0 };
	xmlDocPtr doc = NULL;
	enum xmlload_status st =
		src->path ? xmlload_file_named(src->path, src->display, F.order, L->diags, &doc)
			  : xmlload_memory(src->display, F.order, (const char *)src->data,
					   src->size, L->diags, &doc);
	if (st != XMLLOAD_OK) {
		worsen(L, st == XMLLOAD_IO ? TEMPLATE_IO : TEMPLATE_INVALID);
		return;
	}
	L->stack[L->depth++] = src;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || strcmp(name_of(root), "template") != 0) {
		terr(&F, root ? xmlload_line(root) : 0,
		     "a template's root element must be <template>, not <%s>",
		     root ? name_of(root) : "");
	} else if (!in_ns(root)) {
		terr(&F, xmlload_line(root), "<template> is not in the template namespace: add "
		     "xmlns=\"" TEMPLATE_NS "\"");
	} else {
		read_root(&F, root, t, has_sections);
		schema_check(&F, doc);
	}
	L->depth--;
	free(F.error_lines);
	xmlFreeDoc(doc);
}

static const char *stem(struct arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	return arena_strndup(a, base, n);
}

enum template_status template_load(const char *name_or_file, struct diag_list *diags,
				   struct pack_template **out)
{
	*out = NULL;
	struct pack_template *t = xcalloc(1, sizeof *t);
	arena_init(&t->arena);
	t->theme = doc_theme_default();
	t->orientation = DOC_PORTRAIT;
	struct loader L = { &t->arena, diags, { 0 }, 0, 0, TEMPLATE_OK };
	struct template_source src;
	size_t n = strlen(name_or_file);
	bool is_file = strchr(name_or_file, '/') || (n > 4 && strcmp(name_or_file + n - 4, ".xml") == 0);
	if (is_file) {
		template_source_file(name_or_file, &t->arena, &src);
	} else if (!template_find_name(name_or_file, &t->arena, &src)) {
		error("unknown template '%s' (the templates are: %s; or give a template file)",
		      name_or_file, template_builtin_names(&t->arena));
		template_free(t);
		return TEMPLATE_NOT_FOUND;
	}
	t->name = stem(&t->arena, src.display);
	t->source = src.display;
	bool has_sections = false;
	load_source(&L, &src, NULL, 0, t, &has_sections);
	if (L.status == TEMPLATE_OK && t->n_sections == 0) {
		diag_add(diags, DIAG_ERROR, src.display, 0, 0,
			 "template '%s' has no sections: list them in <sections>", t->name);
		L.status = TEMPLATE_INVALID;
	}
	if (L.status != TEMPLATE_OK) {
		template_free(t);
		return L.status;
	}
	*out = t;
	return TEMPLATE_OK;
}

void template_free(struct pack_template *t)
{
	if (!t)
		return;
	arena_release(&t->arena);
	free(t);
}
