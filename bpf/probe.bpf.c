// SPDX-License-Identifier: GPL-2.0
/* sysray's probe: raw sys_enter/sys_exit dispatchers that tail-call one
 * program per syscall (fillers/), and sched_process_exit for procexit.
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

char LICENSE[] SEC("license") = "GPL";

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
	long id = BPF_CORE_READ(ctx_regs(ctx), orig_ax);
	if (id < 0 || id >= SYSRAY_NATIVE_SYSCALL_MAX || !pushdown_admits_syscall(id) || in_compat_syscall())
		return 0;
	bpf_tail_call(ctx, &exit_programs, id);
	return emit_generic(PPME_GENERIC_X, id);
}

SEC("raw_tp/sched_process_exit")
int sched_process_exit(struct bpf_raw_tracepoint_args *ctx)
{
	if (skip_current())
		return 0;
	pushdown_mark_procexit();
	return emit_procexit();
}
