// PT_SOCKADDR and PT_SOCKTUPLE rendering.
//
// Wire layout: a PPM_AF_* family byte, then for inet ip[4] port, for inet6
// ip[16] port (ports little-endian u16), for unix a path (sockaddr) or
// src u64, dst u64, path (tuple).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sysray {

constexpr uint8_t kPpmAfUnix = 1;
constexpr uint8_t kPpmAfInet = 2;
constexpr uint8_t kPpmAfInet6 = 10;

// "1.2.3.4:80", "2001:db8::3:1234" (no brackets), a unix path, "NULL" when empty.
void append_sockaddr(std::string_view bytes, std::string& out);
// "sip:sport->dip:dport" (v4-mapped v6 pairs as IPv4), unix "%llx->%llx path",
// "NULL" when empty.
void append_socktuple(std::string_view bytes, std::string& out);

// True for ::ffff:a.b.c.d and for the all-zero address, which sysdig prints as IPv4.
bool is_ipv4_mapped_ipv6(const uint8_t* addr16);
void append_ipv4(const uint8_t* addr4, std::string& out);  // dotted quad
void append_ipv6(const uint8_t* addr16, std::string& out);  // inet_ntop text

}  // namespace sysray
