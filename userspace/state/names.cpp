#include "state/names.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cstring>
#include <vector>

#include "event/event.h"

namespace sysray {

void append_ipv4(const uint8_t* a, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{}.{}.{}.{}", a[0], a[1], a[2], a[3]);
}

void append_ipv6(const uint8_t* addr, std::string& out) {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, addr, buf, sizeof buf);
  out += buf;
}

bool is_v4_mapped(const uint8_t* a) {
  static const uint8_t zeros[16] = {};
  if (std::memcmp(a, zeros, 16) == 0) return true;
  return std::memcmp(a, zeros, 10) == 0 && a[10] == 0xff && a[11] == 0xff;
}

void append_ip_tuple(bool ipv6, const uint8_t* sip, uint16_t sport, const uint8_t* dip, uint16_t dport,
                     std::string& out) {
  auto it = std::back_inserter(out);
  if (ipv6 && !(is_v4_mapped(sip) && is_v4_mapped(dip))) {
    append_ipv6(sip, out);
    fmt::format_to(it, ":{}->", sport);
    append_ipv6(dip, out);
    fmt::format_to(it, ":{}", dport);
    return;
  }
  const uint8_t* s = ipv6 ? sip + 12 : sip;
  const uint8_t* d = ipv6 ? dip + 12 : dip;
  append_ipv4(s, out);
  fmt::format_to(it, ":{}->", sport);
  append_ipv4(d, out);
  fmt::format_to(it, ":{}", dport);
}

void append_printable(std::string_view s, std::string& out) {
  for (char c : s) {
    if (c >= 0x20 && c <= 0x7e) out += c;
  }
}

namespace {
std::string_view until_nul(std::string_view s) {
  size_t nul = s.find('\0');
  return nul == std::string_view::npos ? s : s.substr(0, nul);
}
const uint8_t* bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }
}  // namespace

void append_sockaddr_param(std::string_view p, std::string& out) {
  if (p.empty()) {
    out += "NULL";
    return;
  }
  const uint8_t family = uint8_t(p[0]);
  if (family == kPpmAfUnix) {
    append_printable(until_nul(p.substr(1)), out);
  } else if (family == kPpmAfInet) {
    if (p.size() != 7) {
      out += "INVALID IPv4";
      return;
    }
    append_ipv4(bytes(p) + 1, out);
    fmt::format_to(std::back_inserter(out), ":{}", load_le<uint16_t>(bytes(p) + 5));
  } else if (family == kPpmAfInet6) {
    if (p.size() != 19) {
      out += "INVALID IPv6";
      return;
    }
    append_ipv6(bytes(p) + 1, out);
    fmt::format_to(std::back_inserter(out), ":{}", load_le<uint16_t>(bytes(p) + 17));
  } else {
    fmt::format_to(std::back_inserter(out), "family {}", family);
  }
}

void append_socktuple_param(std::string_view p, std::string& out) {
  if (p.empty()) {
    out += "NULL";
    return;
  }
  const uint8_t family = uint8_t(p[0]);
  const uint8_t* b = bytes(p);
  if (family == kPpmAfInet && p.size() == 13) {
    append_ip_tuple(false, b + 1, load_le<uint16_t>(b + 5), b + 7, load_le<uint16_t>(b + 11), out);
  } else if (family == kPpmAfInet6 && p.size() == 37) {
    append_ip_tuple(true, b + 1, load_le<uint16_t>(b + 17), b + 19, load_le<uint16_t>(b + 35), out);
  } else if (family == kPpmAfUnix && p.size() >= 17) {
    fmt::format_to(std::back_inserter(out), "{:x}->{:x} ", load_le<uint64_t>(b + 1), load_le<uint64_t>(b + 9));
    append_printable(until_nul(p.substr(17)), out);
  } else {
    fmt::format_to(std::back_inserter(out), "family {}", family);
  }
}

std::string normalize_path(std::string_view base, std::string_view path) {
  std::string joined;
  if (path.empty() || path[0] != '/') joined.append(base);
  if (!joined.empty() && joined.back() != '/' && !path.empty()) joined += '/';
  joined.append(path);
  // Split on '/', apply "." and "..", join back.
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  const bool absolute = !rest.empty() && rest[0] == '/';
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!absolute) parts.push_back(part);
      continue;
    }
    parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out.append(parts[i]);
  }
  if (out.empty()) out = ".";
  return out;
}

}  // namespace sysray
