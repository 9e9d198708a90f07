/* Syscalls that create fds without a path: eventfd, signalfd, timerfd,
 * inotify, epoll, memfd, userfaultfd, pidfd. */
#pragma once

/* initval is an unsigned int; eventfd has no flags (0 in the event). */
#define P_INITVAL P_VAL64((__u32)syscall_arg(ctx, 0))
SIMPLE_ENTER(eventfd, PPME_SYSCALL_EVENTFD_E, P_INITVAL P_VAL32(0))
SIMPLE_EXIT(eventfd, PPME_SYSCALL_EVENTFD_X, P_RES P_INITVAL P_VAL32(0))
SIMPLE_ENTER(eventfd2, PPME_SYSCALL_EVENTFD2_E, P_INITVAL)
SIMPLE_EXIT(eventfd2, PPME_SYSCALL_EVENTFD2_X, P_RES P_CONV16(1, ppm_open_flags) P_INITVAL)

/* sysdig's probe sends 0 for the signal mask of signalfd/signalfd4, for
 * signalfd's flags (it has none), and for timerfd_create's clock and flags:
 * the same here, so that output and filters agree with sysdig's. */
SIMPLE_ENTER(signalfd, PPME_SYSCALL_SIGNALFD_E, P_FD(0) P_VAL32(0) P_VAL8(0))
SIMPLE_EXIT(signalfd, PPME_SYSCALL_SIGNALFD_X, P_RES P_FD(0) P_VAL32(0) P_VAL8(0))
SIMPLE_ENTER(signalfd4, PPME_SYSCALL_SIGNALFD4_E, P_FD(0) P_VAL32(0))
SIMPLE_EXIT(signalfd4, PPME_SYSCALL_SIGNALFD4_X, P_RES P_CONV16(3, ppm_open_flags) P_FD(0) P_VAL32(0))

SIMPLE_ENTER(timerfd_create, PPME_SYSCALL_TIMERFD_CREATE_E, P_VAL8(0) P_VAL8(0))
SIMPLE_EXIT(timerfd_create, PPME_SYSCALL_TIMERFD_CREATE_X, P_RES P_VAL8(0) P_VAL8(0))

SIMPLE_ENTER(inotify_init, PPME_SYSCALL_INOTIFY_INIT_E, P_VAL8(0))
SIMPLE_EXIT(inotify_init, PPME_SYSCALL_INOTIFY_INIT_X, P_RES P_VAL8(0))
EMPTY_ENTER_PROG(inotify_init1, PPME_SYSCALL_INOTIFY_INIT1_E)
SIMPLE_EXIT(inotify_init1, PPME_SYSCALL_INOTIFY_INIT1_X, P_RES P_CONV16(0, ppm_open_flags))

SIMPLE_ENTER(epoll_create, PPME_SYSCALL_EPOLL_CREATE_E, P_U32(0))
SIMPLE_EXIT(epoll_create, PPME_SYSCALL_EPOLL_CREATE_X, P_RES P_U32(0))
SIMPLE_ENTER(epoll_create1, PPME_SYSCALL_EPOLL_CREATE1_E, P_CONV32(0, ppm_epoll_create1_flags))
SIMPLE_EXIT(epoll_create1, PPME_SYSCALL_EPOLL_CREATE1_X, P_RES P_CONV32(0, ppm_epoll_create1_flags))

EMPTY_ENTER_PROG(memfd_create, PPME_SYSCALL_MEMFD_CREATE_E)
SIMPLE_EXIT(memfd_create, PPME_SYSCALL_MEMFD_CREATE_X, P_RES P_PATH(0) P_U32(1))
EMPTY_ENTER_PROG(userfaultfd, PPME_SYSCALL_USERFAULTFD_E)
SIMPLE_EXIT(userfaultfd, PPME_SYSCALL_USERFAULTFD_X, P_RES P_CONV32(0, ppm_open_flags))
EMPTY_ENTER_PROG(pidfd_open, PPME_SYSCALL_PIDFD_OPEN_E)
SIMPLE_EXIT(pidfd_open, PPME_SYSCALL_PIDFD_OPEN_X, P_RES P_FD(0) P_CONV32(1, ppm_pidfd_open_flags))
EMPTY_ENTER_PROG(pidfd_getfd, PPME_SYSCALL_PIDFD_GETFD_E)
SIMPLE_EXIT(pidfd_getfd, PPME_SYSCALL_PIDFD_GETFD_X, P_RES P_FD(0) P_FD(1) P_U32(2))
