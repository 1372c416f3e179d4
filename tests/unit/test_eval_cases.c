/* The evaluation's specification as test data (the .txt files of tests/eval, in the
 * manner of cmark's spec tests). Each case gives a plan, optionally
 * options, KPI data and the previous board's plan, and the values the
 * JSON output must hold, as flattened paths:
 *
 *   === milestone due today is due soon
 *   as-at: 23/08/2023                    the plan's as-at (wrapped plans)
 *   plan-attrs: tolerance="3"            more attributes of <plan>
 *   options: --as-at 2023-08-30 --due-soon 7
 *   plan:
 *   <areas><area id="p" title="P"><action id="a1" …>…</action></area></areas>
 *   data:
 *   k1,Jun 2023,45
 *   previous:
 *   …a plan, wrapped the same way…
 *   expect:
 *   actions.a1.status = due-soon
 *   actions.a1.reason ~ due today
 *   actions.a1.milestones.m1.done != null
 *   diag ~ data.csv:2: error: value 'x'
 *
 * A plan block that does not start with '<?xml' or '<plan' is wrapped in
 * a plan element with a title. Arrays of objects are addressed by their
 * members' "key" or "id" when those are unique, else by position from 0.
 * Every expectation is one TAP line. */
#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "eval/eval.h"
#include "eval/kpidata.h"
#include "eval/output.h"
#include "model/date.h"
#include "parse/parse.h"
#include "unit.h"

#define CASE_DIR "tests/eval"

/* ---- a tiny JSON reader, flattening to path = value ------------------- */

struct flat {
	char **paths, **values;
	size_t n, cap;
};

static void flat_add(struct flat *f, const char *path, const char *value)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->paths = xrealloc(f->paths, f->cap, sizeof *f->paths);
		f->values = xrealloc(f->values, f->cap, sizeof *f->values);
	}
	f->paths[f->n] = xstrdup(path);
	f->values[f->n] = xstrdup(value);
	f->n++;
}

static void flat_free(struct flat *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->paths[i]);
		free(f->values[i]);
	}
	free(f->paths);
	free(f->values);
	memset(f, 0, sizeof *f);
}

enum jtype { J_SCALAR, J_STRING, J_OBJECT, J_ARRAY };

struct jnode {
	enum jtype type;
	char *text;              /* scalars and strings */
	char **names;            /* object members */
	struct jnode **kids;
	size_t n, cap;
};

static void jfree(struct jnode *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++) {
		jfree(j->kids[i]);
		if (j->names)
			free(j->names[i]);
	}
	free(j->kids);
	free(j->names);
	free(j->text);
	free(j);
}

static void jpush(struct jnode *j, char *name, struct jnode *kid)
{
	if (j->n == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 8;
		j->kids = xrealloc(j->kids, j->cap, sizeof *j->kids);
		if (j->type == J_OBJECT)
			j->names = xrealloc(j->names, j->cap, sizeof *j->names);
	}
	if (j->type == J_OBJECT)
		j->names[j->n] = name;
	j->kids[j->n++] = kid;
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	return p;
}

static void put_utf8(char **o, unsigned cp)
{
	if (cp < 0x80) {
		*(*o)++ = (char)cp;
	} else if (cp < 0x800) {
		*(*o)++ = (char)(0xC0 | (cp >> 6));
		*(*o)++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*(*o)++ = (char)(0xE0 | (cp >> 12));
		*(*o)++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*(*o)++ = (char)(0x80 | (cp & 0x3F));
	}
}

static char *jstring(const char **pp)
{
	const char *p = *pp + 1;
	char *out = xmalloc(strlen(p) + 1), *o = out;
	while (*p && *p != '"') {
		if (*p == '\\') {
			p++;
			switch (*p) {
			case 'n': *o++ = '\n'; break;
			case 't': *o++ = '\t'; break;
			case 'r': *o++ = '\r'; break;
			case 'u': {
				unsigned cp = 0;
				for (int i = 1; i <= 4; i++)
					cp = cp * 16 + (unsigned)(isdigit((unsigned char)p[i]) ? p[i] - '0'
							: (tolower((unsigned char)p[i]) - 'a' + 10));
				put_utf8(&o, cp);
				p += 4;
				break;
			}
			default: *o++ = *p; break;
			}
			p++;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	*pp = *p ? p + 1 : p;
	return out;
}

static struct jnode *jparse(const char **pp)
{
	const char *p = skip_ws(*pp);
	struct jnode *j = xcalloc(1, sizeof *j);
	if (*p == '{' || *p == '[') {
		bool obj = *p == '{';
		j->type = obj ? J_OBJECT : J_ARRAY;
		p = skip_ws(p + 1);
		while (*p && *p != (obj ? '}' : ']')) {
			char *name = NULL;
			if (obj) {
				name = jstring(&p);
				p = skip_ws(p);
				if (*p == ':')
					p++;
			}
			struct jnode *kid = jparse(&p);
			jpush(j, name, kid);
			p = skip_ws(p);
			if (*p == ',')
				p = skip_ws(p + 1);
		}
		if (*p)
			p++;
	} else if (*p == '"') {
		j->type = J_STRING;
		j->text = jstring(&p);
	} else {
		const char *s = p;
		while (*p && *p != ',' && *p != '}' && *p != ']' && *p != '\n' && *p != ' ')
			p++;
		j->type = J_SCALAR;
		j->text = xmalloc((size_t)(p - s) + 1);
		memcpy(j->text, s, (size_t)(p - s));
		j->text[p - s] = '\0';
	}
	*pp = p;
	return j;
}

static const char *member(const struct jnode *o, const char *name)
{
	if (o->type != J_OBJECT)
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->names[i], name) == 0 && o->kids[i]->type == J_STRING)
			return o->kids[i]->text;
	return NULL;
}

/* The member that names the elements of an array, when unique. */
static const char *naming_member(const struct jnode *a)
{
	static const char *const names[] = { "key", "id" };
	for (size_t k = 0; k < 2; k++) {
		bool ok = a->n > 0;
		for (size_t i = 0; i < a->n && ok; i++) {
			const char *v = member(a->kids[i], names[k]);
			ok = v != NULL;
			for (size_t q = 0; q < i && ok; q++)
				ok = strcmp(member(a->kids[q], names[k]), v) != 0;
		}
		if (ok)
			return names[k];
	}
	return NULL;
}

static void flatten(const struct jnode *j, const char *path, struct flat *f)
{
	char sub[1024];
	switch (j->type) {
	case J_SCALAR: case J_STRING:
		flat_add(f, path, j->text);
		return;
	case J_OBJECT:
		for (size_t i = 0; i < j->n; i++) {
			snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", j->names[i]);
			flatten(j->kids[i], sub, f);
		}
		return;
	case J_ARRAY: {
		const char *by = naming_member(j);
		snprintf(sub, sizeof sub, "%s.length", path);
		char len[32];
		snprintf(len, sizeof len, "%zu", j->n);
		flat_add(f, sub, len);
		for (size_t i = 0; i < j->n; i++) {
			if (by)
				snprintf(sub, sizeof sub, "%s.%s", path, member(j->kids[i], by));
			else
				snprintf(sub, sizeof sub, "%s.%zu", path, i);
			flatten(j->kids[i], sub, f);
		}
		return;
	}
	}
}

static const char *flat_get(const struct flat *f, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->paths[i], path) == 0)
			return f->values[i];
	return NULL;
}

/* ---- diagnostics ------------------------------------------------------- */

static char *diag_text;
static size_t diag_len, diag_cap;

static void capture(const struct diag *d, void *user)
{
	(void)user;
	char line[1200];
	diag_format(d, line, sizeof line);
	size_t n = strlen(line);
	if (diag_len + n + 2 > diag_cap) {
		diag_cap = (diag_len + n + 2) * 2;
		diag_text = xrealloc(diag_text, diag_cap, 1);
	}
	memcpy(diag_text + diag_len, line, n);
	diag_len += n;
	diag_text[diag_len++] = '\n';
	diag_text[diag_len] = '\0';
}

/* ---- cases ---------------------------------------------------------------- */

struct kase {
	char name[200];
	char as_at[64];
	char attrs[400];
	char options[200];
	char *plan, *data, *previous, *expect;
	long line;
};

static char tmpdir[] = "/tmp/bp-evalcases-XXXXXX";

static void write_file(const char *name, const char *text, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static char *wrap_plan(const struct kase *k, const char *body, const char *id)
{
	const char *t = body;
	while (isspace((unsigned char)*t))
		t++;
	if (strncmp(t, "<?xml", 5) == 0 || strncmp(t, "<plan", 5) == 0)
		return xstrdup(body);
	size_t n = strlen(body) + strlen(k->attrs) + strlen(k->as_at) + 400;
	char *s = xmalloc(n);
	snprintf(s, n,
		 "<plan xmlns=\"urn:boardpack:plan:1\" id=\"%s\" format=\"1\"%s%s%s %s>\n"
		 "<title>Synthetic case plan</title>\n%s</plan>\n",
		 id, *k->as_at ? " as-at=\"" : "", k->as_at, *k->as_at ? "\"" : "", k->attrs, body);
	return s;
}

/* Splits "--as-at 2023-08-30 --due-soon 7" into eval options. */
static bool apply_options(const char *opts, struct eval_options *eo, struct parse_options *po)
{
	char buf[200];
	snprintf(buf, sizeof buf, "%s", opts);
	char *words[16];
	size_t nw = 0;
	for (char *p = buf; *p && nw < 16;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		words[nw++] = p;
		while (*p && *p != ' ')
			p++;
	}
	if (nw % 2)
		return false;
	for (size_t i = 0; i < nw; i += 2) {
		const char *w = words[i], *v = words[i + 1];
		if (strcmp(w, "--as-at") == 0) {
			bp_day d = day_parse_iso(v);
			if (d == BP_DAY_NONE)
				return false;
			eo->as_at = po->as_at = d;
		} else if (strcmp(w, "--due-soon") == 0) {
			eo->due_soon_days = atol(v);
		} else {
			return false;
		}
	}
	return true;
}

static void check_line(const char *file, const struct kase *k, const struct flat *f,
		       const char *line)
{
	char path[512], op[4] = "", want[1024];
	const char *p = line;
	size_t n = strcspn(p, " ");
	if (n >= sizeof path)
		n = sizeof path - 1;
	memcpy(path, p, n);
	path[n] = '\0';
	p += n;
	while (*p == ' ')
		p++;
	size_t on = strcspn(p, " ");
	if (on > 2)
		on = 2;
	memcpy(op, p, on);
	op[on] = '\0';
	p += on;
	if (*p == ' ')
		p++;
	snprintf(want, sizeof want, "%s", p);
	size_t wl = strlen(want);
	while (wl && (want[wl - 1] == ' ' || want[wl - 1] == '\r'))
		want[--wl] = '\0';

	if (strcmp(path, "diag") == 0 || strcmp(path, "nodiag") == 0) {
		bool has = diag_text && strstr(diag_text, want);
		bool ok = strcmp(path, "diag") == 0 ? has : !has;
		CHECK(ok, "%s: %s: %s %s %s", file, k->name, path, op, want);
		if (!ok)
			printf("#   diagnostics were:\n#   %s\n", diag_text ? diag_text : "(none)");
		return;
	}
	const char *got = flat_get(f, path);
	bool ok;
	if (strcmp(op, "=") == 0)
		ok = got && strcmp(got, want) == 0;
	else if (strcmp(op, "!=") == 0)
		ok = got && strcmp(got, want) != 0;
	else if (strcmp(op, "~") == 0)
		ok = got && strstr(got, want) != NULL;
	else if (strcmp(op, "!~") == 0)
		ok = got && strstr(got, want) == NULL;
	else
		ok = false;
	CHECK(ok, "%s: %s: %s %s %s", file, k->name, path, op, want);
	if (!ok)
		printf("#   got: %s\n", got ? got : "(no such path)");
}

static void run_case(const char *file, struct kase *k)
{
	char plan_path[512], data_path[512], prev_path[512];
	char *plan_text = wrap_plan(k, k->plan ? k->plan : "", "case");
	write_file("plan.xml", plan_text, plan_path, sizeof plan_path);
	free(plan_text);

	struct eval_options eo;
	eval_options_init(&eo);
	struct parse_options po;
	parse_options_init(&po);
	if (!apply_options(k->options, &eo, &po)) {
		CHECK(false, "%s: %s: options '%s' are understood", file, k->name, k->options);
		return;
	}
	free(diag_text);
	diag_text = NULL;
	diag_len = diag_cap = 0;
	struct diag_list diags;
	diag_list_init(&diags);
	struct plan *plan = NULL, *prev = NULL;
	enum parse_status st = parse_plan(plan_path, &po, &diags, &plan);
	if (plan && k->data) {
		write_file("data.csv", k->data, data_path, sizeof data_path);
		bp_day ref = eo.as_at != BP_DAY_NONE ? eo.as_at : when_due(plan->as_at.when);
		kpidata_merge(plan, data_path, ref, &diags);
	}
	if (k->previous) {
		char *prev_text = wrap_plan(k, k->previous, "case");
		/* the previous plan keeps its own as-at when it gives one */
		write_file("previous.xml", prev_text, prev_path, sizeof prev_path);
		free(prev_text);
		struct parse_options pp;
		parse_options_init(&pp);
		parse_plan(prev_path, &pp, &diags, &prev);
		eo.previous = prev;
	}
	char *json = NULL;
	size_t json_len = 0;
	if (plan && st != PARSE_INVALID && st != PARSE_IO) {
		const struct plan_eval *ev = evaluate_plan(plan, &eo, &diags);
		if (ev) {
			FILE *mem = open_memstream(&json, &json_len);
			eval_write_json(ev, mem);
			fclose(mem);
		}
	}
	diag_emit(&diags);
	diag_list_release(&diags);

	bool expects_diag = k->expect && strstr(k->expect, "diag ~") != NULL;
	if (!expects_diag)
		CHECK(st == PARSE_OK, "%s: %s: the plan has no errors", file, k->name);

	struct flat f = { 0 };
	if (json) {
		const char *p = json;
		struct jnode *root = jparse(&p);
		flatten(root, "", &f);
		jfree(root);
	}
	char *lines = k->expect ? k->expect : (char *)"";
	for (char *line = lines; *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *t = line;
		while (*t == ' ')
			t++;
		if (*t && *t != '#')
			check_line(file, k, &f, t);
		if (!nl)
			break;
		line = nl + 1;
	}
	flat_free(&f);
	free(json);
	plan_free(plan);
	plan_free(prev);
}

static void append(char **block, const char *line)
{
	size_t old = *block ? strlen(*block) : 0, n = strlen(line);
	*block = xrealloc(*block, old + n + 2, 1);
	memcpy(*block + old, line, n);
	(*block)[old + n] = '\n';
	(*block)[old + n + 1] = '\0';
}

static void reset_case(struct kase *k)
{
	free(k->plan);
	free(k->data);
	free(k->previous);
	free(k->expect);
	memset(k, 0, sizeof *k);
}

static void run_file(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f) {
		CHECK(false, "%s can be read", path);
		return;
	}
	struct kase k;
	memset(&k, 0, sizeof k);
	char **block = NULL;
	bool in_case = false;
	char line[8192];
	while (fgets(line, sizeof line, f)) {
		size_t len = strlen(line);
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (strncmp(line, "=== ", 4) == 0) {
			if (in_case)
				run_case(name, &k);
			reset_case(&k);
			snprintf(k.name, sizeof k.name, "%.*s", (int)sizeof k.name - 1, line + 4);
			in_case = true;
			block = NULL;
			continue;
		}
		if (!in_case)
			continue;
		if (!block && strncmp(line, "as-at: ", 7) == 0) {
			snprintf(k.as_at, sizeof k.as_at, "%.*s", (int)sizeof k.as_at - 1, line + 7);
		} else if (!block && strncmp(line, "plan-attrs: ", 12) == 0) {
			snprintf(k.attrs, sizeof k.attrs, "%.*s", (int)sizeof k.attrs - 1, line + 12);
		} else if (!block && strncmp(line, "options: ", 9) == 0) {
			snprintf(k.options, sizeof k.options, "%.*s", (int)sizeof k.options - 1, line + 9);
		} else if (strcmp(line, "plan:") == 0) {
			block = &k.plan;
			append(block, "");
		} else if (strcmp(line, "data:") == 0) {
			block = &k.data;
			append(block, "");
			(*block)[0] = '\0';
		} else if (strcmp(line, "previous:") == 0) {
			block = &k.previous;
			append(block, "");
		} else if (strcmp(line, "expect:") == 0) {
			block = &k.expect;
			append(block, "");
		} else if (block) {
			append(block, line);
		}
	}
	if (in_case)
		run_case(name, &k);
	reset_case(&k);
	fclose(f);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	diag_set_sink(capture, NULL);
	const char *dir = argc > 1 ? argv[1] : CASE_DIR;
	DIR *d = opendir(dir);
	if (!d) {
		CHECK(false, "case directory %s can be opened", dir);
		return unit_done();
	}
	char *names[512];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 512) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0)
			names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		run_file(dir, names[i]);
		free(names[i]);
	}
	CHECK(n > 0, "case files found in %s", dir);
	static const char *const made[] = { "plan.xml", "data.csv", "previous.xml" };
	for (size_t i = 0; i < 3; i++) {
		char p[512];
		snprintf(p, sizeof p, "%s/%s", tmpdir, made[i]);
		unlink(p);
	}
	rmdir(tmpdir);
	free(diag_text);
	return unit_done();
}
