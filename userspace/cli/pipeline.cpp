#include "cli/pipeline.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "cli/capture_report.h"
#include "cli/chisel_setup.h"
#include "cli/event_gate.h"
#include "cli/stop_signals.h"
#include "filters/filter.h"
#include "output/event_printer.h"
#include "output/output_buffer.h"
#include "output/summary.h"
#include "trace/trace_output.h"

namespace sysray {
namespace {

// -P: how far reading has got, on stderr, at most once a second.
class ProgressReporter {
 public:
  void update(uint64_t events) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    std::fprintf(stderr, "\rsysray: %llu events read", static_cast<unsigned long long>(events));
  }
  void finish(uint64_t events) {
    std::fprintf(stderr, "\rsysray: %llu events read\n", static_cast<unsigned long long>(events));
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Live output goes out when the rings run empty (the idle handler) and, on
// a system busy enough never to empty them, at least every 100 ms: a line
// that matched a rare filter must not wait for 64 KiB of company. The clock
// is read once per 256 events.
class FlushPacer {
 public:
  void after_event(OutputBuffer& out, uint64_t seen) {
    if ((seen & 0xff) != 0 || out.text().empty()) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    out.flush();
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

int run_pipeline(const Options& opts, EventSource& source, std::unique_ptr<ChiselRunner> chisels) {
  // sysdig.set_filter() in a chisel replaces the command-line filter.
  const std::string& filter_text =
      chisels && chisels->env().global_filter ? *chisels->env().global_filter : opts.filter;

  // A bad filter or -p format stops everything before the source opens
  // (for live capture: before the probe loads).
  std::unique_ptr<Filter> filter;
  if (!filter_text.empty()) {
    try {
      filter = compile_filter(filter_text);
    } catch (const FilterError& e) {
      std::fprintf(stderr, "sysray: %s\n%s\n", e.what(), e.caret_line().c_str());
      return 1;
    }
  }

  PrinterOptions printer_opts;
  printer_opts.time = opts.time;
  printer_opts.json = opts.json;
  std::unique_ptr<EventPrinter> printer;
  try {
    printer = opts.has_format ? make_format_printer(opts.format, printer_opts) : make_default_printer(printer_opts);
  } catch (const FormatError& e) {
    std::fprintf(stderr, "sysray: %s\n", e.what());
    return 1;
  }

  State state;
  OutputBuffer out;
  out.set_line_buffered(opts.unbuffered);
  // Ctrl-C, SIGTERM and (live) -M stop the source: a live one drains its
  // rings, a file stops being read; the loop below then ends normally, the
  // -w file is closed and the summary is printed, as sysdig does.
  StopSignals stop_signals(source);
  if (source.is_live()) {
    // Output waits in the buffer only while events keep coming.
    source.set_idle_handler([&out] { out.flush(); });
  }
  // The source outlives `out`: forget the handler on every way out.
  struct IdleHandlerReset {
    EventSource& source;
    ~IdleHandlerReset() { source.set_idle_handler(nullptr); }
  } idle_handler_reset{source};
  try {
    source.open(state);
  } catch (const SourceError& e) {
    std::fprintf(stderr, "sysray: %s\n", e.what());
    return 1;
  }
  // -w: a sink fed every event the source yields (trace/trace_sink.h).
  std::unique_ptr<trace::TraceSink> writer;
  if (!opts.write_file.empty()) {
    try {
      trace::OutputOptions out_opts;
      out_opts.filtered = filter && !opts.display_filter;
      out_opts.gzip = opts.gzip;
      out_opts.live = source.is_live();
      out_opts.rotation = {opts.rotate_mb << 20, opts.rotate_seconds, opts.rotate_events, opts.rotate_files};
      writer = trace::open_trace_output(opts.write_file, state, out_opts);
    } catch (const trace::TraceError& e) {
      std::fprintf(stderr, "sysray: %s\n", e.what());
      return 1;
    }
  }
  // Writing a file prints no events, as with sysdig -w.
  const bool print_events = !opts.quiet && !writer;
  const auto capture_start = std::chrono::steady_clock::now();
  if (source.is_live()) stop_signals.stop_after(opts.duration_seconds);

  StreamInfo stream;
  stream.render.buffers = opts.buffers;
  // sysdig's JSON output shows data buffers whole.
  if (opts.json && opts.buffers == BufferFormat::Normal) stream.render.buffers = BufferFormat::Json;
  stream.render.max_bytebuf_len = opts.verbose ? 0 : 80;
  if (chisels && !chisels->capture_start(state, stream)) {
    chisels->capture_end();
    return 1;
  }
  EventSummary summary;
  ProgressReporter progress;
  FlushPacer pacer;
  const bool live = source.is_live();
  Event event;
  EventContext ctx;
  EventGate gate(filter.get(), opts.display_filter);
  bool leading_containers = true;
  uint64_t counted = 0;  // -n: events that passed the filter (every event with -d)
  uint64_t seen = 0;
  // -M as sysdig does it: stop at the first event N seconds after the
  // first one (live capture also has the wall-clock timer above).
  const uint64_t duration_ns = uint64_t(opts.duration_seconds) * 1000000000ull;
  uint64_t duration_start = 0;
  int status = 0;
  bool writer_failed = false;
  try {
    while ((opts.max_events == 0 || counted < opts.max_events) && source.next(event)) {
      if (duration_ns) {
        if (seen == 0) duration_start = event.ts;
        else if (event.ts > duration_start && event.ts - duration_start >= duration_ns) break;
      }
      // A live source stops by itself; a file is read until asked not to.
      if (!live && StopSignals::requested()) break;
      ++seen;
      if (opts.progress && (seen & 0xffff) == 0) progress.update(seen);
      if (live) pacer.after_event(out, seen);
      // Before State sees the event: -w rotation opens its next file here.
      if (writer) writer->before_state(event);
      // Leading container events belong to opening the capture, not to it:
      // no filter, no count, no output.
      if (leading_containers) {
        if (std::string_view(event.info().display_name()) == "container") {
          state.process_event(event, ctx);
          if (chisels) chisels->note_container(event);
          if (writer) writer->add(event, true);
          continue;
        }
        leading_containers = false;
        stream.first_ts = event.ts;
      }
      // -n counts hidden events too, as sysdig does; with -d, every event.
      if (opts.display_filter) ++counted;
      // The filter sees hidden events too, as sysdig's does: evt.deltatime
      // in a filter counts from them. The writer sees every event: it keeps
      // the ones that passed and those later ones need (state changes).
      const bool passed = gate.admit(state, event, ctx, stream);
      if (writer) writer->add(event, passed);
      if (!passed) continue;
      if (!opts.display_filter) ++counted;
      // Chisels see every event that passes (hidden ones too); nothing else prints.
      if (chisels) {
        FieldInput in{state, event, ctx, stream};
        if (!chisels->deliver(in)) break;
        continue;
      }
      if (opts.summary) summary.count(event);
      if (print_events && !is_hidden(event)) {
        FieldInput in{state, event, ctx, stream};
        printer->print(in, out.text());
        out.maybe_flush();
      }
    }
  } catch (const SourceError& e) {
    out.flush();
    std::fprintf(stderr, "sysray: %s\n", e.what());
    status = 1;
  } catch (const trace::TraceError& e) {
    out.flush();
    std::fprintf(stderr, "sysray: %s\n", e.what());
    status = 1;
    // A writer that failed (a full disk) would only say it again when
    // closed; its destructor releases the file.
    writer_failed = true;
  }
  if (writer && !writer_failed) {
    try {
      writer->close(source.stats());
    } catch (const trace::TraceError& e) {
      std::fprintf(stderr, "sysray: %s\n", e.what());
      status = 1;
    }
  }
  if (opts.progress) progress.finish(seen);
  if (opts.summary) summary.append_table(out.text());
  out.flush();
  if (source.is_live()) {
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - capture_start;
    report_live_capture(stderr, opts, source.stats(), seen, elapsed.count());
  }
  if (chisels) {
    chisels->capture_end();
    status = finish_chisels(*chisels, status);
  }
  return status;
}

}  // namespace sysray
