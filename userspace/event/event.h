// One event in scap layout, as every source yields it.
//
// An Event is a view: it points into the source's buffer (a decompressed
// block, a mapped file, a ring buffer slot) and never owns or copies the
// parameters. The layout is the scap/ppm one: header (ts, tid, len, type,
// nparams), then nparams lengths (u16, or u32 for EF_LARGE_PAYLOAD types),
// then the parameters back to back. Events of old (V1) captures are used
// in place: their header lacks nparams (header_size 22, not 26); whoever
// needs the V2 bytes (writers, copies kept in the state) uses append_v2().
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "event/event_table.h"

namespace sysray {

// Size of the V2 event header: ts u64, tid i64, len u32, type u16, nparams u32.
constexpr size_t kEventHeaderSize = 26;
// The V1 header: the same without nparams.
constexpr size_t kEventHeaderSizeV1 = 22;

// Flags a source attaches to an event (scap's EVF dump flags).
constexpr uint32_t kEventFlagStateOnly = 1u << 0;  // update state, never show

template <class T>
inline T load_le(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

struct Event {
  // From the event header.
  uint64_t ts = 0;   // ns since the epoch
  int64_t tid = 0;
  uint16_t type = 0;
  uint32_t nparams = 0;  // parameters present in this event
  // From the source.
  uint16_t cpu = 0;
  uint32_t dump_flags = 0;
  uint64_t num = 0;  // evt.num: 1-based position in the source

  const uint8_t* raw = nullptr;  // the whole event, header first
  uint32_t raw_len = 0;
  // kEventHeaderSize (V2) or kEventHeaderSizeV1; param_offset counts from
  // raw either way, so only code that reads the header or copies the bytes
  // cares.
  uint32_t header_size = kEventHeaderSize;
  uint32_t param_offset[kMaxParams] = {};  // from raw
  uint32_t param_length[kMaxParams] = {};

  const EventInfo& info() const { return event_info(type); }
  bool is_enter() const { return (type & 1) == 0; }

  // Parameter i's bytes; empty when the event does not carry it.
  std::string_view param(size_t i) const {
    if (i >= nparams) return {};
    return {reinterpret_cast<const char*>(raw) + param_offset[i], param_length[i]};
  }
  bool has_param(size_t i) const { return i < nparams; }

  // Parameter i as a little-endian integer of its own width (1, 2, 4 or 8
  // bytes), sign- or zero-extended by T. Missing or odd-sized params give 0.
  template <class T>
  T param_int(size_t i) const {
    if (i >= nparams) return 0;
    const uint8_t* p = raw + param_offset[i];
    switch (param_length[i]) {
      case 1: return T(std::is_signed_v<T> ? int64_t(int8_t(p[0])) : int64_t(p[0]));
      case 2: return T(std::is_signed_v<T> ? int64_t(load_le<int16_t>(p)) : int64_t(load_le<uint16_t>(p)));
      case 4: return T(std::is_signed_v<T> ? int64_t(load_le<int32_t>(p)) : int64_t(load_le<uint32_t>(p)));
      case 8: return T(load_le<uint64_t>(p));
      default: return 0;
    }
  }
  // A NUL-terminated string parameter, without its NUL.
  std::string_view param_str(size_t i) const {
    std::string_view v = param(i);
    size_t nul = v.find('\0');
    return nul == std::string_view::npos ? v : v.substr(0, nul);
  }
};

// Copies what describes an event (header, source fields, raw pointer and
// the offsets of its nparams parameters) from one Event to another: the
// same as `to = from` for every use, without copying the unused slots.
inline void copy_event_view(const Event& from, Event& to) {
  to.ts = from.ts;
  to.tid = from.tid;
  to.type = from.type;
  to.nparams = from.nparams;
  to.cpu = from.cpu;
  to.dump_flags = from.dump_flags;
  to.num = from.num;
  to.raw = from.raw;
  to.raw_len = from.raw_len;
  to.header_size = from.header_size;
  const size_t n = from.nparams < kMaxParams ? from.nparams : kMaxParams;
  std::memcpy(to.param_offset, from.param_offset, n * sizeof from.param_offset[0]);
  std::memcpy(to.param_length, from.param_length, n * sizeof from.param_length[0]);
}

// Size of the event in the V2 layout.
inline size_t v2_size(const Event& e) { return e.raw_len + (kEventHeaderSize - e.header_size); }

// Writes the event's v2_size(e) bytes in the V2 layout (what scap files,
// .sray blocks and the state's copies hold) to p: raw as is for a V2
// event, a V1 one with nparams inserted and its len set to the V2 size.
inline void write_v2(const Event& e, uint8_t* p) {
  if (e.header_size == kEventHeaderSize) {
    std::memcpy(p, e.raw, e.raw_len);
    return;
  }
  const uint32_t len = uint32_t(v2_size(e));
  std::memcpy(p, e.raw, 16);  // ts, tid
  std::memcpy(p + 16, &len, sizeof len);
  std::memcpy(p + 20, e.raw + 20, 2);  // type
  std::memcpy(p + 22, &e.nparams, sizeof e.nparams);
  std::memcpy(p + kEventHeaderSize, e.raw + kEventHeaderSizeV1, e.raw_len - kEventHeaderSizeV1);
}

// Appends the event's bytes in the V2 layout to out.
template <class Buffer>
void append_v2(const Event& e, Buffer& out) {
  const size_t at = out.size();
  out.resize(at + v2_size(e));
  write_v2(e, out.data() + at);
}

// Index of the parameter named `name` (sysdig 0.29.3's layout first, then
// parameters only the current table has), or -1.
int find_param(const Event& event, std::string_view name);

// Decodes the event at data (avail bytes readable) into out. On failure
// returns false and sets *error to what is wrong (the caller adds where).
// Parameters beyond kMaxParams are not addressable and make it fail.
bool decode_event(const uint8_t* data, size_t avail, Event& out, std::string* error);

}  // namespace sysray
