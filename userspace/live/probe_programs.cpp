#include "live/probe_programs.h"

#include <bpf/libbpf.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "probe.skel.h"
#include "source/event_source.h"
#include "sysray_syscall_map.h"

namespace sysray {

ProbeFillers probe_fillers() {
  sysray_probe* skel = sysray_probe__open();
  if (!skel) throw SourceError(std::string("cannot open the embedded BPF probe: ") + std::strerror(errno));
  ProbeFillers out;
  bpf_program* prog = nullptr;
  bpf_object__for_each_program(prog, skel->obj) {
    std::string_view name = bpf_program__name(prog);
    if (name.size() < 3 || name[1] != '_') continue;
    if (name[0] == 'e') out.enter.emplace(name.substr(2));
    if (name[0] == 'x') out.exit.emplace(name.substr(2));
  }
  sysray_probe__destroy(skel);
  return out;
}

std::vector<SpecificSyscall> specific_syscalls() {
  std::vector<SpecificSyscall> out;
  for (const auto& sc : sysray_specific_syscalls) out.push_back({sc.name, sc.nr, sc.enter_event, sc.exit_event});
  return out;
}

}  // namespace sysray
