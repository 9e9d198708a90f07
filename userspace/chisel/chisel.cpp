#include "chisel/chisel.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "chisel/chisel_interrupt.h"
#include "chisel/chisel_search.h"
#include "chisel/lua_api.h"
#include "filters/pushdown.h"

extern "C" {
#include <lualib.h>
}

namespace sysray {
namespace {

constexpr const char* kCallbackNames[] = {"on_set_arg",     "on_init",     "on_capture_start",
                                          "on_event",       "on_interval", "on_capture_end"};

}  // namespace

std::string directory_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "./" : path.substr(0, slash + 1);
}

namespace {

std::string base_name(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.size() > 4 && name.ends_with(".lua")) name.resize(name.size() - 4);
  return name;
}

// A string field of the table on top of the stack, if it is a string.
bool string_field(lua_State* L, const char* key, std::string& out) {
  lua_getfield(L, -1, key);
  bool ok = lua_type(L, -1) == LUA_TSTRING;
  if (ok) out = lua_tostring(L, -1);
  lua_pop(L, 1);
  return ok;
}

bool string_global(lua_State* L, const char* key, std::string& out) {
  lua_getglobal(L, key);
  bool ok = lua_type(L, -1) == LUA_TSTRING;
  if (ok) out = lua_tostring(L, -1);
  lua_pop(L, 1);
  return ok;
}

}  // namespace

Chisel::Chisel(ChiselEnvironment& env) : env_(env) {
  for (int& ref : callback_ref_) ref = -1;
  L_ = luaL_newstate();
  if (!L_) throw ChiselError("cannot create a Lua state (out of memory)");
  luaL_openlibs(L_);
  register_chisel_api(L_, this);
  register_sysdig_api(L_, this);
  register_evt_api(L_, this);
}

Chisel::~Chisel() {
  if (L_) {
    chisel_interrupt::forget(L_);
    lua_close(L_);
  }
}

void Chisel::load(const std::string& name, const std::string& first_dir) {
  std::string path;
  if (!first_dir.empty()) {
    std::ifstream beside(first_dir + name + ".lua");
    if (beside) path = first_dir + name + ".lua";
  }
  if (path.empty()) path = find_chisel_file(name);
  if (path.empty()) throw ChiselError(fmt::format("chisel {} not found - use -cl to list them.", name));
  load_file(path, base_name(name));
}

void Chisel::load_file(const std::string& path, const std::string& name) {
  desc_.name = name;
  desc_.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ChiselError(fmt::format("can't open file {}", path));
  std::stringstream text;
  text << in.rdbuf();
  std::string code = text.str();

  // require finds modules beside the chisel first, then in every search directory.
  std::string lua_path = directory_of(path) + "?.lua";
  for (const auto& dir : chisel_search_dirs())
    if (!dir.empty()) lua_path += ";" + dir + "?.lua";
  lua_getglobal(L_, "package");
  lua_getfield(L_, -1, "path");
  lua_path += ";";
  lua_path += lua_tostring(L_, -1);
  lua_pop(L_, 1);
  lua_pushstring(L_, lua_path.c_str());
  lua_setfield(L_, -2, "path");
  lua_pop(L_, 1);

  // "@path" makes Lua's messages read "path:line: message".
  if (luaL_loadbuffer(L_, code.data(), code.size(), ("@" + path).c_str()) != 0) {
    std::string msg = lua_tostring(L_, -1);
    lua_pop(L_, 1);
    throw ChiselError(fmt::format("{}: {}", name, msg));
  }
  call(0, 0);
  read_description();
  find_callbacks();
}

void Chisel::read_description() {
  desc_.has_description = string_global(L_, "description", desc_.description);
  desc_.has_short_description = string_global(L_, "short_description", desc_.short_description);
  string_global(L_, "category", desc_.category);
  lua_getglobal(L_, "hidden");
  desc_.hidden = lua_toboolean(L_, -1);
  lua_pop(L_, 1);

  lua_getglobal(L_, "args");
  desc_.has_args = lua_istable(L_, -1);
  if (desc_.has_args) {
    size_t n = lua_objlen(L_, -1);
    for (size_t i = 1; i <= n; ++i) {
      lua_rawgeti(L_, -1, int(i));
      if (lua_istable(L_, -1)) {
        ChiselArgSpec spec;
        string_field(L_, "name", spec.name);
        string_field(L_, "description", spec.description);
        string_field(L_, "argtype", spec.argtype);
        lua_getfield(L_, -1, "optional");
        spec.optional = lua_toboolean(L_, -1);
        lua_pop(L_, 1);
        desc_.args.push_back(std::move(spec));
      }
      lua_pop(L_, 1);
    }
  }
  lua_pop(L_, 1);
}

void Chisel::find_callbacks() {
  for (int i = 0; i < int(Callback::Count); ++i) {
    if (callback_ref_[i] != -1) luaL_unref(L_, LUA_REGISTRYINDEX, callback_ref_[i]);
    callback_ref_[i] = -1;
    lua_getglobal(L_, kCallbackNames[i]);
    if (lua_isfunction(L_, -1)) callback_ref_[i] = luaL_ref(L_, LUA_REGISTRYINDEX);
    else lua_pop(L_, 1);
  }
}

void Chisel::push_callback(Callback cb) {
  lua_rawgeti(L_, LUA_REGISTRYINDEX, callback_ref_[int(cb)]);
  calling_ = kCallbackNames[int(cb)];
}

void Chisel::call(int nargs, int nresults) {
  int failed;
  {
    // Ctrl-C can interrupt this call if it does not return.
    chisel_interrupt::CallScope scope(L_, desc_.name, calling_);
    failed = lua_pcall(L_, nargs, nresults, 0);
  }
  calling_ = "its top level";
  if (failed != 0) {
    std::string msg = lua_isstring(L_, -1) ? lua_tostring(L_, -1) : "(error object is not a string)";
    lua_pop(L_, 1);
    throw ChiselError(fmt::format("{}: {}", desc_.name, msg));
  }
}

bool Chisel::call_expect_bool(Callback cb, const char* what) {
  push_callback(cb);
  call(0, 1);
  bool is_bool = lua_isboolean(L_, -1);
  bool value = lua_toboolean(L_, -1);
  lua_pop(L_, 1);
  if (!is_bool) throw ChiselError(fmt::format("{} chisel error: wrong {} return value.", desc_.name, what));
  return value;
}

void Chisel::set_args(const std::vector<std::string>& values) {
  if (values.empty()) return;
  if (!has(Callback::SetArg)) throw ChiselError(fmt::format("chisel {} misses a set_arg() function.", desc_.name));
  for (size_t i = 0; i < values.size() && i < desc_.args.size(); ++i) {
    push_callback(Callback::SetArg);
    lua_pushstring(L_, desc_.args[i].name.c_str());
    lua_pushlstring(L_, values[i].data(), values[i].size());
    call(2, 1);
    bool ok = lua_toboolean(L_, -1);
    lua_pop(L_, 1);
    if (!ok) throw ChiselError(fmt::format("set_arg() for chisel {} failed.", desc_.name));
  }
}

void Chisel::init() {
  if (!has(Callback::Init)) return;
  push_callback(Callback::Init);
  call(0, 1);
  bool is_bool = lua_isboolean(L_, -1);
  bool value = lua_toboolean(L_, -1);
  lua_pop(L_, 1);
  // A chisel that hands over to another (chisel.exec) has no say here.
  if (!exec_.empty()) return;
  if (!is_bool) throw ChiselError(fmt::format("{} chisel error: wrong init() return value.", desc_.name));
  if (!value) throw ChiselError(fmt::format("init() for chisel {} failed.", desc_.name));
  find_callbacks();  // on_init may define callbacks
}

void Chisel::capture_start() {
  if (!has(Callback::CaptureStart)) return;
  if (!call_expect_bool(Callback::CaptureStart, "capture_start()"))
    throw ChiselError(fmt::format("capture_start() for chisel {} failed.", desc_.name));
}

void Chisel::call_interval(uint64_t ts, uint64_t delta) {
  push_callback(Callback::Interval);
  lua_pushnumber(L_, double(ts / 1000000000));
  lua_pushnumber(L_, double(ts % 1000000000));
  lua_pushnumber(L_, double(delta));
  call(3, 1);
  bool go_on = lua_isnil(L_, -1) || lua_toboolean(L_, -1);
  lua_pop(L_, 1);
  if (!go_on) throw ChiselError(fmt::format("execution terminated by the {} chisel", desc_.name));
}

void Chisel::fire_intervals(const FieldInput& in) {
  uint64_t ts = in.event.ts;
  if (precise_interval_) {
    // One call per elapsed period, at the period's boundary.
    if (last_interval_ts_ == 0) last_interval_ts_ = ts - ts % interval_ns_ + interval_ns_;
    while (ts >= last_interval_ts_) {
      call_interval(last_interval_ts_, interval_ns_);
      last_interval_ts_ += interval_ns_;
    }
    return;
  }
  // Coarse: the first event of each new period triggers one call; the
  // capture's first event only starts the clock.
  // The first call's delta is 0.
  if (last_interval_ts_ == 0) {
    last_interval_ts_ = ts;
    return;
  }
  if (ts / interval_ns_ != last_interval_ts_ / interval_ns_) {
    call_interval(ts, interval_called_ ? ts - last_interval_ts_ : 0);
    interval_called_ = true;
    last_interval_ts_ = ts;
  }
}

void Chisel::deliver(const FieldInput& in, std::string& out) {
  if (interval_ns_ && has(Callback::Interval)) fire_intervals(in);
  if (!allowed_types_.empty() && (in.event.type >= allowed_types_.size() || !allowed_types_[in.event.type])) return;
  if (filter_ && !filter_->matches(in)) return;
  bool print = false;
  if (has(Callback::Event)) {
    push_callback(Callback::Event);
    call(0, 1);
    print = lua_toboolean(L_, -1);
    lua_pop(L_, 1);
  }
  if (print && formatter_) formatter_->print(in, out);
}

void Chisel::capture_end(uint64_t last_ts, uint64_t first_ts) {
  if (!has(Callback::CaptureEnd)) return;
  push_callback(Callback::CaptureEnd);
  lua_pushnumber(L_, double(last_ts / 1000000000));
  lua_pushnumber(L_, double(last_ts % 1000000000));
  lua_pushnumber(L_, double(last_ts - first_ts));
  call(3, 0);
}

BoundField* Chisel::request_field(const std::string& name) {
  BoundField field;
  size_t consumed = 0, error_pos = 0;
  std::string error;
  if (!parse_field(name, 0, field, &consumed, &error, &error_pos) || consumed != name.size())
    throw ChiselError(fmt::format("chisel requesting nonexistent field {}", name));
  fields_.push_back(std::move(field));
  return &fields_.back();
}

void Chisel::set_filter(const std::string& text) {
  if (text.empty()) {
    filter_.reset();
    allowed_types_.clear();
    return;
  }
  try {
    filter_ = compile_filter(text);
  } catch (const FilterError& e) {
    throw ChiselError(fmt::format("invalid filter in chisel {}: {}", desc_.name, e.what()));
  }
  // Event types the filter can never match are skipped before evaluating it
  // (evt.type=procinfo: one type of hundreds).
  allowed_types_.clear();
  PushdownPlan plan = plan_pushdown(*filter_);
  if (!plan.event_types.any) {
    uint16_t max_type = plan.event_types.values.empty() ? 0 : *plan.event_types.values.rbegin();
    allowed_types_.assign(size_t(max_type) + 1, false);
    for (uint16_t t : plan.event_types.values) allowed_types_[t] = true;
  }
}

PushdownPlan Chisel::events_wanted() const {
  if (!filter_ || (interval_ns_ && has(Callback::Interval))) return {};
  return plan_pushdown(*filter_);
}

void Chisel::set_formatter(const std::string& format) {
  try {
    if (format.empty() || format == "default") formatter_ = make_default_printer(env_.printer);
    else formatter_ = make_format_printer(format, env_.printer);
  } catch (const FormatError& e) {
    throw ChiselError(fmt::format("invalid formatter in chisel {}: {}", desc_.name, e.what()));
  }
}

void Chisel::set_interval(uint64_t ns, bool precise) {
  interval_ns_ = ns;
  precise_interval_ = precise;
  last_interval_ts_ = 0;
  interval_called_ = false;
}

}  // namespace sysray
