/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* Finding template files: the search path for names (the same places as
 * the fonts', base/exedir.h) and references from one template to another,
 * which stay in the referring template's directory. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/embedded.h"
#include "base/exedir.h"
#include "base/strbuf.h"
#include "compose/template.h"

#define BUILTIN_DIR "templates/"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_regular_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *dir_of(const char *path, struct arena *a)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

void template_source_file(const char *path, struct arena *a, struct template_source *out)
{
	memset(out, 0, sizeof *out);
	out->display = arena_strdup(a, path);
	out->path = out->display;
	out->dir = dir_of(path, a);
	char *real = realpath(path, NULL);
	out->identity = arena_strdup(a, real ? real : path);
	free(real);
}

static bool builtin(const char *file_name, struct arena *a, struct template_source *out)
{
	char key[PATH_MAX];
	int n = snprintf(key, sizeof key, BUILTIN_DIR "%s", file_name);
	if (n < 0 || (size_t)n >= sizeof key)
		return false;
	const struct embedded_file *f = embedded_find(key);
	if (!f)
		return false;
	memset(out, 0, sizeof *out);
	out->display = arena_strdup(a, key);
	out->identity = arena_printf(a, "built-in:%s", key);
	out->data = f->data;
	out->size = f->size;
	return true;
}

static bool file_in(const char *dir, const char *file_name, struct arena *a,
		    struct template_source *out)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", dir, file_name);
	bool found = is_regular_file(strbuf_str(&sb));
	if (found)
		template_source_file(strbuf_str(&sb), a, out);
	strbuf_release(&sb);
	return found;
}

struct template_search {
	const char *file_name;
	struct arena *a;
	struct template_source *out;
};

static bool accept_templates_dir(const char *dir, void *ctx)
{
	struct template_search *s = ctx;
	return file_in(dir, s->file_name, s->a, s->out);
}

bool template_find_name(const char *name, struct arena *a, struct template_source *out)
{
	if (!*name || strchr(name, '/'))
		return false;
	char *file_name = arena_printf(a, "%s.xml", name);
	const char *env = getenv("BOARDPACK_TEMPLATES");
	if (env && *env && file_in(env, file_name, a, out))
		return true;
	struct template_search search = { file_name, a, out };
	if (exe_data_dir_search("templates", accept_templates_dir, &search))
		return true;
	return builtin(file_name, a, out);
}

bool template_find_near(const struct template_source *from, const char *ref, struct arena *a,
			struct template_source *out)
{
	if (!*ref || strchr(ref, '/') || strchr(ref, '\\'))
		return false;
	bool is_file = ends_with(ref, ".xml");
	const char *file_name = is_file ? ref : arena_printf(a, "%s.xml", ref);
	if (!from->path)
		return builtin(file_name, a, out);
	if (file_in(from->dir, file_name, a, out))
		return true;
	return !is_file && template_find_name(ref, a, out);
}

const char *template_builtin_names(struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	size_t prefix = strlen(BUILTIN_DIR);
	for (const struct embedded_file *f = embedded_files; f->path; f++) {
		if (strncmp(f->path, BUILTIN_DIR, prefix) != 0 || !ends_with(f->path, ".xml"))
			continue;
		if (sb.len)
			strbuf_adds(&sb, ", ");
		strbuf_add(&sb, f->path + prefix, strlen(f->path) - prefix - 4);
	}
	const char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}
