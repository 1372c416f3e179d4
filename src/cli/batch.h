/** Jobs in parallel worker processes, for `boardpack build -j N`.
 *
 *  pango, cairo and fontconfig are not thread-safe, so parallel work means
 *  processes. batch_run() starts up to `workers` processes, which live for
 *  the whole run and take one job after another, so what a worker sets up
 *  once (fonts, shaping caches, a plan it has read) serves all its jobs.
 *  Each job's standard error is caught in memory and handed to the parent,
 *  which prints each job's messages whole and in job order: the messages
 *  of a parallel run are those of a serial one, whichever job ends first.
 *  A job that fails ends only itself; a worker that crashes or runs out of
 *  memory loses only the job it was running, and a new worker takes over
 *  the jobs left.
 *
 *  On a terminal the parent keeps one progress line at the bottom of
 *  standard error ("3 of 16 packs done, 2 building: ..."), redrawn as jobs
 *  start and end and removed at the end; elsewhere (a pipe, a file, a CI
 *  log) it prints nothing of its own. */
#ifndef BP_BATCH_H
#define BP_BATCH_H

#include <stdbool.h>
#include <stddef.h>

/** Runs job i in a worker process; returns its exit code. */
typedef int (*batch_job_fn)(size_t i, void *user);

struct batch {
	size_t n_jobs;
	unsigned workers;           /* at most this many at once (at least 1) */
	batch_job_fn run;
	void *user;
	const char *const *labels;  /* one per job, for the progress line */
	const char *noun;           /* what a job makes, for the progress line
				       ("pack"); plural with an "s" */
	bool progress;              /* draw the progress line */

	/* Results, filled by batch_run() in the parent: */
	int *codes;                 /* exit code of each job (malloc'd; see
				       batch_release); 70 for a job whose
				       worker died */
	bool is_worker;             /* true in a worker when batch_run()
				       returns: its jobs are done, and the
				       caller cleans up and exits with
				       worker_code */
	int worker_code;
};

/** Runs every job. Returns 0 in the parent once all jobs have ended (their
 *  codes in b->codes), or -1 when no worker could be started at all (the
 *  jobs not run have code 4). In a worker it returns 0 with b->is_worker
 *  set. */
int batch_run(struct batch *b);

void batch_release(struct batch *b);

#endif
