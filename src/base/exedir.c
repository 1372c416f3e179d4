/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "base/exedir.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void exe_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0) {
		buf[0] = '\0';
		return;
	}
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
	else
		buf[0] = '\0';
}

bool exe_data_dir_search(const char *name, bool (*accept)(const char *dir, void *ctx), void *ctx)
{
	char exe[PATH_MAX];
	exe_dir(exe, sizeof exe);
	if (!exe[0])
		return false;
	static const char *const formats[] = {
		"%s/%s", "%s/../share/boardpack/%s", "%s/../%s", "%s/../../%s", "%s/../../../%s"
	};
	char dir[PATH_MAX + 64];
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		int n = snprintf(dir, sizeof dir, formats[i], exe, name);
		if (n > 0 && (size_t)n < sizeof dir && accept(dir, ctx))
			return true;
	}
	return false;
}
