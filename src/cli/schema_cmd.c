/* boardpack schema: prints the compiled-in plan schema, for editors and
 * validators (xmllint --relaxng). */
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/embedded.h"
#include "base/exitcode.h"
#include "cli/commands.h"

int cmd_schema(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		puts("usage: boardpack schema\n\nPrints the RelaxNG schema of the plan format "
		     "(docs/plan.rng) that boardpack validates plans against.");
		return EXIT_OK;
	}
	if (argc > 1) {
		error("schema: takes no arguments");
		return EXIT_USAGE;
	}
	const struct embedded_file *f = embedded_find("docs/plan.rng");
	if (!f)
		BUG("plan schema not compiled in");
	if (fwrite(f->data, 1, f->size, stdout) != f->size || fflush(stdout) != 0) {
		error("cannot write the schema: output error");
		return EXIT_IO;
	}
	return EXIT_OK;
}
