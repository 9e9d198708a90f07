// The initial state of a live capture, read from /proc and /etc: threads,
// their fds (files, pipes, sockets resolved through /proc/net), users,
// groups and machine info. Everything goes in through the State's add_*
// calls, like the metadata of a capture file.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "state/state.h"

namespace sysray {

// Scans the whole system. Processes that vanish during the scan are skipped.
void scan_proc(State& state);

// Whether the system still has thread tid (/proc/<tid> resolves any
// thread id, not only a process's). For the live thread purge.
bool thread_exists(int64_t tid);

// --- the pieces, exposed for tests ---

// Sockets of /proc/net/{tcp,tcp6,udp,udp6,unix} by inode, with their fd
// type, tuple and sysdig-style name (`1.2.3.4:80->5.6.7.8:443`).
using SocketTable = std::unordered_map<uint64_t, FdInfo>;
SocketTable read_socket_table(const std::string& proc_net_dir = "/proc/net");

// One thread, from /proc/<pid>/task/<tid>. False if it vanished.
bool read_thread(int64_t pid, int64_t tid, ThreadInfo& out);

// The fd `fd` of process pid, from its /proc/<pid>/fd link. False if it
// cannot be described (vanished, or a socket of an unknown family).
bool read_fd(int64_t pid, int64_t fd, const SocketTable& sockets, FdInfo& out);

// Native open(2) flags -> PPM_O_* (as the probe translates them).
uint32_t ppm_open_flags(uint32_t native_flags);

}  // namespace sysray
