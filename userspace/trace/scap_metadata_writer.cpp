// Bodies of the .scap metadata blocks, from State (scap-format.md §1.4-1.8),
// in the versions §7 recommends: MI, PL_V9, FDL_V2, UL_V2, IL_V2.
#include <algorithm>
#include <cstring>

#include "trace/scap_writer.h"

namespace sysray::trace {
namespace {

// scap's limits (the readers refuse more): paths 1024, lists 4096 bytes.
constexpr size_t kMaxPath = 1024, kMaxList = 4096;

template <class T>
void put(Bytes& out, T v) {
  put_bytes(out, &v, sizeof v);
}

void put_str(Bytes& out, std::string_view s, size_t max = 0xffff) {
  s = s.substr(0, std::min(max, size_t(0xffff)));
  put<uint16_t>(out, uint16_t(s.size()));
  put_bytes(out, s.data(), s.size());
}

// A NUL-separated list, every item followed by its NUL, cut at the last
// whole item that fits.
void put_list(Bytes& out, const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) {
    if (joined.size() + item.size() + 1 > kMaxList) break;
    joined += item;
    joined += '\0';
  }
  put_str(out, joined);
}

// cwd without the trailing '/' State adds (scap stores what /proc says).
std::string_view scap_cwd(const std::string& cwd) {
  std::string_view s = cwd;
  if (s.size() > 1 && s.back() == '/') s.remove_suffix(1);
  return s;
}

// Overwrites the u32 at `at` with the length of everything after `from`.
void patch_length(Bytes& out, size_t at, size_t from) {
  const uint32_t len = uint32_t(out.size() - from);
  std::memcpy(out.data() + at, &len, 4);
}

template <class Map>
std::vector<typename Map::key_type> sorted_keys(const Map& m) {
  std::vector<typename Map::key_type> keys;
  for (const auto& kv : m) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  return keys;
}

bool write_fd_payload(Bytes& out, const FdInfo& fd) {
  switch (fd.type) {
    case FdType::Ipv4Sock: {
      // State shows a server-side socket as client->server; the snapshot
      // format lists the local end first and lets the reader flip it back.
      const bool server = fd.role == FdRole::Server;
      put_bytes(out, server ? fd.dip : fd.sip, 4);
      put_bytes(out, server ? fd.sip : fd.dip, 4);
      put<uint16_t>(out, server ? fd.dport : fd.sport);
      put<uint16_t>(out, server ? fd.sport : fd.dport);
      put<uint8_t>(out, uint8_t(fd.l4proto));
      return true;
    }
    case FdType::Ipv6Sock:
      put_bytes(out, fd.sip, 16);
      put_bytes(out, fd.dip, 16);
      put<uint16_t>(out, fd.sport);
      put<uint16_t>(out, fd.dport);
      put<uint8_t>(out, uint8_t(fd.l4proto));
      return true;
    case FdType::Ipv4ServSock:
    case FdType::Ipv6ServSock:
      put_bytes(out, fd.sip, fd.type == FdType::Ipv4ServSock ? 4 : 16);
      put<uint16_t>(out, fd.sport);
      put<uint8_t>(out, uint8_t(fd.l4proto));
      return true;
    case FdType::UnixSock:
      put<uint64_t>(out, fd.unix_source);
      put<uint64_t>(out, fd.unix_dest);
      put_str(out, fd.name);
      return true;
    case FdType::FileV2:
      put<uint32_t>(out, fd.open_flags);
      put_str(out, fd.name);
      put<uint32_t>(out, fd.dev);
      return true;
    case FdType::Unknown:
      return false;  // never written by scap writers
    default:
      put_str(out, fd.name);
      return true;
  }
}

}  // namespace

Bytes scap_machine_info_body(const MachineInfo& m) {
  Bytes out;
  put<uint32_t>(out, m.num_cpus);
  put<uint64_t>(out, m.memory_size_bytes);
  put<uint64_t>(out, m.max_pid);
  char host[128] = {};
  std::memcpy(host, m.hostname.data(), std::min(m.hostname.size(), sizeof host - 1));
  put_bytes(out, host, sizeof host);
  put<uint64_t>(out, m.boot_ts);
  put<uint64_t>(out, 0);  // flags
  put<uint64_t>(out, 0);  // reserved3
  put<uint64_t>(out, 0);  // reserved4
  return out;
}

Bytes scap_process_list_body(const State& state) {
  Bytes out;
  for (int64_t tid : sorted_keys(state.threads())) {
    const ThreadInfo& t = state.threads().at(tid);
    const size_t start = out.size();
    put<uint32_t>(out, 0);  // entry_len, patched below (includes itself)
    put<int64_t>(out, t.tid);
    put<int64_t>(out, t.pid);
    put<int64_t>(out, t.ptid);
    put<int64_t>(out, t.sid);
    put<int64_t>(out, t.vpgid);
    put_str(out, t.comm, kMaxPath);
    put_str(out, t.exe, kMaxPath);
    put_str(out, t.exepath, kMaxPath);
    put_list(out, t.args);
    put_str(out, scap_cwd(t.cwd), kMaxPath);
    put<int64_t>(out, t.fdlimit);
    put<uint32_t>(out, t.flags);
    put<uint32_t>(out, t.uid);
    put<uint32_t>(out, t.gid);
    put<uint32_t>(out, t.vmsize_kb);
    put<uint32_t>(out, t.vmrss_kb);
    put<uint32_t>(out, t.vmswap_kb);
    put<uint64_t>(out, t.pfmajor);
    put<uint64_t>(out, t.pfminor);
    put_list(out, t.env);
    put<int64_t>(out, t.vtid);
    put<int64_t>(out, t.vpid);
    put_list(out, t.cgroups);
    put_str(out, t.root, kMaxPath);
    // sysdig 0.29.3's tail is loginuid alone; newer readers see it as such
    // when fewer than 30 bytes follow root.
    put<uint32_t>(out, t.loginuid);
    patch_length(out, start, start);
  }
  return out;
}

Bytes scap_fd_list_body(const ThreadInfo& t) {
  Bytes out;
  put<int64_t>(out, t.tid);
  bool any = false;
  for (int64_t num : sorted_keys(t.fds)) {
    const FdInfo& fd = t.fds.at(num);
    const size_t start = out.size();
    put<uint32_t>(out, 0);  // entry_len (includes itself)
    put<int64_t>(out, num);
    put<uint64_t>(out, fd.ino);
    put<uint8_t>(out, uint8_t(fd.type));
    if (!write_fd_payload(out, fd)) {
      out.resize(start);
      continue;
    }
    patch_length(out, start, start);
    any = true;
  }
  if (!any) out.clear();
  return out;
}

Bytes scap_user_list_body(const State& state) {
  Bytes out;
  for (uint32_t uid : sorted_keys(state.users())) {
    const UserInfo& u = state.users().at(uid);
    const size_t start = out.size();
    put<uint32_t>(out, 0);
    put<uint8_t>(out, 0);
    put<uint32_t>(out, u.uid);
    put<uint32_t>(out, u.gid);
    put_str(out, u.name);
    put_str(out, u.homedir);
    put_str(out, u.shell);
    patch_length(out, start, start);
  }
  for (uint32_t gid : sorted_keys(state.groups())) {
    const GroupInfo& g = state.groups().at(gid);
    const size_t start = out.size();
    put<uint32_t>(out, 0);
    put<uint8_t>(out, 1);
    put<uint32_t>(out, g.gid);
    put_str(out, g.name);
    patch_length(out, start, start);
  }
  return out;
}

Bytes scap_interface_list_body(const State& state) {
  Bytes out;
  for (const InterfaceAddress& i : state.interfaces()) {
    const size_t start = out.size();
    put<uint32_t>(out, 0);  // entry_len: the only V2 length that excludes itself
    const size_t addr = i.ipv6 ? 16 : 4;
    put<uint16_t>(out, i.ipv6 ? 2 : 1);  // with link speed
    put<uint16_t>(out, uint16_t(i.name.size()));
    put_bytes(out, i.addr, addr);
    put_bytes(out, i.netmask, addr);
    put_bytes(out, i.bcast, addr);
    put<uint64_t>(out, i.linkspeed);
    put_bytes(out, i.name.data(), i.name.size());
    patch_length(out, start, start + 4);
  }
  return out;
}

}  // namespace sysray::trace
