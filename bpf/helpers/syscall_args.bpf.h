/* Where a filler reads its syscall's arguments and result. The same filler
 * body runs in two kinds of program (fillers/common.bpf.h):
 *   - a raw_tp program the raw sys_enter/sys_exit dispatchers tail-call:
 *     args[0] is the task's pt_regs, args[1] the syscall id (enter) or
 *     the return value (exit);
 *   - a tracepoint program attached to syscalls:sys_enter_X/sys_exit_X
 *     when the pushdown plan pins syscall X: pt_regs come from
 *     bpf_task_pt_regs (the record holds the arguments on enter only),
 *     the result from the record.
 * Both fill a struct syscall_ctx. On exit the argument registers still
 * hold the arguments, except after a successful execve. */
#pragma once

struct syscall_ctx {
	struct pt_regs *regs;
	__s64 ret; /* exit: the result; enter: unused */
};

static __always_inline struct syscall_ctx raw_syscall_ctx(struct bpf_raw_tracepoint_args *raw)
{
	struct syscall_ctx c = {(struct pt_regs *)raw->args[0], (__s64)raw->args[1]};
	return c;
}

/* The record of a syscalls:sys_enter_X / sys_exit_X event (see its format
 * file in tracefs): the common header, the syscall number, then the
 * arguments (enter) or the result (exit). */
struct syscall_tp_record {
	__u64 common;
	int nr;
	int pad;
	union {
		unsigned long args[6];
		long ret;
	};
};

static __always_inline struct syscall_ctx tp_syscall_ctx(struct syscall_tp_record *rec, bool exit)
{
	struct syscall_ctx c = {(struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf()), 0};
	if (exit)
		c.ret = rec->ret;
	return c;
}

static __always_inline struct pt_regs *ctx_regs(struct syscall_ctx *ctx)
{
	return ctx->regs;
}

static __always_inline __s64 ctx_ret(struct syscall_ctx *ctx)
{
	return ctx->ret;
}

/* x86-64 syscall ABI: di, si, dx, r10, r8, r9. */
static __always_inline unsigned long syscall_arg(struct syscall_ctx *ctx, int i)
{
	struct pt_regs *regs = ctx_regs(ctx);
	switch (i) {
	case 0: return BPF_CORE_READ(regs, di);
	case 1: return BPF_CORE_READ(regs, si);
	case 2: return BPF_CORE_READ(regs, dx);
	case 3: return BPF_CORE_READ(regs, r10);
	case 4: return BPF_CORE_READ(regs, r8);
	case 5: return BPF_CORE_READ(regs, r9);
	}
	return 0;
}

/* An int-typed argument (fd, flags, pid) sign-extended to 64 bits. */
static __always_inline __s64 syscall_arg_int(struct syscall_ctx *ctx, int i)
{
	return (__s64)(int)syscall_arg(ctx, i);
}

static __always_inline void *syscall_arg_ptr(struct syscall_ctx *ctx, int i)
{
	return (void *)syscall_arg(ctx, i);
}
