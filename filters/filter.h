// sysray's filters: the public API.
//
//   auto filter = compile_filter("evt.type=open and proc.name=cat");
//   if (filter->matches(input)) ...
//
// The language and its meaning are those of sysdig 0.29.3 (see parser.h for
// the grammar and checker.h for the typing rules). compile_filter throws
// FilterError, whose what() is one line with the column and whose
// caret_line() shows the expression with a caret under the error.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "filters/compiler.h"
#include "filters/filter_error.h"

namespace sysray {

class Filter {
 public:
  Filter(std::string text, FilterProgram program) : text_(std::move(text)), program_(std::move(program)) {}
  bool matches(const FieldInput& in) const { return program_.eval(program_.root, in); }
  const std::string& text() const { return text_; }
  const FilterProgram& program() const { return program_; }

 private:
  std::string text_;
  FilterProgram program_;
};

// order_by_cost: see cost_order.h (off only to test the pass).
std::unique_ptr<Filter> compile_filter(std::string_view text, bool order_by_cost = true);

}  // namespace sysray
