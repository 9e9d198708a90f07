#include "filters/pushdown.h"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace sysray {
namespace {

template <class T>
Constraint<T> both(const Constraint<T>& a, const Constraint<T>& b) {
  if (a.any) return b;
  if (b.any) return a;
  Constraint<T> out{false, {}};
  std::set_intersection(a.values.begin(), a.values.end(), b.values.begin(), b.values.end(),
                        std::inserter(out.values, out.values.end()));
  return out;
}

template <class T>
Constraint<T> either(const Constraint<T>& a, const Constraint<T>& b) {
  if (a.any || b.any) return {};
  Constraint<T> out = a;
  out.values.insert(b.values.begin(), b.values.end());
  return out;
}

PushdownPlan both(const PushdownPlan& a, const PushdownPlan& b) {
  return {both(a.event_types, b.event_types), both(a.comms, b.comms), both(a.pids, b.pids), both(a.tids, b.tids)};
}

// "a or b" keeps a constraint only if both sides have it: an event of a
// type outside both sets can still match through the other side's fields.
PushdownPlan either(const PushdownPlan& a, const PushdownPlan& b) {
  return {either(a.event_types, b.event_types), either(a.comms, b.comms), either(a.pids, b.pids),
          either(a.tids, b.tids)};
}

bool is_set_operator(CompareOp op) { return op == CompareOp::Eq || op == CompareOp::In; }

Constraint<int64_t> numbers(const CompiledCheck& check) {
  return {false, std::set<int64_t>(check.operand().numbers.begin(), check.operand().numbers.end())};
}

PushdownPlan plan_check(const CompiledCheck& check) {
  PushdownPlan plan;
  if (!is_set_operator(check.op()) || check.bound_field().arg().has_index) return plan;
  std::string_view name = check.field().name;
  if (name == "evt.type") {
    plan.event_types.any = false;
    for (uint16_t id = 0; id < kEventMax; ++id) {
      if (check.has_event_id(id)) plan.event_types.values.insert(id);
    }
    if (check.has_generic_syscall()) plan.event_types.values.insert({PPME_GENERIC_E, PPME_GENERIC_X});
  } else if (name == "proc.name") {
    plan.comms = {false, std::set<std::string>(check.operand().strings.begin(), check.operand().strings.end())};
  } else if (name == "proc.pid") {
    plan.pids = numbers(check);
  } else if (name == "thread.tid") {
    plan.tids = numbers(check);
  }
  return plan;
}

PushdownPlan plan_node(const FilterProgram& program, uint32_t index) {
  const FilterProgram::Node& node = program.nodes[index];
  switch (node.kind) {
    case AstNode::Kind::Compare:
      return plan_check(program.checks[node.first]);
    case AstNode::Kind::Not:
      return {};  // conservative: the complement of a plan is not a plan
    case AstNode::Kind::And:
    case AstNode::Kind::Or: {
      PushdownPlan plan = plan_node(program, program.children[node.first]);
      for (uint32_t i = 1; i < node.count; ++i) {
        PushdownPlan next = plan_node(program, program.children[node.first + i]);
        plan = node.kind == AstNode::Kind::And ? both(plan, next) : either(plan, next);
      }
      return plan;
    }
  }
  return {};
}

}  // namespace

PushdownPlan plan_pushdown(const Filter& filter) {
  return plan_node(filter.program(), filter.program().root);
}

PushdownPlan plan_union(const PushdownPlan& a, const PushdownPlan& b) { return either(a, b); }

PushdownPlan plan_intersection(const PushdownPlan& a, const PushdownPlan& b) { return both(a, b); }

}  // namespace sysray
