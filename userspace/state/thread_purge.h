// Threads whose exit never reached the state (a procexit dropped by a full
// ring buffer, or a thread that ended while the probe was detached) would
// stay in the thread table for good, with their fds. As sysdig does
// (sinsp's thread purge: every 20 minutes, threads idle for 30), a live
// capture checks from time to time, by event time, which idle threads the
// system no longer has, and removes them.
//
// Only live capture purges: a capture file cannot be asked which threads
// still exist, and its replay must not depend on when it is read. A purge
// is not an event, so a .sray or .scap written live keeps those threads
// (as sysdig's captures do).
#pragma once

#include <cstdint>
#include <functional>

#include "state/state.h"

namespace sysray {

class ThreadPurge {
 public:
  static constexpr uint64_t kIntervalNs = 1200ull * 1000000000;  // sinsp's thread_purge_interval_s
  static constexpr uint64_t kIdleNs = 1800ull * 1000000000;      // sinsp's thread_timeout_s

  // alive(t): whether the system still has thread t (live: /proc).
  using Alive = std::function<bool(const ThreadInfo&)>;
  explicit ThreadPurge(Alive alive, uint64_t interval_ns = kIntervalNs, uint64_t idle_ns = kIdleNs)
      : alive_(std::move(alive)), interval_ns_(interval_ns), idle_ns_(idle_ns) {}

  // Called before State sees the event at ts: the first call starts the
  // clock, then a purge runs once every interval of event time.
  void before_event(State& state, uint64_t ts);
  uint64_t purged() const { return purged_; }

 private:
  Alive alive_;
  uint64_t interval_ns_, idle_ns_;
  uint64_t next_ = 0;  // event time of the next purge; 0 before the first event
  uint64_t purged_ = 0;
};

}  // namespace sysray
