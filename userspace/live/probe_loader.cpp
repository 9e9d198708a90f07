#include "live/probe_loader.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <set>
#include <string_view>

#include "probe.skel.h"
#include "bpf/probe_shared.h"
#include "live/kernel_filter.h"
#include "live/libbpf_log.h"
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

// Programs named e_<syscall> / x_<syscall> go into enter_programs /
// exit_programs at that syscall's native number.
void ProbeLoader::fill_tail_call_tables() {
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
}

}  // namespace sysray
