// sysdig.*: what a chisel asks of the whole run (the capture, its filter,
// the machine, the thread table) and what it asks the run to do.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "chisel/thread_table.h"

namespace sysray {
namespace {

ChiselEnvironment& env_of(lua_State* L) { return chisel_of(L).env(); }

int set_filter(lua_State* L) {
  env_of(L).global_filter = luaL_checkstring(L, 1);
  return 0;
}

int get_filter(lua_State* L) {
  lua_pushstring(L, env_of(L).capture_filter.c_str());
  return 1;
}

int set_snaplen(lua_State* L) {
  env_of(L).snaplen = uint32_t(luaL_checknumber(L, 1));
  return 0;
}

// Buffer rendering for evt.field and formatters, unless -A/-x/-X/-b/-j chose one.
int set_output_format(lua_State* L) {
  std::string name = luaL_checkstring(L, 1);
  ChiselEnvironment& env = env_of(L);
  if (env.buffer_format_forced) return 0;
  BufferFormat format;
  if (name == "normal" || name == "simple") format = BufferFormat::Normal;
  else if (name == "json" || name == "jsonbase64") format = name == "json" ? BufferFormat::Json : BufferFormat::Base64;
  else if (name == "hex") format = BufferFormat::Hex;
  else if (name == "hexascii") format = BufferFormat::HexAscii;
  else if (name == "ascii") format = BufferFormat::Ascii;
  else if (name == "base64") format = BufferFormat::Base64;
  else return luaL_error(L, "invalid argument passed to sysdig.set_output_format(): %s", name.c_str());
  env.buffer_format = format;
  if (env.stream) env.stream->render.buffers = format;
  return 0;
}

int set_fatfile_dump_mode(lua_State* L) { return 0; }  // only meaningful when writing captures

int is_live(lua_State* L) {
  lua_pushboolean(L, env_of(L).live);
  return 1;
}

int is_tty(lua_State* L) {
  lua_pushboolean(L, isatty(STDOUT_FILENO));
  return 1;
}

int get_terminal_info(lua_State* L) {
  struct winsize size {};
  bool ok = isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0;
  lua_newtable(L);
  lua_pushnumber(L, ok ? size.ws_col : -1);
  lua_setfield(L, -2, "width");
  lua_pushnumber(L, ok ? size.ws_row : -1);
  lua_setfield(L, -2, "height");
  return 1;
}

int get_machine_info(lua_State* L) {
  ChiselEnvironment& env = env_of(L);
  if (!env.capture_open) return luaL_error(L, "sysdig.get_machine_info() called before the capture is open");
  const MachineInfo& m = env.state->machine;
  lua_newtable(L);
  lua_pushnumber(L, m.num_cpus);
  lua_setfield(L, -2, "num_cpus");
  lua_pushnumber(L, double(m.memory_size_bytes));
  lua_setfield(L, -2, "memory_size_bytes");
  lua_pushnumber(L, double(m.max_pid));
  lua_setfield(L, -2, "max_pid");
  lua_pushstring(L, m.hostname.c_str());
  lua_setfield(L, -2, "hostname");
  return 1;
}

int thread_table(lua_State* L, ThreadTableOptions opts) {
  ChiselEnvironment& env = env_of(L);
  if (!env.state) return luaL_error(L, "sysdig.get_thread_table() called before the capture is open");
  std::unique_ptr<Filter> filter;
  if (lua_gettop(L) >= 1 && lua_isstring(L, 1) && *lua_tostring(L, 1)) {
    try {
      filter = compile_filter(lua_tostring(L, 1));
    } catch (const FilterError& e) {
      return luaL_error(L, "invalid filter in sysdig.get_thread_table(): %s", e.what());
    }
  }
  push_thread_table(L, *env.state, opts, filter.get(), env.last_ts);
  return 1;
}
int get_thread_table(lua_State* L) { return thread_table(L, {true, false}); }
int get_thread_table_nofds(lua_State* L) { return thread_table(L, {false, false}); }
int get_thread_table_barebone(lua_State* L) { return thread_table(L, {true, true}); }
int get_thread_table_barebone_nofds(lua_State* L) { return thread_table(L, {false, true}); }

int get_container_table(lua_State* L) {
  ChiselEnvironment& env = env_of(L);
  if (!env.state) return luaL_error(L, "sysdig.get_container_table() called before the capture is open");
  push_container_table(L, *env.state, env.containers);
  return 1;
}

int is_print_container_data(lua_State* L) {
  lua_pushboolean(L, env_of(L).print_container);
  return 1;
}

int get_output_format(lua_State* L) {
  lua_pushstring(L, env_of(L).json ? "json" : "normal");
  return 1;
}

int get_evtsource_name(lua_State* L) {
  lua_pushstring(L, env_of(L).live ? "" : env_of(L).source_name.c_str());
  return 1;
}

// Timestamps cross into Lua as decimal strings: a double cannot hold them.
void push_ts(lua_State* L, uint64_t ts) { lua_pushstring(L, std::to_string(ts).c_str()); }

uint64_t check_ts(lua_State* L, int index) {
  size_t len = 0;
  const char* s = luaL_checklstring(L, index, &len);
  return std::strtoull(s, nullptr, 10);
}

int get_firstevent_ts(lua_State* L) {
  push_ts(L, env_of(L).first_ts);
  return 1;
}

int get_lastevent_ts(lua_State* L) {
  push_ts(L, env_of(L).last_ts);
  return 1;
}

int make_ts(lua_State* L) {
  uint64_t s = uint64_t(luaL_checknumber(L, 1)), ns = uint64_t(luaL_checknumber(L, 2));
  push_ts(L, s * 1000000000ull + ns);
  return 1;
}

int add_ts(lua_State* L) {
  push_ts(L, check_ts(L, 1) + check_ts(L, 2));
  return 1;
}

int subtract_ts(lua_State* L) {
  push_ts(L, check_ts(L, 1) - check_ts(L, 2));
  return 1;
}

int run_app(lua_State* L) {
  env_of(L).run_app = luaL_checkstring(L, 1);
  return 0;
}

int end_capture(lua_State* L) {
  env_of(L).end_capture = true;
  return 0;
}

int log(lua_State* L) {
  const char* msg = luaL_checkstring(L, 1);
  const char* severity = luaL_optstring(L, 2, "info");
  std::string s = severity;
  // Like sysdig's logger without -D: only the serious ones reach stderr.
  if (s == "error" || s == "critical") fprintf(stderr, "%s\n", msg);
  return 0;
}

// sysdig.udp_setpeername(ip, port) / udp_send(text): statsd-style output.
struct UdpPeer {
  int fd = -1;
  sockaddr_in addr{};
};
UdpPeer& udp_peer() {
  static UdpPeer peer;
  return peer;
}

int udp_setpeername(lua_State* L) {
  const char* ip = luaL_checkstring(L, 1);
  int port = int(luaL_checknumber(L, 2));
  UdpPeer& peer = udp_peer();
  if (peer.fd < 0) peer.fd = socket(AF_INET, SOCK_DGRAM, 0);
  peer.addr.sin_family = AF_INET;
  peer.addr.sin_port = htons(uint16_t(port));
  if (inet_pton(AF_INET, ip, &peer.addr.sin_addr) != 1) return luaL_error(L, "invalid IP address %s", ip);
  return 0;
}

int udp_send(lua_State* L) {
  size_t len = 0;
  const char* data = luaL_checklstring(L, 1, &len);
  UdpPeer& peer = udp_peer();
  if (peer.fd >= 0)
    sendto(peer.fd, data, len, 0, reinterpret_cast<const sockaddr*>(&peer.addr), sizeof peer.addr);
  return 0;
}

int get_read_progress(lua_State* L) {
  // Reading is not tracked per byte here: 100 once the capture is over.
  lua_pushnumber(L, env_of(L).capture_open ? 0 : 100);
  return 1;
}

int push_metric(lua_State* L) { return 0; }  // an analyzer feature sysdig's CLI ignores too

}  // namespace

void register_sysdig_api(lua_State* L, Chisel* chisel) {
  lua_newtable(L);
  const std::pair<const char*, lua_CFunction> functions[] = {
      {"set_filter", set_filter},
      {"get_filter", get_filter},
      {"set_snaplen", set_snaplen},
      {"set_output_format", set_output_format},
      {"set_fatfile_dump_mode", set_fatfile_dump_mode},
      {"is_live", is_live},
      {"is_tty", is_tty},
      {"get_terminal_info", get_terminal_info},
      {"get_machine_info", get_machine_info},
      {"get_thread_table", get_thread_table},
      {"get_thread_table_nofds", get_thread_table_nofds},
      {"get_thread_table_barebone", get_thread_table_barebone},
      {"get_thread_table_barebone_nofds", get_thread_table_barebone_nofds},
      {"get_container_table", get_container_table},
      {"is_print_container_data", is_print_container_data},
      {"get_output_format", get_output_format},
      {"get_evtsource_name", get_evtsource_name},
      {"get_firstevent_ts", get_firstevent_ts},
      {"get_lastevent_ts", get_lastevent_ts},
      {"make_ts", make_ts},
      {"add_ts", add_ts},
      {"subtract_ts", subtract_ts},
      {"run_app", run_app},
      {"end_capture", end_capture},
      {"log", log},
      {"udp_setpeername", udp_setpeername},
      {"udp_send", udp_send},
      {"get_read_progress", get_read_progress},
      {"push_metric", push_metric},
  };
  for (const auto& [name, fn] : functions) set_api_function(L, name, fn, chisel);
  lua_setglobal(L, "sysdig");
}

}  // namespace sysray
