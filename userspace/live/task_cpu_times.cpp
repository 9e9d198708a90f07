#include "live/task_cpu_times.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "source/event_source.h"

namespace sysray {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw SourceError("live capture: " + what + ": " + std::strerror(errno));
}

}  // namespace

SplitTime split_runtime(uint64_t utime, uint64_t stime, uint64_t runtime, SplitTime& prev) {
  if (prev.utime + prev.stime >= runtime) return prev;
  uint64_t s = stime == 0 ? 0 : utime == 0 ? runtime : uint64_t((unsigned __int128)stime * runtime / (stime + utime));
  if (s < prev.stime) s = prev.stime;
  uint64_t u = runtime - s;
  if (u < prev.utime) {
    u = prev.utime;
    s = runtime - u;
  }
  prev = {u, s};
  return prev;
}

TaskCpuTimes::TaskCpuTimes(bpf_program* iterator) {
  link_ = bpf_program__attach_iter(iterator, nullptr);
  if (!link_) fail("cannot attach the task iterator (procinfo events)");
}

TaskCpuTimes::~TaskCpuTimes() {
  if (link_) bpf_link__destroy(link_);
}

const std::vector<TaskTicks>& TaskCpuTimes::read() {
  tasks_.clear();
  int fd = bpf_iter_create(bpf_link__fd(link_));
  if (fd < 0) fail("cannot start the task iterator (procinfo events)");
  // read() may stop inside a record: collect the bytes, then cut them.
  bytes_.clear();
  uint8_t chunk[16384];
  for (;;) {
    ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      int saved = errno;
      close(fd);
      errno = saved;
      fail("cannot read the task iterator (procinfo events)");
    }
    if (got == 0) break;
    bytes_.insert(bytes_.end(), chunk, chunk + got);
  }
  std::vector<sysray_task_cpu> raw(bytes_.size() / sizeof(sysray_task_cpu));
  std::memcpy(raw.data(), bytes_.data(), raw.size() * sizeof(sysray_task_cpu));
  std::unordered_map<uint32_t, SplitTime> seen;
  seen.reserve(raw.size());
  for (const sysray_task_cpu& t : raw) {
    SplitTime& prev = seen[t.tid] = previous_[t.tid];
    SplitTime split = split_runtime(t.utime, t.stime, t.runtime, prev);
    TaskTicks ticks{t.tid, split.utime / SYSRAY_NSEC_PER_CLOCK_TICK, split.stime / SYSRAY_NSEC_PER_CLOCK_TICK,
                    t.tgid};
    if (ticks.utime || ticks.stime) tasks_.push_back(ticks);  // sysdig skips threads with 0 ticks
  }
  previous_.swap(seen);  // forget the threads that are gone
  close(fd);
  return tasks_;
}

}  // namespace sysray
