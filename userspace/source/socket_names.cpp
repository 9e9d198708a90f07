#include "source/socket_names.h"

#include <arpa/inet.h>

#include <algorithm>

#include <fmt/format.h>

namespace sysray {

std::string ipv4_endpoint(const uint8_t addr[4], uint16_t port) {
  return fmt::format("{}.{}.{}.{}:{}", addr[0], addr[1], addr[2], addr[3], port);
}

std::string ipv6_endpoint(const uint8_t addr[16], uint16_t port) {
  char text[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, addr, text, sizeof text)) text[0] = '\0';
  return fmt::format("{}:{}", text, port);
}

bool is_ipv4_mapped_or_zero(const uint8_t addr[16]) {
  const bool zero_prefix = std::all_of(addr, addr + 10, [](uint8_t b) { return b == 0; });
  if (!zero_prefix) return false;
  if (addr[10] == 0xff && addr[11] == 0xff) return true;
  return std::all_of(addr + 10, addr + 16, [](uint8_t b) { return b == 0; });
}

}  // namespace sysray
