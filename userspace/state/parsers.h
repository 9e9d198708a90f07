// The parsers that keep State current from events: one function per family
// of syscalls (clone, execve, open, socket, ...). Internal to the state layer.
#pragma once

#include "state/state.h"

namespace sysray {

class StateParsers {
 public:
  explicit StateParsers(State& state) : s_(state) {}
  void parse(const Event& event, EventContext& ctx);

 private:
  State& s_;
};

}  // namespace sysray
