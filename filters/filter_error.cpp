#include "filters/filter_error.h"

#include <fmt/format.h>

namespace sysray {

FilterError::FilterError(std::string_view expression, size_t column, const std::string& message)
    : std::runtime_error(fmt::format("filter error at column {}: {}", column + 1, message)),
      expression_(expression),
      column_(column),
      message_(message) {}

std::string FilterError::caret_line() const {
  std::string s = expression_;
  s += '\n';
  s.append(column_, ' ');
  s += '^';
  return s;
}

}  // namespace sysray
