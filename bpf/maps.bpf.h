/* Every map and knob of the probe, in one place. */
#pragma once

#include "probe_shared.h"
#include "sysray_event_ids.h"
#include "sysray_syscall_map.h"

/* --- knobs: .rodata, set by userspace through the skeleton before load --- */
const volatile __u64 g_boot_time = 0;     /* ns since the epoch at boot: ts = boot + ktime_boot */
const volatile __u32 g_snaplen = SYSRAY_DEFAULT_SNAPLEN; /* bytes kept of I/O buffers */
const volatile __u32 g_self_tgid = 0;     /* sysray's own process: never traced */
/* Pushdown (helpers/pushdown.bpf.h): whether it is on, and which checks. */
const volatile bool g_pushdown = false;        /* syscall_interest is filled */
const volatile bool g_filter_comm = false;     /* only comms in comm_filter match */
const volatile bool g_filter_pid = false;      /* only tgids in pid_filter match */
const volatile bool g_filter_tid = false;      /* only tids in tid_filter match */
const volatile bool g_procexit_matches = true; /* procexit is in the filter's events */

/* --- constant tables --- */
/* Params per event id, from the event table (the probe emits all of them). */
static const __u8 g_event_nparams[] = SYSRAY_EVENT_NPARAMS_INIT;
/* Native syscall number -> PPM_SC id, for generic events. */
static const __u16 g_native_to_ppm_sc[SYSRAY_NATIVE_SYSCALL_MAX] = SYSRAY_NATIVE_TO_PPM_SC_INIT;

/* --- maps --- */
/* One ring buffer per CPU. The inner map (and so the ring size) comes
 * from a template ring that userspace creates before load
 * (bpf_map__set_inner_map_fd); the outer size is the number of possible
 * CPUs. Userspace puts one ring per CPU in it after load. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} ringbufs SEC(".maps");

/* Scratch space the events are built in, one slot per CPU (a per-CPU
 * array cannot hold values this large). Sized to the CPUs by userspace. */
struct scratch {
	__u8 data[SYSRAY_SCRATCH_SIZE];
};
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_maps SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sysray_counters);
} counters SEC(".maps");

/* Per-syscall programs, keyed by native syscall number; filled by
 * userspace from the programs named e_<syscall> and x_<syscall>. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SYSRAY_NATIVE_SYSCALL_MAX);
	__type(key, __u32);
	__type(value, __u32);
} enter_programs SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SYSRAY_NATIVE_SYSCALL_MAX);
	__type(key, __u32);
	__type(value, __u32);
} exit_programs SEC(".maps");

/* Threads inside an execveat: a successful execveat reaches sys_exit with
 * the execve number in orig_ax, so x_execve looks here to send the
 * execveat exit event instead. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u8);
} execveat_tids SEC(".maps");

/* --- pushdown: filled by userspace before attach --- */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SYSRAY_NATIVE_SYSCALL_MAX);
	__type(key, __u32);
	__type(value, __u8);
} syscall_interest SEC(".maps");

struct comm_key {
	char comm[SYSRAY_COMM_LEN];
};
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct comm_key);
	__type(value, __u8);
} comm_filter SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u8);
} pid_filter SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u8);
} tid_filter SEC(".maps");

/* Whether the event being built on this CPU is state-only: set by the
 * dispatchers, read by event_submit (tail calls stay on the CPU). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} state_only_flag SEC(".maps");
