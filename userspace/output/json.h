// JSON string quoting as sysdig's JSON output does it.
#pragma once

#include <string>
#include <string_view>

namespace sysray {

// Appends s as a quoted JSON string: '"', '\\' and control characters
// escaped; other bytes pass through unchanged.
void append_json_string(std::string_view s, std::string& out);

}  // namespace sysray
