// A plain C surface over the one Linux scheduling call Portsight makes: asking the kernel for a
// thread's time slice (sched_setattr's sched_runtime for SCHED_OTHER, EEVDF's custom slice).
// Swift cannot call the variadic syscall(2) itself. Every function returns a status; none aborts.
#ifndef PORTSIGHT_SCHEDSHIM_H
#define PORTSIGHT_SCHEDSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Asks that the calling thread run in slices of `nanoseconds` (the kernel clamps it to 0.1–100 ms;
/// 0 restores the default). Threads it creates afterwards inherit it. Linux 6.12 and later act on
/// it; earlier kernels accept it and go on as before. Needs no privilege. Returns 0 or an errno.
int scs_set_thread_slice(uint64_t nanoseconds);

/// The calling thread's slice in nanoseconds as the kernel reports it (0 when it reports none),
/// or a negative errno.
int64_t scs_thread_slice(void);

#ifdef __cplusplus
}
#endif

#endif
