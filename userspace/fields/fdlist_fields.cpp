// The fdlist.* fields: the fds of poll and ppoll, joined with commas.
#include <arpa/inet.h>

#include "fields/field_classes.h"
#include "fields/field_helpers.h"

namespace sysray {
namespace {

using namespace field_helpers;

// The fds parameter: u16 count, then count times (i64 fd, i16 events).
constexpr size_t kFdListEntrySize = 10;

std::string_view fd_list_param(const Event& e) {
  bool poll = e.type == PPME_SYSCALL_POLL_E || e.type == PPME_SYSCALL_POLL_X || e.type == PPME_SYSCALL_PPOLL_E ||
              e.type == PPME_SYSCALL_PPOLL_X;
  if (!poll) return {};
  int i = param_index(e, "fds");
  return i < 0 ? std::string_view() : e.param(size_t(i));
}

// Calls append(fd, fd_info or nullptr, out) for each listed fd, comma separated.
// The field is absent when nothing was listed.
template <class Append>
bool join_fds(const FieldInput& in, std::string& s, FieldValue& out, Append append) {
  std::string_view list = fd_list_param(in.event);
  if (list.size() < 2 || !in.ctx.thread) return false;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(list.data());
  size_t count = load_le<uint16_t>(p);
  s.clear();
  for (size_t i = 0; i < count && 2 + (i + 1) * kFdListEntrySize <= list.size(); ++i) {
    int64_t fd = load_le<int64_t>(p + 2 + i * kFdListEntrySize);
    size_t before = s.size();
    if (!s.empty()) s += ',';
    if (!append(fd, in.state.find_fd(*in.ctx.thread, fd), s)) s.resize(before);
  }
  return !s.empty() && set_str(out, s);  // nothing to list: absent, as in sysdig
}

bool append_ip(const FdInfo* fd, bool server, std::string& s) {
  if (!fd || !fd->is_ip_socket()) return false;
  bool v6 = fd->type == FdType::Ipv6Sock || fd->type == FdType::Ipv6ServSock;
  const uint8_t* addr = server && !fd->is_server_socket() ? fd->dip : fd->sip;
  char buf[INET6_ADDRSTRLEN];
  if (!inet_ntop(v6 ? AF_INET6 : AF_INET, addr, buf, sizeof buf)) return false;
  s += buf;
  return true;
}

bool append_port(const FdInfo* fd, bool server, std::string& s) {
  if (!fd || !fd->is_ip_socket()) return false;
  fmt::format_to(std::back_inserter(s), "{}", server && !fd->is_server_socket() ? fd->dport : fd->sport);
  return true;
}

bool fdlist_nums(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  return join_fds(in, s, out, [](int64_t fd, const FdInfo*, std::string& o) {
    fmt::format_to(std::back_inserter(o), "{}", fd);
    return true;
  });
}
bool fdlist_names(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  return join_fds(in, s, out, [](int64_t, const FdInfo* fd, std::string& o) {
    if (!fd) return false;
    o += fd->name;
    return true;
  });
}
bool fdlist_cips(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  return join_fds(in, s, out, [](int64_t, const FdInfo* fd, std::string& o) { return append_ip(fd, false, o); });
}
bool fdlist_sips(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  return join_fds(in, s, out, [](int64_t, const FdInfo* fd, std::string& o) { return append_ip(fd, true, o); });
}
bool fdlist_cports(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  return join_fds(in, s, out, [](int64_t, const FdInfo* fd, std::string& o) { return append_port(fd, false, o); });
}
bool fdlist_sports(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  return join_fds(in, s, out, [](int64_t, const FdInfo* fd, std::string& o) { return append_port(fd, true, o); });
}

using P = ParamType;
constexpr PrintFormat NA = PrintFormat::NA;
constexpr FieldArg NONE = FieldArg::None;

const FieldDef k_fdlist_fields[] = {
    {"fdlist.nums", P::CHARBUF, NA, NONE, 0, "for poll events, the fd numbers of the fds argument, comma separated", fdlist_nums},
    {"fdlist.names", P::CHARBUF, NA, NONE, 0, "for poll events, the fd names of the fds argument, comma separated", fdlist_names},
    {"fdlist.cips", P::CHARBUF, NA, NONE, 0, "for poll events, the client IP addresses of the fds argument, comma separated", fdlist_cips},
    {"fdlist.sips", P::CHARBUF, NA, NONE, 0, "for poll events, the server IP addresses of the fds argument, comma separated", fdlist_sips},
    {"fdlist.cports", P::CHARBUF, NA, NONE, 0, "for poll events, the client TCP/UDP ports of the fds argument, comma separated", fdlist_cports},
    {"fdlist.sports", P::CHARBUF, NA, NONE, 0, "for poll events, the server TCP/UDP ports of the fds argument, comma separated", fdlist_sports},
};

}  // namespace

FieldClass fdlist_field_class() {
  return {"fdlist", "The fds a poll or ppoll call waits on.", k_fdlist_fields, std::size(k_fdlist_fields), nullptr};
}

}  // namespace sysray
