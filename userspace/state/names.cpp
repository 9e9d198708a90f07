#include "state/names.h"

#include "event/number_format.h"
#include "state/socket_address.h"

namespace sysray {

void append_ip_endpoint(bool ipv6, const uint8_t* addr, uint16_t port, std::string& out) {
  if (ipv6) {
    append_ipv6(addr, out);
  } else {
    append_ipv4(addr, out);
  }
  out += ':';
  append_unsigned_decimal(port, out);
}

void append_ip_tuple(bool ipv6, const uint8_t* sip, uint16_t sport, const uint8_t* dip, uint16_t dport,
                     std::string& out) {
  const bool as_ipv4 = !ipv6 || (is_ipv4_mapped_ipv6(sip) && is_ipv4_mapped_ipv6(dip));
  auto append_addr = [&](const uint8_t* a) {
    if (!as_ipv4) append_ipv6(a, out);
    else append_ipv4(ipv6 ? a + 12 : a, out);
  };
  append_addr(sip);
  out += ':';
  append_unsigned_decimal(sport, out);
  out += "->";
  append_addr(dip);
  out += ':';
  append_unsigned_decimal(dport, out);
}

}  // namespace sysray
