/* POSIX functions (clock_gettime, getrusage …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/timings.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/strbuf.h"

static const char *const stage_names[TIMINGS_STAGE_COUNT] = {
	[TIMINGS_READ] = "read",       [TIMINGS_EVALUATE] = "evaluate",
	[TIMINGS_COMPOSE] = "compose", [TIMINGS_LAYOUT] = "layout",
	[TIMINGS_PDF] = "PDF",         [TIMINGS_PDF_FIX] = "PDF fix-up",
	[TIMINGS_SVG] = "SVG",         [TIMINGS_PNG] = "PNG",
	[TIMINGS_OTHER] = "other",
};

const char *timings_stage_name(enum timings_stage stage)
{
	if ((unsigned)stage >= TIMINGS_STAGE_COUNT)
		BUG("timings stage %d", (int)stage);
	return stage_names[stage];
}

static double clock_seconds(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

size_t timings_peak_kb(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (size_t)ru.ru_maxrss;
}

/* VmHWM from /proc/self/status, in KB; 0 when it cannot be read. */
static size_t high_water_kb(void)
{
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	const char *p = strstr(buf, "\nVmHWM:");
	return p ? (size_t)strtoull(p + 7, NULL, 10) : 0;
}

/* Asks the kernel to start the high-water mark again from the current
 * resident size (Linux 4.0 and later). */
static bool reset_high_water(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = write(fd, "5", 1) == 1;
	close(fd);
	return ok;
}

void timings_start(struct timings *t)
{
	memset(t, 0, sizeof *t);
	t->reset_works = reset_high_water();
	t->last_wall = clock_seconds(CLOCK_MONOTONIC);
	t->last_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

void timings_lap(struct timings *t, enum timings_stage stage)
{
	if ((unsigned)stage >= TIMINGS_STAGE_COUNT)
		BUG("timings stage %d", (int)stage);
	double wall = clock_seconds(CLOCK_MONOTONIC), cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
	t->wall[stage] += wall - t->last_wall;
	t->cpu[stage] += cpu - t->last_cpu;
	size_t kb = t->reset_works ? high_water_kb() : timings_peak_kb();
	if (kb > t->peak_kb[stage])
		t->peak_kb[stage] = kb;
	if (t->reset_works)
		t->reset_works = reset_high_water();
	t->last_wall = clock_seconds(CLOCK_MONOTONIC);
	t->last_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

void timings_print(const struct timings *t, const char *label)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s: timings:", label);
	double total = 0;
	size_t peak = 0;
	for (int s = 0; s < TIMINGS_STAGE_COUNT; s++) {
		total += t->wall[s];
		if (t->peak_kb[s] > peak)
			peak = t->peak_kb[s];
		if (t->wall[s] <= 0 && t->peak_kb[s] == 0)
			continue;
		strbuf_addf(&sb, " %s %.3f s %.3f cpu %.1f MB;", stage_names[s], t->wall[s], t->cpu[s],
			    t->peak_kb[s] / 1024.0);
	}
	strbuf_addf(&sb, " total %.3f s, peak %.1f MB\n", total, peak / 1024.0);
	fputs(strbuf_str(&sb), stderr);
	strbuf_release(&sb);
}
