#include "cli/chisel_sink.h"

#include "cli/chisel_setup.h"

namespace sysray {

bool ChiselSink::begin(const State& state, StreamInfo& stream) {
  if (runner_->capture_start(state, stream)) return true;
  runner_->capture_end();
  return false;
}

int ChiselSink::end(int status) {
  runner_->capture_end();
  return finish_chisels(*runner_, status);
}

}  // namespace sysray
