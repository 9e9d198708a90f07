// The compile pass: a checked syntax tree becomes a flat program of nodes
// (and, or, not, check) evaluated with short-circuit and no allocation.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "filters/ast.h"
#include "filters/compiled_check.h"

namespace sysray {

struct FilterProgram {
  struct Node {
    AstNode::Kind kind;
    uint32_t first;  // And/Or/Not: index into children; Compare: index into checks
    uint32_t count;  // And/Or/Not: number of children
  };
  std::vector<Node> nodes;
  std::vector<uint32_t> children;
  std::vector<CompiledCheck> checks;
  uint32_t root = 0;

  bool eval(uint32_t node, const FieldInput& in) const;
};

// Checks and compiles; throws FilterError. order_by_cost: run the pass of
// cost_order.h (off only for tests that compare with and without it).
FilterProgram compile_ast(const AstNode& root, std::string_view text, bool order_by_cost = true);

}  // namespace sysray
