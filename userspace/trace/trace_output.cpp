#include "trace/trace_output.h"

#include "trace/trace_writer.h"

namespace sysray::trace {

std::unique_ptr<TraceSink> open_trace_output(const std::string& path, const State& state,
                                             const OutputOptions& options) {
  return std::make_unique<TraceSink>(std::make_unique<TraceWriter>(path, state), options.filtered);
}

}  // namespace sysray::trace
