/** Command-line options as a table next to their usage text (git's
 *  parse-options): each command declares an array of struct option, and
 *  options_parse() fills the targets and collects the operands. */
#ifndef BP_OPTIONS_H
#define BP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum option_kind { OPT_FLAG, OPT_STRING, OPT_END };

struct option {
	enum option_kind kind;
	char short_name;        /* 0: none */
	const char *long_name;  /* without "--" */
	const char *arg_name;   /* for usage: "DATE" */
	const char *help;
	void *target;           /* bool * for flags, const char ** for strings */
};

#define OPTION_FLAG(s, l, h, t) { OPT_FLAG, (s), (l), NULL, (h), (t) }
#define OPTION_STRING(s, l, a, h, t) { OPT_STRING, (s), (l), (a), (h), (t) }
#define OPTION_END { OPT_END, 0, NULL, NULL, NULL, NULL }

/** Parses argv[1..argc-1] (argv[0] is the command name). Operands are
 *  stored in *operands (malloc'd array, free it) and counted in *n. Returns
 *  0, or -1 after printing an error for an unknown or incomplete option. */
int options_parse(const char *command, const struct option *opts, int argc, char **argv,
		  char ***operands, size_t *n);

/** Prints the option table as usage lines. */
void options_usage(const struct option *opts, void *stream);

#endif
