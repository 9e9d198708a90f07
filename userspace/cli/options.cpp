#include "cli/options.h"

#include <CLI/CLI.hpp>

#include "trace/trace_output.h"

#include <cstdio>
#include <filesystem>
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
  app.add_flag("-v,--verbose", opts.verbose, "Verbose output: data buffers are not cut to 80 characters; live capture says how "
               "syscalls are caught and ends with the probe's event and drop counts");
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
  app.add_option("-w,--write", opts.write_file,
                 "Write the events to a file instead of printing them: a .sray trace (zstd), or a .scap capture "
                 "when the name ends in .scap");
  app.add_flag("-z,--compress", opts.gzip, "With -w FILE.scap: gzip the capture (as sysdig -z)");
  app.add_option("-C,--file-size", opts.rotate_mb, "With -w: start a new file when this one reaches N MB");
  app.add_option("-G,--seconds", opts.rotate_seconds,
                 "With -w: start a new file every N seconds of events (the -w name may hold strftime formats)");
  app.add_option("-e,--events", opts.rotate_events, "With -w: start a new file every N events");
  app.add_option("-W,--limit", opts.rotate_files, "With -C, -G or -e: keep at most N files, overwriting the oldest");
  std::string from_text, to_text;
  const auto time_check = CLI::Validator(
      [](std::string& s) {
        return trace::parse_time_bound(s) ? std::string()
                                          : "not a time: use seconds from the start (90, +1.5s, 200ms) or a UTC "
                                            "date (2022-03-16 10:11:12.5, @1647425472)";
      },
      "TIME");
  app.add_option("--from", from_text, "Start at this time (relative to the first event, or absolute UTC)")
      ->check(time_check);
  app.add_option("--to", to_text, "Stop after this time (relative to the first event, or absolute UTC)")
      ->check(time_check);
  app.footer("Chisels: -c NAME ['ARGS'] runs a chisel (all its arguments in one word; several -c allowed),\n"
             "-cl lists them, -i NAME describes one. See docs/chisels.md.");
  app.add_option("filter", filter_words, "Filter expression, e.g. proc.name=cat and evt.type=open");

  // Chisel options go first: whether -c takes the next word depends on the chisel.
  std::vector<std::string> words(argv + 1, argv + argc);
  std::string chisel_error = take_chisel_options(words, opts.chisel);
  if (!chisel_error.empty()) {
    std::fprintf(stderr, "%s\n", chisel_error.c_str());
    return 1;
  }
  std::vector<char*> rest{argv[0]};
  for (auto& w : words) rest.push_back(w.data());

  try {
    app.parse(int(rest.size()), rest.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  opts.has_format = app.count("-p") > 0;
  opts.time = TimeFormat(time_format);
  if (ascii) opts.buffers = BufferFormat::Ascii;
  if (hex) opts.buffers = BufferFormat::Hex;
  if (hexascii) opts.buffers = BufferFormat::HexAscii;
  if (base64) opts.buffers = BufferFormat::Base64;
  std::error_code ec;
  if (!opts.write_file.empty() && !opts.read_file.empty() &&
      std::filesystem::equivalent(opts.read_file, opts.write_file, ec)) {
    std::fprintf(stderr, "sysray: -w %s would overwrite the file being read\n", opts.write_file.c_str());
    return 1;
  }
  if (opts.gzip && !trace::is_scap_output(opts.write_file)) {
    std::fprintf(stderr, "sysray: -z needs -w FILE.scap (a .sray trace is always compressed)\n");
    return 1;
  }
  if ((opts.rotate_mb || opts.rotate_seconds || opts.rotate_events || opts.rotate_files) && opts.write_file.empty()) {
    std::fprintf(stderr, "sysray: -C, -G, -e and -W need -w FILE\n");
    return 1;
  }
  if (!from_text.empty()) opts.from = trace::parse_time_bound(from_text);
  if (!to_text.empty()) opts.to = trace::parse_time_bound(to_text);
  for (size_t i = 0; i < filter_words.size(); ++i) {
    if (i) opts.filter += ' ';
    opts.filter += filter_words[i];
  }
  return -1;
}

}  // namespace sysray
