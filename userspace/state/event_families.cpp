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

constexpr const char* kParamNames[] = {
    "res", "fd", "name", "flags", "dirfd", "dev", "ino", "tuple", "addr", "oldfd", "cmd", "fd1", "fd2",
    "vm_size", "vm_rss", "vm_swap", "domain", "type", "proto", "path", "pgft_maj", "pgft_min",
};
static_assert(std::size(kParamNames) == size_t(Param::Count));

std::array<detail::EventTypeFacts, kEventMax> build_event_type_facts() {
  std::array<detail::EventTypeFacts, kEventMax> facts{};
  for (uint16_t id = 0; id < kEventMax; ++id) {
    const EventInfo& info = event_info(id);
    facts[id].family = family_of_name(info.has_legacy ? info.legacy_name : info.name);
    if (facts[id].family == EventFamily::None) facts[id].family = family_of_name(info.name);
    Event probe;
    probe.type = id;
    for (size_t p = 0; p < size_t(Param::Count); ++p) facts[id].param[p] = int8_t(find_param(probe, kParamNames[p]));
  }
  return facts;
}

}  // namespace

namespace detail {
const std::array<EventTypeFacts, kEventMax> k_event_type_facts = build_event_type_facts();
}  // namespace detail

}  // namespace sysray
