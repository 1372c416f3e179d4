/** Reading untrusted XML files safely (platform-notes.md, "libxml2").
 *
 *  Every plan, part and template file goes through xmlload_file(): it
 *  refuses what is not a readable regular file within the size limit, any
 *  document type declaration (so no entities of any kind, internal or
 *  external), NUL bytes and invalid UTF-8, and parses with no network, no
 *  DTD loading and no entity substitution, keeping line numbers past 65535.
 *  Problems are added to the diagnostic list with the file and line. */
#ifndef BP_XMLLOAD_H
#define BP_XMLLOAD_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "base/diag.h"

#define XMLLOAD_MAX_BYTES (64L * 1024 * 1024)
#define XMLLOAD_MAX_DEPTH 256

enum xmlload_status {
	XMLLOAD_OK,
	XMLLOAD_IO,        /* cannot be read: missing, a directory, unreadable */
	XMLLOAD_INVALID    /* read, but refused or not well-formed */
};

/** Sets libxml2 up for untrusted input (once per process): refuses every
 *  external entity and keeps libxml2 from printing to stderr. */
void xmlload_init(void);

/** Parses the file at path. On success *doc is set (free it with
 *  xmlFreeDoc) and XMLLOAD_OK returned; otherwise diagnostics say why. */
enum xmlload_status xmlload_file(const char *path, int file_order,
				 struct diag_list *diags, xmlDocPtr *doc);

/** The same, naming the file in diagnostics as `name`. */
enum xmlload_status xmlload_file_named(const char *path, const char *name, int file_order,
				       struct diag_list *diags, xmlDocPtr *doc);

/** The same for bytes already in memory (name is used in diagnostics). */
enum xmlload_status xmlload_memory(const char *name, int file_order,
				   const char *data, size_t size,
				   struct diag_list *diags, xmlDocPtr *doc);

/** Line of a node, past 65535 too. */
long xmlload_line(const xmlNode *node);

#endif
