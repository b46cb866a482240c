#define _GNU_SOURCE
#include "schedshim.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

// The kernel's struct sched_attr (include/uapi/linux/sched/types.h); glibc 2.36 does not declare it.
struct scs_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
    uint32_t sched_util_min;
    uint32_t sched_util_max;
};

static int scs_get(struct scs_attr *attr) {
    memset(attr, 0, sizeof *attr);
    return syscall(SYS_sched_getattr, 0, attr, sizeof *attr, 0) == 0 ? 0 : errno;
}

int scs_set_thread_slice(uint64_t nanoseconds) {
    struct scs_attr attr;
    int status = scs_get(&attr);
    if (status != 0) return status;
    // Only a normal thread has a slice to ask for; real-time and deadline ones keep what they have.
    if (attr.sched_policy != 0 /* SCHED_OTHER */) return EINVAL;
    attr.size = sizeof attr;
    attr.sched_flags = 0;
    attr.sched_runtime = nanoseconds;
    return syscall(SYS_sched_setattr, 0, &attr, 0) == 0 ? 0 : errno;
}

int64_t scs_thread_slice(void) {
    struct scs_attr attr;
    int status = scs_get(&attr);
    return status == 0 ? (int64_t)attr.sched_runtime : -(int64_t)status;
}
