/* procinfo's data: every thread's user and system CPU time in clock ticks.
 *
 * sysdig does not send procinfo from a kernel hook: once per second of
 * event time, userspace asks the driver for the whole thread list (the
 * kernel module's PPM_IOCTL_GET_PROCLIST walks every task; with the BPF
 * probe libscap reads /proc/PID/task/TID/stat) and turns each thread with
 * CPU time into a PPME_PROCINFO_E. sysray's equivalent of that ioctl is
 * this task iterator: LiveSource reads it on the same schedule (one read()
 * walks every task in the kernel, no /proc files, no program on any hot
 * path) and builds the events itself (userspace/live/procinfo_feed).
 *
 * utime/stime are the kernel's tick-sampled counters in nanoseconds;
 * /proc scales them to sum_exec_runtime (cputime_adjust), which can make a
 * part go back between readings: the raw ones never do. Threads that have
 * used no whole tick yet are skipped, as sysdig skips them. */
#pragma once

#include "procinfo_shared.h"

SEC("iter/task")
int procinfo_tasks(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	if (!task)
		return 0; /* the end of the walk */
	struct sysray_task_cpu rec = {
		.tid = BPF_CORE_READ(task, pid),
		.utime = BPF_CORE_READ(task, utime) / SYSRAY_NSEC_PER_CLOCK_TICK,
		.stime = BPF_CORE_READ(task, stime) / SYSRAY_NSEC_PER_CLOCK_TICK,
	};
	if (rec.utime == 0 && rec.stime == 0)
		return 0;
	bpf_seq_write(ctx->meta->seq, &rec, sizeof(rec));
	return 0;
}
