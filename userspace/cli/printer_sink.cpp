#include "cli/printer_sink.h"

namespace sysray {
namespace {

std::unique_ptr<EventPrinter> make_printer(const Options& opts) {
  PrinterOptions printer_opts;
  printer_opts.time = opts.time;
  printer_opts.json = opts.json;
  return opts.has_format ? make_format_printer(opts.format, printer_opts) : make_default_printer(printer_opts);
}

}  // namespace

PrinterSink::PrinterSink(const Options& opts, OutputBuffer& out)
    : printer_(make_printer(opts)),
      out_(out),
      summary_on_(opts.summary),
      print_lines_(!opts.quiet && opts.write_file.empty()) {}

}  // namespace sysray
