// The one path every event takes: source -> state -> gate (the filter) ->
// sinks: the -w writer (trace_writer_sink.h) sees every event, then the
// events that pass go to the chisels (chisel_sink.h) or, without chisels,
// to the printer and -S summary (printer_sink.h). The same code serves -r
// and live capture.
#pragma once

#include <memory>

#include "chisel/chisel_runner.h"
#include "cli/options.h"
#include "source/event_source.h"

namespace sysray {

// Runs the capture to its end and returns the exit status. Errors (a
// damaged file, a bad filter) are reported on stderr in one line.
// `chisels`: the -c chisels after on_init (cli/chisel_setup.h), or null.
int run_pipeline(const Options& opts, EventSource& source, std::unique_ptr<ChiselRunner> chisels);

}  // namespace sysray
