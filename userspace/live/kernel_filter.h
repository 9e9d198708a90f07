// The pushdown plan (filters/pushdown.h) turned into what the probe's
// in-kernel filter reads (bpf/helpers/pushdown.bpf.h): per native syscall,
// whether its events may match and whether it changes state; the comm,
// pid and tid sets. Constraints the kernel cannot hold exactly are widened
// (never narrowed): too many values, or a name longer than a kernel comm.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "filters/pushdown.h"
#include "bpf/probe_shared.h"
#include "sysray_syscall_map.h"

namespace sysray {

constexpr size_t kMaxKernelComms = 256;  // sizes of the probe's filter maps
constexpr size_t kMaxKernelIds = 1024;

struct KernelFilter {
  bool filter_syscalls = false;  // some syscalls cannot match (informational: the map always holds the bits)
  // SYSRAY_INTEREST_* bits per native syscall number.
  std::array<uint8_t, SYSRAY_NATIVE_SYSCALL_MAX> syscall_interest{};
  bool procexit_matches = true;
  // Whether the tracepoint events may match: if not, their programs are
  // not attached at all (they change no state).
  bool switch_matches = true;
  bool signal_deliver_matches = true;
  bool page_fault_matches = true;
  std::optional<std::set<std::string>> comms;  // kernel comms (at most 15 characters)
  std::optional<std::set<uint32_t>> pids;
  std::optional<std::set<uint32_t>> tids;

  bool filters_anything() const { return filter_syscalls || comms || pids || tids || !procexit_matches; }
};

// `with_fillers`: syscall names the probe decodes itself (the others are
// sent as generic events).
KernelFilter kernel_filter_for(const PushdownPlan& plan, const std::set<std::string>& with_fillers);

}  // namespace sysray
