#include "cli/event_gate.h"

namespace sysray {

bool is_hidden(const Event& event) {
  const EventInfo& info = event.info();
  if (EventClass(info.display_category() & EC_CLASS_MASK) == EC_INTERNAL) return true;
  return (event.dump_flags & kEventFlagStateOnly) != 0;
}

bool EventGate::admit(State& state, const Event& event, EventContext& ctx, const StreamInfo& stream) const {
  state.begin_event(event, ctx);
  if (!filter_) {
    state.apply_event(event, ctx);
    return true;
  }
  if (display_only_) {
    state.apply_event(event, ctx);
    return !is_hidden(event) && filter_->matches(FieldInput{state, event, ctx, stream});
  }
  if (event.info().display_flags() & EF_MODIFIES_STATE) {
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
