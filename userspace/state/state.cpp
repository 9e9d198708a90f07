#include "state/state.h"

#include <algorithm>

#include "state/names.h"
#include "state/parsers.h"

namespace sysray {

State::State() = default;

ThreadInfo& State::add_thread(ThreadInfo thread) {
  if (!thread.cwd.empty() && thread.cwd.back() != '/') thread.cwd += '/';
  int64_t tid = thread.tid;
  ThreadInfo& slot = threads_[tid];
  slot = std::move(thread);
  return slot;
}

void State::add_fd(int64_t tid, int64_t fd, FdInfo info) {
  ThreadInfo* t = find_thread(tid);
  if (!t) return;  // fds of unknown threads cannot be shown anyway
  fd_owner(*t).fds[fd] = std::move(info);
}

void State::add_user(UserInfo user) { users_[user.uid] = std::move(user); }
void State::add_group(GroupInfo group) { groups_[group.gid] = std::move(group); }
void State::add_interface(InterfaceAddress iface) { interfaces_.push_back(std::move(iface)); }

void State::finish_loading() {
  // A snapshot (FDL block, /proc) lists a connected IPv4 socket with the
  // local end first. When the local port is one some socket listens on,
  // this side is the server: flip it so the name reads client->server.
  std::vector<uint16_t> listening_ports;
  for (auto& [tid, t] : threads_) {
    for (auto& [fd, info] : t.fds) {
      if (info.type == FdType::Ipv4ServSock || info.type == FdType::Ipv6ServSock) listening_ports.push_back(info.sport);
    }
  }
  for (auto& [tid, t] : threads_) {
    for (auto& [fd, info] : t.fds) {
      if (info.type != FdType::Ipv4Sock || info.role == FdRole::Server || info.sport == 0) continue;
      bool local_is_server =
          std::find(listening_ports.begin(), listening_ports.end(), info.sport) != listening_ports.end();
      if (!local_is_server) {
        info.role = FdRole::Client;
        continue;
      }
      std::swap(info.sip, info.dip);
      std::swap(info.sport, info.dport);
      info.role = FdRole::Server;
      info.name.clear();
      append_ip_tuple(false, info.sip, info.sport, info.dip, info.dport, info.name);
    }
  }
}

ThreadInfo* State::find_thread(int64_t tid) {
  auto it = threads_.find(tid);
  return it == threads_.end() ? nullptr : &it->second;
}

const ThreadInfo* State::find_thread(int64_t tid) const {
  auto it = threads_.find(tid);
  return it == threads_.end() ? nullptr : &it->second;
}

ThreadInfo& State::fd_owner(ThreadInfo& t) {
  if (t.pid == t.tid) return t;
  ThreadInfo* main = find_thread(t.pid);
  return main ? *main : t;
}

const ThreadInfo& State::fd_owner(const ThreadInfo& t) const {
  if (t.pid == t.tid) return t;
  const ThreadInfo* main = find_thread(t.pid);
  return main ? *main : t;
}

FdInfo* State::find_fd(ThreadInfo& t, int64_t fd) {
  auto& fds = fd_owner(t).fds;
  auto it = fds.find(fd);
  return it == fds.end() ? nullptr : &it->second;
}

const FdInfo* State::find_fd(const ThreadInfo& t, int64_t fd) const {
  const auto& fds = fd_owner(t).fds;
  auto it = fds.find(fd);
  return it == fds.end() ? nullptr : &it->second;
}

const UserInfo* State::find_user(uint32_t uid) const {
  auto it = users_.find(uid);
  return it == users_.end() ? nullptr : &it->second;
}

const GroupInfo* State::find_group(uint32_t gid) const {
  auto it = groups_.find(gid);
  return it == groups_.end() ? nullptr : &it->second;
}

ThreadInfo& State::thread_for_event(int64_t tid) {
  if (cache_.thread && cache_.tid == tid) return *cache_.thread;
  auto [it, inserted] = threads_.try_emplace(tid);
  if (inserted) {
    // A thread we never saw start: sysdig shows it as <NA> until an execve
    // or a /proc-like source tells more.
    ThreadInfo& t = it->second;
    t.tid = tid;
    t.pid = tid;
    t.ptid = -1;
    t.comm = t.exe = "<NA>";
  }
  cache_.tid = tid;
  cache_.thread = &it->second;
  return it->second;
}

void State::apply_deferred() {
  if (pending_fd_close_tid_ >= 0) {
    if (ThreadInfo* t = find_thread(pending_fd_close_tid_)) fd_owner(*t).fds.erase(pending_fd_close_fd_);
    pending_fd_close_tid_ = -1;
  }
  if (pending_thread_removal_ >= 0) {
    if (cache_.tid == pending_thread_removal_) cache_.thread = nullptr;
    threads_.erase(pending_thread_removal_);
    pending_thread_removal_ = -1;
  }
}

size_t State::purge_threads(uint64_t idle_before, const std::function<bool(const ThreadInfo&)>& alive) {
  const size_t before = threads_.size();
  std::erase_if(threads_, [&](const auto& entry) {
    const ThreadInfo& t = entry.second;
    return t.last_event_ts < idle_before && !alive(t);
  });
  if (threads_.size() != before) {
    cache_.thread = nullptr;
    cache_.tid = -1;
  }
  return before - threads_.size();
}

void State::note_exit(int64_t tid, uint64_t ts) {
  constexpr size_t kPruneAt = 4096;
  const uint64_t keep_ns = 5'000'000'000;
  if (recent_exits_.size() >= kPruneAt)
    std::erase_if(recent_exits_, [ts, keep_ns](const auto& entry) { return entry.second + keep_ns < ts; });
  recent_exits_[tid] = ts;
}

bool State::exited_after(int64_t tid, uint64_t ts) const {
  auto it = recent_exits_.find(tid);
  return it != recent_exits_.end() && it->second > ts;
}

void State::begin_event(const Event& event, EventContext& ctx) {
  if (has_deferred()) apply_deferred();
  StateParsers(*this).begin(event, ctx);
}

void State::apply_event(const Event& event, EventContext& ctx) { StateParsers(*this).apply(event, ctx); }

void State::discard_event(const Event& event, EventContext& ctx) { StateParsers(*this).discard(event, ctx); }

void State::process_event(const Event& event, EventContext& ctx) {
  begin_event(event, ctx);
  apply_event(event, ctx);
}

}  // namespace sysray
