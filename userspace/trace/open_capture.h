// -r: the source for a capture file, chosen by its first bytes (never by
// its name): the .sray magic gives a TraceReader, anything else the scap
// reader (plain or gzip, which reports a bad magic itself).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "source/event_source.h"
#include "trace/time_bound.h"

namespace sysray::trace {

struct CaptureOptions {
  std::optional<TimeBound> from, to;  // --from/--to
};

std::unique_ptr<EventSource> open_capture(const std::string& path, const CaptureOptions& options = {});

}  // namespace sysray::trace
