#include "live/syscall_tracepoints.h"

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

namespace sysray {

namespace {

constexpr const char* kTracefs = "/sys/kernel/tracing";
constexpr const char* kDebugfsTracing = "/sys/kernel/debug/tracing";  // older systems

bool exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

}  // namespace

std::string syscall_tracepoint_name(std::string_view nr_name) {
  // x86-64 syscalls whose entry point is not sys_<__NR_ name>.
  static constexpr std::pair<std::string_view, std::string_view> kRenamed[] = {
      {"stat", "newstat"},       {"fstat", "newfstat"}, {"lstat", "newlstat"},
      {"uname", "newuname"},     {"umount2", "umount"}, {"sendfile", "sendfile64"},
  };
  for (const auto& [nr, tp] : kRenamed)
    if (nr_name == nr) return std::string(tp);
  return std::string(nr_name);
}

std::string syscall_events_dir(std::string* why) {
  for (const char* root : {kTracefs, kDebugfsTracing}) {
    std::string dir = std::string(root) + "/events/syscalls";
    if (exists(dir)) return dir;
    if (exists(std::string(root) + "/events")) {
      if (why) *why = "this kernel has no syscall tracepoints";
      return "";
    }
  }
  // Nothing mounted (a container, a minimal system): mount tracefs on its
  // usual place. It stays mounted after sysray exits.
  if (mount("tracefs", kTracefs, "tracefs", 0, nullptr) != 0) {
    if (why) *why = std::string("cannot mount tracefs on ") + kTracefs + ": " + std::strerror(errno);
    return "";
  }
  std::string dir = std::string(kTracefs) + "/events/syscalls";
  if (exists(dir)) return dir;
  if (why) *why = "this kernel has no syscall tracepoints";
  return "";
}

bool has_syscall_tracepoints(const std::string& events_dir, std::string_view tracepoint_name) {
  std::string name(tracepoint_name);
  return exists(events_dir + "/sys_enter_" + name) && exists(events_dir + "/sys_exit_" + name);
}

int syscall_tracepoint_id(const std::string& events_dir, const std::string& event) {
  std::ifstream in(events_dir + "/" + event + "/id");
  int id = -1;
  if (!(in >> id)) return -1;
  return id;
}

}  // namespace sysray
