// What sysray knows about one thread (and, for a main thread, its process).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "event/event.h"
#include "state/fd_info.h"

namespace sysray {

// ThreadInfo::last_event_type when no event may pair with the next exit.
constexpr uint16_t kNoEventType = 0xffff;

struct ThreadInfo {
  int64_t tid = -1;
  int64_t pid = -1;
  int64_t ptid = -1;
  int64_t sid = -1;  // -1: unknown (older captures)
  int64_t vpgid = -1;
  int64_t vtid = -1;
  int64_t vpid = -1;
  std::string comm;     // proc.name
  std::string exe;      // argv[0] as recorded
  std::string exepath;  // full executable path
  std::string cwd;      // always ends with '/'
  std::string root;
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::vector<std::string> cgroups;  // "subsys=path"
  int64_t fdlimit = 0;
  uint32_t flags = 0;  // PPM_CL_* clone flags
  uint32_t uid = 0xffffffff;
  uint32_t gid = 0xffffffff;
  uint32_t loginuid = 0xffffffff;
  uint32_t tty = 0;
  uint32_t vmsize_kb = 0, vmrss_kb = 0, vmswap_kb = 0;
  uint64_t pfmajor = 0, pfminor = 0;
  uint64_t clone_ts = 0;
  uint64_t nchilds = 0;
  // Only meaningful on a main thread (tid == pid) or a thread without one:
  // threads share their process's fds.
  std::unordered_map<int64_t, FdInfo> fds;

  // The last enter event of this thread, kept so that exit parsers and
  // fields can see the enter parameters (scap layout bytes, reused buffer).
  uint16_t last_event_type = kNoEventType;
  uint64_t last_event_ts = 0;
  int64_t last_event_fd = -1;  // fd the current syscall works on
  uint64_t last_enter_ts = 0;  // for evt.latency
  uint64_t latency = 0;        // of the thread's last exit (0 after an enter), as context switches show it
  std::vector<uint8_t> last_enter;  // raw enter event, empty if none
  // last_enter decoded (raw not set: it points at last_enter when used), so
  // that the exit does not decode it again.
  Event last_enter_view;
  uint64_t prev_exit_ts = 0;        // for thread.exectime-like fields
  // thread.cpu{,.user,.system}: CPU ticks (total, user, system) of the
  // last procinfo event a field read, as sysdig keeps them per thread.
  uint64_t last_cpu_ticks[3] = {};

  bool is_main_thread() const { return tid == pid; }
};

struct UserInfo {
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::string name, homedir, shell;
};

struct GroupInfo {
  uint32_t gid = 0;
  std::string name;
};

struct MachineInfo {
  uint32_t num_cpus = 0;
  uint64_t memory_size_bytes = 0;
  uint64_t max_pid = 0;
  std::string hostname;
  uint64_t boot_ts = 0;
};

struct InterfaceAddress {
  bool ipv6 = false;
  uint8_t addr[16] = {}, netmask[16] = {}, bcast[16] = {};
  uint64_t linkspeed = 0;
  std::string name;
};

}  // namespace sysray
