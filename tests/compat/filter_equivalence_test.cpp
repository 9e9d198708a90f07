// For every recorded case (tests/filters/data/filter_cases.tsv), the events
// sysray's filter selects on the capture are exactly those sysdig 0.29.3
// selected. Needs the scap reader and the state parsers: until the reader is
// in the tree, this file compiles to nothing.
#if __has_include("source/scap_reader.h")

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "filters/filter.h"
#include "filters/filter_cases.h"
#include "source/scap_reader.h"

namespace sysray {
namespace {

struct CompiledCase {
  const testing::FilterCase* expected;
  std::unique_ptr<Filter> filter;
  std::vector<uint64_t> selected;
};

// Reads the capture once and runs every case's filter on each event.
void run_capture(const std::string& capture, std::vector<CompiledCase>& cases) {
  ScapReader reader(std::string(SYSRAY_SHARED_DIR) + "/traces/" + capture);
  State state;
  reader.open(state);
  Event event;
  EventContext ctx;
  StreamInfo stream;
  while (reader.next(event)) {
    state.process_event(event, ctx);
    if (stream.first_ts == 0) stream.first_ts = event.ts;
    if (!(event.dump_flags & kEventFlagStateOnly)) {
      FieldInput in{state, event, ctx, stream};
      for (CompiledCase& c : cases) {
        if (c.filter->matches(in)) c.selected.push_back(event.num);
      }
    }
    stream.prev_ts = event.ts;
  }
}

TEST(FilterEquivalence, SelectsWhatSysdigSelects) {
  auto expected = testing::load_filter_cases(testing::filter_cases_path());
  ASSERT_FALSE(expected.empty());
  std::map<std::string, std::vector<CompiledCase>> by_capture;
  for (const auto& c : expected) {
    if (c.error) continue;  // tests/filters checks that sysray rejects these
    by_capture[c.capture].push_back({&c, compile_filter(c.expression), {}});
  }
  size_t agreed = 0, total = 0;
  for (auto& [capture, cases] : by_capture) {
    run_capture(capture, cases);
    for (const CompiledCase& c : cases) {
      ++total;
      if (c.selected == c.expected->selected) {
        ++agreed;
        continue;
      }
      ADD_FAILURE() << capture << ": '" << c.expected->expression << "' selects " << c.selected.size()
                    << " events, sysdig " << c.expected->selected.size();
    }
  }
  std::cout << agreed << " of " << total << " filter cases agree with sysdig\n";
}

}  // namespace
}  // namespace sysray

#endif  // __has_include("source/scap_reader.h")
