#include "trace/time_range_source.h"

namespace sysray::trace {

bool TimeRangeSource::next(Event& event) {
  if (done_ || !inner_->next(event)) return false;
  if (!started_) {
    // Relative bounds count from the first event.
    started_ = true;
    if (from_) from_ns_ = from_->resolve(event.ts);
    if (to_) to_ns_ = to_->resolve(event.ts);
  }
  if (event.ts > to_ns_) {
    done_ = true;
    return false;
  }
  if (event.ts < from_ns_) event.dump_flags |= kEventFlagStateOnly;
  return true;
}

}  // namespace sysray::trace
