// libFuzzer harness for the .sray column decoders alone: in a file, zstd's
// checksum stops most mutations before they reach them, so here the bytes
// go straight to decode_state() and decode_event_block(). Anything must
// end in a DecodeError or a result; never a crash or a huge allocation.
// The first byte picks the decoder and the event count.
#include <cstddef>
#include <cstdint>

#include "event/event.h"
#include "state/state.h"
#include "trace/event_block_codec.h"
#include "trace/state_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t selector = data[0];
  ++data;
  --size;
  try {
    if (selector & 1) {
      sysray::State state;
      sysray::trace::decode_state(data, size, state);
    } else {
      sysray::trace::DecodedBlock block;
      sysray::trace::decode_event_block(data, size, selector >> 1, 1'000'000'000, block);
      for (size_t i = 0; i < block.size(); ++i) {
        sysray::Event e;
        std::string error;
        // Every rebuilt event must be one decode_event() accepts.
        if (!sysray::decode_event(block.raw.data() + block.offset[i], block.raw.size() - block.offset[i], e, &error))
          __builtin_trap();
      }
    }
  } catch (const sysray::trace::DecodeError&) {
  }
  return 0;
}
