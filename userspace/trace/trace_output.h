// -w FILE: opens the writer the file name asks for (.scap or .scap.gz: a
// scap export; anything else: a .sray trace) and wraps it in the pipeline's
// sink. Every file starts with the state as it is when the file opens.
#pragma once

#include <memory>
#include <string>

#include "state/state.h"
#include "trace/rotating_writer.h"
#include "trace/trace_sink.h"

namespace sysray::trace {

struct OutputOptions {
  bool filtered = false;  // a filter decides what is written (trace_sink.h)
  bool gzip = false;      // -z: gzip a scap export (.scap.gz names imply it)
  RotationOptions rotation;  // -C/-G/-W/-e
  bool live = false;         // the source is live capture: compress faster
};

// True when path names a scap export (.scap or .scap.gz).
bool is_scap_output(const std::string& path);

// Throws TraceError when the file cannot be created.
std::unique_ptr<TraceSink> open_trace_output(const std::string& path, const State& state,
                                             const OutputOptions& options);

}  // namespace sysray::trace
