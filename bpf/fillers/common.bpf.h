/* How a filler is declared: one raw_tp program per syscall and direction,
 * named e_<syscall> / x_<syscall> after the __NR_ name. Userspace puts
 * each into enter_programs / exit_programs at that syscall's number, and
 * the dispatcher tail-calls it. */
#pragma once

#define ENTER_PROG(sc) SEC("raw_tp") int e_##sc(struct bpf_raw_tracepoint_args *ctx)
#define EXIT_PROG(sc) SEC("raw_tp") int x_##sc(struct bpf_raw_tracepoint_args *ctx)

/* Begins an event of the given type or leaves the program. */
#define BEGIN_EVENT(e, type)               \
	struct event e;                    \
	if (!event_begin(&e, (type)))      \
		return 0

/* Enter events without parameters. */
#define EMPTY_ENTER_PROG(sc, type)         \
	ENTER_PROG(sc)                     \
	{                                  \
		BEGIN_EVENT(e, type);      \
		event_submit(&e);          \
		return 0;                  \
	}

/* Enter events whose only parameter is the fd in the first argument. */
#define FD_ENTER_PROG(sc, type)                         \
	ENTER_PROG(sc)                                  \
	{                                               \
		BEGIN_EVENT(e, type);                   \
		push_s64(&e, syscall_arg_int(ctx, 0));  \
		event_submit(&e);                       \
		return 0;                               \
	}

/* Syscalls whose enter event is unused in the table (EF_UNUSED, e.g.
 * close_range, keyctl): only the exit is sent. The program exists so
 * that the dispatcher does not fall back to a generic enter event. */
#define NO_ENTER_PROG(sc)  \
	ENTER_PROG(sc)     \
	{                  \
		return 0;  \
	}
