// libFuzzer harness: any bytes given to TraceReader (.sray) must end in
// events and a clean end (perhaps with a warning about a cut file), or a
// SourceError; never a crash, a hang or a huge allocation. Seeds: .sray
// files sysray writes from the sample captures (run_fuzz_smoke.sh).
#include <cstddef>
#include <cstdint>
#include <span>

#include "trace/trace_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Without the decompress-ahead thread, so that a crash reproduces.
  sysray::trace::TraceReaderOptions options;
  options.prefetch = false;
  options.warn = [](const std::string&) {};
  sysray::trace::TraceReader reader("fuzz-input", std::span<const uint8_t>(data, size), options);
  sysray::State state;
  try {
    reader.open(state);
    sysray::Event event;
    sysray::EventContext ctx;
    while (reader.next(event)) {
      state.process_event(event, ctx);
      // Touch every parameter so that a bad offset shows up under ASan.
      volatile uint8_t sink = 0;
      for (size_t i = 0; i < event.nparams; ++i)
        for (char c : event.param(i)) sink = sink ^ uint8_t(c);
    }
  } catch (const sysray::SourceError&) {
  }
  return 0;
}
