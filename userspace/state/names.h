// How sysdig names a connection: "1.2.3.4:80->5.6.7.8:443", or the IPv6
// form; a pair of v4-mapped addresses prints as IPv4.
#pragma once

#include <cstdint>
#include <string>

namespace sysray {

// "1.2.3.4:80" or "2001:db8::1:80" (no brackets).
void append_ip_endpoint(bool ipv6, const uint8_t* addr, uint16_t port, std::string& out);
void append_ip_tuple(bool ipv6, const uint8_t* sip, uint16_t sport, const uint8_t* dip, uint16_t dport,
                     std::string& out);

}  // namespace sysray
