#include "chisel/thread_table.h"

#include <arpa/inet.h>

#include <cstring>
#include <set>

#include "fields/field_helpers.h"
#include "sysray_event_ids.h"

namespace sysray {
namespace {

void set_number(lua_State* L, const char* key, double value) {
  lua_pushnumber(L, value);
  lua_setfield(L, -2, key);
}

void set_string(lua_State* L, const char* key, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

void set_string_array(lua_State* L, const char* key, const std::vector<std::string>& values) {
  lua_createtable(L, int(values.size()), 0);
  for (size_t i = 0; i < values.size(); ++i) {
    lua_pushlstring(L, values[i].data(), values[i].size());
    lua_rawseti(L, -2, int(i + 1));
  }
  lua_setfield(L, -2, key);
}

std::string address_text(const FdInfo& fd, const uint8_t* addr) {
  char buf[INET6_ADDRSTRLEN] = "";
  bool v6 = fd.type == FdType::Ipv6Sock || fd.type == FdType::Ipv6ServSock;
  inet_ntop(v6 ? AF_INET6 : AF_INET, addr, buf, sizeof buf);
  return buf;
}

void push_fd(lua_State* L, const FdInfo& fd, bool barebone) {
  lua_newtable(L);
  if (barebone) return;
  // Names go over as C strings, up to a line break: sysdig's table shows
  // unix socket paths without the '\n' some capture fd lists end them with.
  std::string_view name = fd.name;
  name = name.substr(0, name.find_first_of(std::string_view("\0\n", 2)));
  set_string(L, "name", name);
  set_string(L, "type", fd_type_name(fd.type));
  if (!fd.is_ip_socket()) return;
  // A tuple's source is the client, its destination the server; a listening
  // socket has only its own address.
  if (fd.is_server_socket()) {
    set_string(L, "sip", address_text(fd, fd.sip));
    set_number(L, "sport", fd.sport);
  } else {
    set_string(L, "cip", address_text(fd, fd.sip));
    set_string(L, "sip", address_text(fd, fd.dip));
    set_number(L, "cport", fd.sport);
    set_number(L, "sport", fd.dport);
  }
  lua_pushboolean(L, fd.is_server_socket() || fd.role == FdRole::Server);
  lua_setfield(L, -2, "is_server");
  set_string(L, "l4proto", l4proto_name(fd.l4proto));
}

// A read() enter event on (tid, fd): what a per-fd filter is evaluated on.
class FakeReadEvent {
 public:
  const Event& make(int64_t tid, int64_t fd, uint64_t ts) {
    bytes_.clear();
    const uint16_t type = PPME_SYSCALL_READ_E;
    const uint32_t nparams = 2;
    const uint16_t lens[2] = {8, 4};
    const uint32_t len = 26 + sizeof lens + 12;
    append(ts);
    append(tid);
    append(len);
    append(type);
    append(nparams);
    append(lens);
    append(fd);
    append(uint32_t(0));
    std::string error;
    decode_event(bytes_.data(), bytes_.size(), event_, &error);
    return event_;
  }

 private:
  template <class T>
  void append(const T& v) {
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    bytes_.insert(bytes_.end(), p, p + sizeof v);
  }
  std::vector<uint8_t> bytes_;
  Event event_;
};

}  // namespace

void push_thread_table(lua_State* L, const State& state, const ThreadTableOptions& opts, const Filter* filter,
                       uint64_t ts) {
  lua_newtable(L);
  FakeReadEvent fake;
  StreamInfo stream;
  for (const auto& [tid, thread] : state.threads()) {
    const ThreadInfo& owner = state.fd_owner(thread);
    std::vector<std::pair<int64_t, const FdInfo*>> fds;
    for (const auto& [num, fd] : owner.fds) {
      if (filter) {
        EventContext ctx;
        ctx.thread = const_cast<ThreadInfo*>(&thread);
        ctx.fd = num;
        ctx.fd_info = &fd;
        FieldInput in{state, fake.make(tid, num, ts), ctx, stream};
        if (!filter->matches(in)) continue;
      }
      fds.emplace_back(num, &fd);
    }
    if (filter && fds.empty()) continue;

    lua_pushnumber(L, double(tid));
    lua_newtable(L);
    set_number(L, "tid", double(tid));
    set_number(L, "pid", double(thread.pid));
    if (!opts.barebone) {
      set_number(L, "ptid", double(thread.ptid));
      set_string(L, "comm", thread.comm);
      set_string(L, "exe", thread.exe);
      set_number(L, "flags", thread.flags);
      set_number(L, "fdlimit", double(thread.fdlimit));
      set_number(L, "uid", thread.uid);
      set_number(L, "gid", thread.gid);
      set_number(L, "nchilds", double(thread.nchilds));
      set_number(L, "vmsize_kb", thread.vmsize_kb);
      set_number(L, "vmrss_kb", thread.vmrss_kb);
      set_number(L, "vmswap_kb", thread.vmswap_kb);
      set_number(L, "pfmajor", double(thread.pfmajor));
      set_number(L, "pfminor", double(thread.pfminor));
      set_string(L, "clone_ts", std::to_string(thread.clone_ts));
      const UserInfo* user = state.find_user(thread.uid);
      set_string(L, "username", user ? std::string_view(user->name) : std::string_view("<NA>"));
      set_string_array(L, "args", thread.args);
      set_string_array(L, "env", thread.env);
    }
    if (opts.fds) {
      lua_newtable(L);
      for (const auto& [num, fd] : fds) {
        lua_pushnumber(L, double(num));
        push_fd(L, *fd, opts.barebone);
        lua_settable(L, -3);
      }
      lua_setfield(L, -2, "fdtable");
    }
    lua_settable(L, -3);
  }
}

void push_container_table(lua_State* L, const State& state, const ContainerList& described) {
  std::vector<ContainerEntry> entries = described.entries();
  if (entries.empty()) {
    std::set<std::string> ids;
    for (const auto& [tid, thread] : state.threads()) {
      std::string_view id = field_helpers::container_id_of(thread);
      if (!id.empty() && ids.emplace(id).second) entries.push_back({std::string(id), "<NA>", "<NA>", "docker"});
    }
  }
  lua_createtable(L, int(entries.size()), 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    lua_newtable(L);
    set_string(L, "id", entries[i].id);
    set_string(L, "name", entries[i].name);
    set_string(L, "image", entries[i].image);
    set_string(L, "type", entries[i].type);
    lua_rawseti(L, -2, int(i + 1));
  }
}

}  // namespace sysray
