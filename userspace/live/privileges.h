// What live capture needs from the system, checked before loading the
// probe so that the user gets one clear line instead of a libbpf error.
#pragma once

namespace sysray {

// Throws SourceError when the process may not load BPF programs (neither
// CAP_SYS_ADMIN nor CAP_BPF+CAP_PERFMON) or the kernel has no BTF.
void check_live_capture_requirements();

}  // namespace sysray
