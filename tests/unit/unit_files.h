/* Files in a test: reading a whole file or stream, removing a test's
 * temporary directory. */
#ifndef BP_UNIT_FILES_H
#define BP_UNIT_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The rest of in, NUL-terminated, in a malloc'd buffer (free() it); NULL
 * when it cannot be read. *len is the length without the NUL. */
static inline char *unit_read_stream(FILE *in, size_t *len)
{
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap + 1);
	while (buf && (got = fread(buf + n, 1, cap - n, in)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			char *grown = realloc(buf, cap + 1);
			if (!grown) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
		}
	}
	if (!buf || ferror(in)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The bytes of the file at path, as unit_read_stream() gives them. */
static inline char *unit_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = unit_read_stream(f, len);
	fclose(f);
	return buf;
}

/* Removes dir and everything in it (symbolic links, not what they name). */
static inline void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (n < 0 || (size_t)n >= sizeof path)
			continue;
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

#endif
