#include "source/scap_event_block.h"

#include <fmt/format.h>

namespace sysray::scap {

namespace {

constexpr size_t kV1HeaderSize = kEventHeaderSizeV1;  // no nparams
constexpr size_t kLenOffset = 16;   // ts u64, tid i64, then len u32
constexpr size_t kTypeOffset = 20;  // then type u16

// Old captures store a len 3 bytes too large for these two events.
bool has_v1_len_quirk(uint16_t type) {
  return type == PPME_NOTIFICATION_E || type == PPME_INFRASTRUCTURE_EVENT_E;
}

}  // namespace

// V1 events are used in place (Event::header_size says their layout); the
// parameter offsets, which count from the event's first byte, are filled in
// on the way.
//
// The parameter count follows libs' rule: the largest n, up to the table's
// count, whose n lengths plus the n parameters they announce fill the event
// exactly. That size grows with n (each length adds at least its own 2 or 4
// bytes), so at most one n matches: the first n whose size reaches the
// event's is it, or there is none. The scan stops there, without reading
// the lengths of parameters the event does not carry.
//
// Nearly every event carries all of its table's parameters, so that count
// is tried first, in one pass that fills the lengths and offsets; being the
// largest possible n, it is the answer whenever it fits.
void EventBlockDecoder::decode_v1(const uint8_t* v1, uint32_t len, uint16_t type, uint64_t at, Event& event) {
  if (has_v1_len_quirk(type) && len >= kV1HeaderSize + 3) len -= 3;
  const EventInfo& info = event_info(type);
  const uint64_t len_size = info.is_large_payload() ? 4 : 2;
  const uint64_t body = len - kV1HeaderSize;  // lengths and parameters
  const uint8_t* lens = v1 + kV1HeaderSize;
  event.ts = load_le<uint64_t>(v1);
  event.tid = load_le<int64_t>(v1 + 8);
  event.type = type;
  event.raw = v1;
  event.raw_len = len;
  event.header_size = kV1HeaderSize;
  if (len_size == 2 && 2u * info.nparams <= body) {
    uint32_t offset = uint32_t(kV1HeaderSize + 2u * info.nparams);
    for (uint32_t i = 0; i < info.nparams; ++i) {
      const uint32_t plen = load_le<uint16_t>(lens + 2 * i);
      event.param_length[i] = plen;
      event.param_offset[i] = offset;
      offset += plen;
    }
    if (offset == len) {
      event.nparams = info.nparams;
      return;
    }
  }
  uint64_t params = 0;  // bytes of the first n parameters
  uint32_t n = 0;
  while (len_size * n + params != body) {
    if (len_size * n + params > body || n == info.nparams || len_size * (n + 1) > body)
      throw FieldError(at, fmt::format("V1 event of type {} ({}): no parameter count matches its length {}", type,
                                       info.name, len));
    const uint32_t plen = len_size == 2 ? load_le<uint16_t>(lens + 2 * n) : load_le<uint32_t>(lens + 4 * n);
    event.param_length[n] = plen;
    params += plen;
    ++n;
  }
  uint32_t offset = uint32_t(kV1HeaderSize + len_size * n);
  for (uint32_t i = 0; i < n; ++i) {
    event.param_offset[i] = offset;
    offset += event.param_length[i];
  }
  event.nparams = n;
}

bool EventBlockDecoder::decode(FieldReader& body, const BlockInfo& block, Event& event) {
  const uint16_t cpu = body.u16("cpu_id");
  const uint32_t flags = block.has_flags ? body.u32("dump_flags") : 0;
  const uint64_t at = body.stream_offset();
  const size_t header_size = block.version >= 2 ? kEventHeaderSize : kV1HeaderSize;
  const size_t avail = body.remaining();
  const uint8_t* raw = body.bytes(header_size, "event header");
  const uint32_t len = load_le<uint32_t>(raw + kLenOffset);
  const uint16_t type = load_le<uint16_t>(raw + kTypeOffset);
  // The event's own len says where it ends; bytes after it in the block
  // (padding, pcapng comments) are not part of it.
  if (len < header_size || len > avail)
    throw FieldError(at, fmt::format("event length {} outside [{}, {}] (the bytes left in its block)", len,
                                     header_size, avail));
  if (skip_unknown_to_legacy_ && type >= kLegacyEventMax) return false;
  if (!is_known_event(type)) throw FieldError(at, fmt::format("unknown event type {}", type));

  if (block.version >= 2) {
    std::string error;
    if (!decode_event(raw, avail, event, &error)) throw FieldError(at, error);
  } else {
    decode_v1(raw, len, type, at, event);
  }
  event.cpu = cpu;
  event.dump_flags = (flags & ~kEventFlagLarge) | (block.large ? kEventFlagLarge : 0);
  return true;
}

}  // namespace sysray::scap
