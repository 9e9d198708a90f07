// chisel.*: what a chisel asks for itself (fields, its filter, its output,
// its interval, handing over to another chisel).
#include <cstdint>

#include "chisel/lua_api.h"

namespace sysray {
namespace {

// Runs f, turning a ChiselError into a Lua error (which carries the
// chisel's file:line).
template <class F>
int guarded(lua_State* L, F&& f) {
  try {
    return f();
  } catch (const ChiselError& e) {
    lua_pushstring(L, e.what());
  }
  return lua_error(L);
}

int request_field(lua_State* L) {
  std::string name = luaL_checkstring(L, 1);
  return guarded(L, [&] {
    lua_pushlightuserdata(L, chisel_of(L).request_field(name));
    return 1;
  });
}

int set_filter(lua_State* L) {
  std::string text = luaL_checkstring(L, 1);
  return guarded(L, [&] {
    chisel_of(L).set_filter(text);
    return 0;
  });
}

int set_event_formatter(lua_State* L) {
  std::string format = luaL_checkstring(L, 1);
  return guarded(L, [&] {
    chisel_of(L).set_formatter(format);
    return 0;
  });
}

uint64_t check_count(lua_State* L, int index) {
  lua_Number n = luaL_checknumber(L, index);
  return n > 0 ? uint64_t(n) : 0;
}

int set_interval_s(lua_State* L) {
  chisel_of(L).set_interval(check_count(L, 1) * 1000000000ull, false);
  return 0;
}

int set_interval_ns(lua_State* L) {
  chisel_of(L).set_interval(check_count(L, 1), false);
  return 0;
}

int set_precise_interval_ns(lua_State* L) {
  chisel_of(L).set_interval(check_count(L, 1), true);
  return 0;
}

// chisel.exec(name, args...): once on_init returns, `name` replaces this chisel.
int exec(lua_State* L) {
  std::vector<std::string> request;
  int n = lua_gettop(L);
  for (int i = 1; i <= n; ++i) request.push_back(luaL_checkstring(L, i));
  if (request.empty()) return luaL_error(L, "chisel.exec needs the name of a chisel");
  chisel_of(L).request_exec(std::move(request));
  return 0;
}

}  // namespace

void register_chisel_api(lua_State* L, Chisel* chisel) {
  lua_newtable(L);
  set_api_function(L, "request_field", request_field, chisel);
  set_api_function(L, "set_filter", set_filter, chisel);
  set_api_function(L, "set_event_formatter", set_event_formatter, chisel);
  set_api_function(L, "set_interval_s", set_interval_s, chisel);
  set_api_function(L, "set_interval_ns", set_interval_ns, chisel);
  set_api_function(L, "set_precise_interval_ns", set_precise_interval_ns, chisel);
  set_api_function(L, "exec", exec, chisel);
  lua_setglobal(L, "chisel");
}

}  // namespace sysray
