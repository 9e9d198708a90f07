#include "cli/capture_report.h"

#include <cinttypes>

namespace sysray {

void report_live_capture(FILE* err, const Options& opts, const SourceStats& stats, uint64_t events_read,
                         double seconds) {
  if (opts.verbose || opts.summary) {
    // sysdig -v's wording. Driver Events counts every event the probe
    // built (sysray's own syscalls excluded), dropped or not.
    std::fprintf(err, "Driver Events:%" PRIu64 "\nDriver Drops:%" PRIu64 "\n", stats.events, stats.drops);
    if (stats.drops > 0)
      std::fprintf(err, "Driver Drops (buffer full):%" PRIu64 "\nDriver Drops (event too large):%" PRIu64 "\n",
                   stats.drops_buffer, stats.drops_too_large);
    std::fprintf(err, "Elapsed time: %.3f, Captured Events: %" PRIu64 ", %.2f eps\n", seconds, events_read,
                 seconds > 0 ? double(events_read) / seconds : 0.0);
    return;
  }
  if (stats.drops > 0) {
    std::fprintf(err,
                 "sysray: %" PRIu64 " of %" PRIu64 " events dropped (buffer full: %" PRIu64 ", too large: %" PRIu64
                 "); try a larger --buffer-size, or print less\n",
                 stats.drops, stats.events, stats.drops_buffer, stats.drops_too_large);
  }
}

}  // namespace sysray
