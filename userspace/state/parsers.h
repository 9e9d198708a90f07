// The parsers that keep State current from events: one function per family
// of syscalls (clone, execve, open, socket, ...). Internal to the state layer.
#pragma once

#include "state/state.h"

namespace sysray {

class StateParsers {
 public:
  explicit StateParsers(State& state) : s_(state) {}
  // The two halves of sysdig's parser: begin() finds the event's thread, fd
  // and enter event; apply() makes the state change the event carries.
  void begin(const Event& event, EventContext& ctx);
  void apply(const Event& event, EventContext& ctx);
  // The event was filtered out before apply(): its exit will not pair.
  void discard(const Event& event, EventContext& ctx);

 private:
  void begin_enter(const Event& e, ThreadInfo& t, EventContext& ctx);
  void begin_exit(const Event& e, ThreadInfo& t, EventContext& ctx);
  void keep_enter(const Event& e, ThreadInfo& t);
  void apply_enter(const Event& e, ThreadInfo& t, EventContext& ctx);
  void apply_exit(const Event& e, ThreadInfo& t, EventContext& ctx);
  void put_fd(ThreadInfo& t, int64_t fd, FdInfo info);
  void parse_open(const Event& e, ThreadInfo& t, const EventContext& ctx, int64_t fd);
  void parse_socket(ThreadInfo& t, const EventContext& ctx, int64_t fd);
  void parse_bind(const Event& e, ThreadInfo& t, const EventContext& ctx);
  void parse_connect_enter(const Event& e, ThreadInfo& t);
  void parse_connect_exit(const Event& e, ThreadInfo& t, const EventContext& ctx);
  void parse_accept(const Event& e, ThreadInfo& t, int64_t fd);
  void parse_udp_tuple(std::string_view tuple, ThreadInfo& t, int64_t fd);
  void parse_execve(const Event& e, ThreadInfo& t);
  void parse_memory_sizes(const Event& e, ThreadInfo& t);
  void parse_context_switch(const Event& e, ThreadInfo& t);
  void parse_clone(const Event& e, EventContext& ctx);
  void parse_chdir(const Event& e, ThreadInfo& t, const EventContext& ctx);
  void add_fd(ThreadInfo& t, int64_t fd, FdType type);
  void copy_fd(ThreadInfo& t, int64_t from, int64_t to);

  State& s_;
};

}  // namespace sysray
