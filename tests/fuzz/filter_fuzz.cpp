// libFuzzer harness: any text given to the filter compiler ends in a
// compiled filter or a FilterError, never a crash or a hang; a compiled
// filter evaluates on an event without crashing.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "filters/filter.h"

namespace {

// An open exit (fd 3, "/etc/passwd") of thread 1, in scap layout.
struct SampleEvent {
  uint8_t bytes[128] = {};
  sysray::Event event;

  SampleEvent() {
    const char path[] = "/etc/passwd";
    const uint16_t lengths[] = {8, sizeof path, 4, 4};
    const uint32_t nparams = 4;
    size_t at = sysray::kEventHeaderSize;
    std::memcpy(bytes + at, lengths, sizeof lengths);
    at += sizeof lengths;
    const int64_t fd = 3;
    std::memcpy(bytes + at, &fd, 8);
    std::memcpy(bytes + at + 8, path, sizeof path);
    at += 8 + sizeof path + 8;  // flags and mode stay 0
    const uint64_t ts = 1000;
    const int64_t tid = 1;
    const uint32_t len = uint32_t(at);
    const uint16_t type = PPME_SYSCALL_OPEN_X;
    std::memcpy(bytes, &ts, 8);
    std::memcpy(bytes + 8, &tid, 8);
    std::memcpy(bytes + 16, &len, 4);
    std::memcpy(bytes + 20, &type, 2);
    std::memcpy(bytes + 22, &nparams, 4);
    std::string error;
    sysray::decode_event(bytes, at, event, &error);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static SampleEvent sample;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto filter = sysray::compile_filter(text);
    sysray::State state;
    sysray::EventContext ctx;
    state.process_event(sample.event, ctx);
    sysray::StreamInfo stream;
    volatile bool matched = filter->matches(sysray::FieldInput{state, sample.event, ctx, stream});
    (void)matched;
  } catch (const sysray::FilterError&) {
  }
  return 0;
}
