#include "cli/event_gate.h"

namespace sysray {

bool EventGate::admit(State& state, const Event& event, EventContext& ctx, const StreamInfo& stream) const {
  state.begin_event(event, ctx);
  if (!filter_) {
    state.apply_event(event, ctx);
    return true;
  }
  if (display_only_ || (event.info().display_flags() & EF_MODIFIES_STATE)) {
    state.apply_event(event, ctx);
    return filter_->matches(FieldInput{state, event, ctx, stream});
  }
  if (!filter_->matches(FieldInput{state, event, ctx, stream})) {
    state.discard_event(event, ctx);
    return false;
  }
  state.apply_event(event, ctx);
  return true;
}

}  // namespace sysray
