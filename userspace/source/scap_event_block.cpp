#include "source/scap_event_block.h"

#include <fmt/format.h>

namespace sysray::scap {

namespace {

constexpr size_t kV1HeaderSize = kEventHeaderSize - sizeof(uint32_t);  // no nparams
constexpr size_t kLenOffset = 16;   // ts u64, tid i64, then len u32
constexpr size_t kTypeOffset = 20;  // then type u16

// Old captures store a len 3 bytes too large for these two events.
bool has_v1_len_quirk(uint16_t type) {
  return type == PPME_NOTIFICATION_E || type == PPME_INFRASTRUCTURE_EVENT_E;
}

}  // namespace

// V1 events are rewritten into the V2 layout (Event::raw is always V2, and
// writers copy it as is). The parameter offsets are filled in on the way,
// so the copy is not decoded again.
//
// The parameter count follows libs' rule: the largest n, starting from the
// table's count, whose lengths add up exactly to the event length. The
// lengths sit at the same place whatever n is, so they are read once and
// every n is checked against their running sum. The offsets are filled in
// for the largest n, and again in the rare case of a smaller one.
void EventBlockDecoder::decode_v1(const uint8_t* v1, uint32_t len, uint16_t type, uint64_t at, Event& event) {
  if (has_v1_len_quirk(type) && len >= kV1HeaderSize + 3) len -= 3;
  const EventInfo& info = event_info(type);
  const size_t len_size = info.is_large_payload() ? 4 : 2;
  int max_n = info.nparams;
  while (max_n > 0 && kV1HeaderSize + len_size * size_t(max_n) > len) --max_n;
  const uint8_t* lens = v1 + kV1HeaderSize;
  uint64_t sum[kMaxParams + 1];
  sum[0] = 0;
  const uint64_t data_start = kEventHeaderSize + len_size * size_t(max_n);  // in the V2 copy
  for (int i = 0; i < max_n; ++i) {
    const uint32_t plen = len_size == 2 ? load_le<uint16_t>(lens + 2 * i) : load_le<uint32_t>(lens + 4 * i);
    event.param_length[i] = plen;
    event.param_offset[i] = uint32_t(data_start + sum[i]);
    sum[i + 1] = sum[i] + plen;
  }
  int nparams = -1;
  for (int n = max_n; n >= 0; --n) {
    if (kV1HeaderSize + len_size * size_t(n) + sum[n] == len) {
      nparams = n;
      break;
    }
  }
  if (nparams < 0)
    throw FieldError(at, fmt::format("V1 event of type {} ({}): no parameter count matches its length {}", type,
                                     info.name, len));
  if (nparams != max_n) {
    const uint64_t start = kEventHeaderSize + len_size * size_t(nparams);
    for (int i = 0; i < nparams; ++i) event.param_offset[i] = uint32_t(start + sum[i]);
  }

  const uint32_t v2_len = len + sizeof(uint32_t);
  const uint32_t v2_nparams = uint32_t(nparams);
  if (v2_.size() < v2_len) v2_.resize(v2_len);  // grows only: no clearing per event
  uint8_t* v2 = v2_.data();
  std::memcpy(v2, v1, kV1HeaderSize);
  std::memcpy(v2 + kLenOffset, &v2_len, sizeof v2_len);
  std::memcpy(v2 + kV1HeaderSize, &v2_nparams, sizeof v2_nparams);
  std::memcpy(v2 + kEventHeaderSize, v1 + kV1HeaderSize, len - kV1HeaderSize);

  event.ts = load_le<uint64_t>(v1);
  event.tid = load_le<int64_t>(v1 + 8);
  event.type = type;
  event.nparams = v2_nparams;
  event.raw = v2;
  event.raw_len = v2_len;
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
