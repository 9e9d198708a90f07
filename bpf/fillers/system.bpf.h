/* System syscalls: ptrace, bpf, seccomp's neighbours, io_uring, kernel
 * modules, keyrings, quotas, fsconfig, SysV semaphores, process_vm_*. */
#pragma once

/* --- ptrace: addr and data are PT_DYN (a value or a signal) --- */

#define PTRACE_DYN_VAL 0
#define PTRACE_DYN_SIGTYPE 1

SIMPLE_ENTER(ptrace, PPME_SYSCALL_PTRACE_E, P_CONV16(0, ppm_ptrace_request) P_FD(1))

EXIT_PROG(ptrace)
{
	BEGIN_EVENT(e, PPME_SYSCALL_PTRACE_X);
	__u64 req = syscall_arg(ctx, 0);
	__u64 data = syscall_arg(ctx, 3);
	push_s64(&e, ctx_ret(ctx));
	push_dyn_u64(&e, PTRACE_DYN_VAL, syscall_arg(ctx, 2));
	switch (req) {
	case 1: case 2: case 3: /* PEEKTEXT, PEEKDATA, PEEKUSR: the word read */
		push_dyn_u64(&e, PTRACE_DYN_VAL, user_u64_or((void *)data, 0));
		break;
	case 7: case 9: case 17: case 24: /* CONT, SINGLESTEP, DETACH, SYSCALL: a signal */
		push_dyn_u8(&e, PTRACE_DYN_SIGTYPE, data);
		break;
	default:
		push_dyn_u64(&e, PTRACE_DYN_VAL, data);
	}
	push_u16(&e, ppm_ptrace_request(req));
	push_s64(&e, syscall_arg_int(ctx, 1));
	event_submit(&e);
	return 0;
}

/* --- bpf: the result is an fd for the commands that create one --- */

SIMPLE_ENTER(bpf, PPME_SYSCALL_BPF_2_E, P_S64(0))
SIMPLE_EXIT(bpf, PPME_SYSCALL_BPF_2_X, P_RES P_U32(0))

/* --- io_uring --- */

EMPTY_ENTER_PROG(io_uring_setup, PPME_SYSCALL_IO_URING_SETUP_E)

/* The kernel fills struct io_uring_params: read it after the call. */
EXIT_PROG(io_uring_setup)
{
	BEGIN_EVENT(e, PPME_SYSCALL_IO_URING_SETUP_X);
	struct io_uring_params params = {};
	bpf_probe_read_user(&params, sizeof(params), syscall_arg_ptr(ctx, 1));
	push_s64(&e, ctx_ret(ctx));
	push_u32(&e, syscall_arg(ctx, 0));
	push_u32(&e, params.sq_entries);
	push_u32(&e, params.cq_entries);
	push_u32(&e, params.flags);
	push_u32(&e, params.sq_thread_cpu);
	push_u32(&e, params.sq_thread_idle);
	push_u32(&e, params.features);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(io_uring_enter, PPME_SYSCALL_IO_URING_ENTER_E)
SIMPLE_EXIT(io_uring_enter, PPME_SYSCALL_IO_URING_ENTER_X,
	    P_RES P_FD(0) P_U32(1) P_U32(2) P_U32(3) P_VAL32(user_u32_or(syscall_arg_ptr(ctx, 4), 0)))
EMPTY_ENTER_PROG(io_uring_register, PPME_SYSCALL_IO_URING_REGISTER_E)
SIMPLE_EXIT(io_uring_register, PPME_SYSCALL_IO_URING_REGISTER_X, P_RES P_FD(0) P_U16(1) P_U64(2) P_U32(3))

/* --- kernel modules --- */

EMPTY_ENTER_PROG(init_module, PPME_SYSCALL_INIT_MODULE_E)
SIMPLE_EXIT(init_module, PPME_SYSCALL_INIT_MODULE_X,
	    P_RES push_user_bytes(&e, syscall_arg_ptr(ctx, 0), syscall_arg(ctx, 1), g_snaplen);
	    P_U64(1) P_PATH(2))
EMPTY_ENTER_PROG(finit_module, PPME_SYSCALL_FINIT_MODULE_E)
SIMPLE_EXIT(finit_module, PPME_SYSCALL_FINIT_MODULE_X, P_RES P_FD(0) P_PATH(1) P_U32(2))
EMPTY_ENTER_PROG(delete_module, PPME_SYSCALL_DELETE_MODULE_E)
SIMPLE_EXIT(delete_module, PPME_SYSCALL_DELETE_MODULE_X, P_RES P_PATH(0) P_CONV32(1, ppm_delete_module_flags))

/* --- keyctl: arguments 2-5 as integers (PT_DYN index 0) --- */

#define KEYCTL_DYN_UINT64 0
#define P_KEYCTL_ARG(i) push_dyn_u64(&e, KEYCTL_DYN_UINT64, syscall_arg(ctx, i));
NO_ENTER_PROG(keyctl)
SIMPLE_EXIT(keyctl, PPME_SYSCALL_KEYCTL_X,
	    P_RES P_U32(0) P_KEYCTL_ARG(1) P_KEYCTL_ARG(2) P_KEYCTL_ARG(3) P_KEYCTL_ARG(4))

/* --- fsconfig: the value is a string, bytes or nothing, by command --- */

#define NATIVE_FSCONFIG_SET_STRING 1
#define NATIVE_FSCONFIG_SET_BINARY 2
#define NATIVE_FSCONFIG_SET_PATH 3
#define NATIVE_FSCONFIG_SET_PATH_EMPTY 4

EMPTY_ENTER_PROG(fsconfig, PPME_SYSCALL_FSCONFIG_E)

EXIT_PROG(fsconfig)
{
	BEGIN_EVENT(e, PPME_SYSCALL_FSCONFIG_X);
	__u64 cmd = syscall_arg(ctx, 1);
	void *value = syscall_arg_ptr(ctx, 3);
	__s64 aux = syscall_arg_int(ctx, 4);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u32(&e, cmd);
	push_user_str(&e, syscall_arg_ptr(ctx, 2), SYSRAY_MAX_PATH);
	if (cmd == NATIVE_FSCONFIG_SET_BINARY)
		push_user_bytes(&e, value, aux > 0 ? aux : 0, g_snaplen);
	else
		push_empty(&e);
	if (cmd == NATIVE_FSCONFIG_SET_STRING || cmd == NATIVE_FSCONFIG_SET_PATH ||
	    cmd == NATIVE_FSCONFIG_SET_PATH_EMPTY)
		push_user_str(&e, value, SYSRAY_MAX_PATH);
	else
		push_empty(&e);
	push_u32(&e, aux);
	event_submit(&e);
	return 0;
}

/* --- quotactl: cmd is (subcommand << 8) | type --- */

static __always_inline __u16 ppm_quotactl_cmd(__u64 cmd)
{
	switch (cmd >> 8) {
	case 0x800002: return 0x1;   /* Q_QUOTAON */
	case 0x800003: return 0x2;   /* Q_QUOTAOFF */
	case 0x800004: return 0x4;   /* Q_GETFMT */
	case 0x800005: return 0x8;   /* Q_GETINFO */
	case 0x800006: return 0x10;  /* Q_SETINFO */
	case 0x800007: return 0x20;  /* Q_GETQUOTA */
	case 0x800008: return 0x40;  /* Q_SETQUOTA */
	case 0x800001: return 0x80;  /* Q_SYNC */
	case 0x5801: return 0x100;   /* Q_XQUOTAON */
	case 0x5802: return 0x200;   /* Q_XQUOTAOFF */
	case 0x5803: return 0x400;   /* Q_XGETQUOTA */
	case 0x5804: return 0x800;   /* Q_XSETQLIM */
	case 0x5805: return 0x1000;  /* Q_XGETQSTAT */
	case 0x5806: return 0x2000;  /* Q_XQUOTARM */
	case 0x5807: return 0x4000;  /* Q_XQUOTASYNC */
	}
	return 0;
}

static __always_inline __u8 ppm_quotactl_type(__u64 cmd)
{
	return (cmd & 0xff) == 0 ? 1 : (cmd & 0xff) == 1 ? 2 : 0; /* USRQUOTA, GRPQUOTA */
}

/* QFMT_VFS_OLD (1), QFMT_VFS_V0 (2), QFMT_VFS_V1 (4) keep their numbers. */
#define P_QUOTACTL_ARGS                                                                  \
	P_CONV16(0, ppm_quotactl_cmd) P_CONV8(0, ppm_quotactl_type) P_U32(2) \
	P_VAL8((syscall_arg(ctx, 0) >> 8) == 0x800002 ? syscall_arg(ctx, 2) : 0)

SIMPLE_ENTER(quotactl, PPME_SYSCALL_QUOTACTL_E, P_QUOTACTL_ARGS)

EXIT_PROG(quotactl)
{
	BEGIN_EVENT(e, PPME_SYSCALL_QUOTACTL_X);
	__u64 sub = syscall_arg(ctx, 0) >> 8;
	void *addr = syscall_arg_ptr(ctx, 3);
	struct if_dqblk dq = {};
	struct if_dqinfo di = {};
	if (sub == 0x800007 || sub == 0x800008) /* GETQUOTA, SETQUOTA */
		bpf_probe_read_user(&dq, sizeof(dq), addr);
	if (sub == 0x800005 || sub == 0x800006) /* GETINFO, SETINFO */
		bpf_probe_read_user(&di, sizeof(di), addr);
	push_s64(&e, ctx_ret(ctx));
	push_user_str(&e, syscall_arg_ptr(ctx, 1), SYSRAY_MAX_PATH);
	if (sub == 0x800002) /* QUOTAON: the quota file */
		push_user_str(&e, addr, SYSRAY_MAX_PATH);
	else
		push_empty(&e);
	push_u64(&e, dq.dqb_bhardlimit);
	push_u64(&e, dq.dqb_bsoftlimit);
	push_u64(&e, dq.dqb_curspace);
	push_u64(&e, dq.dqb_ihardlimit);
	push_u64(&e, dq.dqb_isoftlimit);
	push_u64(&e, dq.dqb_btime);
	push_u64(&e, dq.dqb_itime);
	push_u64(&e, di.dqi_bgrace);
	push_u64(&e, di.dqi_igrace);
	push_u8(&e, di.dqi_flags);
	push_u8(&e, sub == 0x800004 ? user_u32_or(addr, 0) : 0); /* GETFMT */
	P_QUOTACTL_ARGS
	event_submit(&e);
	return 0;
}

/* --- SysV semaphores --- */

SIMPLE_ENTER(semget, PPME_SYSCALL_SEMGET_E, P_U32(0) P_U32(1) P_CONV32(2, ppm_semget_flags))
SIMPLE_EXIT(semget, PPME_SYSCALL_SEMGET_X, P_RES P_U32(0) P_U32(1) P_CONV32(2, ppm_semget_flags))

/* semctl's 4th argument is the value only for SETVAL. */
#define NATIVE_SETVAL 16
#define P_SEMCTL_ARGS \
	P_U32(0) P_U32(1) P_CONV16(2, ppm_semctl_cmd) P_VAL32(syscall_arg(ctx, 2) == NATIVE_SETVAL ? syscall_arg(ctx, 3) : 0)
SIMPLE_ENTER(semctl, PPME_SYSCALL_SEMCTL_E, P_SEMCTL_ARGS)
SIMPLE_EXIT(semctl, PPME_SYSCALL_SEMCTL_X, P_RES P_SEMCTL_ARGS)

SIMPLE_ENTER(semop, PPME_SYSCALL_SEMOP_E, P_U32(0))

/* nsops, then the first two operations (zeros when there are fewer). */
EXIT_PROG(semop)
{
	BEGIN_EVENT(e, PPME_SYSCALL_SEMOP_X);
	struct sembuf ops[2] = {};
	__u64 nsops = syscall_arg(ctx, 2);
	bpf_probe_read_user(ops, (nsops >= 2 ? 2 : 1) * sizeof(struct sembuf), syscall_arg_ptr(ctx, 1));
	if (nsops < 2)
		__builtin_memset(&ops[1], 0, sizeof(ops[1]));
	if (nsops < 1)
		__builtin_memset(&ops[0], 0, sizeof(ops[0]));
	push_s64(&e, ctx_ret(ctx));
	push_u32(&e, nsops);
	for (int i = 0; i < 2; i++) {
		push_u16(&e, ops[i].sem_num);
		push_u16(&e, ops[i].sem_op);
		push_u16(&e, ppm_semop_flags(ops[i].sem_flg));
	}
	push_u32(&e, syscall_arg(ctx, 0));
	event_submit(&e);
	return 0;
}

/* --- process_vm_readv/writev: the local iovec's data --- */

EMPTY_ENTER_PROG(process_vm_readv, PPME_SYSCALL_PROCESS_VM_READV_E)
SIMPLE_EXIT(process_vm_readv, PPME_SYSCALL_PROCESS_VM_READV_X,
	    P_RES P_FD(0) push_iovec_data(&e, syscall_arg_ptr(ctx, 1), syscall_arg(ctx, 2), ctx_ret(ctx));)
EMPTY_ENTER_PROG(process_vm_writev, PPME_SYSCALL_PROCESS_VM_WRITEV_E)
SIMPLE_EXIT(process_vm_writev, PPME_SYSCALL_PROCESS_VM_WRITEV_X,
	    P_RES P_FD(0) push_iovec_data(&e, syscall_arg_ptr(ctx, 1), syscall_arg(ctx, 2), ctx_ret(ctx));)
