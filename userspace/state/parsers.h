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
  void on_enter(const Event& e, ThreadInfo& t, EventContext& ctx);
  void on_exit(const Event& e, ThreadInfo& t, EventContext& ctx);
  void parse_open(const Event& e, ThreadInfo& t, const EventContext& ctx, int64_t fd);
  void parse_socket(ThreadInfo& t, const EventContext& ctx, int64_t fd);
  void parse_bind(const Event& e, ThreadInfo& t, const EventContext& ctx);
  void parse_connect_enter(const Event& e, ThreadInfo& t);
  void parse_connect_exit(const Event& e, ThreadInfo& t, const EventContext& ctx);
  void parse_accept(const Event& e, ThreadInfo& t, int64_t fd);
  void parse_udp_tuple(std::string_view tuple, ThreadInfo& t, int64_t fd);
  void parse_execve(const Event& e, ThreadInfo& t);
  void parse_clone(const Event& e, EventContext& ctx);
  void parse_chdir(const Event& e, ThreadInfo& t, const EventContext& ctx);
  void add_fd(ThreadInfo& t, int64_t fd, FdType type);
  void copy_fd(ThreadInfo& t, int64_t from, int64_t to);

  State& s_;
};

}  // namespace sysray
