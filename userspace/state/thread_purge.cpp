#include "state/thread_purge.h"

namespace sysray {

void ThreadPurge::before_event(State& state, uint64_t ts) {
  if (next_ == 0) {
    next_ = ts + interval_ns_;
    return;
  }
  if (ts < next_) return;
  next_ = ts + interval_ns_;
  // Threads that were never active (from the initial /proc scan) count
  // from the start of the capture, which is at least one interval ago.
  const uint64_t idle_before = ts > idle_ns_ ? ts - idle_ns_ : 0;
  purged_ += state.purge_threads(idle_before, alive_);
}

}  // namespace sysray
