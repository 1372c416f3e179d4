/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "render/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"

/* Temporary files not yet committed or aborted. */
static char **pending;
static size_t n_pending, cap_pending;
static bool exit_handler_set;

void outfile_remove_all(void)
{
	for (size_t i = 0; i < n_pending; i++)
		if (pending[i])
			unlink(pending[i]);
}

static void remove_at_exit(void)
{
	outfile_remove_all();
}

static void remember(char *temp)
{
	if (!exit_handler_set) {
		atexit(remove_at_exit);
		exit_handler_set = true;
	}
	for (size_t i = 0; i < n_pending; i++) {
		if (!pending[i]) {
			pending[i] = temp;
			return;
		}
	}
	if (n_pending == cap_pending) {
		cap_pending = cap_pending ? cap_pending * 2 : 8;
		pending = xrealloc(pending, cap_pending, sizeof *pending);
	}
	pending[n_pending++] = temp;
}

static void forget(const char *temp)
{
	for (size_t i = 0; i < n_pending; i++)
		if (pending[i] == temp)
			pending[i] = NULL;
}

void outfile_track(const char *path)
{
	remember(xstrdup(path));
}

void outfile_untrack(const char *path)
{
	for (size_t i = 0; i < n_pending; i++) {
		if (pending[i] && strcmp(pending[i], path) == 0) {
			free(pending[i]);
			pending[i] = NULL;
			return;
		}
	}
}

int outfile_open(struct outfile *of, const char *path)
{
	memset(of, 0, sizeof *of);
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path + 1) : 0;
	const char *base = path + dir_len;
	if (!*base)
		return error("cannot write '%s': not a file name", path);
	size_t n = dir_len + strlen(base) + 16;
	char *temp = xmalloc(n);
	snprintf(temp, n, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
	int fd = mkstemp(temp);
	if (fd < 0) {
		int e = errno;
		free(temp);
		return error("cannot write '%s': %s", path, strerror(e));
	}
	/* mkstemp makes the file private; a pack gets the usual mode. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		int e = errno;
		close(fd);
		unlink(temp);
		free(temp);
		return error("cannot write '%s': %s", path, strerror(e));
	}
	of->fp = fdopen(fd, "wb");
	if (!of->fp) {
		int e = errno;
		close(fd);
		unlink(temp);
		free(temp);
		return error("cannot write '%s': %s", path, strerror(e));
	}
	of->temp = temp;
	of->path = xstrdup(path);
	remember(temp);
	return 0;
}

void outfile_write(struct outfile *of, const void *data, size_t len)
{
	if (of->err || len == 0)
		return;
	if (fwrite(data, 1, len, of->fp) != len)
		of->err = errno ? errno : EIO;
}

cairo_status_t outfile_cairo_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct outfile *of = closure;
	outfile_write(of, data, length);
	/* cairo 1.16's PDF surface fails an assertion in finish after a write
	 * error on a tagged document: the error is kept in of->err, reported
	 * by outfile_commit(), and cairo is told all went well. */
	return CAIRO_STATUS_SUCCESS;
}

static void release(struct outfile *of)
{
	forget(of->temp);
	free(of->temp);
	free(of->path);
	memset(of, 0, sizeof *of);
}

void outfile_abort(struct outfile *of)
{
	if (!of->temp)
		return;
	if (of->fp)
		fclose(of->fp);
	unlink(of->temp);
	release(of);
}

int outfile_commit(struct outfile *of)
{
	if (!of->temp)
		BUG("committing an output file that is not open");
	int e = of->err;
	if (fflush(of->fp) != 0 && !e)
		e = errno;
	if (ferror(of->fp) && !e)
		e = EIO;
	if (fclose(of->fp) != 0 && !e)
		e = errno;
	of->fp = NULL;
	if (!e && rename(of->temp, of->path) != 0)
		e = errno;
	if (e) {
		error("cannot write '%s': %s", of->path, strerror(e));
		unlink(of->temp);
		release(of);
		return -1;
	}
	release(of);
	return 0;
}

int outfile_write_file(const char *path, const void *data, size_t len)
{
	struct outfile of;
	if (outfile_open(&of, path) < 0)
		return -1;
	outfile_write(&of, data, len);
	return outfile_commit(&of);
}
