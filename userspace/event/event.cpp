#include "event/event.h"

#include <fmt/format.h>

namespace sysray {

int find_param(const Event& event, std::string_view name) {
  const EventInfo& info = event.info();
  const ParamInfo* params = info.display_params();
  for (int i = 0; i < info.display_nparams(); ++i) {
    if (name == params[i].name) return i;
  }
  for (int i = info.display_nparams(); i < info.nparams; ++i) {
    if (name == info.params[i].name) return i;
  }
  return -1;
}

bool decode_event(const uint8_t* data, size_t avail, Event& out, std::string* error) {
  if (avail < kEventHeaderSize) {
    *error = fmt::format("event header needs {} bytes, {} left", kEventHeaderSize, avail);
    return false;
  }
  out.ts = load_le<uint64_t>(data);
  out.tid = load_le<int64_t>(data + 8);
  uint32_t len = load_le<uint32_t>(data + 16);
  out.type = load_le<uint16_t>(data + 20);
  out.nparams = load_le<uint32_t>(data + 22);
  if (len < kEventHeaderSize || len > avail) {
    *error = fmt::format("event length {} outside [{}, {}]", len, kEventHeaderSize, avail);
    return false;
  }
  if (!is_known_event(out.type)) {
    *error = fmt::format("unknown event type {}", out.type);
    return false;
  }
  if (out.nparams > kMaxParams) {
    *error = fmt::format("event type {} has {} parameters, at most {} are possible", out.type, out.nparams, kMaxParams);
    return false;
  }
  const size_t len_size = out.info().is_large_payload() ? 4 : 2;
  size_t offset = kEventHeaderSize + out.nparams * len_size;
  if (offset > len) {
    *error = fmt::format("event type {}: {} parameter lengths overrun the event length {}", out.type, out.nparams, len);
    return false;
  }
  const uint8_t* lens = data + kEventHeaderSize;
  for (uint32_t i = 0; i < out.nparams; ++i) {
    uint32_t plen = len_size == 4 ? load_le<uint32_t>(lens + 4 * i) : load_le<uint16_t>(lens + 2 * i);
    if (plen > len - offset) {
      *error = fmt::format("event type {}: parameter {} ({} bytes) overruns the event length {}", out.type, i, plen, len);
      return false;
    }
    out.param_offset[i] = uint32_t(offset);
    out.param_length[i] = plen;
    offset += plen;
  }
  out.raw = data;
  out.raw_len = len;
  out.header_size = kEventHeaderSize;
  return true;
}

}  // namespace sysray
