#include "state/event_families.h"

#include <array>
#include <cstring>
#include <string_view>

#include "event/event_table.h"

namespace sysray {
namespace {

EventFamily family_of_name(std::string_view n) {
  struct Entry {
    const char* name;
    EventFamily family;
  };
  static const Entry entries[] = {
      {"open", EventFamily::Open}, {"openat", EventFamily::Open}, {"openat2", EventFamily::Open},
      {"creat", EventFamily::Open}, {"socket", EventFamily::Socket}, {"bind", EventFamily::Bind},
      {"connect", EventFamily::Connect}, {"accept", EventFamily::Accept}, {"accept4", EventFamily::Accept},
      {"close", EventFamily::Close}, {"dup", EventFamily::Dup}, {"dup2", EventFamily::Dup},
      {"dup3", EventFamily::Dup}, {"fcntl", EventFamily::Fcntl}, {"pipe", EventFamily::Pipe},
      {"pipe2", EventFamily::Pipe}, {"socketpair", EventFamily::SocketPair}, {"eventfd", EventFamily::EventFd},
      {"eventfd2", EventFamily::EventFd}, {"signalfd", EventFamily::SignalFd}, {"signalfd4", EventFamily::SignalFd},
      {"timerfd_create", EventFamily::TimerFd}, {"inotify_init", EventFamily::Inotify},
      {"inotify_init1", EventFamily::Inotify}, {"epoll_create", EventFamily::EpollCreate},
      {"epoll_create1", EventFamily::EpollCreate}, {"chdir", EventFamily::Chdir}, {"fchdir", EventFamily::Fchdir},
      {"execve", EventFamily::Execve}, {"execveat", EventFamily::Execve}, {"clone", EventFamily::Clone},
      {"fork", EventFamily::Clone}, {"vfork", EventFamily::Clone}, {"clone3", EventFamily::Clone},
      {"procexit", EventFamily::ProcExit}, {"sendto", EventFamily::SendTo}, {"sendmsg", EventFamily::SendMsg},
      {"recvfrom", EventFamily::RecvFrom}, {"recvmsg", EventFamily::RecvMsg}, {"switch", EventFamily::SchedSwitch},
      {"procinfo", EventFamily::ProcInfo}, {"container", EventFamily::Container},
      {"brk", EventFamily::MemoryMap}, {"mmap", EventFamily::MemoryMap}, {"mmap2", EventFamily::MemoryMap},
      {"munmap", EventFamily::MemoryMap},
  };
  for (const Entry& e : entries) {
    if (n == e.name) return e.family;
  }
  return EventFamily::None;
}

}  // namespace

EventFamily event_family(uint16_t type) {
  static const auto table = [] {
    std::array<EventFamily, kEventMax> t{};
    for (uint16_t id = 0; id < kEventMax; ++id) {
      const EventInfo& info = event_info(id);
      t[id] = family_of_name(info.has_legacy ? info.legacy_name : info.name);
      if (t[id] == EventFamily::None) t[id] = family_of_name(info.name);
    }
    return t;
  }();
  return type < kEventMax ? table[type] : EventFamily::None;
}

}  // namespace sysray
