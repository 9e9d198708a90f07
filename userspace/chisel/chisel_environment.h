// What every chisel of one run shares: the command line's choices, the
// capture once it is open, the event being delivered, and the requests
// chisels make to the run (end the capture, run another command, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "chisel/container_list.h"
#include "fields/field.h"
#include "output/event_printer.h"

namespace sysray {

struct ChiselEnvironment {
  // --- from the command line ---
  std::string capture_filter;   // sysdig.get_filter()
  std::string source_name;      // the -r file, "" when live
  bool live = false;
  bool json = false;            // -j: table chisels print JSON
  bool print_container = false; // -pc
  bool buffer_format_forced = false;  // -A/-x/-X/-b/-j: sysdig.set_output_format is ignored
  PrinterOptions printer;       // for chisel.set_event_formatter

  // --- the capture, once open ---
  const State* state = nullptr;
  StreamInfo* stream = nullptr;
  bool capture_open = false;
  uint64_t first_ts = 0;  // first and latest event delivered
  uint64_t last_ts = 0;
  ContainerList containers;  // from the capture's container events
  // The event being delivered; nullptr outside on_event/on_interval.
  const FieldInput* current = nullptr;

  // --- requests from chisels ---
  bool end_capture = false;               // sysdig.end_capture()
  std::string run_app;                    // sysdig.run_app(): run again with these words
  std::optional<std::string> global_filter;  // sysdig.set_filter()
  std::optional<BufferFormat> buffer_format;  // sysdig.set_output_format()
  uint32_t snaplen = 0;                   // sysdig.set_snaplen() (live captures only)
};

}  // namespace sysray
