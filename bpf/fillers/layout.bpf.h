/* One-line fillers. Most events are a list of syscall arguments (and the
 * result) in some order, each written with a fixed width or converted to
 * PPM flags: those are declared as
 *
 *   SIMPLE_EXIT(chmod, PPME_SYSCALL_CHMOD_X, P_RES P_PATH(0) P_U32(1))
 *
 * with one P_* item per parameter, in the order of events.tsv. Each item
 * is a statement on the event `e` being built; the width of each item
 * must be the parameter type's (P_FD/P_RES: 8 bytes for FD, PID, ERRNO,
 * INT64; P_U32: UINT32, INT32, UID, GID, MODE, FLAGS32; ...). Events that
 * need more than that keep a hand-written filler. */
#pragma once

#define SIMPLE_PROG(kind, sc, type, params) \
	kind(sc)                            \
	{                                   \
		BEGIN_EVENT(e, type);       \
		params                      \
		event_submit(&e);           \
		return 0;                   \
	}
#define SIMPLE_ENTER(sc, type, params) SIMPLE_PROG(ENTER_PROG, sc, type, params)
#define SIMPLE_EXIT(sc, type, params) SIMPLE_PROG(EXIT_PROG, sc, type, params)

/* the result, as a signed 64-bit value (ERRNO, FD, PID, INT64) */
#define P_RES push_s64(&e, ctx_ret(ctx));
/* an int argument widened to 64 bits (FD, PID, and ERRNO-typed counts) */
#define P_FD(i) push_s64(&e, syscall_arg_int(ctx, i));
/* a long argument (INT64) */
#define P_S64(i) push_s64(&e, (__s64)syscall_arg(ctx, i));
#define P_U64(i) push_u64(&e, syscall_arg(ctx, i));
#define P_U32(i) push_u32(&e, syscall_arg(ctx, i));
#define P_U16(i) push_u16(&e, syscall_arg(ctx, i));
#define P_U8(i) push_u8(&e, syscall_arg(ctx, i));
/* a path or string in user memory */
#define P_PATH(i) push_user_str(&e, syscall_arg_ptr(ctx, i), SYSRAY_MAX_PATH);
/* an argument through a native -> PPM conversion, at the given width */
#define P_CONV32(i, fn) push_u32(&e, fn(syscall_arg(ctx, i)));
#define P_CONV16(i, fn) push_u16(&e, fn(syscall_arg(ctx, i)));
#define P_CONV8(i, fn) push_u8(&e, fn(syscall_arg(ctx, i)));
/* a value that is not an argument */
#define P_VAL32(v) push_u32(&e, (v));
#define P_VAL64(v) push_u64(&e, (v));
#define P_VAL8(v) push_u8(&e, (v));

/* A u64 (or shorter, zero-extended) the syscall reads or writes through a
 * user pointer; `missing` when the pointer is NULL or unreadable. */
static __always_inline __u64 user_u64_or(const void *uptr, __u64 missing)
{
	__u64 v = 0;
	if (!uptr || bpf_probe_read_user(&v, sizeof(v), uptr) != 0)
		return missing;
	return v;
}
static __always_inline __u32 user_u32_or(const void *uptr, __u32 missing)
{
	__u32 v = 0;
	if (!uptr || bpf_probe_read_user(&v, sizeof(v), uptr) != 0)
		return missing;
	return v;
}

/* A struct timespec in user memory as nanoseconds (RELTIME); `missing`
 * when there is none. */
static __always_inline __u64 user_timespec_ns(const void *uptr, __u64 missing)
{
	struct __kernel_timespec ts = {};
	if (!uptr || bpf_probe_read_user(&ts, sizeof(ts), uptr) != 0)
		return missing;
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* PT_DYN: the u8 index of the payload's type, then the payload. */
static __always_inline void push_dyn_u64(struct event *e, __u8 index, __u64 v)
{
	__u8 *p = cursor(e);
	p[0] = index;
	*(__u64 *)(p + 1) = v;
	param_done(e, 9);
}
static __always_inline void push_dyn_u32(struct event *e, __u8 index, __u32 v)
{
	__u8 *p = cursor(e);
	p[0] = index;
	*(__u32 *)(p + 1) = v;
	param_done(e, 5);
}
static __always_inline void push_dyn_u8(struct event *e, __u8 index, __u8 v)
{
	__u8 *p = cursor(e);
	p[0] = index;
	p[1] = v;
	param_done(e, 2);
}
