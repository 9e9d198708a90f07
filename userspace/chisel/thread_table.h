// sysdig.get_thread_table(): the state's threads as a Lua table keyed by tid.
#pragma once

#include <string>

#include "chisel/lua_api.h"

namespace sysray {

struct ThreadTableOptions {
  bool fds = true;        // include fdtable
  bool barebone = false;  // only tid/pid per thread, fds without name/type
};

// Pushes the table. With a filter, it is evaluated per fd (as if the thread
// read from that fd) and threads without a matching fd are left out.
void push_thread_table(lua_State* L, const State& state, const ThreadTableOptions& opts, const Filter* filter,
                       uint64_t ts);

// sysdig.get_container_table(): the capture's containers, or (when it
// describes none) one entry per container id the threads' cgroups show.
void push_container_table(lua_State* L, const State& state, const ContainerList& described);

}  // namespace sysray
