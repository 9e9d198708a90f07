// The kernel pushdown plan: from a compiled filter, what a probe may drop
// before userspace sees it, computed conservatively. An event outside the
// plan can never match the filter; an event inside may or may not.
//
//   evt.type=open and proc.name=cat  -> events {open enter, open exit}, comm {cat}
//   not evt.type=open                -> all events (negations are not narrowed)
//   evt.type=open or fd.name contains x -> all events
//
// The plan is about matching only. The consumer must still let through the
// events that keep the state right (clone, execve, close, ...) and drop
// them after the state parsers ran; and comm constraints see the kernel's
// comm (15 characters), not proc.name after an execve.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "filters/filter.h"

namespace sysray {

// A set of allowed values, or "anything" (any == true).
template <class T>
struct Constraint {
  bool any = true;
  std::set<T> values;

  bool allows(const T& v) const { return any || values.count(v) != 0; }
};

struct PushdownPlan {
  Constraint<uint16_t> event_types;  // event ids (both directions are listed)
  Constraint<std::string> comms;     // proc.name
  Constraint<int64_t> pids;          // proc.pid
  Constraint<int64_t> tids;          // thread.tid

  bool all_events() const { return event_types.any && comms.any && pids.any && tids.any; }
};

PushdownPlan plan_pushdown(const Filter& filter);

// What two consumers need together: events either may match (a chisel's
// filter beside another's), and what both filters in a row let through
// (the command-line filter, then a chisel's own).
PushdownPlan plan_union(const PushdownPlan& a, const PushdownPlan& b);
PushdownPlan plan_intersection(const PushdownPlan& a, const PushdownPlan& b);

}  // namespace sysray
