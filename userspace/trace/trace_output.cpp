#include "trace/trace_output.h"

#include <algorithm>

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
  // The format comes from the name given to -w, not from rotated names.
  const bool scap = is_scap_output(path);
  const bool gzip = options.gzip || ends_with(path, ".scap.gz");
  TraceWriterOptions trace_options;
  if (options.live) {
    trace_options.level = kLiveEventsZstdLevel;
    trace_options.exact_size = false;
  } else {
    // From a file, blocks close on size only: a wall-clock age would make
    // the same input give different blocks (and -C sizes) under load.
    trace_options.block_age_ms = 0;
  }
  // Blocks well under -C, so that files come out near the size asked for.
  if (options.rotation.max_bytes)
    trace_options.block_bytes = std::max<uint64_t>(std::min<uint64_t>(trace_options.block_bytes,
                                                                       options.rotation.max_bytes / 2), 4096);
  auto open_one = [&state, scap, gzip, trace_options](const std::string& name) -> std::unique_ptr<EventWriter> {
    if (scap) return std::make_unique<ScapWriter>(name, state, gzip);
    return std::make_unique<TraceWriter>(name, state, trace_options);
  };
  std::unique_ptr<EventWriter> writer;
  if (options.rotation.enabled())
    writer = std::make_unique<RotatingWriter>(path, options.rotation, open_one);
  else
    writer = open_one(path);
  return std::make_unique<TraceSink>(std::move(writer), options.filtered);
}

}  // namespace sysray::trace
