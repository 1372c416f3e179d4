/** Where the running boardpack is: its fonts and templates are found
 *  relative to it (beside it, installed in ../share/boardpack, or in the
 *  source tree above a build directory). */
#ifndef BP_EXEDIR_H
#define BP_EXEDIR_H

#include <stdbool.h>
#include <stddef.h>

/** Writes the directory of the running executable into buf, or "" when
 *  it cannot be known. */
void exe_dir(char *buf, size_t size);

/** Looks for boardpack's data directory `name` ("fonts", "templates")
 *  relative to the running executable, in this order: beside it
 *  (EXEDIR/name), installed (EXEDIR/../share/boardpack/name), and in a
 *  source tree above a build directory (EXEDIR/../name, ../../name and
 *  ../../../name: build/, build/asan/, build/asan/tests/). Calls
 *  accept(dir, ctx) on each candidate until it returns true, and returns
 *  whether one did. Environment variables naming a directory come first
 *  and are the caller's to check. */
bool exe_data_dir_search(const char *name, bool (*accept)(const char *dir, void *ctx), void *ctx);

#endif
