#include "cli/trace_writer_sink.h"

namespace sysray {
namespace {

trace::OutputOptions output_options(const Options& opts, bool filtered, bool live) {
  trace::OutputOptions out;
  out.filtered = filtered;
  out.gzip = opts.gzip;
  out.live = live;
  out.rotation = {opts.rotate_mb << 20, opts.rotate_seconds, opts.rotate_events, opts.rotate_files};
  return out;
}

}  // namespace

TraceWriterSink::TraceWriterSink(const Options& opts, const State& state, bool filtered, bool live)
    : sink_(trace::open_trace_output(opts.write_file, state, output_options(opts, filtered, live))) {}

}  // namespace sysray
