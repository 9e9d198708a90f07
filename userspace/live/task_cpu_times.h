// Every thread's CPU time in clock ticks, from the probe's task iterator
// (bpf/fillers/procinfo.bpf.h): one read() of a fresh iterator walks all
// tasks in the kernel. sysray's equivalent of the thread list sysdig asks
// its driver for once a second to build procinfo events.
#pragma once

#include <cstdint>
#include <vector>

#include "bpf/procinfo_shared.h"

struct bpf_link;
struct bpf_program;

namespace sysray {

class TaskCpuTimes {
 public:
  // Attaches the loaded iterator program. Throws SourceError.
  explicit TaskCpuTimes(bpf_program* iterator);
  ~TaskCpuTimes();
  TaskCpuTimes(const TaskCpuTimes&) = delete;
  TaskCpuTimes& operator=(const TaskCpuTimes&) = delete;

  // The threads that have used CPU time, in tid order. Throws SourceError.
  const std::vector<sysray_task_cpu>& read();

 private:
  bpf_link* link_ = nullptr;
  std::vector<uint8_t> bytes_;
  std::vector<sysray_task_cpu> tasks_;
};

}  // namespace sysray
