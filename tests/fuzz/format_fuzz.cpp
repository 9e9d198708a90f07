// libFuzzer harness for the -p format parser: any text ends in a printer or
// a FormatError, never a crash or a hang; a printer renders every event of a
// real capture (SYSRAY_FUZZ_CAPTURE, else a shared sample) without crashing,
// and what it prints keeps the printer's promises (below).
// The first byte picks the options (JSON, -t, buffer format, -v); the rest
// is the format.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <zlib.h>

#include "output/event_printer.h"
#include "source/scap_reader.h"

namespace {

// The capture, uncompressed once here (gzread reads plain files as they
// are), so that each input costs the parsing and the printing only.
const std::vector<uint8_t>& capture() {
  static const std::vector<uint8_t> bytes = [] {
    const char* env = std::getenv("SYSRAY_FUZZ_CAPTURE");
    std::string path = env ? env : SYSRAY_SHARED_DIR "/traces/open-multiple-files.scap";
    std::vector<uint8_t> b;
    if (gzFile in = gzopen(path.c_str(), "rb")) {
      uint8_t chunk[65536];
      int n;
      while ((n = gzread(in, chunk, sizeof chunk)) > 0) b.insert(b.end(), chunk, chunk + n);
      gzclose(in);
    }
    if (b.empty()) {
      std::fprintf(stderr, "format_fuzz: cannot read %s\n", path.c_str());
      std::abort();
    }
    return b;
  }();
  return bytes;
}

constexpr sysray::TimeFormat kTimes[] = {sysray::TimeFormat::Human, sysray::TimeFormat::Absolute,
                                          sysray::TimeFormat::Relative, sysray::TimeFormat::Latency,
                                          sysray::TimeFormat::Delta};
constexpr sysray::BufferFormat kBuffers[] = {sysray::BufferFormat::Normal, sysray::BufferFormat::Ascii,
                                              sysray::BufferFormat::Hex,    sysray::BufferFormat::HexAscii,
                                              sysray::BufferFormat::Base64, sysray::BufferFormat::Json};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t selector = data[0];
  const std::string format(reinterpret_cast<const char*>(data + 1), size - 1);
  sysray::PrinterOptions opts;
  opts.json = selector & 1;
  opts.time = kTimes[(selector >> 1) % 5];
  std::unique_ptr<sysray::EventPrinter> printer;
  try {
    printer = sysray::make_format_printer(format, opts);
  } catch (const sysray::FormatError&) {
    return 0;
  }
  // A format without fields prints itself ('*' and "%%" aside) for every event.
  std::string literal;
  bool has_fields = false;
  for (size_t i = (!format.empty() && format[0] == '*') ? 1 : 0; i < format.size(); ++i) {
    if (format[i] != '%') literal += format[i];
    else if (i + 1 < format.size() && format[i + 1] == '%') literal += '%', ++i;
    else has_fields = true;
  }

  const auto& bytes = capture();
  sysray::ScapReader reader("fuzz-capture", std::span<const uint8_t>(bytes.data(), bytes.size()));
  sysray::State state;
  sysray::StreamInfo stream;
  stream.render.buffers = kBuffers[(selector >> 4) % 6];
  stream.render.max_bytebuf_len = (selector & 0x80) ? 0 : 80;
  reader.open(state);  // the sample capture is sound: an error here is a bug
  sysray::Event event;
  sysray::EventContext ctx;
  std::string out;
  while (reader.next(event)) {
    state.process_event(event, ctx);
    if (stream.first_ts == 0) stream.first_ts = event.ts;
    out.clear();
    const bool printed = printer->print(sysray::FieldInput{state, event, ctx, stream}, out);
    // Nothing printed leaves nothing behind; a printed event is one line
    // (a JSON object in JSON mode).
    if (!printed && !out.empty()) __builtin_trap();
    if (printed && (out.empty() || out.back() != '\n')) __builtin_trap();
    if (printed && opts.json && (out.front() != '{' || out.compare(out.size() - 2, 2, "}\n") != 0))
      __builtin_trap();
    if (!has_fields && !opts.json && (!printed || out != literal + "\n")) __builtin_trap();
  }
  return 0;
}
