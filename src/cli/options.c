#include "cli/options.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"

static const struct option *find_long(const struct option *opts, const char *name, size_t len)
{
	for (const struct option *o = opts; o->kind != OPT_END; o++)
		if (o->long_name && strlen(o->long_name) == len &&
		    strncmp(o->long_name, name, len) == 0)
			return o;
	return NULL;
}

static const struct option *find_short(const struct option *opts, char c)
{
	for (const struct option *o = opts; o->kind != OPT_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

int options_parse(const char *command, const struct option *opts, int argc, char **argv,
		  char ***operands, size_t *n)
{
	*operands = xcalloc((size_t)argc + 1, sizeof **operands);
	*n = 0;
	bool only_operands = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (only_operands || arg[0] != '-' || arg[1] == '\0') {
			(*operands)[(*n)++] = argv[i];
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_operands = true;
			continue;
		}
		const struct option *o;
		const char *value = NULL;
		if (arg[1] == '-') {
			const char *name = arg + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(opts, name, len);
			if (!o)
				return error("%s: unknown option '--%.*s' (see 'boardpack %s --help')",
					     command, (int)len, name, command);
			if (eq) {
				if (o->kind != OPT_STRING)
					return error("%s: option '--%s' takes no value", command,
						     o->long_name);
				value = eq + 1;
			}
		} else {
			o = find_short(opts, arg[1]);
			if (!o)
				return error("%s: unknown option '-%c' (see 'boardpack %s --help')",
					     command, arg[1], command);
			if (arg[2]) {
				if (o->kind != OPT_STRING)
					return error("%s: option '-%c' takes no value", command, arg[1]);
				value = arg + 2;
			}
		}
		if (o->kind == OPT_FLAG) {
			*(bool *)o->target = true;
			continue;
		}
		if (!value) {
			if (i + 1 >= argc)
				return error("%s: option '--%s' needs a value (%s)", command,
					     o->long_name, o->arg_name);
			value = argv[++i];
		}
		*(const char **)o->target = value;
	}
	return 0;
}

void options_usage(const struct option *opts, void *stream)
{
	FILE *f = stream;
	for (const struct option *o = opts; o->kind != OPT_END; o++) {
		char left[64];
		if (o->short_name && o->arg_name)
			snprintf(left, sizeof left, "-%c, --%s %s", o->short_name, o->long_name,
				 o->arg_name);
		else if (o->short_name)
			snprintf(left, sizeof left, "-%c, --%s", o->short_name, o->long_name);
		else if (o->arg_name)
			snprintf(left, sizeof left, "    --%s %s", o->long_name, o->arg_name);
		else
			snprintf(left, sizeof left, "    --%s", o->long_name);
		fprintf(f, "  %-26s %s\n", left, o->help);
	}
}
