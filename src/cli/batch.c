/* GNU and POSIX functions (memfd_create, pipe2, prctl …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/strbuf.h"

/* The protocol: the parent writes a job number (8 bytes) to a worker's
 * command pipe; the worker runs the job with its standard error going to
 * a memory file it shares with the parent, then writes a frame to its
 * result pipe: the job, its exit code and how many bytes of messages it
 * left in the memory file. The parent reads them from the file and only
 * then gives the worker its next job, which empties the file. Closing the
 * command pipe ends the worker. */
struct frame {
	uint64_t job;
	int32_t code;
	uint32_t len;
};

#define MAX_WORKERS 256
#define NO_JOB SIZE_MAX

enum job_state { JOB_WAITING, JOB_RUNNING, JOB_DONE };

struct job {
	enum job_state state;
	struct strbuf out;      /* its messages, until their turn */
};

struct worker {
	pid_t pid;              /* 0: none */
	int cmd, res;           /* the parent's ends of its pipes */
	int mem;                /* the memory file its jobs write to */
	size_t job;             /* running, or NO_JOB */
	size_t got;             /* bytes of the frame read so far */
	unsigned char frame[sizeof(struct frame)];
};

/* The workers, for the signal handler: a signal that ends the parent ends
 * them too (each removes its own temporary files). */
static volatile pid_t worker_pids[MAX_WORKERS];
static const int forwarded_signals[3] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction saved_actions[3], saved_pipe;

static void forward_signal(int sig)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		if (worker_pids[i] > 0)
			kill(worker_pids[i], sig);
	for (int i = 0; i < 3; i++)
		if (forwarded_signals[i] == sig)
			sigaction(sig, &saved_actions[i], NULL);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = forward_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(forwarded_signals[i], &sa, &saved_actions[i]);
	/* A worker that died leaves a command pipe nobody reads: writing
	 * to it must fail, not end the parent. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &saved_pipe);
}

static void restore_signals(void)
{
	for (int i = 0; i < 3; i++)
		sigaction(forwarded_signals[i], &saved_actions[i], NULL);
	sigaction(SIGPIPE, &saved_pipe, NULL);
}

static bool write_all(int fd, const void *data, size_t n)
{
	const char *s = data;
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* Reads exactly n bytes; false at the end of the input or on an error. */
static bool read_all(int fd, void *data, size_t n)
{
	char *d = data;
	while (n > 0) {
		ssize_t r = read(fd, d, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		d += r;
		n -= (size_t)r;
	}
	return true;
}

/* A file in memory, shared with the worker it is made for. */
static int memory_file(void)
{
	int fd = memfd_create("boardpack-messages", 0);
	if (fd >= 0)
		return fd;
	FILE *t = tmpfile();
	if (!t)
		return -1;
	fd = dup(fileno(t));
	fclose(t);
	return fd;
}

/* ---- the worker ------------------------------------------------------ */

static int worker_loop(struct batch *b, int cmd, int res, int mem)
{
	int saved_stderr = dup(STDERR_FILENO);
	uint64_t job;
	while (read_all(cmd, &job, sizeof job)) {
		if (ftruncate(mem, 0) != 0 || lseek(mem, 0, SEEK_SET) != 0 ||
		    dup2(mem, STDERR_FILENO) < 0)
			return EXIT_RESOURCE;
		int code = b->run((size_t)job, b->user);
		fflush(stdout);
		fflush(stderr);
		struct stat st;
		struct frame f = { job, code, 0 };
		if (fstat(mem, &st) == 0 && st.st_size > 0)
			f.len = st.st_size > UINT32_MAX ? UINT32_MAX : (uint32_t)st.st_size;
		if (!write_all(res, &f, sizeof f))
			break;
	}
	if (saved_stderr >= 0) {
		dup2(saved_stderr, STDERR_FILENO);
		close(saved_stderr);
	}
	return EXIT_OK;
}

/* ---- the parent ------------------------------------------------------- */

struct runner {
	struct batch *b;
	struct job *jobs;
	struct worker *workers;
	unsigned n_workers;
	size_t next;            /* first job not given to a worker */
	size_t flushed;         /* jobs whose messages are printed */
	size_t running, done, failed;
	bool line_shown;        /* a progress line is on the screen */
	size_t drawn_next, drawn_done;  /* what the line on the screen shows */
	bool is_worker;         /* set in a worker process */
};

static void clear_progress(struct runner *r)
{
	if (!r->line_shown)
		return;
	write_all(STDERR_FILENO, "\r\033[K", 4);
	r->line_shown = false;
}

static size_t terminal_width(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static void draw_progress(struct runner *r)
{
	struct batch *b = r->b;
	if (!b->progress || (r->line_shown && r->drawn_next == r->next && r->drawn_done == r->done))
		return;
	r->drawn_next = r->next;
	r->drawn_done = r->done;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%zu of %zu %ss done", r->done, b->n_jobs, b->noun);
	if (r->failed)
		strbuf_addf(&sb, " (%zu failed)", r->failed);
	if (r->running) {
		strbuf_addf(&sb, ", %zu building:", r->running);
		for (size_t i = r->flushed; i < r->next; i++)
			if (r->jobs[i].state == JOB_RUNNING)
				strbuf_addf(&sb, " %s", b->labels[i]);
	}
	size_t width = terminal_width() - 1, len = sb.len;
	if (len > width) {
		/* Cut on a character boundary and say so. */
		len = width - 3;
		while (len > 0 && ((unsigned char)sb.buf[len] & 0xC0) == 0x80)
			len--;
	}
	write_all(STDERR_FILENO, "\r\033[K", 4);
	write_all(STDERR_FILENO, sb.buf, len);
	if (len < sb.len)
		write_all(STDERR_FILENO, "...", 3);
	r->line_shown = true;
	strbuf_release(&sb);
}

/* Prints the messages of every finished job whose predecessors are all
 * printed: job order, whatever order they ended in. */
static void flush_in_order(struct runner *r)
{
	while (r->flushed < r->b->n_jobs && r->jobs[r->flushed].state == JOB_DONE) {
		struct job *j = &r->jobs[r->flushed++];
		if (j->out.len) {
			clear_progress(r);
			write_all(STDERR_FILENO, j->out.buf, j->out.len);
		}
		strbuf_release(&j->out);
	}
}

static void job_done(struct runner *r, size_t i, int code)
{
	r->b->codes[i] = code;
	r->jobs[i].state = JOB_DONE;
	r->running--;
	r->done++;
	if (code != EXIT_OK)
		r->failed++;
}

/* Copies the first len bytes of a worker's memory file into a job's
 * messages. */
static void take_messages(struct worker *w, struct job *j, size_t len)
{
	char buf[8192];
	for (off_t off = 0; (size_t)off < len;) {
		size_t want = len - (size_t)off < sizeof buf ? len - (size_t)off : sizeof buf;
		ssize_t got = pread(w->mem, buf, want, off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		strbuf_add(&j->out, buf, (size_t)got);
		off += got;
	}
}

static void forget_pid(pid_t pid)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		if (worker_pids[i] == pid)
			worker_pids[i] = 0;
}

static void remember_pid(pid_t pid)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		if (worker_pids[i] == 0) {
			worker_pids[i] = pid;
			return;
		}
}

static void close_worker(struct worker *w)
{
	if (w->cmd >= 0)
		close(w->cmd);
	if (w->res >= 0)
		close(w->res);
	if (w->mem >= 0)
		close(w->mem);
	w->cmd = w->res = w->mem = -1;
	w->pid = 0;
}

/* Starts worker slot k. Returns 1 in the new worker (which has run its
 * jobs), 0 in the parent, -1 when it cannot be made. */
static int start_worker(struct runner *r, unsigned k)
{
	struct worker *w = &r->workers[k];
	int cmd[2], res[2];
	int mem = memory_file();
	if (mem < 0)
		return -1;
	if (pipe2(cmd, O_CLOEXEC) != 0) {
		close(mem);
		return -1;
	}
	if (pipe2(res, O_CLOEXEC) != 0) {
		close(mem);
		close(cmd[0]);
		close(cmd[1]);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(mem);
		close(cmd[0]);
		close(cmd[1]);
		close(res[0]);
		close(res[1]);
		return -1;
	}
	if (pid == 0) {
		restore_signals();
		/* A worker ends with the run that started it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		for (unsigned i = 0; i < r->n_workers; i++)
			if (i != k && r->workers[i].pid)
				close_worker(&r->workers[i]);
		close(cmd[1]);
		close(res[0]);
		r->is_worker = true;
		r->b->worker_code = worker_loop(r->b, cmd[0], res[1], mem);
		close(cmd[0]);
		close(res[1]);
		close(mem);
		return 1;
	}
	close(cmd[0]);
	close(res[1]);
	w->pid = pid;
	w->cmd = cmd[1];
	w->res = res[0];
	w->mem = mem;
	w->job = NO_JOB;
	w->got = 0;
	remember_pid(pid);
	return 0;
}

/* Gives a worker the next job, or ends it when none is left. */
static void dispatch(struct runner *r, struct worker *w)
{
	if (r->next >= r->b->n_jobs) {
		close(w->cmd);
		w->cmd = -1;
		return;
	}
	uint64_t job = r->next;
	if (!write_all(w->cmd, &job, sizeof job))
		return;  /* it died: its end is handled when its pipe closes */
	w->job = r->next++;
	r->jobs[w->job].state = JOB_RUNNING;
	r->running++;
}

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGSEGV: return "a segmentation fault";
	case SIGABRT: return "an abort";
	case SIGBUS: return "a bus error";
	case SIGFPE: return "an arithmetic error";
	case SIGKILL: return "SIGKILL (out of memory?)";
	default: return "a signal";
	}
}

/* A worker's result pipe closed: it has ended, by design or not. */
static void worker_ended(struct runner *r, struct worker *w)
{
	int status = 0;
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	forget_pid(w->pid);
	if (w->job != NO_JOB) {
		/* It died during a job: keep what the job said, then why. */
		struct job *j = &r->jobs[w->job];
		struct stat st;
		if (fstat(w->mem, &st) == 0 && st.st_size > 0)
			take_messages(w, j, (size_t)st.st_size);
		int code = EXIT_INTERNAL;
		if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
			code = WEXITSTATUS(status);
		} else if (WIFSIGNALED(status)) {
			strbuf_addf(&j->out, "boardpack: error: %s: the worker stopped with %s "
				    "(signal %d)\n", r->b->labels[w->job],
				    signal_name(WTERMSIG(status)), WTERMSIG(status));
		} else {
			strbuf_addf(&j->out, "boardpack: error: %s: the worker ended without "
				    "finishing\n", r->b->labels[w->job]);
		}
		job_done(r, w->job, code);
	}
	close_worker(w);
}

/* Reads what a worker sent: a whole frame finishes its job. */
static void read_worker(struct runner *r, struct worker *w)
{
	ssize_t got = read(w->res, w->frame + w->got, sizeof w->frame - w->got);
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (got <= 0) {
		worker_ended(r, w);
		return;
	}
	w->got += (size_t)got;
	if (w->got < sizeof w->frame)
		return;
	w->got = 0;
	struct frame f;
	memcpy(&f, w->frame, sizeof f);
	if (f.job != w->job) {
		/* Not the job it was given: stop trusting it. */
		kill(w->pid, SIGKILL);
		return;
	}
	take_messages(w, &r->jobs[w->job], f.len);
	job_done(r, w->job, f.code);
	w->job = NO_JOB;
	dispatch(r, w);
}

static void wait_for_workers(struct runner *r)
{
	struct pollfd pfd[MAX_WORKERS];
	unsigned which[MAX_WORKERS];
	nfds_t n = 0;
	for (unsigned k = 0; k < r->n_workers; k++) {
		if (!r->workers[k].pid)
			continue;
		pfd[n].fd = r->workers[k].res;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		which[n++] = k;
	}
	if (n == 0 || poll(pfd, n, -1) <= 0)
		return;
	for (nfds_t i = 0; i < n; i++)
		if (pfd[i].revents)
			read_worker(r, &r->workers[which[i]]);
}

/* Fills empty worker slots while jobs are waiting. Returns 1 in a new
 * worker, 0 otherwise; marks the jobs failed when no worker can be made
 * at all. */
static int staff(struct runner *r)
{
	for (unsigned k = 0; k < r->n_workers; k++) {
		if (r->workers[k].pid || r->next >= r->b->n_jobs)
			continue;
		int s = start_worker(r, k);
		if (s == 1)
			return 1;
		if (s == 0) {
			dispatch(r, &r->workers[k]);
			continue;
		}
		bool any = false;
		for (unsigned i = 0; i < r->n_workers; i++)
			any = any || r->workers[i].pid;
		if (any)
			continue;  /* try again when one ends */
		int err = errno;
		while (r->next < r->b->n_jobs) {
			size_t i = r->next++;
			strbuf_addf(&r->jobs[i].out, "boardpack: error: %s: cannot start a worker: %s\n",
				    r->b->labels[i], strerror(err));
			r->jobs[i].state = JOB_RUNNING;
			r->running++;
			job_done(r, i, EXIT_RESOURCE);
		}
	}
	return 0;
}

int batch_run(struct batch *b)
{
	b->workers = b->workers < 1 ? 1 : b->workers > MAX_WORKERS ? MAX_WORKERS : b->workers;
	b->is_worker = false;
	b->worker_code = EXIT_OK;
	b->codes = xcalloc(b->n_jobs ? b->n_jobs : 1, sizeof *b->codes);
	struct runner r = { .b = b };
	r.jobs = xcalloc(b->n_jobs ? b->n_jobs : 1, sizeof *r.jobs);
	r.n_workers = b->workers < b->n_jobs ? b->workers : (unsigned)b->n_jobs;
	r.workers = xcalloc(r.n_workers ? r.n_workers : 1, sizeof *r.workers);
	for (unsigned k = 0; k < r.n_workers; k++) {
		struct worker *w = &r.workers[k];
		w->cmd = w->res = w->mem = -1;
		w->job = NO_JOB;
	}
	install_signals();
	int rc = 0;
	while (r.done < b->n_jobs) {
		if (staff(&r)) {
			for (size_t i = 0; i < b->n_jobs; i++)
				strbuf_release(&r.jobs[i].out);
			free(r.jobs);
			free(r.workers);
			b->is_worker = true;
			return 0;
		}
		flush_in_order(&r);
		if (r.running)
			draw_progress(&r);
		wait_for_workers(&r);
		flush_in_order(&r);
	}
	/* Every job is done: the workers have been told to end. */
	for (unsigned k = 0; k < r.n_workers; k++)
		while (r.workers[k].pid)
			read_worker(&r, &r.workers[k]);
	clear_progress(&r);
	restore_signals();
	if (b->n_jobs && r.failed == b->n_jobs) {
		bool none_started = true;
		for (size_t i = 0; i < b->n_jobs && none_started; i++)
			none_started = b->codes[i] == EXIT_RESOURCE;
		if (none_started)
			rc = -1;
	}
	free(r.jobs);
	free(r.workers);
	return rc;
}

void batch_release(struct batch *b)
{
	free(b->codes);
	b->codes = NULL;
}
