/* How a filler is declared. Each syscall and direction has one body and
 * two programs that run it:
 *   - e_<syscall> / x_<syscall> (raw_tp), named after the __NR_ name:
 *     userspace puts each into enter_programs / exit_programs at that
 *     syscall's number, and the raw dispatchers tail-call it;
 *   - te_<syscall> / tx_<syscall> (tracepoint), which userspace attaches
 *     straight to syscalls:sys_enter_X / sys_exit_X when the pushdown plan
 *     pins the syscall (helpers/dispatch.bpf.h): they apply the
 *     dispatchers' checks themselves (a tracepoint program cannot
 *     tail-call a raw_tp one).
 * Userspace loads one set or the other (autoload), never both. The body
 * follows the macro in braces and reads the syscall through `ctx`, a
 * struct syscall_ctx (helpers/syscall_args.bpf.h). */
#pragma once

#define SYSCALL_PROG(prefix, sc, is_exit)                                                   \
	static __always_inline int prefix##_body_##sc(struct syscall_ctx *ctx);          \
	SEC("raw_tp") int prefix##_##sc(struct bpf_raw_tracepoint_args *raw)             \
	{                                                                                \
		struct syscall_ctx c = raw_syscall_ctx(raw);                             \
		return prefix##_body_##sc(&c);                                           \
	}                                                                                \
	SEC("tp") int t##prefix##_##sc(struct syscall_tp_record *rec)                    \
	{                                                                                \
		if (pinned_syscall_nr(rec) < 0)                                          \
			return 0;                                                        \
		struct syscall_ctx c = tp_syscall_ctx(rec, is_exit);                     \
		return prefix##_body_##sc(&c);                                           \
	}                                                                                \
	static __always_inline int prefix##_body_##sc(struct syscall_ctx *ctx)

#define ENTER_PROG(sc) SYSCALL_PROG(e, sc, false)
#define EXIT_PROG(sc) SYSCALL_PROG(x, sc, true)

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
