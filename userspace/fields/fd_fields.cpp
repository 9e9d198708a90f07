// The fd.* fields: the file descriptor the event works on.
#include <arpa/inet.h>

#include "fields/field_classes.h"
#include "fields/field_helpers.h"
#include "state/path_join.h"
#include "state/socket_address.h"

namespace sysray {
namespace {

using namespace field_helpers;

const FdInfo* fd_of(const FieldInput& in) { return in.ctx.fd_info; }

bool fd_num(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return in.ctx.fd >= 0 && set_num(out, in.ctx.fd);
}
bool fd_type(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && set_str(out, fd_type_name(fd->type));
}
bool fd_typechar(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd) return false;
  s.assign(1, fd_type_char(fd->type));
  return set_str(out, s);
}
// The name an fd-creating event would have given its fd, for the events
// that failed (sysdig shows what the program tried to open or reach).
bool name_from_creator(const FieldInput& in, std::string& s) {
  const Event& e = in.event;
  if (e.is_enter()) return false;
  const bool creates_fd = e.info().display_flags() & EF_CREATES_FD;
  if (int tuple = find_param(e, "tuple"); tuple >= 0 && std::string_view(e.info().display_name()) == "connect") {
    s.clear();
    append_socktuple(e.param(size_t(tuple)), s);
    return true;
  }
  if (!creates_fd) return false;
  s.clear();
  int name = find_param(e, "name");
  if (name < 0 || !in.ctx.thread) return true;  // pipe, socket...: no name yet
  std::string_view path = e.param_str(size_t(name));
  std::string base;
  if (path.empty() || path[0] != '/') {
    int dirfd_index = find_param(e, "dirfd");
    int64_t dirfd = dirfd_index >= 0 ? e.param_int<int64_t>(size_t(dirfd_index)) : -100;
    const FdInfo* dir = dirfd == -100 ? nullptr : in.state.find_fd(*in.ctx.thread, dirfd);
    base = dirfd == -100 ? in.state.cwd(*in.ctx.thread) : dir ? dir->name + "/" : "<UNKNOWN>";
  }
  append_joined_path(base, path, s);
  return true;
}

// An event on an fd sysray never saw open still has an fd.name: empty.
bool fd_name(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (fd && !fd->name.empty()) return set_str(out, fd->name);
  if (name_from_creator(in, s)) return set_str(out, s);
  return (fd || in.ctx.fd >= 0) && set_str(out, "");
}
bool is_file(const FdInfo& fd) {
  return fd.type == FdType::File || fd.type == FdType::FileV2 || fd.type == FdType::Directory;
}
bool fd_directory(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !is_file(*fd)) return false;
  if (fd->type == FdType::Directory) return set_str(out, fd->name);
  std::string_view name = fd->name;
  size_t slash = name.rfind('/');
  if (slash == std::string_view::npos) return set_str(out, name);
  return set_str(out, slash == 0 ? name.substr(0, 1) : name.substr(0, slash));
}
bool fd_filename(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || fd->type == FdType::Directory || !is_file(*fd)) return false;
  std::string_view name = fd->name;
  size_t slash = name.rfind('/');
  return set_str(out, slash == std::string_view::npos ? name : name.substr(slash + 1));
}

bool is_v6(const FdInfo& fd) { return fd.type == FdType::Ipv6Sock || fd.type == FdType::Ipv6ServSock; }

bool append_ip(const FdInfo& fd, const uint8_t* addr, std::string& s) {
  char buf[INET6_ADDRSTRLEN];
  if (!inet_ntop(is_v6(fd) ? AF_INET6 : AF_INET, addr, buf, sizeof buf)) return false;
  s = buf;
  return true;
}

// In sysray's FdInfo, s* is the client side (source) and d* the server side
// of a connected socket; a server socket keeps its own address in s*.
bool fd_cip(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_ip_socket() || fd->is_server_socket()) return false;
  return append_ip(*fd, fd->sip, s) && set_str(out, s);
}
bool fd_sip(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_ip_socket()) return false;
  return append_ip(*fd, fd->is_server_socket() ? fd->sip : fd->dip, s) && set_str(out, s);
}
bool fd_cport(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_ip_socket() || fd->is_server_socket()) return false;
  return set_num(out, fd->sport);
}
bool fd_sport(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_ip_socket()) return false;
  return set_num(out, fd->is_server_socket() ? fd->sport : fd->dport);
}
bool fd_l4proto(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_ip_socket()) return false;
  return set_str(out, l4proto_name(fd->l4proto));
}
bool fd_sockfamily(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_socket()) return false;
  return set_str(out, fd->type == FdType::UnixSock ? "unix" : "ip");
}
bool fd_is_server(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd) return false;
  return set_num(out, fd->is_server_socket() || fd->role == FdRole::Server);
}

const FieldDef k_fd_fields[] = {
    {"fd.num", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "the fd number", fd_num},
    {"fd.type", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the fd's kind: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, netlink", fd_type},
    {"fd.typechar", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the fd's kind as one character, as in <f>: f d 4 6 u p e s l i t n o", fd_typechar},
    {"fd.name", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the fd's full name: a file's path, a socket's connection tuple", fd_name},
    {"fd.directory", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "for a file, the directory that holds it", fd_directory},
    {"fd.filename", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "for a file, its name without the directory", fd_filename},
    {"fd.cip", ParamType::IPV4ADDR, PrintFormat::NA, FieldArg::None, 0, "the client IP address of a socket", fd_cip},
    {"fd.sip", ParamType::IPV4ADDR, PrintFormat::NA, FieldArg::None, 0, "the server IP address of a socket", fd_sip},
    {"fd.cport", ParamType::PORT, PrintFormat::DEC, FieldArg::None, 0, "the client port of a TCP/UDP socket", fd_cport},
    {"fd.sport", ParamType::PORT, PrintFormat::DEC, FieldArg::None, 0, "the server port of a TCP/UDP socket", fd_sport},
    {"fd.l4proto", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "a socket's IP protocol: tcp, udp, icmp or raw", fd_l4proto},
    {"fd.sockfamily", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "a socket's family: ip or unix", fd_sockfamily},
    {"fd.is_server", ParamType::BOOL, PrintFormat::NA, FieldArg::None, 0, "true if this process is the server end of the connection", fd_is_server},
};

}  // namespace

FieldClass fd_field_class() {
  return {"fd", "The file descriptor the event works on.", k_fd_fields, std::size(k_fd_fields)};
}

}  // namespace sysray
