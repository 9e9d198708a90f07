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

// libs' rule for V1 events: the largest n, starting from the table's count,
// whose lengths add up exactly to the event length. -1 when none does.
int infer_nparams(const uint8_t* v1, uint32_t len, uint16_t type) {
  const EventInfo& info = event_info(type);
  const size_t len_size = info.is_large_payload() ? 4 : 2;
  for (int n = info.nparams; n >= 0; --n) {
    uint64_t end = kV1HeaderSize + len_size * size_t(n);
    if (end > len) continue;
    for (int i = 0; i < n; ++i) {
      const uint8_t* p = v1 + kV1HeaderSize + len_size * size_t(i);
      end += len_size == 4 ? load_le<uint32_t>(p) : load_le<uint16_t>(p);
    }
    if (end == len) return n;
  }
  return -1;
}

}  // namespace

const uint8_t* EventBlockDecoder::convert_v1(const uint8_t* v1, uint32_t len, uint16_t type, uint64_t at) {
  if (has_v1_len_quirk(type) && len >= kV1HeaderSize + 3) len -= 3;
  int nparams = infer_nparams(v1, len, type);
  if (nparams < 0)
    throw FieldError(at, fmt::format("V1 event of type {} ({}): no parameter count matches its length {}", type,
                                     event_info(type).name, len));
  v2_.resize(len + sizeof(uint32_t));
  std::memcpy(v2_.data(), v1, kV1HeaderSize);
  const uint32_t v2_len = len + sizeof(uint32_t);
  const uint32_t v2_nparams = uint32_t(nparams);
  std::memcpy(v2_.data() + kLenOffset, &v2_len, sizeof v2_len);
  std::memcpy(v2_.data() + kV1HeaderSize, &v2_nparams, sizeof v2_nparams);
  std::memcpy(v2_.data() + kEventHeaderSize, v1 + kV1HeaderSize, len - kV1HeaderSize);
  return v2_.data();
}

bool EventBlockDecoder::decode(FieldReader body, const BlockInfo& block, Event& event) {
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

  const uint8_t* v2 = block.version >= 2 ? raw : convert_v1(raw, len, type, at);
  const size_t v2_avail = block.version >= 2 ? avail : v2_.size();
  std::string error;
  if (!decode_event(v2, v2_avail, event, &error)) throw FieldError(at, error);
  event.cpu = cpu;
  event.dump_flags = (flags & ~kEventFlagLarge) | (block.large ? kEventFlagLarge : 0);
  return true;
}

}  // namespace sysray::scap
