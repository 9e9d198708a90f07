// libbpf's messages while the probe loads, kept so that a failure can be
// told in one line: which program the verifier rejected and its last word,
// or which map could not be created. SYSRAY_BPF_DEBUG=1 also echoes every
// message (the whole verifier log) to stderr.
#pragma once

#include <string>

namespace sysray {

// Collects libbpf's messages for its lifetime; one instance at a time.
class LibbpfLog {
 public:
  LibbpfLog();
  ~LibbpfLog();
  LibbpfLog(const LibbpfLog&) = delete;
  LibbpfLog& operator=(const LibbpfLog&) = delete;
  const std::string& text() const;
};

// One line saying what failed, from libbpf's messages; empty when they
// name nothing (the caller then falls back to the error code).
std::string describe_load_failure(const std::string& log);

}  // namespace sysray
