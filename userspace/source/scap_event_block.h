// Decodes the body of an event block (EV, EVF, their V2 and LARGE forms)
// into an Event (scap-format.md §1.9).
//
// V1 events carry no nparams; they are used in place, their count inferred
// from the lengths (Event::header_size tells the two layouts apart).
#pragma once

#include <cstdint>

#include "event/event.h"
#include "source/field_reader.h"
#include "source/scap_block_types.h"

namespace sysray::scap {

// Dump flag set in memory for events read from a *_LARGE block; never
// written to a file.
constexpr uint32_t kEventFlagLarge = 1u << 2;

class EventBlockDecoder {
 public:
  // skip_unknown_to_legacy: drop events sysdig 0.29.3 does not know (type
  // >= kLegacyEventMax) as it does, instead of yielding them.
  explicit EventBlockDecoder(bool skip_unknown_to_legacy) : skip_unknown_to_legacy_(skip_unknown_to_legacy) {}

  // body: the block without its 8-byte header and 4-byte trailer. Fills
  // event (all but num) and returns true, or returns false for an event to
  // skip silently. Throws FieldError on damage.
  bool decode(FieldReader& body, const BlockInfo& block, Event& event);

 private:
  void decode_v1(const uint8_t* v1, uint32_t len, uint16_t type, uint64_t at, Event& event);

  bool skip_unknown_to_legacy_;
};

}  // namespace sysray::scap
