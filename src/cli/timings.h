/** Time and memory of each stage of a build, for `boardpack build
 *  --timings` and `make bench`.
 *
 *  A stopwatch is started once; each call of timings_lap() charges the
 *  wall-clock and CPU time since the previous lap to a stage and records
 *  the most memory the process held during it. The peak is the kernel's
 *  high-water mark of resident memory (VmHWM), which timings_lap() resets
 *  after reading so that each stage sees its own peak; where the kernel
 *  refuses the reset, every stage sees the peak of the run so far. */
#ifndef BP_TIMINGS_H
#define BP_TIMINGS_H

#include <stdbool.h>
#include <stddef.h>

enum timings_stage {
	TIMINGS_READ,       /* the plan read, checked and built into the model */
	TIMINGS_EVALUATE,
	TIMINGS_COMPOSE,
	TIMINGS_LAYOUT,
	TIMINGS_PDF,        /* cairo drawing the PDF */
	TIMINGS_PDF_FIX,    /* the PDF post-processor */
	TIMINGS_SVG,        /* pages and charts as SVG, with their post-processing */
	TIMINGS_PNG,
	TIMINGS_OTHER,      /* set-up, templates, fonts, freeing */
	TIMINGS_STAGE_COUNT
};

struct timings {
	double wall[TIMINGS_STAGE_COUNT];
	double cpu[TIMINGS_STAGE_COUNT];
	size_t peak_kb[TIMINGS_STAGE_COUNT];
	double last_wall, last_cpu;
	bool reset_works;
};

/** Starts the stopwatch: the next lap counts from now. */
void timings_start(struct timings *t);

/** Charges the time since the previous lap (or the start) to stage. */
void timings_lap(struct timings *t, enum timings_stage stage);

/** The name of a stage as printed ("layout", "PDF fix-up"). */
const char *timings_stage_name(enum timings_stage stage);

/** The process's high-water mark of resident memory so far, in KB
 *  (getrusage), whatever the resets. */
size_t timings_peak_kb(void);

/** Prints one line to stderr: label, then each stage that took time,
 *  with its wall time and peak memory. */
void timings_print(const struct timings *t, const char *label);

#endif
