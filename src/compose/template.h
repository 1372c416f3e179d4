/** Templates: what a pack looks like, read from XML (docs/templates.md,
 *  grammar docs/template.rnc).
 *
 *  A template gives the page orientation, colours, a logo, a protective
 *  marking, running header and footer text, and the ordered list of
 *  sections with their options (sections.h). It may extend another
 *  template (start from its settings and sections) and include another's
 *  sections at a point in its own list; both name a template in the same
 *  directory, by name or file name, or a built-in one by name.
 *
 *  template_load() finds a template by name or file, reads it and what it
 *  extends and includes through the safe XML loader, checks everything
 *  (its own checks first, with clear messages, then the compiled-in
 *  schema), and reports every problem in one run as
 *  `template.xml:LINE: error: ...` in the diagnostic list.
 *
 *  Ownership: a loaded template owns everything in it (its own arena);
 *  template_free() releases it. */
#ifndef BP_COMPOSE_TEMPLATE_H
#define BP_COMPOSE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "compose/sections.h"
#include "layout/doc.h"

/** The namespace of template files. */
#define TEMPLATE_NS "urn:boardpack:template:1"

/** A section as the template wrote it, with a value for every option the
 *  section takes (the default where none was written). */
struct tpl_section {
	const struct section_def *def;
	const char *file;               /* the template file it was written in */
	long line;
	struct sopt_value opts[SOPT_COUNT];  /* only the section's options are used */
	const char **paragraphs;        /* the text section's <p>s */
	size_t n_paragraphs;
};

enum {
	THEME_TEXT = 1 << 0,
	THEME_ACCENT = 1 << 1,
	THEME_LINK = 1 << 2,
	THEME_HEADER_FILL = 1 << 3,
	THEME_GROUP_FILL = 1 << 4,
	THEME_LABEL_FILL = 1 << 5,
	THEME_RULE = 1 << 6
};

struct pack_template {
	struct arena arena;
	const char *name;           /* "improvement-board": names the output */
	const char *source;         /* the file, as in diagnostics */
	const char *title;          /* "Improvement Board pack"; NULL: none */
	const char *description;
	enum doc_orientation orientation;
	struct doc_theme theme;     /* the default theme with the template's
				       colours over it */
	unsigned theme_set;         /* THEME_* given by a template */
	const char *logo;           /* path of a PNG, or NULL */
	double logo_width;          /* points; 0: the image's own size */
	const char *logo_alt;
	const char *marking;        /* NULL: none */
	bool marking_override;      /* replaces the plan's marking */
	const char *header;         /* running header, {placeholders} kept */
	const char *footer;
	struct tpl_section *sections;
	size_t n_sections;
};

enum template_status {
	TEMPLATE_OK,
	TEMPLATE_NOT_FOUND,   /* no template of that name */
	TEMPLATE_IO,          /* a file cannot be read */
	TEMPLATE_INVALID      /* read, but has errors */
};

/** Loads the template given as `name_or_file`: a file when it contains '/'
 *  or ends in ".xml", else a name looked up in $BOARDPACK_TEMPLATES,
 *  <exe dir>/templates, <exe dir>/../share/boardpack/templates,
 *  <exe dir>/../templates and finally among the templates compiled into
 *  the binary. On TEMPLATE_OK *out is the template; otherwise diags (or,
 *  for TEMPLATE_NOT_FOUND, an error()) say why. */
enum template_status template_load(const char *name_or_file, struct diag_list *diags,
				   struct pack_template **out);

void template_free(struct pack_template *t);

/** The names of the built-in templates ("cabinet-appendix, ..."),
 *  allocated from a. */
const char *template_builtin_names(struct arena *a);

/** The placeholders header and footer text may hold, NULL-terminated:
 *  "title" for {title} … */
extern const char *const template_placeholders[];

/* ---- finding files (template_find.c) ----------------------------------- */

/** Where a template comes from: a file, or a copy compiled in. */
struct template_source {
	const char *display;        /* as in diagnostics */
	const char *path;           /* the file; NULL when compiled in */
	const char *dir;            /* its directory ("." for a bare name);
				       NULL when compiled in */
	const char *identity;       /* the same for the same file: cycles */
	const unsigned char *data;  /* compiled in: the bytes */
	size_t size;
};

/** Finds a template by name along the search path; false when none. */
bool template_find_name(const char *name, struct arena *a, struct template_source *out);

/** A template named from another one: `ref` is a name or a file name in
 *  from's directory (a name falls back to template_find_name()). False
 *  when none. */
bool template_find_near(const struct template_source *from, const char *ref, struct arena *a,
			struct template_source *out);

/** A template file given by path. */
void template_source_file(const char *path, struct arena *a, struct template_source *out);

#endif
