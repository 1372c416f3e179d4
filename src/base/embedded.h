/** Files compiled into the binary (the plan schema, the templates): see
 *  tools/embed.c. Each is NUL-terminated after `size` bytes. */
#ifndef BP_EMBEDDED_H
#define BP_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *path;   /* as in the source tree: "docs/plan.rng" */
	const unsigned char *data;
	size_t size;
};

extern const struct embedded_file embedded_files[];

/** The file compiled in under that path, or NULL. */
const struct embedded_file *embedded_find(const char *path);

#endif
