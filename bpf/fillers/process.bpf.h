/* Process syscalls: execve, the clone family, kill/tkill/tgkill, and the
 * procexit event from sched_process_exit. */
#pragma once

#define NATIVE_RLIMIT_NOFILE 7
#define PIDTYPE_PGID_INDEX 2

/* The pid number of `pid` in its own (innermost) namespace. */
static __always_inline __s64 pid_vnr(struct pid *pid)
{
	if (!pid)
		return 0;
	unsigned int level = BPF_CORE_READ(pid, level);
	int nr = 0;
	bpf_probe_read_kernel(&nr, sizeof(nr), &pid->numbers[level & 31].nr);
	return nr;
}

/* When the init process of the task's pid namespace started, in ns since
 * the epoch (the boot time knob turns boot-relative into wall clock). */
static __always_inline __u64 pidns_init_start_ts(struct task_struct *task)
{
	struct pid *pid = BPF_CORE_READ(task, thread_pid);
	if (!pid)
		return 0;
	unsigned int level = BPF_CORE_READ(pid, level);
	struct pid_namespace *ns = NULL;
	bpf_probe_read_kernel(&ns, sizeof(ns), &pid->numbers[level & 31].ns);
	struct task_struct *reaper = ns ? BPF_CORE_READ(ns, child_reaper) : NULL;
	return reaper ? g_boot_time + BPF_CORE_READ(reaper, start_boottime) : 0;
}

static __always_inline __s64 pid_global_nr(struct pid *pid)
{
	return pid ? BPF_CORE_READ(pid, numbers[0].nr) : 0;
}

static __always_inline struct pid *task_pgrp(struct task_struct *task)
{
	return BPF_CORE_READ(task, signal, pids[PIDTYPE_PGID_INDEX]);
}

/* exe, args, tid, pid, ptid, cwd, fdlimit, pgft_maj, pgft_min, vm_size,
 * vm_rss, vm_swap, comm, cgroups: params 1-14 of both the execve and the
 * clone exit events. */
static __always_inline void push_process_info(struct event *e, struct task_struct *task)
{
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	unsigned long arg_start = mm ? BPF_CORE_READ(mm, arg_start) : 0;
	unsigned long arg_end = mm ? BPF_CORE_READ(mm, arg_end) : 0;

	/* exe is argv[0]; args are the other arguments, NUL-separated. */
	__u32 before = e->pos;
	push_user_str(e, (void *)arg_start, SYSRAY_MAX_PROC_ARGS);
	__u32 argv0_len = e->pos - before;
	if (!arg_start)
		argv0_len = 0;
	__u64 args_len = arg_end > arg_start + argv0_len ? arg_end - arg_start - argv0_len : 0;
	push_user_bytes(e, (void *)(arg_start + argv0_len), args_len, SYSRAY_MAX_PROC_ARGS);

	push_s64(e, BPF_CORE_READ(task, pid));
	push_s64(e, BPF_CORE_READ(task, tgid));
	push_s64(e, BPF_CORE_READ(task, real_parent, tgid));
	push_task_cwd(e, task);
	push_u64(e, BPF_CORE_READ(task, signal, rlim[NATIVE_RLIMIT_NOFILE].rlim_cur));
	push_u64(e, BPF_CORE_READ(task, maj_flt));
	push_u64(e, BPF_CORE_READ(task, min_flt));
	push_vm_usage(e, mm);
	push_kernel_str(e, BPF_CORE_READ(task, comm), 16);
	push_cgroups(e, task);
}

/* --- execve --- */

ENTER_PROG(execve)
{
	BEGIN_EVENT(e, PPME_SYSCALL_EXECVE_19_E);
	push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	event_submit(&e);
	return 0;
}

/* The tty a process runs on, encoded as the kernel's dev_t. */
static __always_inline __u32 task_tty(struct task_struct *task)
{
	struct tty_struct *tty = BPF_CORE_READ(task, signal, tty);
	if (!tty)
		return 0;
	int index = BPF_CORE_READ(tty, index);
	int major = BPF_CORE_READ(tty, driver, major);
	int minor = BPF_CORE_READ(tty, driver, minor_start) + index;
	return encode_dev(((dev_t)major << 20) | (dev_t)minor);
}

/* The exit of execve and execveat (execveat's event ends before filename). */
static __always_inline int execve_exit(struct syscall_ctx *ctx, __u16 type, bool with_filename)
{
	BEGIN_EVENT(e, type);
	struct task_struct *task = current_task();
	__s64 res = ctx_ret(ctx);
	push_s64(&e, res);
	push_process_info(&e, task);

	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	unsigned long env_start = mm ? BPF_CORE_READ(mm, env_start) : 0;
	unsigned long env_end = mm ? BPF_CORE_READ(mm, env_end) : 0;
	push_user_bytes(&e, (void *)env_start, env_end - env_start, SYSRAY_MAX_PROC_ARGS);
	push_u32(&e, task_tty(task));
	push_s64(&e, pid_vnr(task_pgrp(task)));
	push_u32(&e, BPF_CORE_READ(task, loginuid.val));
	push_u32(&e, 0); /* execve_flags: exe writable/overlay/memfd, not tracked */
	push_u64(&e, BPF_CORE_READ(task, cred, cap_inheritable.val));
	push_u64(&e, BPF_CORE_READ(task, cred, cap_permitted.val));
	push_u64(&e, BPF_CORE_READ(task, cred, cap_effective.val));
	struct file *exe_file = mm ? BPF_CORE_READ(mm, exe_file) : NULL;
	struct inode *ino = exe_file ? BPF_CORE_READ(exe_file, f_inode) : NULL;
	push_u64(&e, ino ? BPF_CORE_READ(ino, i_ino) : 0);
	push_u64(&e, ino ? BPF_CORE_READ(ino, i_ctime_sec) * 1000000000ull + BPF_CORE_READ(ino, i_ctime_nsec) : 0);
	push_u64(&e, ino ? BPF_CORE_READ(ino, i_mtime_sec) * 1000000000ull + BPF_CORE_READ(ino, i_mtime_nsec) : 0);
	push_u32(&e, BPF_CORE_READ(task, cred, euid.val));
	push_file_path(&e, exe_file);
	push_s64(&e, pid_global_nr(task_pgrp(task)));
	push_u32(&e, BPF_CORE_READ(task, cred, egid.val));
	/* filename: on success the old memory is gone, but exec copied the
	 * filename to the top of the new stack, right after the environment. */
	if (with_filename) {
		if (res == 0 && env_end)
			push_user_str(&e, (void *)env_end, SYSRAY_MAX_PATH);
		else
			push_user_str(&e, syscall_arg_ptr(ctx, 0), SYSRAY_MAX_PATH);
	}
	event_submit(&e);
	return 0;
}

/* Removes the current thread from execveat_tids; true if it was there. */
static __always_inline bool take_execveat_mark(void)
{
	__u32 tid = bpf_get_current_pid_tgid();
	if (!bpf_map_lookup_elem(&execveat_tids, &tid))
		return false;
	bpf_map_delete_elem(&execveat_tids, &tid);
	return true;
}

EXIT_PROG(execve)
{
	if (take_execveat_mark())
		return execve_exit(ctx, PPME_SYSCALL_EXECVEAT_X, false);
	return execve_exit(ctx, PPME_SYSCALL_EXECVE_19_X, true);
}

ENTER_PROG(execveat)
{
	BEGIN_EVENT(e, PPME_SYSCALL_EXECVEAT_E);
	__u32 tid = bpf_get_current_pid_tgid();
	__u8 one = 1;
	bpf_map_update_elem(&execveat_tids, &tid, &one, BPF_ANY);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	push_u32(&e, ppm_execveat_flags(syscall_arg(ctx, 4)));
	event_submit(&e);
	return 0;
}

/* A failed execveat exits as itself. */
EXIT_PROG(execveat)
{
	take_execveat_mark();
	return execve_exit(ctx, PPME_SYSCALL_EXECVEAT_X, false);
}

/* --- clone, fork, vfork, clone3: the exit comes in parent and child --- */

static __always_inline int clone_exit(struct syscall_ctx *ctx, __u16 type, __u64 native_flags)
{
	BEGIN_EVENT(e, type);
	struct task_struct *task = current_task();
	push_s64(&e, ctx_ret(ctx));
	push_process_info(&e, task);
	push_u32(&e, ppm_clone_flags(native_flags));
	push_u32(&e, BPF_CORE_READ(task, cred, euid.val));
	push_u32(&e, BPF_CORE_READ(task, cred, egid.val));
	push_s64(&e, pid_vnr(BPF_CORE_READ(task, thread_pid)));
	push_s64(&e, pid_vnr(BPF_CORE_READ(task, group_leader, thread_pid)));
	push_u64(&e, pidns_init_start_ts(task));
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(clone, PPME_SYSCALL_CLONE_20_E)
EXIT_PROG(clone) { return clone_exit(ctx, PPME_SYSCALL_CLONE_20_X, syscall_arg(ctx, 0)); }
EMPTY_ENTER_PROG(fork, PPME_SYSCALL_FORK_20_E)
EXIT_PROG(fork) { return clone_exit(ctx, PPME_SYSCALL_FORK_20_X, 0); }
EMPTY_ENTER_PROG(vfork, PPME_SYSCALL_VFORK_20_E)
EXIT_PROG(vfork) { return clone_exit(ctx, PPME_SYSCALL_VFORK_20_X, NATIVE_CLONE_VM | NATIVE_CLONE_VFORK); }
EMPTY_ENTER_PROG(clone3, PPME_SYSCALL_CLONE3_E)

EXIT_PROG(clone3)
{
	__u64 flags = 0; /* struct clone_args starts with the flags */
	bpf_probe_read_user(&flags, sizeof(flags), syscall_arg_ptr(ctx, 0));
	return clone_exit(ctx, PPME_SYSCALL_CLONE3_X, flags);
}

/* --- signals --- */

SIMPLE_ENTER(kill, PPME_SYSCALL_KILL_E, P_FD(0) P_U8(1))
SIMPLE_EXIT(kill, PPME_SYSCALL_KILL_X, P_RES P_FD(0) P_U8(1))
SIMPLE_ENTER(tkill, PPME_SYSCALL_TKILL_E, P_FD(0) P_U8(1))
SIMPLE_EXIT(tkill, PPME_SYSCALL_TKILL_X, P_RES P_FD(0) P_U8(1))
SIMPLE_ENTER(tgkill, PPME_SYSCALL_TGKILL_E, P_FD(0) P_FD(1) P_U8(2))
SIMPLE_EXIT(tgkill, PPME_SYSCALL_TGKILL_X, P_RES P_FD(0) P_FD(1) P_U8(2))

/* --- procexit: one per exiting thread, from sched_process_exit --- */

static __always_inline int emit_procexit(void)
{
	BEGIN_EVENT(e, PPME_PROCEXIT_1_E);
	struct task_struct *task = current_task();
	int code = BPF_CORE_READ(task, exit_code);
	push_s64(&e, code);
	push_s64(&e, (code >> 8) & 0xff); /* the exit status */
	push_u8(&e, code & 0x7f);         /* the terminating signal */
	push_u8(&e, (code & 0x80) ? 1 : 0);
	push_s64(&e, 0); /* reaper_tid: not computed */
	event_submit(&e);
	return 0;
}
