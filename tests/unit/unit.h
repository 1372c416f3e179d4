/* A minimal unit-test harness: each check prints a TAP line
 * ("ok - what" or "not ok - what  (file:line: detail)"); tests/run.sh counts
 * them. A test program returns unit_done(). */
#ifndef BP_UNIT_H
#define BP_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed;
static int unit_run;

#define CHECK(cond, ...) do { \
	unit_run++; \
	if (cond) { printf("ok - "); printf(__VA_ARGS__); printf("\n"); } \
	else { unit_failed++; printf("not ok - "); printf(__VA_ARGS__); \
	       printf("  (%s:%d: %s)\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	unit_run++; \
	if (g_ && w_ && strcmp(g_, w_) == 0) { printf("ok - "); printf(__VA_ARGS__); printf("\n"); } \
	else { unit_failed++; printf("not ok - "); printf(__VA_ARGS__); \
	       printf("  (%s:%d: got \"%s\", want \"%s\")\n", __FILE__, __LINE__, \
		      g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define CHECK_INT(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	unit_run++; \
	if (g_ == w_) { printf("ok - "); printf(__VA_ARGS__); printf("\n"); } \
	else { unit_failed++; printf("not ok - "); printf(__VA_ARGS__); \
	       printf("  (%s:%d: got %lld, want %lld)\n", __FILE__, __LINE__, g_, w_); } \
} while (0)

static inline int unit_done(void)
{
	return unit_failed ? 1 : 0;
}

#endif
