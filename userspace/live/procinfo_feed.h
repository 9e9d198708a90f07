// procinfo events as sysdig makes them in a live capture (sinsp's
// get_procs_cpu_from_driver): when an event's timestamp enters a new
// second (the first second seen only starts the clock) and more than half
// a second of wall time has passed since the last thread list, every
// thread with CPU time gets a PPME_PROCINFO_E (cpu_usr, cpu_sys: clock
// ticks since it started) stamped 1 ns before that second began, and these
// come before the event that crossed into the second. thread.cpu is then
// the ticks between two lists: a percentage of one CPU over that second.
#pragma once

#include <cstdint>
#include <vector>

#include "event/event.h"

namespace sysray {

// One thread's CPU time since it started, in clock ticks.
struct TaskTicks {
  uint32_t tid;
  uint64_t utime;
  uint64_t stime;
  uint32_t pid = 0;  // its process, for a pushdown plan's pid set
};

// CLOCK_MONOTONIC in ns.
uint64_t monotonic_ns();

class ProcinfoFeed {
 public:
  explicit ProcinfoFeed(uint64_t (*wall_clock)() = monotonic_ns) : wall_clock_(wall_clock) {}
  // Whether a thread list is due before the event at ts (ns since the
  // epoch). Advances the schedule; reads the wall clock only when ts
  // enters a new second.
  bool due(uint64_t ts);
  // Queues one event per thread, stamped for the list due() asked for.
  void queue(const std::vector<TaskTicks>& tasks);
  // Decodes the next queued event into event (valid until the next
  // queue()); false when none is left.
  bool pop(Event& event);
  bool empty() const { return next_ >= count_; }

 private:
  uint64_t (*wall_clock_)();
  uint64_t next_second_ = 0;      // the second boundary that triggers the next list
  uint64_t last_list_wall_ = 0;   // wall time of the last list
  uint64_t stamp_ = 0;            // ts of the queued events
  std::vector<uint8_t> bytes_;    // the queued events, back to back
  size_t count_ = 0, next_ = 0;
};

// Size of one procinfo event: header, two u16 lengths, two u64 values.
constexpr size_t kProcinfoEventSize = kEventHeaderSize + 2 * 2 + 2 * 8;

}  // namespace sysray
