/* File syscalls: open family, close, dup, pipe, paths and directories. */
#pragma once

/* --- open, openat, openat2, creat --- */

ENTER_PROG(open)
{
	BEGIN_EVENT(e, PPME_SYSCALL_OPEN_E);
	__u64 flags = syscall_arg(ctx, 1);
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	push_u32(&e, ppm_open_flags(flags));
	push_u32(&e, ppm_open_mode(flags, syscall_arg(ctx, 2)));
	event_submit(&e);
	return 0;
}

/* Flags seen at exit: PPM_O_F_CREATED when this call created the file. */
static __always_inline __u32 exit_open_flags(__u64 flags, struct file *file)
{
	__u32 r = ppm_open_flags(flags);
	if (file && (BPF_CORE_READ(file, f_mode) & SYSRAY_FMODE_CREATED))
		r |= PPM_O_F_CREATED;
	return r;
}

EXIT_PROG(open)
{
	BEGIN_EVENT(e, PPME_SYSCALL_OPEN_X);
	__s64 fd = ctx_ret(ctx);
	__u64 flags = syscall_arg(ctx, 1);
	struct file *file = fd_to_file(fd);
	push_s64(&e, fd);
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	push_u32(&e, exit_open_flags(flags, file));
	push_u32(&e, ppm_open_mode(flags, syscall_arg(ctx, 2)));
	push_u32(&e, file_dev(file));
	push_u64(&e, file_ino(file));
	event_submit(&e);
	return 0;
}

ENTER_PROG(openat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_OPENAT_2_E);
	__u64 flags = syscall_arg(ctx, 2);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_u32(&e, ppm_open_flags(flags));
	push_u32(&e, ppm_open_mode(flags, syscall_arg(ctx, 3)));
	event_submit(&e);
	return 0;
}

EXIT_PROG(openat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_OPENAT_2_X);
	__s64 fd = ctx_ret(ctx);
	__u64 flags = syscall_arg(ctx, 2);
	struct file *file = fd_to_file(fd);
	push_s64(&e, fd);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_u32(&e, exit_open_flags(flags, file));
	push_u32(&e, ppm_open_mode(flags, syscall_arg(ctx, 3)));
	push_u32(&e, file_dev(file));
	push_u64(&e, file_ino(file));
	event_submit(&e);
	return 0;
}

/* openat2 passes flags, mode and resolve in a struct open_how. */
static __always_inline void read_open_how(struct bpf_raw_tracepoint_args *ctx, struct open_how *how)
{
	__builtin_memset(how, 0, sizeof(*how));
	bpf_probe_read_user(how, sizeof(*how), syscall_arg_ptr(ctx, 2));
}

ENTER_PROG(openat2)
{
	BEGIN_EVENT(e, PPME_SYSCALL_OPENAT2_E);
	struct open_how how;
	read_open_how(ctx, &how);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_u32(&e, ppm_open_flags(how.flags));
	push_u32(&e, ppm_open_mode(how.flags, how.mode));
	push_u32(&e, how.resolve); /* PPM_RESOLVE_* equal the native values */
	event_submit(&e);
	return 0;
}

EXIT_PROG(openat2)
{
	BEGIN_EVENT(e, PPME_SYSCALL_OPENAT2_X);
	struct open_how how;
	read_open_how(ctx, &how);
	__s64 fd = ctx_ret(ctx);
	struct file *file = fd_to_file(fd);
	push_s64(&e, fd);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_u32(&e, exit_open_flags(how.flags, file));
	push_u32(&e, ppm_open_mode(how.flags, how.mode));
	push_u32(&e, how.resolve);
	push_u32(&e, file_dev(file));
	push_u64(&e, file_ino(file));
	event_submit(&e);
	return 0;
}

ENTER_PROG(creat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_CREAT_E);
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	push_u32(&e, syscall_arg(ctx, 1) & 07777);
	event_submit(&e);
	return 0;
}

EXIT_PROG(creat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_CREAT_X);
	__s64 fd = ctx_ret(ctx);
	struct file *file = fd_to_file(fd);
	push_s64(&e, fd);
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	push_u32(&e, syscall_arg(ctx, 1) & 07777);
	push_u32(&e, file_dev(file));
	push_u64(&e, file_ino(file));
	push_u16(&e, 0); /* creat_flags: overlay layers, not tracked */
	event_submit(&e);
	return 0;
}

/* --- close, dup --- */

FD_ENTER_PROG(close, PPME_SYSCALL_CLOSE_E)

EXIT_PROG(close)
{
	BEGIN_EVENT(e, PPME_SYSCALL_CLOSE_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	event_submit(&e);
	return 0;
}

FD_ENTER_PROG(dup, PPME_SYSCALL_DUP_1_E)

EXIT_PROG(dup)
{
	BEGIN_EVENT(e, PPME_SYSCALL_DUP_1_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	event_submit(&e);
	return 0;
}

FD_ENTER_PROG(dup2, PPME_SYSCALL_DUP2_E)

EXIT_PROG(dup2)
{
	BEGIN_EVENT(e, PPME_SYSCALL_DUP2_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_s64(&e, syscall_arg_int(ctx, 1));
	event_submit(&e);
	return 0;
}

FD_ENTER_PROG(dup3, PPME_SYSCALL_DUP3_E)

EXIT_PROG(dup3)
{
	BEGIN_EVENT(e, PPME_SYSCALL_DUP3_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_s64(&e, syscall_arg_int(ctx, 1));
	push_u32(&e, ppm_file_flags_no_access(syscall_arg(ctx, 2)));
	event_submit(&e);
	return 0;
}

/* --- pipe, pipe2: the two fds are written to user memory --- */

static __always_inline void push_pipe_fds(struct event *e, struct bpf_raw_tracepoint_args *ctx)
{
	int fds[2] = {-1, -1};
	if (ctx_ret(ctx) == 0)
		bpf_probe_read_user(fds, sizeof(fds), syscall_arg_ptr(ctx, 0));
	push_s64(e, fds[0]);
	push_s64(e, fds[1]);
	push_u64(e, file_ino(fd_to_file(fds[0])));
}

EMPTY_ENTER_PROG(pipe, PPME_SYSCALL_PIPE_E)

EXIT_PROG(pipe)
{
	BEGIN_EVENT(e, PPME_SYSCALL_PIPE_X);
	push_s64(&e, ctx_ret(ctx));
	push_pipe_fds(&e, ctx);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(pipe2, PPME_SYSCALL_PIPE2_E)

EXIT_PROG(pipe2)
{
	BEGIN_EVENT(e, PPME_SYSCALL_PIPE2_X);
	push_s64(&e, ctx_ret(ctx));
	push_pipe_fds(&e, ctx);
	push_u32(&e, ppm_file_flags_no_access(syscall_arg(ctx, 1)));
	event_submit(&e);
	return 0;
}

/* --- paths: unlink, rename, mkdir, rmdir, chdir --- */

EMPTY_ENTER_PROG(unlink, PPME_SYSCALL_UNLINK_2_E)

EXIT_PROG(unlink)
{
	BEGIN_EVENT(e, PPME_SYSCALL_UNLINK_2_X);
	push_s64(&e, ctx_ret(ctx));
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(unlinkat, PPME_SYSCALL_UNLINKAT_2_E)

EXIT_PROG(unlinkat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_UNLINKAT_2_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_u32(&e, syscall_arg(ctx, 2) & 0x200); /* AT_REMOVEDIR, same value in PPM */
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(rename, PPME_SYSCALL_RENAME_E)

EXIT_PROG(rename)
{
	BEGIN_EVENT(e, PPME_SYSCALL_RENAME_X);
	push_s64(&e, ctx_ret(ctx));
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(renameat, PPME_SYSCALL_RENAMEAT_E)

EXIT_PROG(renameat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_RENAMEAT_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_s64(&e, syscall_arg_int(ctx, 2));
	push_user_str(&e, syscall_arg_ptr(ctx, 3), SYSRAY_MAX_PATH);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(renameat2, PPME_SYSCALL_RENAMEAT2_E)

EXIT_PROG(renameat2)
{
	BEGIN_EVENT(e, PPME_SYSCALL_RENAMEAT2_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_s64(&e, syscall_arg_int(ctx, 2));
	push_user_str(&e, syscall_arg_ptr(ctx, 3), SYSRAY_MAX_PATH);
	push_u32(&e, syscall_arg(ctx, 4) & 0x7); /* RENAME_* equal the native values */
	event_submit(&e);
	return 0;
}

ENTER_PROG(mkdir)
{
	BEGIN_EVENT(e, PPME_SYSCALL_MKDIR_2_E);
	push_u32(&e, syscall_arg(ctx, 1));
	event_submit(&e);
	return 0;
}

EXIT_PROG(mkdir)
{
	BEGIN_EVENT(e, PPME_SYSCALL_MKDIR_2_X);
	push_s64(&e, ctx_ret(ctx));
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	push_u32(&e, syscall_arg(ctx, 1));
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(mkdirat, PPME_SYSCALL_MKDIRAT_E)

EXIT_PROG(mkdirat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_MKDIRAT_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_u32(&e, syscall_arg(ctx, 2));
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(rmdir, PPME_SYSCALL_RMDIR_2_E)

EXIT_PROG(rmdir)
{
	BEGIN_EVENT(e, PPME_SYSCALL_RMDIR_2_X);
	push_s64(&e, ctx_ret(ctx));
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(chdir, PPME_SYSCALL_CHDIR_E)

EXIT_PROG(chdir)
{
	BEGIN_EVENT(e, PPME_SYSCALL_CHDIR_X);
	push_s64(&e, ctx_ret(ctx));
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	event_submit(&e);
	return 0;
}

FD_ENTER_PROG(fchdir, PPME_SYSCALL_FCHDIR_E)

EXIT_PROG(fchdir)
{
	BEGIN_EVENT(e, PPME_SYSCALL_FCHDIR_X);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	event_submit(&e);
	return 0;
}
