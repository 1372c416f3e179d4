/* libFuzzer target: bytes → parse → check → evaluate → compose (the
 * default template) → layout → render the PDF into memory, the whole
 * pipeline but the files. Build and run with `make fuzz`; make check runs
 * a short bounded campaign (tests/cli/fuzz.sh). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "compose/compose.h"
#include "compose/template.h"
#include "eval/eval.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "parse/parse.h"
#include "parse/xmlload.h"
#include "render/render.h"

static char dir[] = "/tmp/boardpack-fuzz-XXXXXX";
static FILE *devnull;
static struct fonts fonts;
static bool have_fonts;
static struct pack_template *template;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Includes resolve inside an empty directory of our own. */
	if (!mkdtemp(dir))
		abort();
	devnull = fopen("/dev/null", "w");
	diag_set_stream(devnull);
	xmlload_init();
	have_fonts = fonts_init(&fonts, NULL) == 0;
	struct diag_list diags;
	diag_list_init(&diags);
	if (template_load("improvement-board", &diags, &template) != TEMPLATE_OK)
		template = NULL;
	diag_list_release(&diags);
	return 0;
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
	(void)closure;
	(void)data;
	(void)length;
	return CAIRO_STATUS_SUCCESS;
}

/* The stages after parsing, for a plan without errors. */
static void typeset(const struct plan *plan, struct diag_list *diags)
{
	struct eval_options eo;
	eval_options_init(&eo);
	const struct plan_eval *ev = evaluate_plan(plan, &eo, diags);
	if (!ev || !have_fonts || !template)
		return;
	struct arena a;
	arena_init(&a);
	struct composed_pack cp;
	if (compose_pack(plan, ev, template, &fonts, &a, diags, &cp) == 0) {
		struct layout_doc *ld = layout_doc(&fonts, cp.doc, &a);
		if (ld) {
			if (layout_check(ld, NULL, NULL) != 0)
				abort();  /* something clipped or overlapping */
			render_pdf_stream(ld, discard, NULL, "fuzz");
			layout_release(ld);
		}
	}
	arena_release(&a);
}

static void quiet_sink(const struct diag *d, void *user)
{
	(void)d;
	(void)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_set_sink(quiet_sink, NULL);
	struct parse_options opt;
	parse_options_init(&opt);
	opt.memory_budget = 256u << 20;
	struct diag_list diags;
	diag_list_init(&diags);
	struct plan *plan = NULL;
	enum parse_status st =
		parse_plan_buffer("fuzz.xml", (const char *)data, size, dir, &opt, &diags, &plan);
	if (st == PARSE_OK)
		typeset(plan, &diags);
	diag_emit(&diags);
	plan_free(plan);
	diag_list_release(&diags);
	return 0;
}
