/* boardpack: improvement plans (XML) → board packs (PDF, SVG).
 * Thin dispatcher; each command lives in src/cli/. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "cli/commands.h"
#include "parse/schema.h"
#include "parse/xmlload.h"
#include "render/outfile.h"

#ifndef BOARDPACK_VERSION
#define BOARDPACK_VERSION "0.1.0"
#endif

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "check", cmd_check, "check plans and report every problem" },
	{ "schema", cmd_schema, "print the RelaxNG schema of the plan format" },
	{ "build", cmd_build, "write the board pack of each plan as PDF and SVG" },
	{ "eval", cmd_eval, "evaluate a plan as at a date and print the results" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	fputs("usage: boardpack <command> [options] [files]\n\ncommands:\n", f);
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\n'boardpack <command> --help' describes a command's options.\n"
	      "'boardpack --version' prints the version.\n", f);
}

/* A run stopped by a signal removes its temporary files, so the last good
 * pack is all that is left; then it dies of the signal as it would have. */
static void on_fatal_signal(int sig)
{
	outfile_remove_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

int main(int argc, char **argv)
{
	signal(SIGINT, on_fatal_signal);
	signal(SIGTERM, on_fatal_signal);
	signal(SIGHUP, on_fatal_signal);
	/* Numbers in PDF tags and JSON must use '.': keep the C locale for
	 * numbers whatever the environment says. */
	setlocale(LC_ALL, "C");
	xmlload_init();
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("boardpack %s\n", BOARDPACK_VERSION);
		return EXIT_OK;
	}
	for (const struct command *c = commands; c->name; c++) {
		if (strcmp(c->name, name) == 0) {
			int rc = c->run(argc - 1, argv + 1);
			schema_release_all();
			if (fflush(stdout) != 0) {
				error("cannot write standard output");
				return EXIT_IO;
			}
			return rc;
		}
	}
	error("'%s' is not a boardpack command", name);
	usage(stderr);
	return EXIT_USAGE;
}
