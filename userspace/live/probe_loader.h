// Loads the embedded BPF probe (the skeleton of bpf/probe.bpf.c), sets its
// knobs, creates one ring buffer per CPU, wires the per-syscall programs
// into the dispatchers' tables (or, when the pushdown plan pins a set of
// syscalls, attaches those syscalls' own tracepoints) and attaches. Throws
// SourceError with one line on failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
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
  // When the plan pins a set of syscalls, attach only their tracepoints
  // (syscalls:sys_enter_X/sys_exit_X) instead of raw_syscalls; false:
  // always raw_syscalls (for comparisons).
  bool pin_syscalls = true;
  bool procinfo = false;        // load the task iterator procinfo events are built from
};

// How syscall events are caught (bpf/README.md, "Attach modes").
struct SyscallAttach {
  bool pinned = false;        // per-syscall tracepoints; else raw_syscalls (every syscall)
  std::vector<int> syscalls;  // pinned: their native numbers
  std::string why_raw;        // raw: why not pinned ("" when the plan keeps every syscall)
  // One line for -v: "syscalls: tracepoints of 52 pinned syscalls", ...
  std::string describe() const;
};

// More pinned syscalls than this and raw_syscalls is used: each pinned
// syscall costs two tracepoint attachments, and a plan that keeps most
// syscalls gains little from leaving out the rest.
constexpr size_t kMaxPinnedSyscalls = 128;

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
  const SyscallAttach& syscall_attach() const { return syscall_attach_; }
  // The loaded task iterator (bpf/fillers/procinfo.bpf.h), or null when
  // ProbeOptions::procinfo was off.
  bpf_program* procinfo_program() const;

 private:
  void load(const ProbeOptions& options);
  void fill_tail_call_tables();
  void choose_tracepoints(const ProbeOptions& options);  // before load
  void choose_syscall_attach(const ProbeOptions& options);  // before load: sets autoload
  void attach_pinned_syscalls();
  bpf_program* pinned_program(int nr, bool exit) const;
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
  SyscallAttach syscall_attach_;
  std::string syscall_events_dir_;       // pinned: tracefs events/syscalls
  std::vector<bpf_link*> syscall_enter_links_;  // pinned: one per sys_enter_X
  std::vector<bpf_link*> syscall_exit_links_;   // pinned: one per sys_exit_X
};

// Nanoseconds since the epoch at boot: added to bpf_ktime_get_boot_ns().
uint64_t boot_time_ns();

}  // namespace sysray
