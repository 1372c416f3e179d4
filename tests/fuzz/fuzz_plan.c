/* libFuzzer target: bytes → parse → check (→ evaluate → render, as those
 * stages land), all in memory. Build and run with `make fuzz`; make check
 * runs a short bounded campaign (tests/cli/fuzz.sh). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "parse/parse.h"
#include "parse/xmlload.h"

static char dir[] = "/tmp/boardpack-fuzz-XXXXXX";
static FILE *devnull;

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
	return 0;
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
	parse_plan_buffer("fuzz.xml", (const char *)data, size, dir, &opt, &diags, &plan);
	diag_emit(&diags);
	plan_free(plan);
	diag_list_release(&diags);
	return 0;
}
