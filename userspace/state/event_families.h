// Groups event types into the families the state parsers handle, decided
// once from the event table's names so that no parser compares strings per
// event.
#pragma once

#include <array>
#include <cstdint>

#include "event/event.h"

namespace sysray {

enum class EventFamily : uint8_t {
  None, Open, Socket, Bind, Connect, Accept, Close, Dup, Fcntl, Pipe, SocketPair,
  EventFd, SignalFd, TimerFd, Inotify, EpollCreate, Chdir, Fchdir, Execve, Clone,
  ProcExit, SendTo, SendMsg, RecvFrom, RecvMsg, SchedSwitch, ProcInfo, Container, MemoryMap,
};

// Parameters the state parsers read on hot paths, by name once per event
// type instead of by string compares per event.
enum class Param : uint8_t {
  Res, Fd, Name, Flags, DirFd, Dev, Ino, Tuple, Addr, OldFd, Cmd, Fd1, Fd2,
  VmSize, VmRss, VmSwap, Domain, Type, Proto, Path, PgftMaj, PgftMin,
  Count
};

namespace detail {
struct EventTypeFacts {
  EventFamily family = EventFamily::None;
  int8_t param[size_t(Param::Count)] = {};  // find_param() of each Param's name, or -1
};
// Built from the event table before main() runs. Nothing may look at it
// from another file's static initialisers (their order is unspecified).
extern const std::array<EventTypeFacts, kEventMax> k_event_type_facts;
}  // namespace detail

inline EventFamily event_family(uint16_t type) {
  return type < kEventMax ? detail::k_event_type_facts[type].family : EventFamily::None;
}

// The same as find_param(event, name) for the name of p: the index of the
// parameter in the event's type, or -1.
inline int param_index(const Event& event, Param p) {
  return event.type < kEventMax ? detail::k_event_type_facts[event.type].param[size_t(p)] : -1;
}

}  // namespace sysray
