#include "filters/cost_order.h"

#include <algorithm>
#include <string_view>

namespace sysray {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

struct NodeFacts {
  uint32_t cost = 0;
  bool side_effects = false;
};

NodeFacts order_node(FilterProgram& program, uint32_t index) {
  const FilterProgram::Node& node = program.nodes[index];
  if (node.kind == AstNode::Kind::Compare) {
    const CompiledCheck& check = program.checks[node.first];
    return {estimated_cost(check), check.has_side_effects()};
  }
  struct Operand {
    uint32_t node;
    NodeFacts facts;
  };
  std::vector<Operand> operands;
  NodeFacts total;
  for (uint32_t i = 0; i < node.count; ++i) {
    uint32_t child = program.children[node.first + i];
    NodeFacts facts = order_node(program, child);
    operands.push_back({child, facts});
    total.cost += facts.cost;
    total.side_effects = total.side_effects || facts.side_effects;
  }
  if (node.kind != AstNode::Kind::Not && !total.side_effects) {
    // Stable: operands of equal cost keep the order they were written in.
    std::stable_sort(operands.begin(), operands.end(),
                     [](const Operand& a, const Operand& b) { return a.facts.cost < b.facts.cost; });
    for (uint32_t i = 0; i < node.count; ++i) program.children[node.first + i] = operands[i].node;
  }
  return total;
}

}  // namespace

uint32_t estimated_cost(const CompiledCheck& check) {
  // Decided by a table lookup on the event type.
  if (check.is_event_type_set()) return 1;
  const FieldDef& def = check.field();
  std::string_view name = def.name;
  if ((def.flags & FF_TYPE_ONLY) || name == "evt.around") return 1;
  uint32_t cost;
  if (name == "proc.aname" || name == "proc.apid") {
    cost = check.bound_field().arg().has_index ? 6 : 20;  // a walk up the process tree
  } else if (starts_with(name, "evt.")) {
    // Numbers come straight from the event; strings may be rendered.
    cost = def.type == ParamType::CHARBUF || def.type == ParamType::BYTEBUF ? 5 : 2;
  } else if (starts_with(name, "proc.") || starts_with(name, "thread.") || starts_with(name, "user.") ||
             starts_with(name, "group.")) {
    cost = 3;  // the event's thread, already found
  } else if (starts_with(name, "fd.")) {
    cost = 4;  // the event's fd, already found
  } else {
    cost = 8;  // containers, fd lists, syslog: parsing or scanning
  }
  switch (check.op()) {
    case CompareOp::Contains: case CompareOp::IContains: case CompareOp::Glob: case CompareOp::PMatch:
      return cost + 3;
    case CompareOp::In: case CompareOp::StartsWith: case CompareOp::EndsWith:
      return cost + 1;
    default:
      return cost;
  }
}

void order_by_cost(FilterProgram& program) {
  if (!program.nodes.empty()) order_node(program, program.root);
}

}  // namespace sysray
