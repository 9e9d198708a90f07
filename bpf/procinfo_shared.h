/* The record the probe's task iterator (fillers/procinfo.bpf.h) writes for
 * each thread, and userspace (live/task_cpu_times) reads to build procinfo
 * events. Plain C, shared by the probe and userspace. */
#ifndef SYSRAY_PROCINFO_SHARED_H
#define SYSRAY_PROCINFO_SHARED_H

/* procinfo's cpu_usr / cpu_sys are clock ticks (USER_HZ, 100 on every
 * Linux ABI), as /proc/PID/task/TID/stat shows them. */
#define SYSRAY_NSEC_PER_CLOCK_TICK 10000000ULL

/* Nanoseconds, raw: userspace splits runtime between user and system in
 * the ratio of the tick-sampled utime/stime, as the kernel does for /proc
 * (cputime_adjust). */
struct sysray_task_cpu {
	unsigned int tid;
	unsigned int tgid; /* for a pushdown plan's pid set */
	unsigned long long utime;   /* tick-sampled time in user mode */
	unsigned long long stime;   /* tick-sampled time in kernel mode */
	unsigned long long runtime; /* exact time on a CPU (se.sum_exec_runtime) */
};

#endif
