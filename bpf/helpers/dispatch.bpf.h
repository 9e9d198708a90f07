/* The checks every syscall event passes before its filler runs, in both
 * attach modes: the raw sys_enter/sys_exit dispatchers (probe.bpf.c) and,
 * when the pushdown plan pins a set of syscalls, the tracepoint programs
 * attached to each pinned syscall's syscalls:sys_enter_X/sys_exit_X
 * (fillers/common.bpf.h). */
#pragma once

/* thread_info.status bit of a task in a 32-bit (ia32) syscall: its
 * syscall numbers are not the x86-64 ones, so the probe skips it. */
#define TS_COMPAT 0x0002

/* sysray's own process never shows up in its trace. */
static __always_inline bool skip_current(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == g_self_tgid;
}

static __always_inline bool in_compat_syscall(void)
{
	return BPF_CORE_READ(current_task(), thread_info.status) & TS_COMPAT;
}

/* Pinned mode: the native number of the tracepoint's syscall if its event
 * is to be built, else -1. No compat check: the kernel fires syscalls:*
 * events for native syscalls only (ia32 ones have no number there). */
static __always_inline long pinned_syscall_nr(struct syscall_tp_record *rec)
{
	long nr = rec->nr;
	if (skip_current() || nr < 0 || nr >= SYSRAY_NATIVE_SYSCALL_MAX || !pushdown_admits_syscall(nr))
		return -1;
	return nr;
}
