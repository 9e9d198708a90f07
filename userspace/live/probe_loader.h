// Loads the embedded BPF probe (the skeleton of bpf/probe.bpf.c), sets its
// knobs, creates one ring buffer per CPU, wires the per-syscall programs
// into the dispatchers' tables and attaches. Throws SourceError with one
// line on failure.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "filters/pushdown.h"
#include "live/kernel_filter.h"

struct bpf_link;
struct bpf_program;
struct sysray_probe;

namespace sysray {

struct ProbeOptions {
  uint32_t snaplen = 80;                       // bytes kept of I/O buffers
  uint64_t ring_bytes_per_cpu = 8ull << 20;    // rounded up to a power of two
  uint32_t exclude_tgid = 0;                   // process the probe ignores (sysray itself)
  std::optional<PushdownPlan> pushdown;        // filter in the kernel (live/kernel_filter.h)
  // Tracepoint events beside syscalls (each attached only if the pushdown
  // plan lets its event match).
  bool sched_switch = false;    // switch, on every context switch: costly
  bool signal_deliver = true;   // signaldeliver
  bool page_faults = false;     // page_fault, user and kernel mode
  bool procinfo = false;        // load the task iterator procinfo events are built from
};

struct ProbeCounters {
  uint64_t events = 0;                  // events the probe tried to send
  uint64_t drops_buffer = 0;            // lost: ring buffer full
  uint64_t drops_max_event_size = 0;    // lost: event too large
};

class ProbeLoader {
 public:
  explicit ProbeLoader(const ProbeOptions& options);
  ~ProbeLoader();
  ProbeLoader(const ProbeLoader&) = delete;
  ProbeLoader& operator=(const ProbeLoader&) = delete;

  void attach();
  void detach();  // stops new events; the rings stay readable

  // One ring fd per possible CPU, index = CPU number.
  const std::vector<int>& ring_fds() const { return ring_fds_; }
  uint64_t ring_bytes() const { return ring_bytes_; }
  ProbeCounters counters() const;
  // The loaded task iterator (bpf/fillers/procinfo.bpf.h), or null when
  // ProbeOptions::procinfo was off.
  bpf_program* procinfo_program() const;

 private:
  void load(const ProbeOptions& options);
  void fill_tail_call_tables();
  void choose_tracepoints(const ProbeOptions& options);  // before load
  void set_filter_knobs(const PushdownPlan& plan);  // before load
  void fill_filter_maps();                         // after load
  void attach_raw_tracepoint(bpf_program* prog, bpf_link** link, const char* tracepoint);
  void release();

  sysray_probe* skel_ = nullptr;
  std::vector<int> ring_fds_;
  uint64_t ring_bytes_ = 0;
  int ncpus_ = 0;
  std::optional<KernelFilter> filter_;  // the kernel filter being applied, if any
  // The optional tracepoint programs to attach (the others are not loaded).
  struct Tracepoint {
    bpf_program* prog;
    bpf_link** link;
    const char* name;
  };
  std::vector<Tracepoint> tracepoints_;
};

// Nanoseconds since the epoch at boot: added to bpf_ktime_get_boot_ns().
uint64_t boot_time_ns();

}  // namespace sysray
