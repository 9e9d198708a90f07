#include "state/fd_info.h"

namespace sysray {

char fd_type_char(FdType type) {
  switch (type) {
    case FdType::File: case FdType::FileV2: return 'f';
    case FdType::Directory: return 'd';
    case FdType::Ipv4Sock: case FdType::Ipv4ServSock: return '4';
    case FdType::Ipv6Sock: case FdType::Ipv6ServSock: return '6';
    case FdType::Fifo: return 'p';
    case FdType::UnixSock: return 'u';
    case FdType::Event: return 'e';
    case FdType::Unknown: return 'o';
    case FdType::Unsupported: return 'X';
    case FdType::SignalFd: return 's';
    case FdType::EventPoll: return 'l';
    case FdType::Inotify: return 'i';
    case FdType::TimerFd: return 't';
    case FdType::Netlink: return 'n';
    default: return '?';  // types sysdig 0.29.3 does not know
  }
}

char fd_l4_char(const FdInfo& fd) {
  const bool shown = fd.is_server_socket() ||
                     ((fd.type == FdType::Ipv4Sock || fd.type == FdType::Ipv6Sock) &&
                      (fd.role != FdRole::None || fd.l4proto == L4Proto::Raw));
  if (!shown) return 0;
  switch (fd.l4proto) {
    case L4Proto::Tcp: return 't';
    case L4Proto::Udp: return 'u';
    case L4Proto::Icmp: return 'i';
    case L4Proto::Raw: return 'r';
    default: return 0;
  }
}

const char* fd_type_name(FdType type) {
  switch (type) {
    case FdType::File: case FdType::FileV2: return "file";
    case FdType::Directory: return "directory";
    case FdType::Ipv4Sock: case FdType::Ipv4ServSock: return "ipv4";
    case FdType::Ipv6Sock: case FdType::Ipv6ServSock: return "ipv6";
    case FdType::Fifo: return "pipe";
    case FdType::UnixSock: return "unix";
    case FdType::Event: return "event";
    case FdType::Unsupported: return "unknown";
    case FdType::SignalFd: return "signalfd";
    case FdType::EventPoll: return "eventpoll";
    case FdType::Inotify: return "inotify";
    case FdType::TimerFd: return "timerfd";
    case FdType::Netlink: return "netlink";
    case FdType::Bpf: return "bpf";
    case FdType::UserFaultFd: return "userfaultfd";
    case FdType::IoUring: return "io_uring";
    case FdType::MemFd: return "memfd";
    case FdType::PidFd: return "pidfd";
    default: return "<NA>";
  }
}

const char* l4proto_name(L4Proto proto) {
  switch (proto) {
    case L4Proto::Tcp: return "tcp";
    case L4Proto::Udp: return "udp";
    case L4Proto::Icmp: return "icmp";
    case L4Proto::Raw: return "raw";
    default: return "<NA>";
  }
}

}  // namespace sysray
