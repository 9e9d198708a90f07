// One chisel: a Lua script in its own lua_State, with sysdig's chisel API
// (chisel.*, sysdig.*, evt.*) registered in it.
//
//   Chisel c(env);
//   c.load("topscalls");          // runs the top level; reads args, description...
//   c.set_args({"..."});          // on_set_arg per value
//   c.init();                     // on_init
//
// Errors (a missing file, a Lua syntax or runtime error, a callback's wrong
// return value) throw ChiselError with one line to print.
#pragma once

#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "chisel/chisel_args.h"
#include "chisel/chisel_environment.h"
#include "filters/filter.h"
#include "filters/pushdown.h"

struct lua_State;

namespace sysray {

// The directory part of a path, with its '/' ("./" for a bare name).
std::string directory_of(const std::string& path);

class ChiselError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a chisel's top level declares.
struct ChiselDescription {
  std::string name;  // as listed: the file name without ".lua"
  std::string path;
  bool has_description = false;  // description is a string
  std::string description;
  bool has_short_description = false;
  std::string short_description;
  std::string category;
  bool hidden = false;
  bool has_args = false;  // args is a table
  std::vector<ChiselArgSpec> args;
};

// The callbacks a chisel may define, in the order of kCallbackNames.
enum class Callback { SetArg, Init, CaptureStart, Event, Interval, CaptureEnd, Count };

class Chisel {
 public:
  explicit Chisel(ChiselEnvironment& env);
  ~Chisel();
  Chisel(const Chisel&) = delete;
  Chisel& operator=(const Chisel&) = delete;

  // Finds `name` (in first_dir, if given, then on the search path) and
  // runs its top level.
  void load(const std::string& name, const std::string& first_dir = "");
  // Runs the file at path (name is how messages call it).
  void load_file(const std::string& path, const std::string& name);
  const ChiselDescription& description() const { return desc_; }
  const std::string& name() const { return desc_.name; }

  // Passes argument values to on_set_arg, positionally.
  void set_args(const std::vector<std::string>& values);
  // on_init; false when it returned false (sysdig's "init() failed").
  void init();
  void capture_start();
  // on_interval checks, the chisel filter, on_event and the formatter for
  // one event; out receives the formatter's text.
  void deliver(const FieldInput& in, std::string& out);
  void capture_end(uint64_t last_ts, uint64_t first_ts);

  // --- state the API functions set ---
  ChiselEnvironment& env() { return env_; }
  BoundField* request_field(const std::string& name);  // throws ChiselError
  void set_filter(const std::string& text);            // throws ChiselError
  void set_formatter(const std::string& format);       // throws ChiselError
  void set_interval(uint64_t ns, bool precise);
  // The events on_event may be given: its filter's pushdown plan; every
  // event without a filter, or with on_interval (intervals tick on the
  // timestamps of every event that passes the command-line filter).
  PushdownPlan events_wanted() const;
  void request_exec(std::vector<std::string> name_and_args) { exec_ = std::move(name_and_args); }
  // What chisel.exec asked for during on_init: the chisel to run instead
  // and its arguments (empty when nothing).
  const std::vector<std::string>& exec_request() const { return exec_; }

 private:
  bool has(Callback cb) const { return callback_ref_[int(cb)] != -1; }
  void push_callback(Callback cb);
  // lua_pcall with the chisel's name in front of the error.
  void call(int nargs, int nresults);
  bool call_expect_bool(Callback cb, const char* what);
  void read_description();
  void find_callbacks();
  void fire_intervals(const FieldInput& in);
  void call_interval(uint64_t ts, uint64_t delta);

  ChiselEnvironment& env_;
  lua_State* L_ = nullptr;
  ChiselDescription desc_;
  int callback_ref_[int(Callback::Count)];
  std::deque<BoundField> fields_;  // stable addresses: Lua holds them as handles
  std::unique_ptr<Filter> filter_;
  std::vector<bool> allowed_types_;  // by event id, from the filter; empty: any
  std::unique_ptr<EventPrinter> formatter_;
  uint64_t interval_ns_ = 0;
  bool precise_interval_ = false;
  uint64_t last_interval_ts_ = 0;   // coarse: ts of the previous on_interval; precise: next boundary
  bool interval_called_ = false;
  std::vector<std::string> exec_;
  const char* calling_ = "its top level";  // the callback call() runs, for messages
};

}  // namespace sysray
