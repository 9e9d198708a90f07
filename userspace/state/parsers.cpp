#include "state/parsers.h"

namespace sysray {

void StateParsers::parse(const Event& event, EventContext& ctx) {
  ctx = EventContext{};
  ctx.thread = &s_.thread_for_event(event.tid);
}

}  // namespace sysray
