#include "support/event_builder.h"

#include <gtest/gtest.h>

namespace sysray::test {
namespace {

void append(std::string& out, std::initializer_list<uint8_t> bytes) {
  for (uint8_t b : bytes) out.push_back(char(b));
}

void append(std::vector<uint8_t>& out, const void* data, size_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  out.insert(out.end(), p, p + size);
}

template <class T>
void put(std::vector<uint8_t>& out, size_t offset, T v) {
  std::memcpy(out.data() + offset, &v, sizeof v);
}

}  // namespace

std::string sockaddr_ipv4(std::initializer_list<uint8_t> ip, uint16_t port) {
  std::string out(1, char(2));
  append(out, ip);
  return out + le_bytes(port);
}

std::string sockaddr_ipv6(const uint8_t (&ip)[16], uint16_t port) {
  std::string out(1, char(10));
  out.append(reinterpret_cast<const char*>(ip), 16);
  return out + le_bytes(port);
}

std::string sockaddr_unix(std::string_view path) {
  std::string out(1, char(1));
  out.append(path);
  out.push_back('\0');
  return out;
}

std::string socktuple_ipv4(std::initializer_list<uint8_t> sip, uint16_t sport, std::initializer_list<uint8_t> dip,
                           uint16_t dport) {
  std::string out(1, char(2));
  append(out, sip);
  out += le_bytes(sport);
  append(out, dip);
  return out + le_bytes(dport);
}

std::string socktuple_ipv6(const uint8_t (&sip)[16], uint16_t sport, const uint8_t (&dip)[16], uint16_t dport) {
  std::string out(1, char(10));
  out.append(reinterpret_cast<const char*>(sip), 16);
  out += le_bytes(sport);
  out.append(reinterpret_cast<const char*>(dip), 16);
  return out + le_bytes(dport);
}

std::string socktuple_unix(uint64_t source, uint64_t dest, std::string_view path) {
  std::string out(1, char(1));
  out += le_bytes(source) + le_bytes(dest);
  out.append(path);
  out.push_back('\0');
  return out;
}

std::string fd_list(std::initializer_list<FdListEntry> entries) {
  std::string out = le_bytes(uint16_t(entries.size()));
  for (const FdListEntry& e : entries) out += le_bytes(e.fd) + le_bytes(e.flags);
  return out;
}

std::vector<uint8_t> EventBuilder::encode() const {
  const bool large = is_known_event(type_) && event_info(type_).is_large_payload();
  std::vector<uint8_t> out(kEventHeaderSize);
  for (const std::string& p : params_) {
    if (large) {
      const uint32_t len = uint32_t(p.size());
      append(out, &len, sizeof len);
    } else {
      const uint16_t len = uint16_t(p.size());
      append(out, &len, sizeof len);
    }
  }
  for (const std::string& p : params_) append(out, p.data(), p.size());
  put(out, 0, ts_);
  put(out, 8, tid_);
  put(out, 16, uint32_t(out.size()));
  put(out, 20, type_);
  put(out, 22, uint32_t(params_.size()));
  return out;
}

BuiltEvent EventBuilder::build() const {
  BuiltEvent built;
  built.bytes = encode();
  std::string error;
  if (!decode_event(built.bytes.data(), built.bytes.size(), built.event, &error)) {
    ADD_FAILURE() << "built event does not decode: " << error;
  }
  return built;
}

}  // namespace sysray::test
