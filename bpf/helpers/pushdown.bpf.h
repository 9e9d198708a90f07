/* The pushdown plan applied in the kernel: before a filler runs, decide
 * whether the event can match the filter (syscall, comm, pid, tid). An
 * event that cannot match is dropped before anything is copied, unless
 * its syscall changes state (fds, process names): then it is sent marked
 * state-only, so userspace keeps its tables right and hides it. */
#pragma once

static __always_inline void set_state_only(bool on)
{
	__u32 zero = 0;
	__u32 *flag = bpf_map_lookup_elem(&state_only_flag, &zero);
	if (flag)
		*flag = on;
}

/* The current thread passes the comm, pid and tid constraints. */
static __always_inline bool thread_matches(void)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (g_filter_pid) {
		__u32 tgid = pid_tgid >> 32;
		if (!bpf_map_lookup_elem(&pid_filter, &tgid))
			return false;
	}
	if (g_filter_tid) {
		__u32 tid = pid_tgid;
		if (!bpf_map_lookup_elem(&tid_filter, &tid))
			return false;
	}
	if (g_filter_comm) {
		struct comm_key key = {};
		bpf_get_current_comm(key.comm, sizeof(key.comm));
		if (!bpf_map_lookup_elem(&comm_filter, &key))
			return false;
	}
	return true;
}

/* Whether to build syscall `id`'s event at all; sets the state-only mark
 * for the event that follows. */
static __always_inline bool pushdown_admits_syscall(long id)
{
	if (!g_pushdown)
		return true;
	/* The map holds the state bit even when syscalls are not filtered
	 * (then every syscall has the match bit). */
	__u32 key = id;
	__u8 *v = bpf_map_lookup_elem(&syscall_interest, &key);
	__u8 interest = v ? *v : 0;
	bool match = (interest & SYSRAY_INTEREST_MATCH) && thread_matches();
	if (!match && !(interest & SYSRAY_INTEREST_STATE))
		return false;
	set_state_only(!match);
	return true;
}

/* procexit is always sent (it ends a thread); state-only when it cannot match. */
static __always_inline void pushdown_mark_procexit(void)
{
	if (g_pushdown)
		set_state_only(!(g_procexit_matches && thread_matches()));
}

/* Switch, signal and page fault events: their programs are attached only
 * when their event may match (userspace decides), and they change no
 * state, so only the thread constraints are left to check. */
static __always_inline bool pushdown_admits_thread_event(void)
{
	return !g_pushdown || thread_matches();
}
