// What a run without chisels prints: a line per event that passes the gate
// (sysdig's default line, a -p format or JSON) and, at the end, the -S table.
#pragma once

#include <memory>

#include "cli/event_gate.h"
#include "cli/options.h"
#include "output/event_printer.h"
#include "output/output_buffer.h"
#include "output/summary.h"

namespace sysray {

class PrinterSink {
 public:
  // Lines go to `out` (stdout). Throws FormatError for a bad -p format, so
  // that it is reported before the source opens.
  PrinterSink(const Options& opts, OutputBuffer& out);

  // An event that passed the gate. Hidden events count in -S but never print.
  void event(const FieldInput& in) {
    if (summary_on_) summary_.count(in.event);
    if (print_lines_ && !is_hidden(in.event)) {
      printer_->print(in, out_.text());
      out_.maybe_flush();
    }
  }

  // After the last event: the -S table (written out with the rest of `out`).
  void end() {
    if (summary_on_) summary_.append_table(out_.text());
  }

 private:
  std::unique_ptr<EventPrinter> printer_;
  OutputBuffer& out_;
  EventSummary summary_;
  const bool summary_on_;
  // -q prints no lines, and neither does -w (as with sysdig -w).
  const bool print_lines_;
};

}  // namespace sysray
