/* What the probe and userspace agree on: sizes, counters and the names of
 * the knobs. Plain C, included by probe.bpf.c and by userspace/live. */
#ifndef SYSRAY_PROBE_SHARED_H
#define SYSRAY_PROBE_SHARED_H

/* scap event header: ts u64, tid i64, len u32, type u16, nparams u32. */
#define SYSRAY_EVENT_HEADER_SIZE 26
/* Largest event the probe sends: param lengths are u16, and sysdig caps
 * non-large event blocks at 64 KiB. Must be a power of two (masks). */
#define SYSRAY_MAX_EVENT_SIZE (64 * 1024)
/* Per-CPU scratch buffer the probe builds events in: twice the largest
 * event, so a masked offset plus one bounded write always fits. */
#define SYSRAY_SCRATCH_SIZE (2 * SYSRAY_MAX_EVENT_SIZE)

/* Defaults of the knobs (userspace may change them before load). */
#define SYSRAY_DEFAULT_SNAPLEN 80        /* bytes of I/O buffers, as sysdig -s */
#define SYSRAY_MAX_SNAPLEN 16000         /* what -s may raise it to */
#define SYSRAY_MAX_PATH 4096             /* PATH_MAX */
#define SYSRAY_MAX_PROC_ARGS 4096        /* args/env bytes in execve/clone exits */

/* In-kernel filtering (the pushdown plan). syscall_interest[native nr]
 * holds these bits; a syscall with neither is dropped before any copy. */
#define SYSRAY_INTEREST_MATCH 1 /* its events may match the filter */
#define SYSRAY_INTEREST_STATE 2 /* it changes thread/fd state: always sent */
#define SYSRAY_COMM_LEN 16
/* An event that is sent only to keep the state right (it cannot match the
 * filter) carries one extra byte after its scap length in the ring record:
 * the ring record is longer than the event. */
#define SYSRAY_STATE_ONLY_TRAILER 1

/* Per-CPU counters (a PERCPU_ARRAY with one entry). n_evts counts every
 * event the probe tried to send, dropped or not. */
struct sysray_counters {
	unsigned long long n_evts;
	unsigned long long n_drops_buffer;         /* the ring buffer was full */
	unsigned long long n_drops_max_event_size; /* the event outgrew SYSRAY_MAX_EVENT_SIZE */
};

#endif
