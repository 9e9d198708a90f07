/* Waiting syscalls: futex, poll, ppoll, select, epoll_wait, nanosleep. */
#pragma once

#define POLL_MAX_FDS 16 /* fds listed in a PT_FDLIST, as sysdig's probe */

/* PT_FDLIST: u16 count, then (i64 fd, i16 flags) per fd. Enter shows the
 * events asked for, exit the events returned. */
static __always_inline void push_pollfds(struct event *e, const struct pollfd *ufds, __u64 nfds, bool returned)
{
	__u8 *p = cursor(e);
	__u16 n = 0;
	for (int i = 0; i < POLL_MAX_FDS; i++) {
		if (i >= nfds)
			break;
		struct pollfd pfd = {};
		if (bpf_probe_read_user(&pfd, sizeof(pfd), &ufds[i]) != 0)
			break;
		__u8 *item = &e->data[(e->pos + 2 + 10 * i) & OFFSET_MASK];
		*(__s64 *)item = pfd.fd;
		*(__s16 *)(item + 8) = ppm_poll_flags(returned ? pfd.revents : pfd.events);
		n++;
	}
	*(__u16 *)p = n;
	param_done(e, 2 + 10 * n);
}

SIMPLE_ENTER(futex, PPME_SYSCALL_FUTEX_E, P_U64(0) P_U16(1) P_U64(2))
SIMPLE_EXIT(futex, PPME_SYSCALL_FUTEX_X, P_RES P_U64(0) P_U16(1) P_U64(2))

#define P_POLLFDS(returned) push_pollfds(&e, syscall_arg_ptr(ctx, 0), syscall_arg(ctx, 1), returned);
SIMPLE_ENTER(poll, PPME_SYSCALL_POLL_E, P_POLLFDS(false) P_S64(2))
SIMPLE_EXIT(poll, PPME_SYSCALL_POLL_X, P_RES P_POLLFDS(true) P_S64(2))

/* ppoll: timeout from a timespec (0 when there is none, as sysdig's
 * probe), the first word of the signal mask */
#define P_PPOLL_REST                                              \
	P_VAL64(user_timespec_ns(syscall_arg_ptr(ctx, 2), 0)) \
	P_VAL32(user_u32_or(syscall_arg_ptr(ctx, 3), 0))
SIMPLE_ENTER(ppoll, PPME_SYSCALL_PPOLL_E, P_POLLFDS(false) P_PPOLL_REST)
SIMPLE_EXIT(ppoll, PPME_SYSCALL_PPOLL_X, P_RES P_POLLFDS(true) P_PPOLL_REST)

EMPTY_ENTER_PROG(select, PPME_SYSCALL_SELECT_E)
SIMPLE_EXIT(select, PPME_SYSCALL_SELECT_X, P_RES)

SIMPLE_ENTER(epoll_wait, PPME_SYSCALL_EPOLLWAIT_E, P_FD(2))
SIMPLE_EXIT(epoll_wait, PPME_SYSCALL_EPOLLWAIT_X, P_RES P_FD(2))

SIMPLE_ENTER(nanosleep, PPME_SYSCALL_NANOSLEEP_E, P_VAL64(user_timespec_ns(syscall_arg_ptr(ctx, 0), 0)))
SIMPLE_EXIT(nanosleep, PPME_SYSCALL_NANOSLEEP_X, P_RES P_VAL64(user_timespec_ns(syscall_arg_ptr(ctx, 0), 0)))
