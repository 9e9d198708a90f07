// The system state rebuilt from a stream of events: threads, their fds,
// users, groups, interfaces and machine info.
//
// Every source fills it the same way: metadata loaders (scap blocks, the
// native header, the /proc scan) call the add_* functions, then each event
// goes through process_event() before anything looks at it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "event/event.h"
#include "state/thread_info.h"

namespace sysray {

// What the state layer learned about one event, for filters, fields and
// output. Valid until the next process_event().
struct EventContext {
  ThreadInfo* thread = nullptr;   // nullptr for events that have none
  int64_t fd = -1;                // the fd the event works on, -1 if none
  const FdInfo* fd_info = nullptr;
  // The matching enter event of an exit, when the thread's last event was it.
  Event enter;
  bool has_enter = false;
  // Exit events: time since the thread's last enter, paired or not (sysdig's
  // evt.latency); 0 for enter events.
  uint64_t latency = 0;
};

class State {
 public:
  State();

  // --- loading the initial state ---
  ThreadInfo& add_thread(ThreadInfo thread);  // replaces an existing tid
  void add_fd(int64_t tid, int64_t fd, FdInfo info);
  void add_user(UserInfo user);
  void add_group(GroupInfo group);
  void add_interface(InterfaceAddress iface);
  MachineInfo machine;
  // Called once the initial threads and fds are loaded: decides the role of
  // sockets that were already open (which side is the server).
  void finish_loading();

  // --- events ---
  // Updates the state from one event and fills ctx. Deferred work from the
  // previous event (a closed fd, an exited thread) is applied first.
  void process_event(const Event& event, EventContext& ctx);
  // process_event() in two steps, for a filter that decides in between as
  // sysdig's does: begin_event() fills ctx from the state as it was,
  // apply_event() makes the change. A rejected event gets discard_event()
  // instead of apply_event().
  void begin_event(const Event& event, EventContext& ctx);
  void apply_event(const Event& event, EventContext& ctx);
  void discard_event(const Event& event, EventContext& ctx);

  // Removes every thread with no event since idle_before (ns) that
  // alive() says the system no longer has, with its fds; returns how many
  // (thread_purge.h).
  size_t purge_threads(uint64_t idle_before, const std::function<bool(const ThreadInfo&)>& alive);

  // --- lookups ---
  ThreadInfo* find_thread(int64_t tid);
  const ThreadInfo* find_thread(int64_t tid) const;
  // The thread that owns fds and cwd for t: its main thread if known.
  ThreadInfo& fd_owner(ThreadInfo& t);
  const ThreadInfo& fd_owner(const ThreadInfo& t) const;
  FdInfo* find_fd(ThreadInfo& t, int64_t fd);
  const FdInfo* find_fd(const ThreadInfo& t, int64_t fd) const;
  const std::string& cwd(const ThreadInfo& t) const { return fd_owner(t).cwd; }
  const UserInfo* find_user(uint32_t uid) const;
  const GroupInfo* find_group(uint32_t gid) const;
  const std::unordered_map<int64_t, ThreadInfo>& threads() const { return threads_; }
  const std::vector<InterfaceAddress>& interfaces() const { return interfaces_; }
  // Removals the next event applies first (-1: none): a snapshot of the
  // state between two events leaves them out (trace/state_codec.cpp).
  int64_t pending_thread_removal() const { return pending_thread_removal_; }
  int64_t pending_fd_close_tid() const { return pending_fd_close_tid_; }
  int64_t pending_fd_close_fd() const { return pending_fd_close_fd_; }
  const std::unordered_map<uint32_t, UserInfo>& users() const { return users_; }
  const std::unordered_map<uint32_t, GroupInfo>& groups() const { return groups_; }

 private:
  friend class StateParsers;
  ThreadInfo& thread_for_event(int64_t tid);  // creates a placeholder thread
  void apply_deferred();
  bool has_deferred() const { return pending_thread_removal_ >= 0 || pending_fd_close_tid_ >= 0; }

  std::unordered_map<int64_t, ThreadInfo> threads_;
  std::unordered_map<uint32_t, UserInfo> users_;
  std::unordered_map<uint32_t, GroupInfo> groups_;
  std::vector<InterfaceAddress> interfaces_;
  // Deferred removals: the event that closes an fd or ends a thread still
  // shows it; it goes away before the next event.
  int64_t pending_thread_removal_ = -1;
  int64_t pending_fd_close_tid_ = -1;
  int64_t pending_fd_close_fd_ = -1;
  // When recent threads ended (procexit), so that a parent's clone exit
  // that comes after its child has already ended (always with vfork: the
  // parent resumes only then) does not bring the child back for good.
  // Entries older than a few seconds go once it holds thousands.
  std::unordered_map<int64_t, uint64_t> recent_exits_;
  void note_exit(int64_t tid, uint64_t ts);
  bool exited_after(int64_t tid, uint64_t ts) const;
  // The thread of the last thread_for_event(): consecutive events mostly
  // come from one thread. Map nodes do not move, so only an erase of that
  // thread makes it stale. A copied State starts without it (it would point
  // into the other State's map).
  struct ThreadCache {
    int64_t tid = -1;
    ThreadInfo* thread = nullptr;
    ThreadCache() = default;
    ThreadCache(const ThreadCache&) {}
    ThreadCache& operator=(const ThreadCache&) {
      thread = nullptr;
      return *this;
    }
  };
  ThreadCache cache_;
};

}  // namespace sysray
