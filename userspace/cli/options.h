// The command line, following sysdig's: options first, the filter as the
// trailing words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "chisel/chisel_cli.h"
#include "fields/param_render.h"
#include "output/event_printer.h"
#include "trace/time_bound.h"

namespace sysray {

struct Options {
  std::string read_file;      // -r
  uint64_t max_events = 0;    // -n, 0 = no limit
  std::string format;         // -p
  bool has_format = false;
  BufferFormat buffers = BufferFormat::Normal;  // -A -x -X -b
  bool verbose = false;       // -v
  bool json = false;          // -j
  bool quiet = false;         // -q
  uint32_t snaplen = 80;      // -s (live capture)
  uint32_t duration_seconds = 0;  // -M, 0 = no limit
  uint64_t buffer_bytes = 8ull << 20;  // --buffer-size: ring buffer per CPU (live capture)
  bool unbuffered = false;    // --unbuffered: flush every line
  bool sched_switch = false;  // --switch: context switch events (live capture)
  bool page_faults = false;   // --page-faults: page fault events (live capture)
  TimeFormat time = TimeFormat::Human;  // -t
  bool summary = false;       // -S
  bool list_events = false;   // -L
  bool progress = false;      // -P
  bool display_filter = false;  // -d: the filter only decides what is shown (-n counts every event)
  bool list_fields = false;   // -l (with -v: -lv, types and arguments too)
  std::string filter;         // trailing words
  ChiselCommandLine chisel;   // -c NAME [ARGS], -cl, -i NAME (taken out before the rest is parsed)
  // Trace files (issue 6).
  std::string write_file;     // -w: .sray, or .scap export by extension
  bool gzip = false;          // -z: gzip a .scap export
  uint64_t rotate_mb = 0, rotate_seconds = 0, rotate_events = 0, rotate_files = 0;  // -C -G -e -W
  std::optional<trace::TimeBound> from, to;  // --from/--to
};

// Parses argv. Returns -1 to go on, or an exit status (help, version, or a
// usage error already reported on stderr).
int parse_options(int argc, char** argv, Options& opts);

}  // namespace sysray
