/* Reads and writes: read, write, pread64, pwrite64, readv, writev. The
 * data is the user buffer, cut at the snaplen; reads show what was read
 * (the result), writes what was asked to be written. */
#pragma once

#define IOV_MAX_SEGMENTS 16

/* Bytes of an iovec array, at most `len` in all (and the snaplen). */
static __always_inline void push_iovec_data(struct event *e, const struct iovec *uiov, __u64 iovcnt,
					    __s64 len)
{
	__u64 total = 0;
	__u64 limit = g_snaplen;
	if (limit > SYSRAY_MAX_SNAPLEN)
		limit = SYSRAY_MAX_SNAPLEN;
	if (len < limit)
		limit = len > 0 ? len : 0;
	for (int i = 0; i < IOV_MAX_SEGMENTS; i++) {
		if (i >= iovcnt || total >= limit)
			break;
		struct iovec iov = {};
		if (bpf_probe_read_user(&iov, sizeof(iov), &uiov[i]) != 0)
			break;
		__u64 chunk = iov.iov_len;
		if (chunk > limit - total)
			chunk = limit - total;
		if (chunk > SYSRAY_MAX_SNAPLEN)
			break;
		__u32 at = (e->pos + total) & OFFSET_MASK;
		if (bpf_probe_read_user(&e->data[at], chunk, iov.iov_base) != 0)
			break;
		total += chunk;
	}
	param_done(e, total);
}

/* Sum of the iovec lengths (what writev was asked to write). */
static __always_inline __u64 iovec_total(const struct iovec *uiov, __u64 iovcnt)
{
	__u64 sum = 0;
	for (int i = 0; i < IOV_MAX_SEGMENTS; i++) {
		if (i >= iovcnt)
			break;
		struct iovec iov = {};
		bpf_probe_read_user(&iov, sizeof(iov), &uiov[i]);
		sum += iov.iov_len;
	}
	return sum;
}

static __always_inline int fd_size_enter(struct syscall_ctx *ctx, __u16 type, bool with_pos)
{
	BEGIN_EVENT(e, type);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u32(&e, syscall_arg(ctx, 2));
	if (with_pos)
		push_u64(&e, syscall_arg(ctx, 3));
	event_submit(&e);
	return 0;
}

/* res, data, fd, size[, pos]. Reads keep `res` bytes, writes `size`. */
static __always_inline int fd_data_exit(struct syscall_ctx *ctx, __u16 type, bool is_read,
					bool with_pos)
{
	BEGIN_EVENT(e, type);
	__s64 res = ctx_ret(ctx);
	__u64 size = syscall_arg(ctx, 2);
	push_s64(&e, res);
	push_io_buffer(&e, syscall_arg_ptr(ctx, 1), is_read ? res : (__s64)size);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u32(&e, size);
	if (with_pos)
		push_u64(&e, syscall_arg(ctx, 3));
	event_submit(&e);
	return 0;
}

ENTER_PROG(read) { return fd_size_enter(ctx, PPME_SYSCALL_READ_E, false); }
EXIT_PROG(read) { return fd_data_exit(ctx, PPME_SYSCALL_READ_X, true, false); }
ENTER_PROG(write) { return fd_size_enter(ctx, PPME_SYSCALL_WRITE_E, false); }
EXIT_PROG(write) { return fd_data_exit(ctx, PPME_SYSCALL_WRITE_X, false, false); }
ENTER_PROG(pread64) { return fd_size_enter(ctx, PPME_SYSCALL_PREAD_E, true); }
EXIT_PROG(pread64) { return fd_data_exit(ctx, PPME_SYSCALL_PREAD_X, true, true); }
ENTER_PROG(pwrite64) { return fd_size_enter(ctx, PPME_SYSCALL_PWRITE_E, true); }
EXIT_PROG(pwrite64) { return fd_data_exit(ctx, PPME_SYSCALL_PWRITE_X, false, true); }

FD_ENTER_PROG(readv, PPME_SYSCALL_READV_E)

EXIT_PROG(readv)
{
	BEGIN_EVENT(e, PPME_SYSCALL_READV_X);
	__s64 res = ctx_ret(ctx);
	const struct iovec *iov = syscall_arg_ptr(ctx, 1);
	__u64 iovcnt = syscall_arg(ctx, 2);
	push_s64(&e, res);
	push_u32(&e, iovec_total(iov, iovcnt));
	push_iovec_data(&e, iov, iovcnt, res);
	push_s64(&e, syscall_arg_int(ctx, 0));
	event_submit(&e);
	return 0;
}

ENTER_PROG(writev)
{
	BEGIN_EVENT(e, PPME_SYSCALL_WRITEV_E);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u32(&e, iovec_total(syscall_arg_ptr(ctx, 1), syscall_arg(ctx, 2)));
	event_submit(&e);
	return 0;
}

EXIT_PROG(writev)
{
	BEGIN_EVENT(e, PPME_SYSCALL_WRITEV_X);
	const struct iovec *iov = syscall_arg_ptr(ctx, 1);
	__u64 iovcnt = syscall_arg(ctx, 2);
	__u64 size = iovec_total(iov, iovcnt);
	push_s64(&e, ctx_ret(ctx));
	push_iovec_data(&e, iov, iovcnt, size);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u32(&e, size);
	event_submit(&e);
	return 0;
}

/* preadv/pwritev: readv/writev with the file position in the 4th argument. */
SIMPLE_ENTER(preadv, PPME_SYSCALL_PREADV_E, P_FD(0) P_U64(3))

EXIT_PROG(preadv)
{
	BEGIN_EVENT(e, PPME_SYSCALL_PREADV_X);
	__s64 res = ctx_ret(ctx);
	const struct iovec *iov = syscall_arg_ptr(ctx, 1);
	__u64 iovcnt = syscall_arg(ctx, 2);
	push_s64(&e, res);
	push_u32(&e, iovec_total(iov, iovcnt));
	push_iovec_data(&e, iov, iovcnt, res);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u64(&e, syscall_arg(ctx, 3));
	event_submit(&e);
	return 0;
}

SIMPLE_ENTER(pwritev, PPME_SYSCALL_PWRITEV_E,
	     P_FD(0) P_VAL32(iovec_total(syscall_arg_ptr(ctx, 1), syscall_arg(ctx, 2))) P_U64(3))

EXIT_PROG(pwritev)
{
	BEGIN_EVENT(e, PPME_SYSCALL_PWRITEV_X);
	const struct iovec *iov = syscall_arg_ptr(ctx, 1);
	__u64 iovcnt = syscall_arg(ctx, 2);
	__u64 size = iovec_total(iov, iovcnt);
	push_s64(&e, ctx_ret(ctx));
	push_iovec_data(&e, iov, iovcnt, size);
	push_s64(&e, syscall_arg_int(ctx, 0));
	push_u32(&e, size);
	push_u64(&e, syscall_arg(ctx, 3));
	event_submit(&e);
	return 0;
}
