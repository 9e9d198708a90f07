// Which events of a capture a filter selects, one bool per event, with the
// state updated by every event (as with -d: one state, whatever the filter
// says). Tests compare two filters that must select the same events.
#pragma once

#include <string>
#include <vector>

#include "filters/filter.h"

namespace sysray::test {

std::vector<bool> filter_selections(const std::string& capture_path, const Filter& filter);

}  // namespace sysray::test
