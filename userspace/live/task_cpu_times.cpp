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

TaskCpuTimes::TaskCpuTimes(bpf_program* iterator) {
  link_ = bpf_program__attach_iter(iterator, nullptr);
  if (!link_) fail("cannot attach the task iterator (procinfo events)");
}

TaskCpuTimes::~TaskCpuTimes() {
  if (link_) bpf_link__destroy(link_);
}

const std::vector<sysray_task_cpu>& TaskCpuTimes::read() {
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
  tasks_.resize(bytes_.size() / sizeof(sysray_task_cpu));
  std::memcpy(tasks_.data(), bytes_.data(), tasks_.size() * sizeof(sysray_task_cpu));
  close(fd);
  return tasks_;
}

}  // namespace sysray
