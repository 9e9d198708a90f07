#include "cli/pipeline.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "filters/filter.h"
#include "output/event_printer.h"
#include "output/output_buffer.h"
#include "output/summary.h"
#include "trace/trace_output.h"

namespace sysray {
namespace {

// Events sysdig 0.29.3 processes but never prints.
bool is_hidden(const Event& event) {
  const EventInfo& info = event.info();
  if (EventClass(info.display_category() & EC_CLASS_MASK) == EC_INTERNAL) return true;
  return (event.dump_flags & kEventFlagStateOnly) != 0;
}

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

}  // namespace

int run_pipeline(const Options& opts, EventSource& source) {
  // A bad filter stops everything before a single event is read.
  std::unique_ptr<Filter> filter;
  if (!opts.filter.empty()) {
    try {
      filter = compile_filter(opts.filter);
    } catch (const FilterError& e) {
      std::fprintf(stderr, "sysray: %s\n%s", e.what(), e.caret_line().c_str());
      return 1;
    }
  }

  State state;
  OutputBuffer out;
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

  StreamInfo stream;
  stream.render.buffers = opts.buffers;
  // sysdig's JSON output shows data buffers whole.
  if (opts.json && opts.buffers == BufferFormat::Normal) stream.render.buffers = BufferFormat::Json;
  stream.render.max_bytebuf_len = opts.verbose ? 0 : 80;
  EventSummary summary;
  ProgressReporter progress;
  Event event;
  EventContext ctx;
  bool leading_containers = true;
  uint64_t counted = 0;  // -n: events that passed the filter, or every event with -d (as sysdig counts)
  uint64_t seen = 0;
  int status = 0;
  try {
    while ((opts.max_events == 0 || counted < opts.max_events) && source.next(event)) {
      ++seen;
      state.process_event(event, ctx);
      if (leading_containers && std::string_view(event.info().display_name()) != "container") {
        leading_containers = false;
        stream.first_ts = event.ts;
      }
      if (opts.progress && (seen & 0xffff) == 0) progress.update(seen);
      // Leading container events belong to opening the capture, not to it.
      if (leading_containers) {
        if (writer) writer->add(event, true);
        continue;
      }
      if (opts.display_filter) ++counted;
      // The filter sees hidden events too, as sysdig's does: evt.deltatime
      // in a filter counts from them.
      bool matched = true;
      if (filter) {
        FieldInput in{state, event, ctx, stream};
        matched = filter->matches(in);
      }
      if (writer) writer->add(event, matched);
      if (!matched) continue;
      if (!opts.display_filter && !is_hidden(event)) ++counted;
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
  }
  if (writer) {
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
  return status;
}

}  // namespace sysray
