// evt.*: the event being delivered. Values go to Lua as sysdig's binding
// pushes them: integers as numbers (Lua 5.1 prints 832, not 832.0), bools
// as booleans, text as strings, data buffers rendered as the output format
// says. Numbers are pushed directly; nothing here allocates per event once
// the scratch string has grown.
#include <arpa/inet.h>

#include <bit>
#include <cstring>

#include "chisel/lua_api.h"
#include "fields/buffer_encoding.h"
#include "fields/field_helpers.h"

namespace sysray {
namespace {

const FieldInput& current_event(lua_State* L, const char* function) {
  const FieldInput* in = chisel_of(L).env().current;
  if (!in) luaL_error(L, "invalid call to evt.%s()", function);
  return *in;
}

// evt.rawarg takes the type of the parameter it names.
ParamType value_type(const BoundField& field, const Event& event) {
  const FieldDef& def = field.def();
  if (def.type != ParamType::DYN) return def.type;
  const FieldArgValue& arg = field.arg();
  int i = arg.has_index ? int(arg.index) : find_param(event, arg.name);
  if (i < 0) return ParamType::DYN;
  const EventInfo& info = event.info();
  return i < info.display_nparams() ? info.display_params()[i].type : info.params[i].type;
}

bool is_unsigned(ParamType t) {
  switch (t) {
    case ParamType::UINT8: case ParamType::UINT16: case ParamType::UINT32: case ParamType::UINT64:
    case ParamType::RELTIME: case ParamType::ABSTIME: case ParamType::PORT: case ParamType::FLAGS8:
    case ParamType::FLAGS16: case ParamType::FLAGS32: case ParamType::UID: case ParamType::GID:
    case ParamType::MODE: case ParamType::SYSCALLID: case ParamType::SIGTYPE: case ParamType::L4PROTO:
    case ParamType::SOCKFAMILY: case ParamType::ENUMFLAGS8: case ParamType::ENUMFLAGS16:
    case ParamType::ENUMFLAGS32: case ParamType::SIGSET:
      return true;
    default:
      return false;
  }
}

bool is_integer(ParamType t) {
  switch (t) {
    case ParamType::INT8: case ParamType::INT16: case ParamType::INT32: case ParamType::INT64:
    case ParamType::ERRNO: case ParamType::FD: case ParamType::PID: case ParamType::FD32:
    case ParamType::PID32: case ParamType::DYN:
      return true;
    default:
      return is_unsigned(t);
  }
}

bool is_address(ParamType t) {
  return t == ParamType::IPV4ADDR || t == ParamType::IPV6ADDR || t == ParamType::IPADDR ||
         t == ParamType::IPV4NET || t == ParamType::IPV6NET || t == ParamType::IPNET;
}

// evt.field(handle)
int field(lua_State* L) {
  const FieldInput& in = current_event(L, "field");
  auto* bound = static_cast<BoundField*>(lua_touserdata(L, 1));
  FieldValue v;
  // No handle (an unset variable) gives nil, as in sysdig.
  if (!bound || !bound->extract(in, v)) {
    lua_pushnil(L);
    return 1;
  }
  ParamType type = value_type(*bound, in.event);
  if (v.is_string) {
    // Buffer fields (evt.buffer) come rendered as the output format says;
    // evt.rawarg.data is the raw bytes, as in sysdig.
    if (bound->def().type == ParamType::BYTEBUF) {
      thread_local std::string rendered;
      rendered.clear();
      append_byte_buffer(v.str, in.stream.render.buffers, in.stream.render.max_bytebuf_len, rendered);
      lua_pushlstring(L, rendered.data(), rendered.size());
    } else {
      lua_pushlstring(L, v.str.data(), v.str.size());
    }
    return 1;
  }
  if (type == ParamType::BOOL) {
    lua_pushboolean(L, v.num != 0);
  } else if (type == ParamType::DOUBLE) {
    lua_pushnumber(L, std::bit_cast<double>(v.num));
  } else if (is_unsigned(type)) {
    lua_pushnumber(L, double(uint64_t(v.num)));
  } else if (is_integer(type)) {
    lua_pushnumber(L, double(v.num));
  } else if (is_address(type)) {
    char buf[INET6_ADDRSTRLEN] = "";
    inet_ntop(v.str.size() == 16 ? AF_INET6 : AF_INET, v.str.data(), buf, sizeof buf);
    lua_pushstring(L, buf);
  } else {
    thread_local std::string text;
    text.clear();
    append_field_value(bound->def(), v, text);
    lua_pushlstring(L, text.data(), text.size());
  }
  return 1;
}

int get_num(lua_State* L) {
  lua_pushnumber(L, double(current_event(L, "get_num").event.num));
  return 1;
}

int get_ts(lua_State* L) {
  uint64_t ts = current_event(L, "get_ts").event.ts;
  lua_pushnumber(L, double(ts / 1000000000));
  lua_pushnumber(L, double(ts % 1000000000));
  return 2;
}

int get_cpuid(lua_State* L) {
  lua_pushnumber(L, double(current_event(L, "get_cpuid").event.cpu));
  return 1;
}

// The event's name; generic syscall events answer with the syscall's name,
// which is what evt.type shows.
int get_type(lua_State* L) {
  const FieldInput& in = current_event(L, "get_type");
  static const BoundField evt_type = [] {
    BoundField f;
    size_t consumed = 0, pos = 0;
    std::string error;
    parse_field("evt.type", 0, f, &consumed, &error, &pos);
    return f;
  }();
  FieldValue v;
  if (evt_type.extract(in, v) && v.is_string) lua_pushlstring(L, v.str.data(), v.str.size());
  else lua_pushstring(L, in.event.info().display_name());
  return 1;
}

}  // namespace

void register_evt_api(lua_State* L, Chisel* chisel) {
  lua_newtable(L);
  set_api_function(L, "field", field, chisel);
  set_api_function(L, "get_num", get_num, chisel);
  set_api_function(L, "get_ts", get_ts, chisel);
  set_api_function(L, "get_type", get_type, chisel);
  set_api_function(L, "get_cpuid", get_cpuid, chisel);
  lua_setglobal(L, "evt");
}

}  // namespace sysray
