#include "live/live_source.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "live/privileges.h"
#include "live/proc_scan.h"

namespace sysray {

namespace {

uint64_t boottime_ns() {
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  return uint64_t(now.tv_sec) * 1000000000ull + uint64_t(now.tv_nsec);
}

}  // namespace

LiveSource::LiveSource(LiveOptions options) : options_(options) {}

LiveSource::~LiveSource() = default;

void LiveSource::open(State& state) {
  // No tracefs needed for raw tracepoints (bpf_raw_tracepoint_open takes
  // a name); the pinned syscalls' tracepoints mount it if it is missing.
  check_live_capture_requirements();

  ProbeOptions probe_options;
  probe_options.snaplen = options_.snaplen;
  probe_options.ring_bytes_per_cpu = options_.buffer_bytes_per_cpu;
  probe_options.exclude_tgid = options_.exclude_self ? uint32_t(getpid()) : 0;
  probe_options.pushdown = options_.pushdown;
  probe_options.sched_switch = options_.sched_switch;
  probe_options.signal_deliver = options_.signal_deliver;
  probe_options.page_faults = options_.page_faults;
  probe_options.pin_syscalls = options_.pin_syscalls;
  probe_options.procinfo =
      options_.procinfo && (!options_.pushdown || options_.pushdown->event_types.allows(PPME_PROCINFO_E));
  probe_ = std::make_unique<ProbeLoader>(probe_options);

  rings_.clear();
  rings_.resize(probe_->ring_fds().size());
  for (size_t cpu = 0; cpu < rings_.size(); cpu++) {
    if (!rings_[cpu].map(probe_->ring_fds()[cpu], probe_->ring_bytes()))
      throw SourceError("live capture: cannot map the ring buffer of CPU " + std::to_string(cpu) + ": " +
                        std::strerror(errno));
  }
  // Attach before scanning /proc: anything that changes during the scan
  // also shows up as an event, so the state has no gap.
  probe_->attach();
  if (options_.verbose) std::fprintf(stderr, "sysray: %s\n", probe_->syscall_attach().describe().c_str());
  if (bpf_program* iterator = probe_->procinfo_program()) task_times_ = std::make_unique<TaskCpuTimes>(iterator);
  boot_time_ = boot_time_ns();
  if (options_.scan_proc) scan_proc(state);
  // As the scap reader does after its metadata: a /proc snapshot lists
  // sockets local end first, finish_loading orders them client->server.
  state.finish_loading();
}

int LiveSource::pick_oldest(const uint8_t** data, uint32_t* len) {
  int best = -1;
  uint64_t best_ts = 0;
  for (size_t i = 0; i < rings_.size(); i++) {
    const uint8_t* d;
    uint32_t l;
    if (!rings_[i].peek(&d, &l) || l < kEventHeaderSize) continue;
    uint64_t ts = load_le<uint64_t>(d);
    if (best < 0 || ts < best_ts) {
      best = int(i);
      best_ts = ts;
      *data = d;
      *len = l;
    }
  }
  return best;
}

bool LiveSource::procinfo_due(uint64_t ts) {
  if (!task_times_ || detached_ || !procinfo_.due(ts)) return false;
  const std::vector<TaskTicks>& tasks = task_times_->read();
  if (!options_.pushdown) {
    procinfo_.queue(tasks);
  } else {
    // The plan's pid and tid sets hold for procinfo as for the probe's
    // events (its comm set is left to the userspace filter).
    const PushdownPlan& plan = *options_.pushdown;
    std::vector<TaskTicks> kept;
    for (const TaskTicks& t : tasks)
      if (plan.pids.allows(t.pid) && plan.tids.allows(t.tid)) kept.push_back(t);
    procinfo_.queue(kept);
  }
  return !procinfo_.empty();
}

bool LiveSource::next_procinfo(Event& event) {
  if (!procinfo_.pop(event)) return false;
  event.cpu = 0;
  event.dump_flags = 0;
  event.num = ++returned_;
  idle_ = false;
  return true;
}

bool LiveSource::next(Event& event) {
  if (!probe_) return false;
  if (pending_ring_ >= 0) {
    rings_[size_t(pending_ring_)].consume();
    pending_ring_ = -1;
  }
  if (next_procinfo(event)) return true;
  for (;;) {
    if (stop_requested_.load(std::memory_order_relaxed) && !detached_) {
      probe_->detach();  // no new events; what is in the rings gets drained
      detached_ = true;
    }
    const uint8_t* data = nullptr;
    uint32_t len = 0;
    int ring = pick_oldest(&data, &len);
    // The event that enters a new second waits for the procinfo events.
    if (ring >= 0 && procinfo_due(load_le<uint64_t>(data)) && next_procinfo(event)) return true;
    if (ring >= 0) {
      std::string error;
      if (!decode_event(data, len, event, &error)) {
        rings_[size_t(ring)].consume();  // skip it, so that a retry makes progress
        throw SourceError("live capture: bad event from the probe on CPU " + std::to_string(ring) + ": " + error);
      }
      event.cpu = uint16_t(ring);
      // The probe makes a state-only event's ring record one byte longer.
      event.dump_flags = len > event.raw_len ? kEventFlagStateOnly : 0;
      event.num = ++returned_;
      pending_ring_ = ring;
      idle_ = false;
      return true;
    }
    // After detaching, a program already running on another CPU may still
    // submit: wait one more poll interval before calling the rings drained.
    if (detached_ && drain_waited_) return false;
    if (detached_) drain_waited_ = true;
    // Quiet rings (a narrow pushdown plan) still get a list each second.
    if (procinfo_due(boot_time_ + boottime_ns()) && next_procinfo(event)) return true;
    if (!idle_) {
      idle_ = true;
      notify_idle();
    }
    timespec pause{0, long(options_.idle_sleep_us) * 1000};
    nanosleep(&pause, nullptr);
  }
}

ProbeCounters LiveSource::probe_counters() const { return probe_ ? probe_->counters() : ProbeCounters{}; }

SourceStats LiveSource::stats() const {
  ProbeCounters c = probe_counters();
  SourceStats s;
  s.events = c.events;
  s.drops = c.drops_buffer + c.drops_max_event_size;
  s.drops_buffer = c.drops_buffer;
  s.drops_too_large = c.drops_max_event_size;
  return s;
}

}  // namespace sysray
