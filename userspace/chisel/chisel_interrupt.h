// Ctrl-C while a chisel's Lua code runs. The stop signal's handler calls
// request() (async-signal-safe: one sem_post). A watchdog thread then
// gives the Lua call in progress one second to return; if it has not, it
// sets a Lua hook on that chisel's state which raises
// "interrupted: <callback> still running 1 s after the stop signal" at the
// next call, return or 1000 instructions, so the chisel fails with its
// file and line and the capture ends as after any chisel error. LuaJIT
// runs no hooks in compiled loops: if the call still has not returned two
// seconds later, the watchdog prints one line and exits (status 130).
#pragma once

#include <string>

struct lua_State;

namespace sysray::chisel_interrupt {

// Marks one Lua call of a chisel (on_event, on_capture_end, ...) as the
// one a stop signal interrupts. Not nested: chisels do not call each other.
class CallScope {
 public:
  CallScope(lua_State* L, const std::string& chisel, const char* callback);
  ~CallScope();
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;
};

// Before lua_close(L): waits until the watchdog is not hooking L.
void forget(lua_State* L);

// From a signal handler: wake the watchdog.
void request();

}  // namespace sysray::chisel_interrupt
