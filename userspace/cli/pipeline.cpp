#include "cli/pipeline.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "cli/capture_report.h"
#include "cli/chisel_sink.h"
#include "cli/event_gate.h"
#include "cli/printer_sink.h"
#include "cli/stop_signals.h"
#include "cli/trace_writer_sink.h"
#include "filters/filter.h"
#include "live/proc_scan.h"
#include "output/output_buffer.h"
#include "state/thread_purge.h"

namespace sysray {
namespace {

// Every error of a run is one line on stderr.
void print_error(const std::exception& e) { std::fprintf(stderr, "sysray: %s\n", e.what()); }

// -P: how far reading has got, on stderr, at most once a second.
class ProgressReporter {
 public:
  void update(uint64_t events) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    std::fprintf(stderr, "\rsysray: %llu events read", static_cast<unsigned long long>(events));
  }
  static void finish(uint64_t events) {
    std::fprintf(stderr, "\rsysray: %llu events read\n", static_cast<unsigned long long>(events));
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Live output goes out when the rings run empty (IdleFlush) and, on a
// system busy enough never to empty them, at least every 100 ms: a line
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

// Live output waits in the buffer only while events keep coming: stdout
// (lines, and chisels' own output) is flushed whenever the rings are empty.
// The source outlives the buffer: the handler goes on every way out.
class IdleFlush {
 public:
  IdleFlush(EventSource& source, OutputBuffer& out) : source_(source) {
    if (source.is_live()) source.set_idle_handler([&out] { out.flush(); });
  }
  ~IdleFlush() { source_.set_idle_handler(nullptr); }
  IdleFlush(const IdleFlush&) = delete;
  IdleFlush& operator=(const IdleFlush&) = delete;

 private:
  EventSource& source_;
};

// The run's filter, null if there is none. False (the error and a caret
// under its place printed) if it does not compile.
bool compile_run_filter(const std::string& text, std::unique_ptr<Filter>& filter) {
  if (text.empty()) return true;
  try {
    filter = compile_filter(text);
    return true;
  } catch (const FilterError& e) {
    std::fprintf(stderr, "sysray: %s\n%s\n", e.what(), e.caret_line().c_str());
    return false;
  }
}

// How fields render: -b, -A, -v (chisels may change it at capture start).
StreamInfo stream_info(const Options& opts) {
  StreamInfo stream;
  stream.render.buffers = opts.buffers;
  // sysdig's JSON output shows data buffers whole.
  if (opts.json && opts.buffers == BufferFormat::Normal) stream.render.buffers = BufferFormat::Json;
  stream.render.max_bytebuf_len = opts.verbose ? 0 : 80;
  return stream;
}

// Where the events of a run go after the gate.
struct Sinks {
  TraceWriterSink* writer;  // -w, or null: sees every event
  ChiselSink* chisels;      // -c, or null: sees the events that pass
  PrinterSink& printer;     // the events that pass while no chisel runs
};

struct LoopEnd {
  uint64_t seen = 0;  // events the source yielded
  int status = 0;
};

// Feeds the source's events through the state and the gate to the sinks
// until the source ends, -n or -M is reached, a stop signal arrives or a
// chisel ends the capture. A source or writer error ends it with one line
// on stderr, after the lines printed before it.
LoopEnd run_events(const Options& opts, EventSource& source, State& state, const EventGate& gate,
                   StreamInfo& stream, OutputBuffer& out, const Sinks& sinks) {
  ProgressReporter progress;
  FlushPacer pacer;
  const bool live = source.is_live();
  Event event;
  EventContext ctx;
  bool leading_containers = true;
  uint64_t counted = 0;  // -n: events that passed the filter (every event with -d)
  uint64_t seen = 0;
  // -M as sysdig does it: stop at the first event N seconds after the
  // first one (live capture also has a wall-clock timer: StopSignals).
  const uint64_t duration_ns = uint64_t(opts.duration_seconds) * 1000000000ull;
  uint64_t duration_start = 0;
  // Live only: threads whose exit was lost go once the system has no
  // such thread (state/thread_purge.h).
  ThreadPurge purge([](const ThreadInfo& t) { return thread_exists(t.tid); });
  const auto fail = [&](const std::exception& e) {
    out.flush();
    print_error(e);
    return LoopEnd{seen, 1};
  };
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
      if (live) {
        pacer.after_event(out, seen);
        purge.before_event(state, event.ts);
      }
      // Before State sees the event: -w rotation opens its next file here.
      if (sinks.writer) sinks.writer->before_state(event);
      // Leading container events belong to opening the capture, not to it:
      // no filter, no count, no output.
      if (leading_containers) {
        if (std::string_view(event.info().display_name()) == "container") {
          state.process_event(event, ctx);
          if (sinks.chisels) sinks.chisels->container(event);
          if (sinks.writer) sinks.writer->add(event, true);
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
      if (sinks.writer) sinks.writer->add(event, passed);
      if (!passed) continue;
      if (!opts.display_filter) ++counted;
      const FieldInput in{state, event, ctx, stream};
      if (!sinks.chisels) {
        sinks.printer.event(in);
      } else if (!sinks.chisels->event(in)) {
        break;
      }
    }
  } catch (const SourceError& e) {
    return fail(e);
  } catch (const trace::TraceError& e) {
    return fail(e);
  }
  return LoopEnd{seen, 0};
}

}  // namespace

int run_pipeline(const Options& opts, EventSource& source, std::unique_ptr<ChiselRunner> chisel_runner) {
  std::optional<ChiselSink> chisels;
  if (chisel_runner) chisels.emplace(std::move(chisel_runner));
  // sysdig.set_filter() in a chisel replaces the command-line filter.
  const std::string& filter_text = chisels && chisels->filter() ? *chisels->filter() : opts.filter;

  // A bad filter or -p format stops everything before the source opens
  // (for live capture: before the probe loads).
  std::unique_ptr<Filter> filter;
  if (!compile_run_filter(filter_text, filter)) return 1;
  OutputBuffer out;  // stdout
  out.set_line_buffered(opts.unbuffered);
  std::optional<PrinterSink> printer;
  try {
    printer.emplace(opts, out);
  } catch (const FormatError& e) {
    print_error(e);
    return 1;
  }

  State state;
  // Ctrl-C, SIGTERM and (live) -M stop the source: a live one drains its
  // rings, a file stops being read; the loop then ends normally, the -w
  // file is closed and the summary is printed, as sysdig does.
  StopSignals stop_signals(source);
  IdleFlush idle_flush(source, out);
  try {
    source.open(state);
  } catch (const SourceError& e) {
    print_error(e);
    return 1;
  }
  std::optional<TraceWriterSink> writer;
  if (!opts.write_file.empty()) {
    try {
      writer.emplace(opts, state, filter && !opts.display_filter, source.is_live());
    } catch (const trace::TraceError& e) {
      print_error(e);
      return 1;
    }
  }
  const auto capture_start = std::chrono::steady_clock::now();
  if (source.is_live()) stop_signals.stop_after(opts.duration_seconds);
  StreamInfo stream = stream_info(opts);
  if (chisels && !chisels->begin(state, stream)) return 1;

  const EventGate gate(filter.get(), opts.display_filter);
  const Sinks sinks{writer ? &*writer : nullptr, chisels ? &*chisels : nullptr, *printer};
  auto [seen, status] = run_events(opts, source, state, gate, stream, out, sinks);

  // The end, in this order: the -w file closes, -P's last count, the -S
  // table and all of stdout, the live capture's counters, on_capture_end.
  if (writer) {
    try {
      writer->end(source.stats());
    } catch (const trace::TraceError& e) {
      print_error(e);
      status = 1;
    }
  }
  if (opts.progress) ProgressReporter::finish(seen);
  printer->end();
  out.flush();
  if (source.is_live()) {
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - capture_start;
    report_live_capture(stderr, opts, source.stats(), seen, elapsed.count());
  }
  if (chisels) status = chisels->end(status);
  return status;
}

}  // namespace sysray
