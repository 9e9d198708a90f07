// FDL blocks: the fds one thread had open when the capture started
// (scap-format.md §1.6). Names are built the way sysdig shows them.
#include <cstring>

#include <fmt/format.h>

#include "source/scap_metadata.h"
#include "state/names.h"
#include "state/socket_address.h"

namespace sysray::scap {

namespace {

L4Proto read_l4proto(FieldReader& r) {
  uint8_t v = r.u8("l4proto");
  return v <= uint8_t(L4Proto::Raw) ? L4Proto(v) : L4Proto::Unknown;
}

void read_ipv4_tuple(FieldReader& r, FdInfo& fd) {
  std::memcpy(fd.sip, r.bytes(4, "sip"), 4);
  std::memcpy(fd.dip, r.bytes(4, "dip"), 4);
  fd.sport = r.u16("sport");
  fd.dport = r.u16("dport");
  fd.l4proto = read_l4proto(r);
  fd.role = FdRole::Client;  // State::finish_loading decides which side listens
  append_ip_tuple(false, fd.sip, fd.sport, fd.dip, fd.dport, fd.name);
}

void read_ipv6_tuple(FieldReader& r, FdInfo& fd) {
  std::memcpy(fd.sip, r.bytes(16, "sip"), 16);
  std::memcpy(fd.dip, r.bytes(16, "dip"), 16);
  fd.sport = r.u16("sport");
  fd.dport = r.u16("dport");
  fd.l4proto = read_l4proto(r);
  fd.role = FdRole::Client;
  if (is_ipv4_mapped_ipv6(fd.sip) && is_ipv4_mapped_ipv6(fd.dip)) {
    // sysdig treats an IPv6 socket between v4 addresses as an IPv4 one.
    uint8_t sip4[4], dip4[4];
    std::memcpy(sip4, fd.sip + 12, 4);
    std::memcpy(dip4, fd.dip + 12, 4);
    std::memset(fd.sip, 0, sizeof fd.sip);
    std::memset(fd.dip, 0, sizeof fd.dip);
    std::memcpy(fd.sip, sip4, 4);
    std::memcpy(fd.dip, dip4, 4);
    fd.type = FdType::Ipv4Sock;
    append_ip_tuple(false, fd.sip, fd.sport, fd.dip, fd.dport, fd.name);
    return;
  }
  append_ip_tuple(true, fd.sip, fd.sport, fd.dip, fd.dport, fd.name);
}

void read_server(FieldReader& r, FdInfo& fd, size_t addr_size) {
  std::memcpy(fd.sip, r.bytes(addr_size, "ip"), addr_size);
  fd.sport = r.u16("port");
  fd.l4proto = read_l4proto(r);
  fd.role = FdRole::Server;
  append_ip_endpoint(addr_size == 16, fd.sip, fd.sport, fd.name);
}

void read_unix(FieldReader& r, FdInfo& fd) {
  fd.unix_source = r.u64("source");
  fd.unix_dest = r.u64("dest");
  fd.name = r.str16("name");
  fd.role = fd.name.empty() ? FdRole::Client : FdRole::Server;
}

bool is_name_only(FdType type) {
  switch (type) {
    case FdType::File: case FdType::Directory: case FdType::Fifo: case FdType::Event:
    case FdType::Unsupported: case FdType::SignalFd: case FdType::EventPoll: case FdType::Inotify:
    case FdType::TimerFd: case FdType::Netlink: case FdType::Bpf: case FdType::UserFaultFd:
    case FdType::IoUring: case FdType::MemFd: case FdType::PidFd:
      return true;
    default:
      return false;
  }
}

// Reads one entry's payload. Returns false for a type it does not know,
// leaving the reader where the payload starts.
bool read_payload(FieldReader& r, uint8_t type, int version, FdInfo& fd) {
  fd.type = FdType(type);
  switch (fd.type) {
    case FdType::Ipv4Sock: read_ipv4_tuple(r, fd); return true;
    case FdType::Ipv6Sock: read_ipv6_tuple(r, fd); return true;
    case FdType::Ipv4ServSock: read_server(r, fd, 4); return true;
    case FdType::Ipv6ServSock: read_server(r, fd, 16); return true;
    case FdType::UnixSock: read_unix(r, fd); return true;
    case FdType::FileV2:
      fd.open_flags = r.u32("open_flags");
      fd.name = r.str16("name");
      if (version >= 2 && r.remaining() >= sizeof(uint32_t)) fd.dev = r.u32("dev");
      return true;
    default:
      if (!is_name_only(fd.type)) return false;
      fd.name = r.str16("name");
      return true;
  }
}

void read_entry(FieldReader& r, int version, int64_t tid, State& state) {
  int64_t fd_num = r.i64("fd");
  FdInfo fd;
  fd.ino = r.u64("ino");
  uint64_t type_at = r.stream_offset();
  uint8_t type = r.u8("type");
  if (!read_payload(r, type, version, fd)) {
    // V1 entries have no length, so nothing after an unknown one can be found.
    if (version < 2) throw FieldError(type_at, fmt::format("{}: unknown fd type {}", r.context(), type));
    const uint64_t ino = fd.ino;
    fd = FdInfo{};
    fd.type = FdType::Unsupported;
    fd.ino = ino;
    fd.name = fmt::format("unknown-type:[{}]", type);
  }
  state.add_fd(tid, fd_num, std::move(fd));
}

}  // namespace

void load_fd_list(FieldReader body, int version, State& state) {
  int64_t tid = body.i64("tid");
  while (body.remaining() >= sizeof(uint32_t)) {
    if (version < 2) {
      read_entry(body, version, tid, state);
      continue;
    }
    FieldReader entry = body.length_prefixed_entry(true, "fd entry");
    read_entry(entry, version, tid, state);
  }
}

}  // namespace sysray::scap
