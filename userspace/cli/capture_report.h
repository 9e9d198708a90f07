// What a live capture says on stderr when it ends: with -v or -S, sysdig's
// -v lines (`Driver Events:N`, `Driver Drops:N`, `Elapsed time: ...`);
// without them, one line if the probe dropped anything, because lost
// events must never go unnoticed.
#pragma once

#include <cstdint>
#include <cstdio>

#include "cli/options.h"
#include "source/event_source.h"

namespace sysray {

// `events_read` counts what the source yielded, `seconds` is wall time
// from the end of open() to the end of the capture.
void report_live_capture(FILE* err, const Options& opts, const SourceStats& stats, uint64_t events_read,
                         double seconds);

}  // namespace sysray
