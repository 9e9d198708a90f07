#include "cli/pipeline.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "output/event_printer.h"
#include "output/output_buffer.h"
#include "output/summary.h"

namespace sysray {
namespace {

// Events sysdig 0.29.3 processes but never prints.
bool is_hidden(const Event& event, bool leading_container_events) {
  const EventInfo& info = event.info();
  if (EventClass(info.display_category() & EC_CLASS_MASK) == EC_INTERNAL) return true;
  if (event.dump_flags & kEventFlagStateOnly) return true;
  // Container events at the very start are consumed while the capture opens.
  if (leading_container_events && std::string_view(info.display_name()) == "container") return true;
  return false;
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
  State state;
  OutputBuffer out;
  try {
    source.open(state);
  } catch (const SourceError& e) {
    std::fprintf(stderr, "sysray: %s\n", e.what());
    return 1;
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
  uint64_t seen = 0;
  int status = 0;
  try {
    while ((opts.max_events == 0 || seen < opts.max_events) && source.next(event)) {
      ++seen;
      state.process_event(event, ctx);
      if (leading_containers && std::string_view(event.info().display_name()) != "container") {
        leading_containers = false;
        stream.first_ts = event.ts;
      }
      // Leading container events belong to opening the capture, not to it.
      if (opts.summary && !leading_containers) summary.count(event);
      if (!opts.quiet && !is_hidden(event, leading_containers)) {
        FieldInput in{state, event, ctx, stream};
        printer->print(in, out.text());
        out.maybe_flush();
      }
      stream.prev_ts = event.ts;
      if (opts.progress && (seen & 0xffff) == 0) progress.update(seen);
    }
  } catch (const SourceError& e) {
    out.flush();
    std::fprintf(stderr, "sysray: %s\n", e.what());
    status = 1;
  }
  if (opts.progress) progress.finish(seen);
  if (opts.summary) summary.append_table(out.text());
  out.flush();
  return status;
}

}  // namespace sysray
