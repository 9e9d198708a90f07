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
static __always_inline void read_open_how(struct syscall_ctx *ctx, struct open_how *how)
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
SIMPLE_EXIT(close, PPME_SYSCALL_CLOSE_X, P_RES P_FD(0))
FD_ENTER_PROG(dup, PPME_SYSCALL_DUP_1_E)
SIMPLE_EXIT(dup, PPME_SYSCALL_DUP_1_X, P_RES P_FD(0))
FD_ENTER_PROG(dup2, PPME_SYSCALL_DUP2_E)
SIMPLE_EXIT(dup2, PPME_SYSCALL_DUP2_X, P_RES P_FD(0) P_FD(1))
FD_ENTER_PROG(dup3, PPME_SYSCALL_DUP3_E)
SIMPLE_EXIT(dup3, PPME_SYSCALL_DUP3_X, P_RES P_FD(0) P_FD(1) P_CONV32(2, ppm_file_flags_no_access))

/* --- pipe, pipe2: the two fds are written to user memory --- */

static __always_inline void push_pipe_fds(struct event *e, struct syscall_ctx *ctx)
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

/* unlinkat: AT_REMOVEDIR has the same value in PPM; renameat2: RENAME_*
 * equal the native values. */
#define P_AT_REMOVEDIR(i) P_VAL32(syscall_arg(ctx, i) & 0x200)
#define P_RENAME_FLAGS(i) P_VAL32(syscall_arg(ctx, i) & 0x7)

EMPTY_ENTER_PROG(unlink, PPME_SYSCALL_UNLINK_2_E)
SIMPLE_EXIT(unlink, PPME_SYSCALL_UNLINK_2_X, P_RES P_PATH(0))
EMPTY_ENTER_PROG(unlinkat, PPME_SYSCALL_UNLINKAT_2_E)
SIMPLE_EXIT(unlinkat, PPME_SYSCALL_UNLINKAT_2_X, P_RES P_FD(0) P_PATH(1) P_AT_REMOVEDIR(2))
EMPTY_ENTER_PROG(rename, PPME_SYSCALL_RENAME_E)
SIMPLE_EXIT(rename, PPME_SYSCALL_RENAME_X, P_RES P_PATH(0) P_PATH(1))
EMPTY_ENTER_PROG(renameat, PPME_SYSCALL_RENAMEAT_E)
SIMPLE_EXIT(renameat, PPME_SYSCALL_RENAMEAT_X, P_RES P_FD(0) P_PATH(1) P_FD(2) P_PATH(3))
EMPTY_ENTER_PROG(renameat2, PPME_SYSCALL_RENAMEAT2_E)
SIMPLE_EXIT(renameat2, PPME_SYSCALL_RENAMEAT2_X, P_RES P_FD(0) P_PATH(1) P_FD(2) P_PATH(3) P_RENAME_FLAGS(4))
SIMPLE_ENTER(mkdir, PPME_SYSCALL_MKDIR_2_E, P_U32(1))
SIMPLE_EXIT(mkdir, PPME_SYSCALL_MKDIR_2_X, P_RES P_PATH(0) P_U32(1))
EMPTY_ENTER_PROG(mkdirat, PPME_SYSCALL_MKDIRAT_E)
SIMPLE_EXIT(mkdirat, PPME_SYSCALL_MKDIRAT_X, P_RES P_FD(0) P_PATH(1) P_U32(2))
EMPTY_ENTER_PROG(rmdir, PPME_SYSCALL_RMDIR_2_E)
SIMPLE_EXIT(rmdir, PPME_SYSCALL_RMDIR_2_X, P_RES P_PATH(0))
EMPTY_ENTER_PROG(chdir, PPME_SYSCALL_CHDIR_E)
SIMPLE_EXIT(chdir, PPME_SYSCALL_CHDIR_X, P_RES P_PATH(0))
FD_ENTER_PROG(fchdir, PPME_SYSCALL_FCHDIR_E)
SIMPLE_EXIT(fchdir, PPME_SYSCALL_FCHDIR_X, P_RES P_FD(0))
