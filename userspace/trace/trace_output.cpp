#include "trace/trace_output.h"

#include "trace/scap_writer.h"
#include "trace/trace_writer.h"

namespace sysray::trace {

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool is_scap_output(const std::string& path) { return ends_with(path, ".scap") || ends_with(path, ".scap.gz"); }

std::unique_ptr<TraceSink> open_trace_output(const std::string& path, const State& state,
                                             const OutputOptions& options) {
  std::unique_ptr<EventWriter> writer;
  if (is_scap_output(path))
    writer = std::make_unique<ScapWriter>(path, state, options.gzip || ends_with(path, ".scap.gz"));
  else
    writer = std::make_unique<TraceWriter>(path, state);
  return std::make_unique<TraceSink>(std::move(writer), options.filtered);
}

}  // namespace sysray::trace
