// The per-syscall tracepoints (syscalls:sys_enter_X / sys_exit_X) that the
// probe attaches to instead of raw_syscalls when the pushdown plan pins a
// set of syscalls (bpf/README.md, "Attach modes").
//
// Their names come from the kernel's SYSCALL_DEFINE name, which differs
// from the __NR_ name for a few syscalls (stat -> newstat, umount2 ->
// umount, ...). A tracepoint is attached by its id, which only tracefs
// tells: syscall_events_dir() mounts tracefs when it is missing.
#pragma once

#include <string>
#include <string_view>

namespace sysray {

// "openat" -> "openat", "stat" -> "newstat": X in sys_enter_X.
std::string syscall_tracepoint_name(std::string_view nr_name);

// The events/syscalls directory of tracefs, mounting tracefs on
// /sys/kernel/tracing if no tracefs is mounted; "" when there is none
// (no CONFIG_FTRACE_SYSCALLS, or the mount failed). `why` says why not.
std::string syscall_events_dir(std::string* why = nullptr);

// The perf event id of `event` ("sys_enter_openat"), or -1.
int syscall_tracepoint_id(const std::string& events_dir, const std::string& event);

// Both sys_enter_X and sys_exit_X exist under `events_dir` (an
// unimplemented syscall has neither).
bool has_syscall_tracepoints(const std::string& events_dir, std::string_view tracepoint_name);

}  // namespace sysray
