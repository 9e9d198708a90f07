// SPDX-License-Identifier: GPL-2.0
/* sysray's probe: raw sys_enter/sys_exit dispatchers that tail-call one
 * program per syscall (fillers/), or, when the pushdown plan pins a set of
 * syscalls, those syscalls' own tracepoints (fillers/common.bpf.h and the
 * generic tp_* programs below); sched_process_exit for procexit, and the
 * tracepoints userspace attaches on request: sched_switch, signal_deliver,
 * page_fault_user/page_fault_kernel.
 * Events are written in scap layout (helpers/event_builder.bpf.h) into
 * one ring buffer per CPU. */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "maps.bpf.h"
#include "helpers/event_builder.bpf.h"
#include "helpers/syscall_args.bpf.h"
#include "helpers/task.bpf.h"
#include "helpers/path.bpf.h"
#include "helpers/cgroups.bpf.h"
#include "helpers/flags.bpf.h"
#include "helpers/flags_sys.bpf.h"
#include "helpers/mm.bpf.h"
#include "helpers/sockets.bpf.h"
#include "helpers/pushdown.bpf.h"
#include "helpers/dispatch.bpf.h"
#include "helpers/fixed_event.bpf.h"
#include "fillers/common.bpf.h"
#include "fillers/layout.bpf.h"
#include "fillers/generic.bpf.h"
#include "fillers/io.bpf.h"
#include "fillers/file.bpf.h"
#include "fillers/net.bpf.h"
#include "fillers/process.bpf.h"
#include "fillers/fs.bpf.h"
#include "fillers/memory.bpf.h"
#include "fillers/wait.bpf.h"
#include "fillers/anonfd.bpf.h"
#include "fillers/creds.bpf.h"
#include "fillers/system.bpf.h"
#include "fillers/sched_switch.bpf.h"
#include "fillers/signal_deliver.bpf.h"
#include "fillers/page_fault.bpf.h"
#include "fillers/procinfo.bpf.h" /* the program procinfo_tasks (iter/task) */

char LICENSE[] SEC("license") = "GPL";

SEC("raw_tp/sys_enter")
int sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	long id = ctx->args[1];
	/* The pushdown check (map lookups) comes before the compat check (a
	 * kernel memory read): most syscalls a narrow plan drops stop there. */
	if (skip_current() || id < 0 || id >= SYSRAY_NATIVE_SYSCALL_MAX || !pushdown_admits_syscall(id) ||
	    in_compat_syscall())
		return 0;
	bpf_tail_call(ctx, &enter_programs, id);
	return emit_generic(PPME_GENERIC_E, id); /* no filler for this syscall */
}

SEC("raw_tp/sys_exit")
int sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	if (skip_current())
		return 0;
	long id = BPF_CORE_READ((struct pt_regs *)ctx->args[0], orig_ax);
	if (id < 0 || id >= SYSRAY_NATIVE_SYSCALL_MAX || !pushdown_admits_syscall(id) || in_compat_syscall())
		return 0;
	bpf_tail_call(ctx, &exit_programs, id);
	return emit_generic(PPME_GENERIC_X, id);
}

/* Pinned mode: the syscalls of the plan without a filler of their own. One
 * program of each direction is attached to all their tracepoints. */
SEC("tp")
int tp_generic_enter(struct syscall_tp_record *rec)
{
	long nr = pinned_syscall_nr(rec);
	return nr < 0 ? 0 : emit_generic(PPME_GENERIC_E, nr);
}

SEC("tp")
int tp_generic_exit(struct syscall_tp_record *rec)
{
	long nr = pinned_syscall_nr(rec);
	return nr < 0 ? 0 : emit_generic(PPME_GENERIC_X, nr);
}

SEC("raw_tp/sched_process_exit")
int sched_process_exit(struct bpf_raw_tracepoint_args *ctx)
{
	if (skip_current())
		return 0;
	pushdown_mark_procexit();
	return emit_procexit();
}

/* args: preempt, prev (the current task), next. */
SEC("raw_tp/sched_switch")
int sched_switch(struct bpf_raw_tracepoint_args *ctx)
{
	if (skip_current() || !pushdown_admits_thread_event())
		return 0;
	return emit_sched_switch((struct task_struct *)ctx->args[1], (struct task_struct *)ctx->args[2]);
}

/* args: sig, kernel_siginfo, k_sigaction; runs in the receiving thread. */
SEC("raw_tp/signal_deliver")
int signal_deliver(struct bpf_raw_tracepoint_args *ctx)
{
	if (skip_current() || !pushdown_admits_thread_event())
		return 0;
	return emit_signal_deliver((int)ctx->args[0], (struct kernel_siginfo *)ctx->args[1]);
}

/* args: address, pt_regs, error_code. Both variants are attached, as in
 * sysdig: the kernel one covers faults taken in kernel mode, such as a
 * read() into a buffer whose pages are not there yet. */
static __always_inline int page_fault(struct bpf_raw_tracepoint_args *ctx)
{
	if (skip_current() || !pushdown_admits_thread_event())
		return 0;
	return emit_page_fault(ctx->args[0], (struct pt_regs *)ctx->args[1], ctx->args[2]);
}

SEC("raw_tp/page_fault_user")
int page_fault_user(struct bpf_raw_tracepoint_args *ctx)
{
	return page_fault(ctx);
}

SEC("raw_tp/page_fault_kernel")
int page_fault_kernel(struct bpf_raw_tracepoint_args *ctx)
{
	return page_fault(ctx);
}
