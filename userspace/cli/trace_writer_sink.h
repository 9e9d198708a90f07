// -w: the trace file. It records the capture as the source yields it: every
// event, the leading container events included, with the gate's verdict
// (trace/trace_sink.h keeps what passed and what later events need).
// Writing errors are trace::TraceError; the pipeline reports them.
#pragma once

#include "cli/options.h"
#include "trace/trace_output.h"

namespace sysray {

class TraceWriterSink {
 public:
  // Opens the file (throws trace::TraceError) with the state the source
  // opened with. `filtered`: a filter (not a display filter) picks the
  // events; `live`: the events come from a live capture.
  TraceWriterSink(const Options& opts, const State& state, bool filtered, bool live);

  // Every event, before the state sees it: rotation opens its next file
  // here, with the state as it was before the event.
  void before_state(const Event& event) {
    guarded([&] { sink_->before_state(event); });
  }
  // Every event, after the gate; `passed`: its verdict.
  void add(const Event& event, bool passed) {
    guarded([&] { sink_->add(event, passed); });
  }
  // After the last event: closes the file with the source's counters. Not
  // after a writing error (a full disk): closing would only say it again;
  // the destructor releases the file.
  void end(const SourceStats& stats) {
    if (!failed_) sink_->close(stats);
  }

 private:
  template <class Write>
  void guarded(Write&& write) {
    try {
      write();
    } catch (const trace::TraceError&) {
      failed_ = true;
      throw;
    }
  }

  std::unique_ptr<trace::TraceSink> sink_;
  bool failed_ = false;
};

}  // namespace sysray
