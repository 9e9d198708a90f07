// IL blocks: network interfaces and their addresses (scap-format.md §1.7).
#include <cstring>

#include <fmt/format.h>

#include "source/scap_metadata.h"

namespace sysray::scap {

namespace {

enum InterfaceType : uint16_t { kIpv4 = 1, kIpv6 = 2, kIpv4NoLinkSpeed = 3, kIpv6NoLinkSpeed = 4 };

// Returns false for an unknown type (nothing read past the type).
bool read_entry(FieldReader& r, State& state) {
  uint16_t type = r.u16("type");
  if (type < kIpv4 || type > kIpv6NoLinkSpeed) return false;
  uint16_t name_len = r.u16("ifnamelen");
  InterfaceAddress iface;
  iface.ipv6 = type == kIpv6 || type == kIpv6NoLinkSpeed;
  const size_t addr_size = iface.ipv6 ? 16 : 4;
  std::memcpy(iface.addr, r.bytes(addr_size, "addr"), addr_size);
  std::memcpy(iface.netmask, r.bytes(addr_size, "netmask"), addr_size);
  std::memcpy(iface.bcast, r.bytes(addr_size, "bcast"), addr_size);
  if (type == kIpv4 || type == kIpv6) iface.linkspeed = r.u64("linkspeed");
  iface.name.assign(reinterpret_cast<const char*>(r.bytes(name_len, "ifname")), name_len);
  state.add_interface(std::move(iface));
  return true;
}

}  // namespace

void load_interface_list(FieldReader body, int version, State& state) {
  while (body.remaining() >= sizeof(uint32_t)) {
    if (version >= 2) {
      // The only V2 list whose entry length leaves out its own 4 bytes.
      FieldReader entry = body.length_prefixed_entry(false, "interface entry");
      read_entry(entry, state);  // unknown V2 types are skipped by their length
      continue;
    }
    uint64_t at = body.stream_offset();
    if (!read_entry(body, state)) throw FieldError(at, fmt::format("{}: unknown interface type", body.context()));
  }
}

}  // namespace sysray::scap
