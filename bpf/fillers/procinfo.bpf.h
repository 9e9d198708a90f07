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
 * It sends each task's tick-sampled utime/stime and its exact run time
 * (se.sum_exec_runtime), in nanoseconds; userspace splits the run time in
 * the ratio of the sampled parts, as /proc does (cputime_adjust): on a busy
 * CPU the sampled parts alone miss much of a task's time. Tasks that have
 * run less than one clock tick are skipped, as sysdig skips threads with
 * 0 ticks.
 */
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
		.tgid = BPF_CORE_READ(task, tgid),
		.utime = BPF_CORE_READ(task, utime),
		.stime = BPF_CORE_READ(task, stime),
		.runtime = BPF_CORE_READ(task, se.sum_exec_runtime),
	};
	if (rec.runtime < SYSRAY_NSEC_PER_CLOCK_TICK)
		return 0;
	bpf_seq_write(ctx->meta->seq, &rec, sizeof(rec));
	return 0;
}
