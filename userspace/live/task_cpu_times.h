// Every thread's CPU time in clock ticks, from the probe's task iterator
// (bpf/fillers/procinfo.bpf.h): one read() of a fresh iterator walks all
// tasks in the kernel. sysray's equivalent of the thread list sysdig asks
// its driver for once a second to build procinfo events.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "bpf/procinfo_shared.h"
#include "live/procinfo_feed.h"

struct bpf_link;
struct bpf_program;

namespace sysray {

struct SplitTime {
  uint64_t utime = 0, stime = 0;
};

// The kernel's cputime_adjust (what /proc shows): `runtime` split in the
// ratio of the tick-sampled utime:stime, with neither part below `prev`;
// updates prev.
SplitTime split_runtime(uint64_t utime, uint64_t stime, uint64_t runtime, SplitTime& prev);

class TaskCpuTimes {
 public:
  // Attaches the loaded iterator program. Throws SourceError.
  explicit TaskCpuTimes(bpf_program* iterator);
  ~TaskCpuTimes();
  TaskCpuTimes(const TaskCpuTimes&) = delete;
  TaskCpuTimes& operator=(const TaskCpuTimes&) = delete;

  // The threads that have used at least a clock tick, in tid order, their
  // run time split as /proc splits it. Throws SourceError.
  const std::vector<TaskTicks>& read();

 private:
  bpf_link* link_ = nullptr;
  std::vector<uint8_t> bytes_;
  std::vector<TaskTicks> tasks_;
  // Per tid, the split reported last (ns): neither part may go back.
  std::unordered_map<uint32_t, SplitTime> previous_;
};

}  // namespace sysray
