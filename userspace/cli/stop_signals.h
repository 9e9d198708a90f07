// Stopping a capture cleanly: Ctrl-C, SIGTERM and the -M timer only ask
// the source to stop (an atomic store, async-signal-safe); the pipeline
// then drains the rings (live) or stops reading (a file), closes the -w
// file, prints the -S table and the drop counts, and exits 0. A second
// Ctrl-C or SIGTERM exits at once (status 128+signal). A chisel stuck in
// its Lua code is interrupted (chisel/chisel_interrupt.h).
#pragma once

#include "source/event_source.h"

namespace sysray {

class StopSignals {
 public:
  // Installs the handlers for `source`; one instance at a time.
  explicit StopSignals(EventSource& source);
  // Restores the default handlers and cancels the timer.
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Stops the source `seconds` from now (SIGALRM), whatever arrives.
  void stop_after(unsigned seconds);
  // True once a stop signal arrived: a file source has no stop() of its
  // own, so the pipeline asks.
  static bool requested();
};

}  // namespace sysray
