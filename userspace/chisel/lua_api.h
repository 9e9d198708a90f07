// Registration of the Lua API a chisel sees. Each function is a C closure
// whose first upvalue is the Chisel it belongs to.
#pragma once

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include "chisel/chisel.h"

namespace sysray {

void register_chisel_api(lua_State* L, Chisel* chisel);  // chisel.*
void register_sysdig_api(lua_State* L, Chisel* chisel);  // sysdig.*
void register_evt_api(lua_State* L, Chisel* chisel);     // evt.*

// The Chisel of the running C closure.
inline Chisel& chisel_of(lua_State* L) { return *static_cast<Chisel*>(lua_touserdata(L, lua_upvalueindex(1))); }

// Sets table[name] = closure(fn, chisel) for the table on top of the stack.
inline void set_api_function(lua_State* L, const char* name, lua_CFunction fn, Chisel* chisel) {
  lua_pushlightuserdata(L, chisel);
  lua_pushcclosure(L, fn, 1);
  lua_setfield(L, -2, name);
}

}  // namespace sysray
