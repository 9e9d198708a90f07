/* Socket syscalls. Addresses the caller passes are read from user memory
 * (PT_SOCKADDR); tuples come from the kernel socket (PT_SOCKTUPLE). */
#pragma once

#define NATIVE_SOCK_NONBLOCK 04000
#define NATIVE_SOCK_CLOEXEC 02000000

static __always_inline __u32 ppm_socket_type_flags(__u64 type)
{
	return ppm_file_flags_no_access(type & (NATIVE_SOCK_NONBLOCK | NATIVE_SOCK_CLOEXEC));
}

/* domain, type, proto: the arguments of socket() and socketpair(). */
static __always_inline void push_socket_args(struct event *e, struct syscall_ctx *ctx)
{
	push_u32(e, syscall_arg(ctx, 0));
	push_u32(e, syscall_arg(ctx, 1));
	push_u32(e, syscall_arg(ctx, 2));
}

ENTER_PROG(socket)
{
	BEGIN_EVENT(e, PPME_SOCKET_SOCKET_E);
	push_socket_args(&e, ctx);
	event_submit(&e);
	return 0;
}

EXIT_PROG(socket)
{
	BEGIN_EVENT(e, PPME_SOCKET_SOCKET_X);
	push_s64(&e, ctx_ret(ctx));
	push_socket_args(&e, ctx);
	push_u32(&e, ppm_socket_type_flags(syscall_arg(ctx, 1)));
	event_submit(&e);
	return 0;
}

ENTER_PROG(socketpair)
{
	BEGIN_EVENT(e, PPME_SOCKET_SOCKETPAIR_E);
	push_socket_args(&e, ctx);
	event_submit(&e);
	return 0;
}

EXIT_PROG(socketpair)
{
	BEGIN_EVENT(e, PPME_SOCKET_SOCKETPAIR_X);
	__s64 res = ctx_ret(ctx);
	int fds[2] = {-1, -1};
	if (res == 0)
		bpf_probe_read_user(fds, sizeof(fds), syscall_arg_ptr(ctx, 3));
	struct sock *sk = fd_to_sock(fds[0]);
	push_s64(&e, res);
	push_s64(&e, fds[0]);
	push_s64(&e, fds[1]);
	push_u64(&e, (__u64)sk);
	push_u64(&e, sk ? (__u64)BPF_CORE_READ((struct unix_sock *)sk, peer) : 0);
	push_socket_args(&e, ctx);
	event_submit(&e);
	return 0;
}

FD_ENTER_PROG(bind, PPME_SOCKET_BIND_E)

EXIT_PROG(bind)
{
	BEGIN_EVENT(e, PPME_SOCKET_BIND_X);
	push_s64(&e, ctx_ret(ctx));
	push_user_sockaddr(&e, syscall_arg_ptr(ctx, 1), syscall_arg_int(ctx, 2));
	push_s64(&e, syscall_arg_int(ctx, 0));
	event_submit(&e);
	return 0;
}

ENTER_PROG(connect)
{
	BEGIN_EVENT(e, PPME_SOCKET_CONNECT_E);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_user_sockaddr(&e, syscall_arg_ptr(ctx, 1), syscall_arg_int(ctx, 2));
	event_submit(&e);
	return 0;
}

EXIT_PROG(connect)
{
	BEGIN_EVENT(e, PPME_SOCKET_CONNECT_X);
	__s64 res = ctx_ret(ctx);
	__s64 fd = syscall_arg_int(ctx, 0);
	void *uaddr = syscall_arg_ptr(ctx, 1);
	__s64 ulen = syscall_arg_int(ctx, 2);
	push_s64(&e, res);
	/* -EINPROGRESS (115) still has a tuple: the connection is under way. */
	if (res == 0 || res == -115)
		push_sock_tuple(&e, fd_to_sock(fd), false, uaddr, ulen);
	else
		push_empty(&e);
	push_s64(&e, fd);
	push_user_sockaddr(&e, uaddr, ulen);
	event_submit(&e);
	return 0;
}

SIMPLE_ENTER(listen, PPME_SOCKET_LISTEN_E, P_FD(0) P_U32(1))
SIMPLE_EXIT(listen, PPME_SOCKET_LISTEN_X, P_RES P_FD(0) P_U32(1))

/* fd, tuple, queuepct, queuelen, queuemax: the new connection and the
 * state of the listening socket's accept queue. */
static __always_inline void push_accept_params(struct event *e, struct syscall_ctx *ctx)
{
	__s64 fd = ctx_ret(ctx);
	push_s64(e, fd);
	if (fd >= 0)
		push_sock_tuple(e, fd_to_sock(fd), true, NULL, 0);
	else
		push_empty(e);
	struct sock *listener = fd_to_sock(syscall_arg_int(ctx, 0));
	__u32 qlen = listener ? BPF_CORE_READ(listener, sk_ack_backlog) : 0;
	__u32 qmax = listener ? BPF_CORE_READ(listener, sk_max_ack_backlog) : 0;
	push_u8(e, qmax ? (qlen * 100) / qmax : 0);
	push_u32(e, qlen);
	push_u32(e, qmax);
}

EMPTY_ENTER_PROG(accept, PPME_SOCKET_ACCEPT_5_E)

EXIT_PROG(accept)
{
	BEGIN_EVENT(e, PPME_SOCKET_ACCEPT_5_X);
	push_accept_params(&e, ctx);
	event_submit(&e);
	return 0;
}

SIMPLE_ENTER(accept4, PPME_SOCKET_ACCEPT4_6_E, P_U32(3))

EXIT_PROG(accept4)
{
	BEGIN_EVENT(e, PPME_SOCKET_ACCEPT4_6_X);
	push_accept_params(&e, ctx);
	push_u32(&e, syscall_arg(ctx, 3));
	event_submit(&e);
	return 0;
}

ENTER_PROG(sendto)
{
	BEGIN_EVENT(e, PPME_SOCKET_SENDTO_E);
	__s64 fd = syscall_arg_int(ctx, 0);
	push_s64(&e, fd);
	push_u32(&e, syscall_arg(ctx, 2));
	push_sock_tuple(&e, fd_to_sock(fd), false, syscall_arg_ptr(ctx, 4), syscall_arg_int(ctx, 5));
	event_submit(&e);
	return 0;
}

EXIT_PROG(sendto)
{
	BEGIN_EVENT(e, PPME_SOCKET_SENDTO_X);
	__s64 fd = syscall_arg_int(ctx, 0);
	__u64 size = syscall_arg(ctx, 2);
	push_s64(&e, ctx_ret(ctx));
	push_io_buffer(&e, syscall_arg_ptr(ctx, 1), size);
	push_s64(&e, fd);
	push_u32(&e, size);
	push_sock_tuple(&e, fd_to_sock(fd), false, syscall_arg_ptr(ctx, 4), syscall_arg_int(ctx, 5));
	event_submit(&e);
	return 0;
}

ENTER_PROG(recvfrom) { return fd_size_enter(ctx, PPME_SOCKET_RECVFROM_E, false); }

EXIT_PROG(recvfrom)
{
	BEGIN_EVENT(e, PPME_SOCKET_RECVFROM_X);
	__s64 res = ctx_ret(ctx);
	__s64 fd = syscall_arg_int(ctx, 0);
	void *uaddr = syscall_arg_ptr(ctx, 4);
	int ulen = 0;
	if (uaddr)
		bpf_probe_read_user(&ulen, sizeof(ulen), syscall_arg_ptr(ctx, 5));
	push_s64(&e, res);
	push_io_buffer(&e, syscall_arg_ptr(ctx, 1), res);
	if (res >= 0)
		push_sock_tuple(&e, fd_to_sock(fd), true, uaddr, ulen);
	else
		push_empty(&e);
	push_s64(&e, fd);
	push_u32(&e, syscall_arg(ctx, 2));
	event_submit(&e);
	return 0;
}

static __always_inline void read_msghdr(struct syscall_ctx *ctx, struct user_msghdr *msg)
{
	__builtin_memset(msg, 0, sizeof(*msg));
	bpf_probe_read_user(msg, sizeof(*msg), syscall_arg_ptr(ctx, 1));
}

ENTER_PROG(sendmsg)
{
	BEGIN_EVENT(e, PPME_SOCKET_SENDMSG_E);
	struct user_msghdr msg;
	read_msghdr(ctx, &msg);
	__s64 fd = syscall_arg_int(ctx, 0);
	push_s64(&e, fd);
	push_u32(&e, iovec_total(msg.msg_iov, msg.msg_iovlen));
	push_sock_tuple(&e, fd_to_sock(fd), false, msg.msg_name, msg.msg_namelen);
	event_submit(&e);
	return 0;
}

EXIT_PROG(sendmsg)
{
	BEGIN_EVENT(e, PPME_SOCKET_SENDMSG_X);
	struct user_msghdr msg;
	read_msghdr(ctx, &msg);
	__s64 fd = syscall_arg_int(ctx, 0);
	__u64 size = iovec_total(msg.msg_iov, msg.msg_iovlen);
	push_s64(&e, ctx_ret(ctx));
	push_iovec_data(&e, msg.msg_iov, msg.msg_iovlen, size);
	push_s64(&e, fd);
	push_u32(&e, size);
	push_sock_tuple(&e, fd_to_sock(fd), false, msg.msg_name, msg.msg_namelen);
	event_submit(&e);
	return 0;
}

FD_ENTER_PROG(recvmsg, PPME_SOCKET_RECVMSG_E)

EXIT_PROG(recvmsg)
{
	BEGIN_EVENT(e, PPME_SOCKET_RECVMSG_X);
	struct user_msghdr msg;
	read_msghdr(ctx, &msg);
	__s64 res = ctx_ret(ctx);
	__s64 fd = syscall_arg_int(ctx, 0);
	push_s64(&e, res);
	push_u32(&e, res > 0 ? res : 0);
	push_iovec_data(&e, msg.msg_iov, msg.msg_iovlen, res);
	if (res >= 0)
		push_sock_tuple(&e, fd_to_sock(fd), true, msg.msg_name, msg.msg_namelen);
	else
		push_empty(&e);
	push_user_bytes(&e, msg.msg_control, res >= 0 ? msg.msg_controllen : 0, g_snaplen);
	push_s64(&e, fd);
	event_submit(&e);
	return 0;
}

SIMPLE_ENTER(shutdown, PPME_SOCKET_SHUTDOWN_E, P_FD(0) P_U8(1))
SIMPLE_EXIT(shutdown, PPME_SOCKET_SHUTDOWN_X, P_RES P_FD(0) P_U8(1))

/* --- getsockname, getpeername: events without parameters --- */

EMPTY_ENTER_PROG(getsockname, PPME_SOCKET_GETSOCKNAME_E)
SIMPLE_EXIT(getsockname, PPME_SOCKET_GETSOCKNAME_X, )
EMPTY_ENTER_PROG(getpeername, PPME_SOCKET_GETPEERNAME_E)
SIMPLE_EXIT(getpeername, PPME_SOCKET_GETPEERNAME_X, )

/* --- setsockopt, getsockopt: the value is PT_DYN --- */

#define SOCKOPT_DYN_UNKNOWN 0
#define SOCKOPT_DYN_ERRNO 1
#define SOCKOPT_DYN_UINT32 2
#define SOCKOPT_DYN_UINT64 3
#define SOCKOPT_DYN_TIMEVAL 4
#define NATIVE_SO_ERROR 4
#define NATIVE_SO_RCVTIMEO_OLD 20
#define NATIVE_SO_SNDTIMEO_OLD 21

/* SO_ERROR as an errno, timeouts as durations, 4- and 8-byte values as
 * integers, anything else as bytes. */
static __always_inline void push_sockopt_val(struct event *e, __u64 level, __u64 name, const void *uval, __s64 len)
{
	if (!uval || len <= 0) {
		push_empty(e);
		return;
	}
	if (level == NATIVE_SOL_SOCKET && name == NATIVE_SO_ERROR) {
		push_dyn_u64(e, SOCKOPT_DYN_ERRNO, -(__s64)(int)user_u32_or(uval, 0));
		return;
	}
	if (level == NATIVE_SOL_SOCKET && (name == NATIVE_SO_RCVTIMEO_OLD || name == NATIVE_SO_SNDTIMEO_OLD)) {
		struct __kernel_old_timeval tv = {};
		bpf_probe_read_user(&tv, sizeof(tv), uval);
		push_dyn_u64(e, SOCKOPT_DYN_TIMEVAL, tv.tv_sec * 1000000000ull + tv.tv_usec * 1000ull);
		return;
	}
	if (len == 4) {
		push_dyn_u32(e, SOCKOPT_DYN_UINT32, user_u32_or(uval, 0));
		return;
	}
	if (len == 8) {
		push_dyn_u64(e, SOCKOPT_DYN_UINT64, user_u64_or(uval, 0));
		return;
	}
	__u64 n = len > g_snaplen ? g_snaplen : len;
	if (n > SYSRAY_MAX_SNAPLEN)
		n = SYSRAY_MAX_SNAPLEN;
	/* a mask clang cannot drop, so the verifier sees n bounded */
	asm volatile("%0 &= %1" : "+r"(n) : "i"(16384 - 1));
	__u8 *p = cursor(e);
	p[0] = SOCKOPT_DYN_UNKNOWN;
	if (bpf_probe_read_user(&e->data[(e->pos + 1) & OFFSET_MASK], n, uval) != 0)
		n = 0;
	param_done(e, 1 + n);
}

EMPTY_ENTER_PROG(setsockopt, PPME_SOCKET_SETSOCKOPT_E)

EXIT_PROG(setsockopt)
{
	BEGIN_EVENT(e, PPME_SOCKET_SETSOCKOPT_X);
	__u64 level = syscall_arg(ctx, 1), name = syscall_arg(ctx, 2);
	__s64 len = syscall_arg_int(ctx, 4);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u8(&e, ppm_sockopt_level(level));
	push_u8(&e, ppm_sockopt_name(level, name));
	push_sockopt_val(&e, level, name, syscall_arg_ptr(ctx, 3), len);
	push_u32(&e, len);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(getsockopt, PPME_SOCKET_GETSOCKOPT_E)

/* optlen is in/out through a pointer: its value after the call. */
EXIT_PROG(getsockopt)
{
	BEGIN_EVENT(e, PPME_SOCKET_GETSOCKOPT_X);
	__u64 level = syscall_arg(ctx, 1), name = syscall_arg(ctx, 2);
	__s64 res = ctx_ret(ctx);
	__s64 len = (int)user_u32_or(syscall_arg_ptr(ctx, 4), 0);
	push_s64(&e, res);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u8(&e, ppm_sockopt_level(level));
	push_u8(&e, ppm_sockopt_name(level, name));
	push_sockopt_val(&e, level, name, res == 0 ? syscall_arg_ptr(ctx, 3) : NULL, len);
	push_u32(&e, len);
	event_submit(&e);
	return 0;
}

/* --- sendmmsg, recvmmsg: size, data and tuple of the first message --- */

static __always_inline void read_first_mmsghdr(struct syscall_ctx *ctx, struct mmsghdr *m)
{
	__builtin_memset(m, 0, sizeof(*m));
	bpf_probe_read_user(m, sizeof(*m), syscall_arg_ptr(ctx, 1));
}

EMPTY_ENTER_PROG(sendmmsg, PPME_SOCKET_SENDMMSG_E)

EXIT_PROG(sendmmsg)
{
	BEGIN_EVENT(e, PPME_SOCKET_SENDMMSG_X);
	struct mmsghdr m;
	read_first_mmsghdr(ctx, &m);
	__s64 fd = syscall_arg_int(ctx, 0);
	__u64 size = iovec_total(m.msg_hdr.msg_iov, m.msg_hdr.msg_iovlen);
	push_s64(&e, ctx_ret(ctx));
	push_s64(&e, fd);
	push_u32(&e, size);
	push_iovec_data(&e, m.msg_hdr.msg_iov, m.msg_hdr.msg_iovlen, size);
	push_sock_tuple(&e, fd_to_sock(fd), false, m.msg_hdr.msg_name, m.msg_hdr.msg_namelen);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER_PROG(recvmmsg, PPME_SOCKET_RECVMMSG_E)

EXIT_PROG(recvmmsg)
{
	BEGIN_EVENT(e, PPME_SOCKET_RECVMMSG_X);
	struct mmsghdr m;
	read_first_mmsghdr(ctx, &m);
	__s64 res = ctx_ret(ctx);
	__s64 fd = syscall_arg_int(ctx, 0);
	__s64 got = res > 0 ? m.msg_len : 0;
	push_s64(&e, res);
	push_s64(&e, fd);
	push_u32(&e, got);
	push_iovec_data(&e, m.msg_hdr.msg_iov, m.msg_hdr.msg_iovlen, got);
	if (res > 0)
		push_sock_tuple(&e, fd_to_sock(fd), true, m.msg_hdr.msg_name, m.msg_hdr.msg_namelen);
	else
		push_empty(&e);
	push_user_bytes(&e, m.msg_hdr.msg_control, res > 0 ? m.msg_hdr.msg_controllen : 0, g_snaplen);
	event_submit(&e);
	return 0;
}
