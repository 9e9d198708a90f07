// Live capture: the BPF probe's events, merged across CPUs by timestamp.
//
// open() checks privileges, loads and attaches the probe, then scans /proc
// into the State and finishes loading it (as the scap reader does). next() returns events in timestamp order across the
// per-CPU rings, zero-copy: the event points into the ring and stays valid
// until the following call. stop() (any thread, or a signal handler) makes
// next() detach the probe, drain what is left and then return false. When
// every ring is empty, next() runs the idle handler once before it waits.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "filters/pushdown.h"

#include "live/probe_loader.h"
#include "live/procinfo_feed.h"
#include "live/ring_reader.h"
#include "live/task_cpu_times.h"
#include "source/event_source.h"

namespace sysray {

struct LiveOptions {
  uint32_t snaplen = 80;                        // bytes kept of I/O buffers (sysdig -s)
  uint64_t buffer_bytes_per_cpu = 8ull << 20;   // ring size per CPU, rounded up to a power of two
  bool exclude_self = true;                     // hide sysray's own syscalls
  bool scan_proc = true;                        // load threads and fds from /proc in open()
  uint32_t idle_sleep_us = 1000;                // poll interval when all rings are empty
  // Filter in the kernel: events that cannot match the plan are dropped
  // before any copy; state-changing ones come marked kEventFlagStateOnly.
  std::optional<PushdownPlan> pushdown;
  // Events beside syscalls, as sysdig shows them.
  bool sched_switch = false;    // switch: every context switch (CLI --switch)
  bool signal_deliver = true;   // signaldeliver: a thread starts handling a signal
  bool page_faults = false;     // page_fault: user and kernel mode faults (CLI --page-faults)
  // When the plan pins a set of syscalls, attach only their own
  // tracepoints (ProbeOptions::pin_syscalls); false: raw_syscalls always.
  bool pin_syscalls = true;
  bool verbose = false;  // open() says on stderr how syscalls are caught (CLI -v)
  // procinfo: every thread's CPU ticks once a second (thread.cpu,
  // topprocs_cpu), as sysdig adds them live; skipped when the pushdown
  // plan rules procinfo out.
  bool procinfo = true;
};

class LiveSource : public EventSource {
 public:
  explicit LiveSource(LiveOptions options = {});
  ~LiveSource() override;

  void open(State& state) override;
  bool next(Event& event) override;
  SourceStats stats() const override;  // events and drops summed over CPUs, from the probe
  bool is_live() const override { return true; }
  void stop() override { stop_requested_.store(true, std::memory_order_relaxed); }

  // The probe's own counters, for callers that want the split.
  ProbeCounters probe_counters() const;
  // After open(): raw_syscalls or the pinned syscalls' tracepoints.
  const SyscallAttach& syscall_attach() const { return probe_->syscall_attach(); }
  uint64_t events_returned() const { return returned_; }

 private:
  // Index of the ring whose head has the smallest timestamp, or -1.
  int pick_oldest(const uint8_t** data, uint32_t* len);
  // Queues procinfo events if a thread list is due before event time ts.
  bool procinfo_due(uint64_t ts);
  bool next_procinfo(Event& event);

  LiveOptions options_;
  std::unique_ptr<ProbeLoader> probe_;
  std::unique_ptr<TaskCpuTimes> task_times_;  // null: no procinfo events
  ProcinfoFeed procinfo_;
  uint64_t boot_time_ = 0;  // epoch ns at boot, for event time while the rings are quiet
  std::vector<RingReader> rings_;
  int pending_ring_ = -1;  // ring of the event returned last, consumed on the next call
  uint64_t returned_ = 0;
  std::atomic<bool> stop_requested_{false};
  bool detached_ = false;
  bool drain_waited_ = false;
  bool idle_ = false;  // the idle handler has run since the last event
};

}  // namespace sysray
