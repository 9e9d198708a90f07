/* Identity and limits: uid/gid family, capabilities, rlimits, sessions,
 * namespaces, prctl, seccomp. */
#pragma once

/* --- get*id: the id is the result --- */
#define RESULT_ID_SYSCALL(sc, E, X)  \
	EMPTY_ENTER_PROG(sc, E)      \
	SIMPLE_EXIT(sc, X, P_VAL32(ctx_ret(ctx)))
RESULT_ID_SYSCALL(getuid, PPME_SYSCALL_GETUID_E, PPME_SYSCALL_GETUID_X)
RESULT_ID_SYSCALL(geteuid, PPME_SYSCALL_GETEUID_E, PPME_SYSCALL_GETEUID_X)
RESULT_ID_SYSCALL(getgid, PPME_SYSCALL_GETGID_E, PPME_SYSCALL_GETGID_X)
RESULT_ID_SYSCALL(getegid, PPME_SYSCALL_GETEGID_E, PPME_SYSCALL_GETEGID_X)

/* getresuid/getresgid write three ids through pointers. */
#define P_ID_AT(i) P_VAL32(user_u32_or(syscall_arg_ptr(ctx, i), -1))
EMPTY_ENTER_PROG(getresuid, PPME_SYSCALL_GETRESUID_E)
SIMPLE_EXIT(getresuid, PPME_SYSCALL_GETRESUID_X, P_RES P_ID_AT(0) P_ID_AT(1) P_ID_AT(2))
EMPTY_ENTER_PROG(getresgid, PPME_SYSCALL_GETRESGID_E)
SIMPLE_EXIT(getresgid, PPME_SYSCALL_GETRESGID_X, P_RES P_ID_AT(0) P_ID_AT(1) P_ID_AT(2))

SIMPLE_ENTER(setuid, PPME_SYSCALL_SETUID_E, P_U32(0))
SIMPLE_EXIT(setuid, PPME_SYSCALL_SETUID_X, P_RES P_U32(0))
SIMPLE_ENTER(setgid, PPME_SYSCALL_SETGID_E, P_U32(0))
SIMPLE_EXIT(setgid, PPME_SYSCALL_SETGID_X, P_RES P_U32(0))
EMPTY_ENTER_PROG(setreuid, PPME_SYSCALL_SETREUID_E)
SIMPLE_EXIT(setreuid, PPME_SYSCALL_SETREUID_X, P_RES P_U32(0) P_U32(1))
EMPTY_ENTER_PROG(setregid, PPME_SYSCALL_SETREGID_E)
SIMPLE_EXIT(setregid, PPME_SYSCALL_SETREGID_X, P_RES P_U32(0) P_U32(1))
SIMPLE_ENTER(setresuid, PPME_SYSCALL_SETRESUID_E, P_U32(0) P_U32(1) P_U32(2))
SIMPLE_EXIT(setresuid, PPME_SYSCALL_SETRESUID_X, P_RES P_U32(0) P_U32(1) P_U32(2))
SIMPLE_ENTER(setresgid, PPME_SYSCALL_SETRESGID_E, P_U32(0) P_U32(1) P_U32(2))
SIMPLE_EXIT(setresgid, PPME_SYSCALL_SETRESGID_X, P_RES P_U32(0) P_U32(1) P_U32(2))

/* capset: the capabilities the task has after the call. */
EMPTY_ENTER_PROG(capset, PPME_SYSCALL_CAPSET_E)
SIMPLE_EXIT(capset, PPME_SYSCALL_CAPSET_X,
	    P_RES P_VAL64(BPF_CORE_READ(current_task(), cred, cap_inheritable.val))
		    P_VAL64(BPF_CORE_READ(current_task(), cred, cap_permitted.val))
			    P_VAL64(BPF_CORE_READ(current_task(), cred, cap_effective.val)))

/* --- rlimits: cur and max read from a struct rlimit; -1 when absent --- */

static __always_inline void push_rlimit(struct event *e, const struct rlimit *ulim)
{
	struct rlimit lim = {-1, -1};
	if (ulim && bpf_probe_read_user(&lim, sizeof(lim), ulim) != 0)
		lim.rlim_cur = lim.rlim_max = -1;
	push_s64(e, lim.rlim_cur);
	push_s64(e, lim.rlim_max);
}

SIMPLE_ENTER(getrlimit, PPME_SYSCALL_GETRLIMIT_E, P_U8(0))

EXIT_PROG(getrlimit)
{
	BEGIN_EVENT(e, PPME_SYSCALL_GETRLIMIT_X);
	__s64 res = ctx_ret(ctx);
	push_s64(&e, res);
	push_rlimit(&e, res == 0 ? syscall_arg_ptr(ctx, 1) : NULL);
	push_u8(&e, syscall_arg(ctx, 0));
	event_submit(&e);
	return 0;
}

SIMPLE_ENTER(setrlimit, PPME_SYSCALL_SETRLIMIT_E, P_U8(0))
SIMPLE_EXIT(setrlimit, PPME_SYSCALL_SETRLIMIT_X, P_RES push_rlimit(&e, syscall_arg_ptr(ctx, 1)); P_U8(0))

SIMPLE_ENTER(prlimit64, PPME_SYSCALL_PRLIMIT_E, P_FD(0) P_U8(1))

/* new limits as asked, old limits as returned (only on success) */
EXIT_PROG(prlimit64)
{
	BEGIN_EVENT(e, PPME_SYSCALL_PRLIMIT_X);
	__s64 res = ctx_ret(ctx);
	push_s64(&e, res);
	push_rlimit(&e, syscall_arg_ptr(ctx, 2));
	push_rlimit(&e, res == 0 ? syscall_arg_ptr(ctx, 3) : NULL);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u8(&e, syscall_arg(ctx, 1));
	event_submit(&e);
	return 0;
}

/* --- sessions, namespaces --- */

SIMPLE_ENTER(setpgid, PPME_SYSCALL_SETPGID_E, P_FD(0) P_FD(1))
SIMPLE_EXIT(setpgid, PPME_SYSCALL_SETPGID_X, P_RES P_FD(0) P_FD(1))
EMPTY_ENTER_PROG(setsid, PPME_SYSCALL_SETSID_E)
SIMPLE_EXIT(setsid, PPME_SYSCALL_SETSID_X, P_RES)
SIMPLE_ENTER(unshare, PPME_SYSCALL_UNSHARE_E, P_CONV32(0, ppm_clone_flags))
SIMPLE_EXIT(unshare, PPME_SYSCALL_UNSHARE_X, P_RES P_CONV32(0, ppm_clone_flags))
SIMPLE_ENTER(setns, PPME_SYSCALL_SETNS_E, P_FD(0) P_CONV32(1, ppm_clone_flags))
SIMPLE_EXIT(setns, PPME_SYSCALL_SETNS_X, P_RES P_FD(0) P_CONV32(1, ppm_clone_flags))

/* --- prctl, seccomp --- */

#define NATIVE_PR_SET_NAME 15
#define NATIVE_PR_GET_NAME 16
#define NATIVE_PR_GET_CHILD_SUBREAPER 37

EMPTY_ENTER_PROG(prctl, PPME_SYSCALL_PRCTL_E)

/* arg2 is a string for the name options (arg2_int empty), the int it
 * points to for GET_CHILD_SUBREAPER, the value itself otherwise (arg2_str
 * empty). PR_* options keep their numbers. */
EXIT_PROG(prctl)
{
	BEGIN_EVENT(e, PPME_SYSCALL_PRCTL_X);
	__u64 option = syscall_arg(ctx, 0);
	void *arg2 = syscall_arg_ptr(ctx, 1);
	push_s64(&e, ctx_ret(ctx));
	push_u32(&e, option);
	if (option == NATIVE_PR_SET_NAME || option == NATIVE_PR_GET_NAME) {
		push_user_str(&e, arg2, SYSRAY_MAX_PATH);
		push_empty(&e);
	} else {
		push_empty(&e);
		if (option == NATIVE_PR_GET_CHILD_SUBREAPER)
			push_s64(&e, (int)user_u32_or(arg2, 0));
		else
			push_s64(&e, (__s64)arg2);
	}
	event_submit(&e);
	return 0;
}

SIMPLE_ENTER(seccomp, PPME_SYSCALL_SECCOMP_E, P_U64(0) P_U64(1))
SIMPLE_EXIT(seccomp, PPME_SYSCALL_SECCOMP_X, P_RES P_U64(0) P_U64(1))
