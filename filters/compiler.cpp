#include "filters/compiler.h"

#include "filters/checker.h"
#include "filters/cost_order.h"

namespace sysray {
namespace {

uint32_t emit(const AstNode& ast, std::string_view text, FilterProgram& program) {
  if (ast.kind == AstNode::Kind::Compare) {
    program.checks.emplace_back(ast, check_compare(ast, text));
    program.nodes.push_back({ast.kind, uint32_t(program.checks.size() - 1), 0});
    return uint32_t(program.nodes.size() - 1);
  }
  std::vector<uint32_t> kids;
  for (const auto& child : ast.children) kids.push_back(emit(*child, text, program));
  uint32_t first = uint32_t(program.children.size());
  program.children.insert(program.children.end(), kids.begin(), kids.end());
  program.nodes.push_back({ast.kind, first, uint32_t(kids.size())});
  return uint32_t(program.nodes.size() - 1);
}

}  // namespace

bool FilterProgram::eval(uint32_t index, const FieldInput& in) const {
  const Node& n = nodes[index];
  // Operands that are checks are run here, without a call per operand.
  auto operand = [&](uint32_t i) {
    const Node& child = nodes[children[n.first + i]];
    return child.kind == AstNode::Kind::Compare ? checks[child.first].matches(in) : eval(children[n.first + i], in);
  };
  switch (n.kind) {
    case AstNode::Kind::Compare:
      return checks[n.first].matches(in);
    case AstNode::Kind::Not:
      return !operand(0);
    case AstNode::Kind::And:
      for (uint32_t i = 0; i < n.count; ++i) {
        if (!operand(i)) return false;
      }
      return true;
    case AstNode::Kind::Or:
      for (uint32_t i = 0; i < n.count; ++i) {
        if (operand(i)) return true;
      }
      return false;
  }
  return false;
}

FilterProgram compile_ast(const AstNode& root, std::string_view text, bool order_by_cost) {
  FilterProgram program;
  program.root = emit(root, text, program);
  if (order_by_cost) sysray::order_by_cost(program);
  return program;
}

}  // namespace sysray
