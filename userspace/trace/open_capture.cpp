#include "trace/open_capture.h"

#include <fcntl.h>
#include <unistd.h>

#include "source/scap_reader.h"
#include "trace/time_range_source.h"
#include "trace/trace_format.h"
#include "trace/trace_layout.h"
#include "trace/trace_reader.h"

namespace sysray::trace {
namespace {

// The first bytes of path; empty if it cannot be read (the reader then
// reports why, with its own message).
bool starts_with_trace_magic(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  uint8_t head[sizeof kMagic];
  ssize_t n = ::read(fd, head, sizeof head);
  ::close(fd);
  return n > 0 && has_trace_magic(head, size_t(n));
}

}  // namespace

std::unique_ptr<EventSource> open_capture(const std::string& path, const CaptureOptions& options) {
  if (starts_with_trace_magic(path)) {
    TraceReaderOptions trace_options;
    trace_options.from = options.from;
    trace_options.to = options.to;
    return std::make_unique<TraceReader>(path, trace_options);
  }
  auto scap = std::make_unique<ScapReader>(path);
  if (!options.from && !options.to) return scap;
  return std::make_unique<TimeRangeSource>(std::move(scap), options.from, options.to);
}

}  // namespace sysray::trace
