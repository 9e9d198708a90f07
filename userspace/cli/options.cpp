#include "cli/options.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <vector>

namespace sysray {
namespace {

// "8M", "512K", "1G" or plain bytes -> bytes. Empty string on success,
// else what is wrong (CLI11 turns it into the usage error).
std::string parse_byte_size(const std::string& text, uint64_t& bytes) {
  size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(text, &used);
  } catch (const std::exception&) {
    return "not a size: " + text;
  }
  std::string unit = text.substr(used);
  uint64_t scale = 1;
  if (unit == "K" || unit == "k") scale = 1ull << 10;
  else if (unit == "M" || unit == "m") scale = 1ull << 20;
  else if (unit == "G" || unit == "g") scale = 1ull << 30;
  else if (!unit.empty()) return "not a size: " + text + " (use a number of bytes, or K, M, G)";
  bytes = n * scale;
  // A ring holds at least one page; the kernel caps a ring map below 4 GiB.
  if (bytes < 4096 || bytes > (1ull << 30)) return "buffer size must be between 4K and 1G: " + text;
  return {};
}

}  // namespace

int parse_options(int argc, char** argv, Options& opts) {
  CLI::App app{"sysray: see what a Linux system does, one syscall at a time.\n"
               "Usage: sysray [options] [filter]",
               "sysray"};
  app.set_version_flag("--version", std::string("sysray version ") + SYSRAY_VERSION);
  app.option_defaults()->always_capture_default();

  char time_format = 'h';
  bool ascii = false, hex = false, hexascii = false, base64 = false;
  std::vector<std::string> filter_words;
  std::string buffer_size;

  app.add_option("-r,--read", opts.read_file, "Read events from a capture file (.scap or .sray)");
  app.add_option("-n,--numevents", opts.max_events, "Stop after this many events");
  app.add_option("-p,--print", opts.format, "Print events with this format, e.g. '%evt.num %proc.name %fd.name'");
  app.add_flag("-A,--print-ascii", ascii, "Print data buffers as ASCII text only");
  app.add_flag("-x,--print-hex", hex, "Print data buffers in hex");
  app.add_flag("-X,--print-hex-ascii", hexascii, "Print data buffers in hex and ASCII");
  app.add_flag("-b,--print-base64", base64, "Print data buffers in base64");
  app.add_flag("-j,--json", opts.json, "Print events as JSON");
  app.add_flag("-v,--verbose", opts.verbose, "Verbose output: data buffers are not cut to 80 characters; live capture ends with "
               "the probe's event and drop counts");
  app.add_flag("-q,--quiet", opts.quiet, "Print no events (useful with -S or -w)");
  app.add_option("-s,--snaplen", opts.snaplen,
                 "Live capture: keep this many bytes of each data buffer (default 80, at most 16000)");
  app.add_option("-M", opts.duration_seconds,
                 "Stop after this many seconds of events (live capture: also by the wall clock)");
  app.add_option("--buffer-size", buffer_size,
                 "Live capture: ring buffer per CPU in bytes, or with K, M, G (default 8M; rounded up "
                 "to a power of two)")
      ->check([&opts](const std::string& text) { return parse_byte_size(text, opts.buffer_bytes); });
  app.add_flag("--switch", opts.sched_switch, "Live capture: also show context switches (switch events; many)");
  app.add_flag("--page-faults", opts.page_faults, "Live capture: also show page faults (page_fault events)");
  app.add_flag("--unbuffered", opts.unbuffered, "Write every line out at once (for pipes into scripts)");
  app.add_option("-t,--timetype", time_format,
                 "Time format: h (human, default), a (absolute seconds), r (relative to the first event), "
                 "d (latency of exit events), D (delta from the previous event)")
      ->check(CLI::IsMember({'h', 'a', 'r', 'd', 'D'}));
  app.add_flag("-S,--summary", opts.summary, "Print a summary of the event counts at the end (live capture: and the probe's counts, as -v)");
  app.add_flag("-d,--displayflt", opts.display_filter,
               "Make the filter a display filter: it decides what is printed, while -n counts every event");
  app.add_flag("-l,--list", opts.list_fields, "List the fields usable in filters and -p (-lv: with types)");
  app.add_flag("-L,--list-events", opts.list_events, "List the events sysray knows");
  app.add_flag("-P,--progress", opts.progress, "Show progress on stderr while reading a file");
  app.add_option("filter", filter_words, "Filter expression, e.g. proc.name=cat and evt.type=open");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  opts.has_format = app.count("-p") > 0;
  opts.time = TimeFormat(time_format);
  if (ascii) opts.buffers = BufferFormat::Ascii;
  if (hex) opts.buffers = BufferFormat::Hex;
  if (hexascii) opts.buffers = BufferFormat::HexAscii;
  if (base64) opts.buffers = BufferFormat::Base64;
  for (size_t i = 0; i < filter_words.size(); ++i) {
    if (i) opts.filter += ' ';
    opts.filter += filter_words[i];
  }
  return -1;
}

}  // namespace sysray
