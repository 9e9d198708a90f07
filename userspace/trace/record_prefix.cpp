#include "trace/record_prefix.h"

#include <algorithm>

#include "trace/state_dictionary.h"

namespace sysray::trace {

void RecordPrefixes::set_initial_state(Bytes raw) {
  initial_ = std::move(raw);
  if (major_ < 4) return;
  const Bytes& dictionary = state_dictionary(major_);
  const size_t state_part = std::min(initial_.size(), kMaxStateInEventPrefix);
  events_.clear();
  events_.reserve(dictionary.size() + state_part);
  events_.insert(events_.end(), dictionary.begin(), dictionary.end());
  events_.insert(events_.end(), initial_.begin(), initial_.begin() + ptrdiff_t(state_part));
}

const Bytes* RecordPrefixes::for_initial_state() const {
  return major_ >= 2 ? &state_dictionary(major_) : nullptr;
}

}  // namespace sysray::trace
