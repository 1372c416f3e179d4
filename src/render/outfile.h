/** Output files that appear whole or not at all.
 *
 *  A pack is written to a temporary file in the target's directory and
 *  renamed over the target only when every byte is written and the file is
 *  closed, so a failed or interrupted run leaves the last good pack in
 *  place, never a truncated one. Temporary files are remembered in a
 *  process-wide list (exit handlers take no arguments, so it cannot live in
 *  a context) and removed by outfile_abort(), by an exit handler, or by
 *  outfile_remove_all() from a signal handler.
 *
 *  Errors are reported through error() with the file's name and the
 *  system's reason; functions returning int give 0 or -1. */
#ifndef BP_OUTFILE_H
#define BP_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cairo.h>

struct outfile {
	char *path;     /* the target */
	char *temp;     /* the temporary file beside it */
	FILE *fp;
	int err;        /* errno of the first failed write; 0: none */
};

/** Creates the temporary file for path (permissions as for a new file). */
int outfile_open(struct outfile *of, const char *path);

/** Writes len bytes; a failure is remembered and reported by commit. */
void outfile_write(struct outfile *of, const void *data, size_t len);

/** A cairo write function whose closure is a struct outfile. */
cairo_status_t outfile_cairo_write(void *closure, const unsigned char *data, unsigned int length);

/** Closes the file and renames it into place; on any failure the
 *  temporary file is removed and the target left as it was. */
int outfile_commit(struct outfile *of);

/** Closes and removes the temporary file; the target is untouched. */
void outfile_abort(struct outfile *of);

/** Writes a whole file from memory, through a temporary file. */
int outfile_write_file(const char *path, const void *data, size_t len);

/** Adds a file made some other way (by a library writing to a path) to the
 *  temporary files removed on failure and at exit; outfile_untrack()
 *  takes it off once it is renamed into place or removed. */
void outfile_track(const char *path);
void outfile_untrack(const char *path);

/** Removes every temporary file still open. Uses only unlink(), so it may
 *  be called from a signal handler (while no outfile is being opened). */
void outfile_remove_all(void);

#endif
