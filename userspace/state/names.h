// How sysdig names things: socket addresses and tuples, normalized paths.
// Used by the state parsers (fd names) and the parameter renderer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sysray {

// scap's address families on the wire (PPM_AF_*).
constexpr uint8_t kPpmAfUnix = 1, kPpmAfInet = 2, kPpmAfInet6 = 10;

void append_ipv4(const uint8_t* addr, std::string& out);
void append_ipv6(const uint8_t* addr, std::string& out);
// True for ::ffff:a.b.c.d and for the all-zero address.
bool is_v4_mapped(const uint8_t* addr16);

// "1.2.3.4:80->5.6.7.8:443", or the IPv6 form; v4-mapped pairs print as IPv4.
void append_ip_tuple(bool ipv6, const uint8_t* sip, uint16_t sport, const uint8_t* dip, uint16_t dport,
                     std::string& out);

// Renders a PT_SOCKADDR / PT_SOCKTUPLE parameter as sysdig does ("NULL"
// when empty, "family N" for unknown families).
void append_sockaddr_param(std::string_view param, std::string& out);
void append_socktuple_param(std::string_view param, std::string& out);

// Appends s without the bytes outside 0x20..0x7e (sysdig's sanitizing).
void append_printable(std::string_view s, std::string& out);

// Joins base and path and normalizes the result the way sysdig does:
// "//" collapsed, "." removed, ".." applied, no trailing '/' (except "/").
std::string normalize_path(std::string_view base, std::string_view path);

}  // namespace sysray
