// The filter's syntax tree, as the parser builds it and the checker and
// compiler read it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "fields/field.h"

namespace sysray {

enum class CompareOp {
  Eq, Ne, Lt, Le, Gt, Ge,
  Contains, IContains, StartsWith, EndsWith, Glob,
  In, PMatch, Exists,
};

// The operator's spelling, for messages.
const char* compare_op_name(CompareOp op);

struct AstValue {
  std::string text;
  size_t column = 0;
};

struct AstNode {
  enum class Kind { And, Or, Not, Compare };
  Kind kind = Kind::Compare;
  size_t column = 0;
  std::vector<std::unique_ptr<AstNode>> children;  // And/Or: 2 or more; Not: 1

  // Compare only.
  BoundField field;
  size_t field_column = 0;
  CompareOp op = CompareOp::Exists;
  size_t op_column = 0;
  std::vector<AstValue> values;  // one for binary operators, the list for in/pmatch, none for exists
};

// Prints the tree in a Lisp-like form, e.g. (or (= evt.num 1) (not (exists fd.num))).
std::string ast_to_string(const AstNode& node);

}  // namespace sysray
