/** Exit codes of boardpack, documented in README.md. */
#ifndef BP_EXITCODE_H
#define BP_EXITCODE_H

enum exit_code {
	EXIT_OK = 0,        /* no errors (warnings allowed) */
	EXIT_PLAN = 1,      /* a plan, template or data file has errors */
	EXIT_USAGE = 2,     /* the command line is wrong */
	EXIT_IO = 3,        /* a file cannot be read or written */
	EXIT_RESOURCE = 4,  /* out of memory, or a limit of docs/limits.md hit */
	EXIT_INTERNAL = 70  /* a bug in boardpack: please report it */
};

#endif
