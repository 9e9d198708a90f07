// What sysray knows about one file descriptor.
#pragma once

#include <cstdint>
#include <string>

namespace sysray {

// scap's fd types (the numbers are those of the FDL block).
enum class FdType : uint8_t {
  Unknown = 0, File = 1, Directory = 2, Ipv4Sock = 3, Ipv6Sock = 4,
  Ipv4ServSock = 5, Ipv6ServSock = 6, Fifo = 7, UnixSock = 8, Event = 9,
  Unsupported = 10, SignalFd = 11, EventPoll = 12, Inotify = 13, TimerFd = 14,
  Netlink = 15, FileV2 = 16, Bpf = 17, UserFaultFd = 18, IoUring = 19, MemFd = 20, PidFd = 21,
};

// scap's l4 protocol codes.
enum class L4Proto : uint8_t { Unknown = 0, NotApplicable = 1, Tcp = 2, Udp = 3, Icmp = 4, Raw = 5 };

enum class FdRole : uint8_t { None, Client, Server };

struct FdInfo {
  FdType type = FdType::Unknown;
  L4Proto l4proto = L4Proto::Unknown;
  FdRole role = FdRole::None;
  bool connected = false;  // a connect() on it succeeded
  uint32_t open_flags = 0;  // PPM_O_* for files
  uint32_t dev = 0;
  uint64_t ino = 0;
  std::string name;  // path, tuple string or unix path: what fd.name shows
  // Socket endpoints (network order addresses, host order ports); for IPv4
  // only the first 4 bytes of the address arrays are used.
  uint8_t sip[16] = {}, dip[16] = {};
  uint16_t sport = 0, dport = 0;
  uint64_t unix_source = 0, unix_dest = 0;

  bool is_socket() const {
    return type == FdType::Ipv4Sock || type == FdType::Ipv6Sock || type == FdType::Ipv4ServSock ||
           type == FdType::Ipv6ServSock || type == FdType::UnixSock;
  }
  bool is_ip_socket() const {
    return type == FdType::Ipv4Sock || type == FdType::Ipv6Sock || type == FdType::Ipv4ServSock ||
           type == FdType::Ipv6ServSock;
  }
  bool is_server_socket() const { return type == FdType::Ipv4ServSock || type == FdType::Ipv6ServSock; }
};

// The character sysdig shows for an fd type inside <...>, e.g. 'f' for files.
char fd_type_char(FdType type);
// The l4 character ('t', 'u', 'i', 'r') shown after the type char, or 0 when
// sysdig shows none for this fd (an unconnected client socket, for example).
char fd_l4_char(const FdInfo& fd);
// fd.type's value: "file", "ipv4", "unix", ...
const char* fd_type_name(FdType type);
const char* l4proto_name(L4Proto proto);  // "tcp", "udp", "icmp", "raw", "<NA>"

}  // namespace sysray
