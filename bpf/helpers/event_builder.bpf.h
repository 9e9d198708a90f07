/* Building one event in scap layout in the per-CPU scratch buffer, then
 * copying it into this CPU's ring buffer.
 *
 * Layout: header (ts, tid, len, type, nparams) | u16 len[nparams] | params.
 * Every push_* appends one parameter and its length. Offsets are masked
 * with SYSRAY_MAX_EVENT_SIZE - 1 so that the verifier sees every write
 * inside the scratch buffer; an event that outgrows the limit is counted
 * and dropped at submit time. */
#pragma once

#include "maps.bpf.h"

#define OFFSET_MASK (SYSRAY_MAX_EVENT_SIZE - 1)

struct event {
	__u8 *data;    /* this CPU's scratch buffer */
	__u32 pos;     /* where the next parameter goes */
	__u32 idx;     /* index of the next parameter */
	__u32 nparams; /* from the event table */
	__u16 type;
};

static __always_inline struct sysray_counters *this_cpu_counters(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&counters, &zero);
}

static __always_inline bool event_begin(struct event *e, __u16 type)
{
	__u32 cpu = bpf_get_smp_processor_id();
	e->data = bpf_map_lookup_elem(&scratch_maps, &cpu);
	if (!e->data)
		return false;
	e->type = type;
	e->nparams = type < sizeof(g_event_nparams) ? g_event_nparams[type] : 0;
	e->idx = 0;
	e->pos = SYSRAY_EVENT_HEADER_SIZE + 2 * e->nparams;
	return true;
}

/* Records the length of the parameter just written and moves on. */
static __always_inline void param_done(struct event *e, __u32 len)
{
	*(__u16 *)&e->data[(SYSRAY_EVENT_HEADER_SIZE + 2 * e->idx) & OFFSET_MASK] = len;
	e->idx++;
	e->pos += len;
}

static __always_inline __u8 *cursor(struct event *e)
{
	return &e->data[e->pos & OFFSET_MASK];
}

static __always_inline void push_u8(struct event *e, __u8 v)
{
	*cursor(e) = v;
	param_done(e, 1);
}
static __always_inline void push_u16(struct event *e, __u16 v)
{
	*(__u16 *)cursor(e) = v;
	param_done(e, 2);
}
static __always_inline void push_u32(struct event *e, __u32 v)
{
	*(__u32 *)cursor(e) = v;
	param_done(e, 4);
}
static __always_inline void push_u64(struct event *e, __u64 v)
{
	*(__u64 *)cursor(e) = v;
	param_done(e, 8);
}
/* FD, ERRNO and PID are i64 on the wire; the syscall gives an int or long. */
static __always_inline void push_s64(struct event *e, __s64 v)
{
	push_u64(e, (__u64)v);
}

/* An empty parameter (length 0), for values that do not exist. */
static __always_inline void push_empty(struct event *e)
{
	param_done(e, 0);
}

/* A fixed placeholder string such as "<NA>" or "(NULL)". */
static __always_inline void push_literal(struct event *e, const char *s, __u32 len_with_nul)
{
	__u8 *p = cursor(e);
	for (__u32 i = 0; i < 8 && i < len_with_nul; i++)
		p[i] = s[i];
	param_done(e, len_with_nul);
}

/* A NUL-terminated string from user memory, at most max bytes. */
static __always_inline void push_user_str(struct event *e, const void *uptr, __u32 max)
{
	if (!uptr) {
		push_literal(e, "(NULL)", 7);
		return;
	}
	long n = bpf_probe_read_user_str(cursor(e), max, uptr);
	if (n <= 0) {
		push_literal(e, "<NA>", 5);
		return;
	}
	param_done(e, n);
}

/* A NUL-terminated string from kernel memory. */
static __always_inline void push_kernel_str(struct event *e, const void *kptr, __u32 max)
{
	long n = kptr ? bpf_probe_read_kernel_str(cursor(e), max, kptr) : -1;
	if (n <= 0) {
		push_literal(e, "<NA>", 5);
		return;
	}
	param_done(e, n);
}

/* Raw bytes from user memory, cut at max (a power of two or any bound the
 * caller already applied). Unreadable memory gives an empty buffer. */
static __always_inline void push_user_bytes(struct event *e, const void *uptr, __u64 len, __u32 max)
{
	if (len > max)
		len = max;
	if (len > SYSRAY_MAX_SNAPLEN)
		len = SYSRAY_MAX_SNAPLEN;
	if (!uptr || len == 0) {
		push_empty(e);
		return;
	}
	if (bpf_probe_read_user(cursor(e), len, uptr) != 0)
		len = 0;
	param_done(e, len);
}

/* The I/O buffer of read/write-like syscalls, cut at the snaplen. */
static __always_inline void push_io_buffer(struct event *e, const void *uptr, __s64 len)
{
	push_user_bytes(e, uptr, len > 0 ? len : 0, g_snaplen);
}

/* Finishes the header and sends the event to this CPU's ring. Never
 * blocks: a full ring or an oversized event is counted and dropped. */
static __always_inline void event_submit(struct event *e)
{
	struct sysray_counters *c = this_cpu_counters();
	if (c)
		c->n_evts++;
	__u32 len = e->pos;
	if (len > SYSRAY_MAX_EVENT_SIZE) {
		if (c)
			c->n_drops_max_event_size++;
		return;
	}
	__u8 *d = e->data;
	*(__u64 *)&d[0] = g_boot_time + bpf_ktime_get_boot_ns();
	*(__s64 *)&d[8] = (__s64)(__u32)bpf_get_current_pid_tgid();
	*(__u32 *)&d[16] = len;
	*(__u16 *)&d[20] = e->type;
	*(__u32 *)&d[22] = e->nparams;

	/* A state-only event gets one trailer byte after its scap length
	 * (only with a pushdown plan: g_pushdown is constant at load). */
	__u32 zero = 0;
	__u32 *state_only = g_pushdown ? bpf_map_lookup_elem(&state_only_flag, &zero) : NULL;
	if (state_only && *state_only) {
		__u64 at = len;
		asm volatile("%0 &= %1" : "+r"(at) : "i"(SYSRAY_SCRATCH_SIZE - 1));
		d[at] = 0;
		len += SYSRAY_STATE_ONLY_TRAILER;
	}

	/* A mask the compiler cannot drop (len is already <= the limit), so
	 * the verifier sees the size bounded whatever clang did with len. */
	__u64 size = len;
	asm volatile("%0 &= %1" : "+r"(size) : "i"(SYSRAY_SCRATCH_SIZE - 1));
	__u32 cpu = bpf_get_smp_processor_id();
	void *ring = bpf_map_lookup_elem(&ringbufs, &cpu);
	if (!ring || bpf_ringbuf_output(ring, d, size, BPF_RB_NO_WAKEUP) != 0) {
		if (c)
			c->n_drops_buffer++;
	}
}
