// Where the filter sits in the flow of an event, as in sysdig 0.29.3.
//
// sysdig decides most events before parsing them: a rejected event changes
// no state, and the exit of a rejected enter no longer knows its enter (so
// its fd and category can differ from an unfiltered run). Events that
// modify state (EF_MODIFIES_STATE: open, close, clone, execve...) are
// parsed first and decided after, so fd and process names stay right. A
// display filter (-d) decides every event after parsing.
#pragma once

#include "fields/field.h"
#include "filters/filter.h"
#include "state/state.h"

namespace sysray {

class EventGate {
 public:
  // filter may be null (everything passes).
  EventGate(const Filter* filter, bool display_only) : filter_(filter), display_only_(display_only) {}

  // Updates the state with the event and fills ctx; true if it passes.
  bool admit(State& state, const Event& event, EventContext& ctx, const StreamInfo& stream) const;

 private:
  const Filter* filter_;
  bool display_only_;
};

}  // namespace sysray
