/* Counts heap allocations made by the calling thread, for tests that prove a hot path allocates
 * nothing. Linked into the test executable, its malloc family overrides glibc's for the whole
 * process and forwards to glibc's own entry points. */
#ifndef PORTSIGHT_ALLOCATION_COUNTER_H
#define PORTSIGHT_ALLOCATION_COUNTER_H

#include <stdint.h>

/* Starts counting this thread's allocations from zero. */
void allocation_counter_start(void);
/* Stops counting and returns how many allocations this thread made since the start. */
int64_t allocation_counter_stop(void);
/* 1 when the counter sees allocations; 0 in a sanitizer build, whose runtime owns malloc. */
int allocation_counter_available(void);

#endif
