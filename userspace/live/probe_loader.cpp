#include "live/probe_loader.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <set>
#include <string_view>
#include <thread>

#include "probe.skel.h"
#include "bpf/probe_shared.h"
#include "live/kernel_filter.h"
#include "live/libbpf_log.h"
#include "live/syscall_tracepoints.h"
#include "source/event_source.h"
#include "sysray_syscall_map.h"

namespace sysray {

namespace {

[[noreturn]] void fail(const std::string& what, int err) {
  throw SourceError("live capture: " + what + ": " + std::strerror(err < 0 ? -err : err));
}

uint64_t ring_size_for(uint64_t requested) {
  uint64_t page = uint64_t(sysconf(_SC_PAGESIZE));
  uint64_t size = page;
  while (size < requested) size <<= 1;
  return size;
}

int native_syscall_number(std::string_view name) {
  for (const auto& sc : sysray_native_syscalls)
    if (name == sc.name) return sc.nr;
  return -1;
}

const char* native_syscall_name(int nr) {
  for (const auto& sc : sysray_native_syscalls)
    if (sc.nr == nr) return sc.name;
  return nullptr;
}

// Releasing a tracepoint's perf event waits until the kernel is sure the
// program no longer runs (an RCU grace period, tens of ms): one after the
// other, the ~120 tracepoints of a pinned plan took over 5 s to detach.
// From several threads at once the waits overlap.
void destroy_links_concurrently(std::vector<bpf_link*>& links) {
  constexpr size_t kThreads = 16;
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads && t < links.size(); t++)
    threads.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < links.size();) bpf_link__destroy(links[i]);
    });
  for (auto& thread : threads) thread.join();
  links.clear();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The raw_syscalls side of the probe: the dispatchers and the fillers they
// tail-call. The pinned side: te_/tx_ fillers and the tp_generic_ programs.
bool is_raw_syscall_program(std::string_view name) {
  return name == "sys_enter" || name == "sys_exit" || starts_with(name, "e_") || starts_with(name, "x_");
}
bool is_pinned_syscall_program(std::string_view name) {
  return starts_with(name, "te_") || starts_with(name, "tx_") || starts_with(name, "tp_generic_");
}

}  // namespace

uint64_t boot_time_ns() {
  timespec real{}, boot{};
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_BOOTTIME, &boot);
  return (uint64_t(real.tv_sec) * 1000000000ull + uint64_t(real.tv_nsec)) -
         (uint64_t(boot.tv_sec) * 1000000000ull + uint64_t(boot.tv_nsec));
}

ProbeLoader::ProbeLoader(const ProbeOptions& options) {
  try {
    load(options);
  } catch (...) {
    release();
    throw;
  }
}

void ProbeLoader::load(const ProbeOptions& options) {
  // Errors are reported through exceptions, in one line drawn from
  // libbpf's messages; SYSRAY_BPF_DEBUG=1 shows them all on stderr.
  LibbpfLog log;
  skel_ = sysray_probe__open();
  if (!skel_) fail("cannot open the BPF probe", errno);

  skel_->rodata->g_boot_time = boot_time_ns();
  skel_->rodata->g_snaplen = options.snaplen > SYSRAY_MAX_SNAPLEN ? SYSRAY_MAX_SNAPLEN : options.snaplen;
  skel_->rodata->g_self_tgid = options.exclude_tgid;
  if (options.pushdown) set_filter_knobs(*options.pushdown);
  choose_tracepoints(options);
  choose_syscall_attach(options);
  bpf_program__set_autoload(skel_->progs.procinfo_tasks, options.procinfo);

  ncpus_ = libbpf_num_possible_cpus();
  if (ncpus_ <= 0) fail("cannot count the CPUs", ncpus_);
  ring_bytes_ = ring_size_for(options.ring_bytes_per_cpu);
  bpf_map__set_max_entries(skel_->maps.scratch_maps, uint32_t(ncpus_));
  bpf_map__set_max_entries(skel_->maps.ringbufs, uint32_t(ncpus_));

  // The outer map needs an inner map of the final ring size at load time.
  int template_fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "sysray_rb_tmpl", 0, 0, uint32_t(ring_bytes_), nullptr);
  if (template_fd < 0) fail("cannot create a ring buffer of " + std::to_string(ring_bytes_) + " bytes", errno);
  bpf_map__set_inner_map_fd(skel_->maps.ringbufs, template_fd);
  int err = sysray_probe__load(skel_);
  close(template_fd);
  if (err) {
    int saved = errno;
    sysray_probe__destroy(skel_);
    skel_ = nullptr;
    std::string what = describe_load_failure(log.text());
    if (!what.empty()) throw SourceError("live capture: " + what + " (SYSRAY_BPF_DEBUG=1 shows libbpf's log)");
    fail("cannot load the BPF probe (SYSRAY_BPF_DEBUG=1 shows libbpf's log)", saved ? saved : err);
  }

  int outer_fd = bpf_map__fd(skel_->maps.ringbufs);
  for (int cpu = 0; cpu < ncpus_; cpu++) {
    std::string name = "sysray_rb" + std::to_string(cpu);
    int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, name.c_str(), 0, 0, uint32_t(ring_bytes_), nullptr);
    if (fd < 0) fail("cannot create the ring buffer of CPU " + std::to_string(cpu), errno);
    ring_fds_.push_back(fd);
    uint32_t key = uint32_t(cpu);
    if (bpf_map_update_elem(outer_fd, &key, &fd, BPF_ANY) != 0)
      fail("cannot install the ring buffer of CPU " + std::to_string(cpu), errno);
  }
  fill_tail_call_tables();
  fill_filter_maps();
}

// The syscalls the probe decodes are the ones with an exit program.
void ProbeLoader::set_filter_knobs(const PushdownPlan& plan) {
  std::set<std::string> with_fillers;
  bpf_program* prog = nullptr;
  bpf_object__for_each_program(prog, skel_->obj) {
    std::string_view name = bpf_program__name(prog);
    if (name.size() > 2 && name[0] == 'x' && name[1] == '_') with_fillers.emplace(name.substr(2));
  }
  filter_ = kernel_filter_for(plan, with_fillers);
  const KernelFilter& f = *filter_;
  skel_->rodata->g_pushdown = f.filters_anything();  // a plan that keeps everything costs nothing
  skel_->rodata->g_filter_comm = f.comms.has_value();
  skel_->rodata->g_filter_pid = f.pids.has_value();
  skel_->rodata->g_filter_tid = f.tids.has_value();
  skel_->rodata->g_procexit_matches = f.procexit_matches;
}

void ProbeLoader::fill_filter_maps() {
  if (!filter_) return;
  const KernelFilter& f = *filter_;
  uint8_t one = 1;
  int fd = bpf_map__fd(skel_->maps.syscall_interest);
  for (uint32_t nr = 0; nr < f.syscall_interest.size(); nr++)
    if (bpf_map_update_elem(fd, &nr, &f.syscall_interest[nr], BPF_ANY) != 0) fail("cannot set the syscall filter", errno);
  if (f.comms) {
    fd = bpf_map__fd(skel_->maps.comm_filter);
    for (const auto& comm : *f.comms) {
      char key[SYSRAY_COMM_LEN] = {};
      std::memcpy(key, comm.data(), comm.size() < SYSRAY_COMM_LEN - 1 ? comm.size() : SYSRAY_COMM_LEN - 1);
      if (bpf_map_update_elem(fd, key, &one, BPF_ANY) != 0) fail("cannot set the comm filter", errno);
    }
  }
  struct {
    const std::optional<std::set<uint32_t>>& ids;
    bpf_map* map;
  } id_maps[] = {{f.pids, skel_->maps.pid_filter}, {f.tids, skel_->maps.tid_filter}};
  for (auto& m : id_maps) {
    if (!m.ids) continue;
    fd = bpf_map__fd(m.map);
    for (uint32_t id : *m.ids)
      if (bpf_map_update_elem(fd, &id, &one, BPF_ANY) != 0) fail("cannot set the pid/tid filter", errno);
  }
}

// The tracepoint events are attached when asked for and when the kernel
// filter lets them match; the programs left out are not even loaded.
void ProbeLoader::choose_tracepoints(const ProbeOptions& options) {
  const KernelFilter* f = filter_ ? &*filter_ : nullptr;
  struct {
    bool on;
    Tracepoint tp;
  } all[] = {
      {options.sched_switch && (!f || f->switch_matches),
       {skel_->progs.sched_switch, &skel_->links.sched_switch, "sched_switch"}},
      {options.signal_deliver && (!f || f->signal_deliver_matches),
       {skel_->progs.signal_deliver, &skel_->links.signal_deliver, "signal_deliver"}},
      {options.page_faults && (!f || f->page_fault_matches),
       {skel_->progs.page_fault_user, &skel_->links.page_fault_user, "page_fault_user"}},
      {options.page_faults && (!f || f->page_fault_matches),
       {skel_->progs.page_fault_kernel, &skel_->links.page_fault_kernel, "page_fault_kernel"}},
  };
  for (auto& t : all) {
    bpf_program__set_autoload(t.tp.prog, t.on);
    if (t.on) tracepoints_.push_back(t.tp);
  }
}

std::string SyscallAttach::describe() const {
  if (pinned)
    return "syscalls: tracepoints of " + std::to_string(syscalls.size()) +
           " pinned syscalls (syscalls:sys_enter_X/sys_exit_X)";
  return "syscalls: raw_syscalls (every syscall enters the probe)" + (why_raw.empty() ? "" : ": " + why_raw);
}

// Pinned mode needs a plan that narrows the syscalls, not too many of
// them, and their tracepoints; the pinned set is every syscall whose
// events may match or that changes state. Only the programs of the chosen
// mode are loaded, so pinning never adds to the load time.
void ProbeLoader::choose_syscall_attach(const ProbeOptions& options) {
  SyscallAttach& a = syscall_attach_;
  const KernelFilter* f = filter_ ? &*filter_ : nullptr;
  if (!f || !f->filter_syscalls) {
    if (f) a.why_raw = "the filter does not narrow the syscalls";
  } else if (!options.pin_syscalls) {
    a.why_raw = "pinning is off";
  } else {
    std::vector<int> pinned;
    for (int nr = 0; nr < SYSRAY_NATIVE_SYSCALL_MAX; nr++)
      if (f->syscall_interest[size_t(nr)]) pinned.push_back(nr);
    std::string why;
    std::string dir;
    if (pinned.size() > kMaxPinnedSyscalls) {
      why = "the filter keeps " + std::to_string(pinned.size()) + " syscalls";
    } else {
      dir = syscall_events_dir(&why);
    }
    if (!dir.empty()) {
      for (int nr : pinned) {
        const char* name = native_syscall_name(nr);
        if (name && has_syscall_tracepoints(dir, syscall_tracepoint_name(name))) {
          a.syscalls.push_back(nr);
        } else if (f->syscall_interest[size_t(nr)] & SYSRAY_INTEREST_MATCH) {
          why = std::string("syscall ") + (name ? name : std::to_string(nr)) + " has no tracepoint";
          break;
        }
        // Else this kernel does not implement it: it changes no state.
      }
    }
    if (why.empty()) {
      a.pinned = true;
      syscall_events_dir_ = dir;
    } else {
      a.syscalls.clear();
      a.why_raw = why;
    }
  }
  std::set<std::string> wanted;
  if (a.pinned)
    for (int nr : a.syscalls)
      for (bool exit : {false, true}) wanted.insert(bpf_program__name(pinned_program(nr, exit)));
  bpf_program* prog = nullptr;
  bpf_object__for_each_program(prog, skel_->obj) {
    std::string name = bpf_program__name(prog);
    if (is_raw_syscall_program(name)) bpf_program__set_autoload(prog, !a.pinned);
    else if (is_pinned_syscall_program(name)) bpf_program__set_autoload(prog, wanted.count(name) != 0);
  }
}

// te_<syscall> / tx_<syscall>, or the generic program for syscalls without a filler.
bpf_program* ProbeLoader::pinned_program(int nr, bool exit) const {
  std::string name = std::string(exit ? "tx_" : "te_") + native_syscall_name(nr);
  bpf_program* prog = bpf_object__find_program_by_name(skel_->obj, name.c_str());
  return prog ? prog : exit ? skel_->progs.tp_generic_exit : skel_->progs.tp_generic_enter;
}

// Each pinned syscall's two tracepoints, exits first (as with raw_syscalls:
// no enter without its exit). A tracepoint is a perf event the program is
// attached to; the link owns the perf event's fd.
void ProbeLoader::attach_pinned_syscalls() {
  if (!syscall_exit_links_.empty()) return;
  for (bool exit : {true, false}) {
    for (int nr : syscall_attach_.syscalls) {
      std::string event = std::string(exit ? "sys_exit_" : "sys_enter_") + syscall_tracepoint_name(native_syscall_name(nr));
      int id = syscall_tracepoint_id(syscall_events_dir_, event);
      if (id < 0) throw SourceError("live capture: cannot read the id of tracepoint syscalls:" + event);
      perf_event_attr attr{};
      attr.size = sizeof(attr);
      attr.type = PERF_TYPE_TRACEPOINT;
      attr.config = uint64_t(id);
      int pfd = int(syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC));
      if (pfd < 0) fail("cannot open tracepoint syscalls:" + event, errno);
      bpf_link* link = bpf_program__attach_perf_event(pinned_program(nr, exit), pfd);
      if (!link) {
        int saved = errno;
        close(pfd);
        fail("cannot attach to tracepoint syscalls:" + event, saved);
      }
      (exit ? syscall_exit_links_ : syscall_enter_links_).push_back(link);
    }
  }
}

// Programs named e_<syscall> / x_<syscall> go into enter_programs /
// exit_programs at that syscall's native number (raw_syscalls mode).
void ProbeLoader::fill_tail_call_tables() {
  if (syscall_attach_.pinned) return;
  int enter_fd = bpf_map__fd(skel_->maps.enter_programs);
  int exit_fd = bpf_map__fd(skel_->maps.exit_programs);
  bpf_program* prog = nullptr;
  bpf_object__for_each_program(prog, skel_->obj) {
    std::string_view name = bpf_program__name(prog);
    if (name.size() < 3 || name[1] != '_' || (name[0] != 'e' && name[0] != 'x')) continue;
    int nr = native_syscall_number(name.substr(2));
    if (nr < 0) throw SourceError("live capture: probe program " + std::string(name) + " names no known syscall");
    uint32_t key = uint32_t(nr);
    int prog_fd = bpf_program__fd(prog);
    if (bpf_map_update_elem(name[0] == 'e' ? enter_fd : exit_fd, &key, &prog_fd, BPF_ANY) != 0)
      fail("cannot register probe program " + std::string(name), errno);
  }
}

void ProbeLoader::attach() {
  // The tracepoint events first, then exit before enter, so that no
  // syscall shows an enter whose exit is missed.
  for (const Tracepoint& t : tracepoints_) attach_raw_tracepoint(t.prog, t.link, t.name);
  attach_raw_tracepoint(skel_->progs.sched_process_exit, &skel_->links.sched_process_exit, "sched_process_exit");
  if (syscall_attach_.pinned) {
    attach_pinned_syscalls();
    return;
  }
  attach_raw_tracepoint(skel_->progs.sys_exit, &skel_->links.sys_exit, "sys_exit");
  attach_raw_tracepoint(skel_->progs.sys_enter, &skel_->links.sys_enter, "sys_enter");
}

void ProbeLoader::attach_raw_tracepoint(bpf_program* prog, bpf_link** link, const char* tracepoint) {
  if (*link) return;
  *link = bpf_program__attach_raw_tracepoint(prog, tracepoint);
  if (*link) return;
  int saved = errno;
  if (saved == ENOENT)
    throw SourceError(std::string("live capture: this kernel has no ") + tracepoint + " tracepoint to attach to");
  fail(std::string("cannot attach to the ") + tracepoint + " raw tracepoint", saved);
}

void ProbeLoader::detach() {
  if (!skel_) return;
  std::vector<bpf_link**> links = {&skel_->links.sys_enter, &skel_->links.sys_exit, &skel_->links.sched_process_exit};
  for (const Tracepoint& t : tracepoints_) links.push_back(t.link);
  for (bpf_link** link : links) {
    if (*link) bpf_link__destroy(*link);
    *link = nullptr;
  }
  // Enters first, as with raw_syscalls.
  destroy_links_concurrently(syscall_enter_links_);
  destroy_links_concurrently(syscall_exit_links_);
}

ProbeCounters ProbeLoader::counters() const {
  ProbeCounters total;
  if (!skel_) return total;
  std::vector<sysray_counters> per_cpu(static_cast<size_t>(ncpus_));
  uint32_t key = 0;
  if (bpf_map_lookup_elem(bpf_map__fd(skel_->maps.counters), &key, per_cpu.data()) != 0) return total;
  for (const auto& c : per_cpu) {
    total.events += c.n_evts;
    total.drops_buffer += c.n_drops_buffer;
    total.drops_max_event_size += c.n_drops_max_event_size;
  }
  return total;
}

bpf_program* ProbeLoader::procinfo_program() const {
  return skel_ && bpf_program__autoload(skel_->progs.procinfo_tasks) ? skel_->progs.procinfo_tasks : nullptr;
}

ProbeLoader::~ProbeLoader() { release(); }

void ProbeLoader::release() {
  detach();
  for (int fd : ring_fds_) close(fd);
  ring_fds_.clear();
  if (skel_) sysray_probe__destroy(skel_);
  skel_ = nullptr;
  filter_.reset();
  tracepoints_.clear();
  syscall_attach_ = {};
  syscall_events_dir_.clear();
}

}  // namespace sysray
