// How sysdig names socket endpoints: "1.2.3.4:80", "::1:2345" (inet_ntop
// form, no brackets) and tuples "a:p->b:q". Addresses are raw network-order
// bytes, ports host order.
#pragma once

#include <cstdint>
#include <string>

namespace sysray {

std::string ipv4_endpoint(const uint8_t addr[4], uint16_t port);
std::string ipv6_endpoint(const uint8_t addr[16], uint16_t port);
// True for ::ffff:a.b.c.d and for ::, which sysdig shows as IPv4.
bool is_ipv4_mapped_or_zero(const uint8_t addr[16]);
// The IPv4 address inside a v4-mapped (or all-zero) IPv6 address.
inline const uint8_t* ipv4_of_mapped(const uint8_t addr[16]) { return addr + 12; }

}  // namespace sysray
