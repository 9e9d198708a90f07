// libFuzzer harness: any bytes given to ScapReader must end in events and
// a clean end, or a SourceError; never a crash, a hang or a huge allocation.
#include <cstddef>
#include <cstdint>
#include <span>

#include "source/scap_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (bool skip : {true, false}) {
    sysray::ScapReader reader("fuzz-input", std::span<const uint8_t>(data, size),
                              {.skip_unknown_to_legacy = skip});
    sysray::State state;
    try {
      reader.open(state);
      sysray::Event event;
      while (reader.next(event)) {
        // Touch every parameter so that a bad offset shows up under ASan.
        volatile uint8_t sink = 0;
        for (size_t i = 0; i < event.nparams; ++i)
          for (char c : event.param(i)) sink = sink ^ uint8_t(c);
      }
    } catch (const sysray::SourceError&) {
    }
  }
  return 0;
}
