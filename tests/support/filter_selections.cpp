#include "support/filter_selections.h"

#include "source/scap_reader.h"

namespace sysray::test {

std::vector<bool> filter_selections(const std::string& capture_path, const Filter& filter) {
  ScapReader reader(capture_path);
  State state;
  reader.open(state);
  StreamInfo stream;
  EventContext ctx;
  Event event;
  std::vector<bool> out;
  while (reader.next(event)) {
    if (stream.first_ts == 0) stream.first_ts = event.ts;
    state.process_event(event, ctx);
    out.push_back(filter.matches(FieldInput{state, event, ctx, stream}));
  }
  return out;
}

}  // namespace sysray::test
