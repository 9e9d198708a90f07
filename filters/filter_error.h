// The one exception the filter compiler throws.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sysray {

class FilterError : public std::runtime_error {
 public:
  // message without position; column is a 0-based offset into expression.
  FilterError(std::string_view expression, size_t column, const std::string& message);
  size_t column() const { return column_; }
  const std::string& message() const { return message_; }
  // The expression, a newline, and a caret under the column.
  std::string caret_line() const;

 private:
  std::string expression_;
  size_t column_;
  std::string message_;
};

}  // namespace sysray
