/* Reading the syscall arguments and result from a raw sys_enter/sys_exit
 * context: args[0] is the task's pt_regs, args[1] the syscall id (enter)
 * or the return value (exit). On exit the argument registers still hold
 * the arguments, except after a successful execve. */
#pragma once

static __always_inline struct pt_regs *ctx_regs(struct bpf_raw_tracepoint_args *ctx)
{
	return (struct pt_regs *)ctx->args[0];
}

static __always_inline __s64 ctx_ret(struct bpf_raw_tracepoint_args *ctx)
{
	return (__s64)ctx->args[1];
}

/* x86-64 syscall ABI: di, si, dx, r10, r8, r9. */
static __always_inline unsigned long syscall_arg(struct bpf_raw_tracepoint_args *ctx, int i)
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
static __always_inline __s64 syscall_arg_int(struct bpf_raw_tracepoint_args *ctx, int i)
{
	return (__s64)(int)syscall_arg(ctx, i);
}

static __always_inline void *syscall_arg_ptr(struct bpf_raw_tracepoint_args *ctx, int i)
{
	return (void *)syscall_arg(ctx, i);
}
