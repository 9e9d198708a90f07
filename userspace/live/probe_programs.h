// What the embedded probe can decode: the per-syscall programs it carries
// (named e_<syscall> / x_<syscall>), read from the skeleton without loading
// it, and the syscalls that have an event of their own in the event table.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace sysray {

struct ProbeFillers {
  std::set<std::string> enter;  // syscall names with an enter program
  std::set<std::string> exit;   // syscall names with an exit program
};

// Throws SourceError when the embedded object cannot be opened.
ProbeFillers probe_fillers();

struct SpecificSyscall {
  std::string name;  // the __NR_ name
  int nr;            // native x86-64 number
  int enter_event;   // -1: the table's enter event is unused, none is sent
  int exit_event;
};

// Every native syscall with an event of its own (tools/gen_syscall_map.py).
std::vector<SpecificSyscall> specific_syscalls();

}  // namespace sysray
