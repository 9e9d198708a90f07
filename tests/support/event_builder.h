// Builds scap-layout events by hand for tests: header (ts, tid, len, type,
// nparams), the parameter lengths (u16, or u32 for EF_LARGE_PAYLOAD types),
// then the parameters.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "event/event.h"

namespace sysray::test {

// Little-endian bytes of an integer, for composing parameters.
template <class T>
std::string le_bytes(T v) {
  std::string out(sizeof v, '\0');
  std::memcpy(out.data(), &v, sizeof v);
  return out;
}

// Parameter encodings of the types that have a layout of their own.
std::string sockaddr_ipv4(std::initializer_list<uint8_t> ip, uint16_t port);
std::string sockaddr_ipv6(const uint8_t (&ip)[16], uint16_t port);
std::string sockaddr_unix(std::string_view path);
std::string socktuple_ipv4(std::initializer_list<uint8_t> sip, uint16_t sport,
                           std::initializer_list<uint8_t> dip, uint16_t dport);
std::string socktuple_ipv6(const uint8_t (&sip)[16], uint16_t sport, const uint8_t (&dip)[16], uint16_t dport);
std::string socktuple_unix(uint64_t source, uint64_t dest, std::string_view path);
struct FdListEntry {
  int64_t fd;
  int16_t flags;
};
std::string fd_list(std::initializer_list<FdListEntry> entries);

// An event that owns its bytes; `event` is a decoded view of them.
// Move-only: the view points into `bytes`.
struct BuiltEvent {
  std::vector<uint8_t> bytes;
  Event event;

  BuiltEvent() = default;
  BuiltEvent(BuiltEvent&&) = default;
  BuiltEvent& operator=(BuiltEvent&&) = default;
  BuiltEvent(const BuiltEvent&) = delete;
  BuiltEvent& operator=(const BuiltEvent&) = delete;
};

class EventBuilder {
 public:
  explicit EventBuilder(uint16_t type, int64_t tid = 1, uint64_t ts = 1000) : type_(type), tid_(tid), ts_(ts) {}

  EventBuilder& raw(std::string_view bytes) {  // a parameter of exactly these bytes
    params_.emplace_back(bytes);
    return *this;
  }
  EventBuilder& empty() { return raw({}); }
  EventBuilder& str(std::string_view s) {  // a NUL-terminated string
    params_.emplace_back(s);
    params_.back().push_back('\0');
    return *this;
  }
  EventBuilder& i8(int8_t v) { return raw(le_bytes(v)); }
  EventBuilder& i16(int16_t v) { return raw(le_bytes(v)); }
  EventBuilder& i32(int32_t v) { return raw(le_bytes(v)); }
  EventBuilder& i64(int64_t v) { return raw(le_bytes(v)); }
  EventBuilder& u8(uint8_t v) { return raw(le_bytes(v)); }
  EventBuilder& u16(uint16_t v) { return raw(le_bytes(v)); }
  EventBuilder& u32(uint32_t v) { return raw(le_bytes(v)); }
  EventBuilder& u64(uint64_t v) { return raw(le_bytes(v)); }

  // The scap bytes of the event.
  std::vector<uint8_t> encode() const;
  // Encodes and decodes; fails the calling test (via ADD_FAILURE) if it does not decode.
  BuiltEvent build() const;

 private:
  uint16_t type_;
  int64_t tid_;
  uint64_t ts_;
  std::vector<std::string> params_;
};

}  // namespace sysray::test
