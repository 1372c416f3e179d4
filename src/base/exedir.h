/** Where the running boardpack is: its fonts and templates are found
 *  relative to it (beside it, installed in ../share/boardpack, or in the
 *  source tree above a build directory). */
#ifndef BP_EXEDIR_H
#define BP_EXEDIR_H

#include <stddef.h>

/** Writes the directory of the running executable into buf, or "" when
 *  it cannot be known. */
void exe_dir(char *buf, size_t size);

#endif
