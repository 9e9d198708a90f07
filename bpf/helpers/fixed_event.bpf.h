/* Events of a fixed size (switch, signaldeliver, page_fault) are built on
 * the BPF stack, not in the per-CPU scratch buffer: their tracepoints can
 * fire while a syscall filler on the same CPU is halfway through its event
 * (a page fault inside bpf_probe_read_user, a switch away from a preempted
 * filler) and must not overwrite it. Each event is a packed struct: the
 * scap header, the u16 parameter lengths, then the parameters. */
#pragma once

#include "maps.bpf.h"

struct scap_header {
	__u64 ts;
	__s64 tid;
	__u32 len;
	__u16 type;
	__u32 nparams;
} __attribute__((packed));

_Static_assert(sizeof(struct scap_header) == SYSRAY_EVENT_HEADER_SIZE, "scap header is 26 bytes");

/* Stamps the header and sends the event to this CPU's ring. No
 * state-only trailer: these events are only built when they can match. */
static __always_inline void fixed_event_submit(void *event, __u32 size, __u16 type, __u32 nparams)
{
	struct scap_header *h = event;
	h->ts = g_boot_time + bpf_ktime_get_boot_ns();
	h->tid = (__s64)(__u32)bpf_get_current_pid_tgid();
	h->len = size;
	h->type = type;
	h->nparams = nparams;

	__u32 zero = 0;
	struct sysray_counters *c = bpf_map_lookup_elem(&counters, &zero);
	if (c)
		c->n_evts++;
	__u32 cpu = bpf_get_smp_processor_id();
	void *ring = bpf_map_lookup_elem(&ringbufs, &cpu);
	if (!ring || bpf_ringbuf_output(ring, event, size, BPF_RB_NO_WAKEUP) != 0) {
		if (c)
			c->n_drops_buffer++;
	}
}
