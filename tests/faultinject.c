/* An LD_PRELOAD shim that makes one I/O call fail, for the failure-path
 * tests (tests/cli/build.sh, tests/cli/failures.sh). BOARDPACK_FAIL names
 * the call and which call of it fails: "fopen:2", "fwrite:400",
 * "rename:1", "open:1", "write:3". The failing call sets errno (EIO, or
 * ENOSPC for writes) and returns the failure value. Only calls that go
 * through the dynamic linker are seen: boardpack's own and its libraries'
 * calls of these functions, not the C library's calls to itself (fwrite
 * does not reach the write() here). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int should_fail(const char *call)
{
	static int counts[8];
	static const char *names[8] = { "open", "fopen", "write", "fwrite", "rename", "close", "openat", NULL };
	const char *spec = getenv("BOARDPACK_FAIL");
	if (!spec)
		return 0;
	const char *colon = strchr(spec, ':');
	if (!colon || (size_t)(colon - spec) != strlen(call) || strncmp(spec, call, strlen(call)) != 0)
		return 0;
	int n = atoi(colon + 1);
	for (int i = 0; names[i]; i++) {
		if (strcmp(names[i], call) == 0)
			return ++counts[i] == n;
	}
	return 0;
}

int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (should_fail("open")) {
		errno = EIO;
		return -1;
	}
	return real(path, flags, mode);
}

FILE *fopen(const char *path, const char *mode)
{
	static FILE *(*real)(const char *, const char *);
	if (!real)
		real = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");
	if (should_fail("fopen")) {
		errno = EIO;
		return NULL;
	}
	return real(path, mode);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (fd > 2 && should_fail("write")) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	static size_t (*real)(const void *, size_t, size_t, FILE *);
	if (!real)
		real = (size_t(*)(const void *, size_t, size_t, FILE *))dlsym(RTLD_NEXT, "fwrite");
	if (f != stderr && should_fail("fwrite")) {
		errno = ENOSPC;
		return 0;
	}
	return real(p, size, n, f);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (should_fail("rename")) {
		errno = EIO;
		return -1;
	}
	return real(from, to);
}
