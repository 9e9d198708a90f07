// --from/--to values: a time relative to the capture's first event
// ("90", "+1.5s", "200ms", "2m") or absolute, UTC ("2022-03-16 10:11:12.5",
// "2022-03-16T10:11:12Z", "@1647425472.5" seconds since the epoch).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sysray::trace {

struct TimeBound {
  uint64_t ns = 0;
  bool relative = false;  // ns counts from the first event

  uint64_t resolve(uint64_t start_ns) const { return relative ? start_ns + ns : ns; }
};

// nullopt when text is none of the accepted forms.
std::optional<TimeBound> parse_time_bound(std::string_view text);

}  // namespace sysray::trace
