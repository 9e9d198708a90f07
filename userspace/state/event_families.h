// Groups event types into the families the state parsers handle, decided
// once from the event table's names so that no parser compares strings per
// event.
#pragma once

#include <cstdint>

namespace sysray {

enum class EventFamily : uint8_t {
  None, Open, Socket, Bind, Connect, Accept, Close, Dup, Fcntl, Pipe, SocketPair,
  EventFd, SignalFd, TimerFd, Inotify, EpollCreate, Chdir, Fchdir, Execve, Clone,
  ProcExit, SendTo, SendMsg, RecvFrom, RecvMsg, SchedSwitch, ProcInfo, Container, MemoryMap,
};

EventFamily event_family(uint16_t type);

}  // namespace sysray
