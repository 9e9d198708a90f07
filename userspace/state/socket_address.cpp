#include "state/socket_address.h"

#include <arpa/inet.h>

#include "event/number_format.h"
#include "event/param_bytes.h"
#include "state/printable_text.h"

namespace sysray {
namespace {

constexpr size_t kInetAddrLen = 1 + 4 + 2;
constexpr size_t kInet6AddrLen = 1 + 16 + 2;
constexpr size_t kInetTupleLen = 1 + 4 + 2 + 4 + 2;
constexpr size_t kInet6TupleLen = 1 + 16 + 2 + 16 + 2;
constexpr size_t kUnixTuplePathOffset = 1 + 8 + 8;

const uint8_t* as_bytes(std::string_view v, size_t offset) {
  return reinterpret_cast<const uint8_t*>(v.data()) + offset;
}

void append_port(std::string_view bytes, size_t offset, std::string& out) {
  out.push_back(':');
  append_unsigned_decimal(read_le_unsigned(bytes.substr(offset), 2), out);
}

void append_family(uint8_t family, std::string& out) {
  out += "family ";
  append_decimal(family, out);
}

}  // namespace

bool is_ipv4_mapped_ipv6(const uint8_t* a) {
  for (int i = 0; i < 10; ++i) {
    if (a[i] != 0) return false;
  }
  if (a[10] == 0xff && a[11] == 0xff) return true;
  return a[10] == 0 && a[11] == 0 && a[12] == 0 && a[13] == 0 && a[14] == 0 && a[15] == 0;
}

void append_ipv4(const uint8_t* a, std::string& out) {
  for (int i = 0; i < 4; ++i) {
    if (i > 0) out.push_back('.');
    append_unsigned_decimal(a[i], out);
  }
}

void append_ipv6(const uint8_t* a, std::string& out) {
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, a, text, sizeof text) != nullptr) out += text;
}

void append_sockaddr(std::string_view bytes, std::string& out) {
  if (bytes.empty()) {
    out += "NULL";
    return;
  }
  const uint8_t family = uint8_t(bytes[0]);
  switch (family) {
    case kPpmAfUnix:
      append_printable(until_nul(bytes.substr(1)), out);
      return;
    case kPpmAfInet:
      if (bytes.size() != kInetAddrLen) {
        out += "INVALID IPv4";
        return;
      }
      append_ipv4(as_bytes(bytes, 1), out);
      append_port(bytes, 5, out);
      return;
    case kPpmAfInet6:
      if (bytes.size() != kInet6AddrLen) {
        out += "INVALID IPv6";
        return;
      }
      append_ipv6(as_bytes(bytes, 1), out);
      append_port(bytes, 17, out);
      return;
    default:
      append_family(family, out);
  }
}

void append_socktuple(std::string_view bytes, std::string& out) {
  if (bytes.empty()) {
    out += "NULL";
    return;
  }
  const uint8_t family = uint8_t(bytes[0]);
  switch (family) {
    case kPpmAfInet:
      if (bytes.size() != kInetTupleLen) {
        out += "INVALID IPv4";
        return;
      }
      append_ipv4(as_bytes(bytes, 1), out);
      append_port(bytes, 5, out);
      out += "->";
      append_ipv4(as_bytes(bytes, 7), out);
      append_port(bytes, 11, out);
      return;
    case kPpmAfInet6: {
      if (bytes.size() != kInet6TupleLen) {
        out += "INVALID IPv6";
        return;
      }
      const uint8_t* sip = as_bytes(bytes, 1);
      const uint8_t* dip = as_bytes(bytes, 19);
      // Both ends v4-mapped: sysdig prints the pair as an IPv4 tuple.
      const bool as_v4 = is_ipv4_mapped_ipv6(sip) && is_ipv4_mapped_ipv6(dip);
      void (*append_ip)(const uint8_t*, std::string&) =
          as_v4 ? +[](const uint8_t* a, std::string& o) { append_ipv4(a + 12, o); } : &append_ipv6;
      append_ip(sip, out);
      append_port(bytes, 17, out);
      out += "->";
      append_ip(dip, out);
      append_port(bytes, 35, out);
      return;
    }
    case kPpmAfUnix:
      // A short tuple reads as zeros rather than past the parameter.
      append_lower_hex(read_le_unsigned(bytes.substr(1), 8), out);
      out += "->";
      append_lower_hex(read_le_unsigned(bytes.size() > 9 ? bytes.substr(9) : std::string_view(), 8), out);
      out.push_back(' ');
      if (bytes.size() > kUnixTuplePathOffset) append_printable(until_nul(bytes.substr(kUnixTuplePathOffset)), out);
      return;
    default:
      append_family(family, out);
  }
}

}  // namespace sysray
