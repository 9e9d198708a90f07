// The fd.* fields: the file descriptor the event works on.
#include <cstring>

#include "fields/field_classes.h"
#include "fields/field_helpers.h"
#include "state/path_join.h"
#include "state/socket_address.h"

namespace sysray {
namespace {

using namespace field_helpers;

const FdInfo* fd_of(const FieldInput& in) { return in.ctx.fd_info; }
const FdInfo* ip_fd_of(const FieldInput& in) {
  const FdInfo* fd = fd_of(in);
  return fd && fd->is_ip_socket() ? fd : nullptr;
}

bool is_file(const FdInfo& fd) {
  return fd.type == FdType::File || fd.type == FdType::FileV2 || fd.type == FdType::Directory;
}
bool is_v6(const FdInfo& fd) { return fd.type == FdType::Ipv6Sock || fd.type == FdType::Ipv6ServSock; }

std::string_view directory_of(const FdInfo& fd) {
  if (fd.type == FdType::Directory) return fd.name;
  std::string_view name = fd.name;
  size_t slash = name.rfind('/');
  if (slash == std::string_view::npos) return name;
  return slash == 0 ? name.substr(0, 1) : name.substr(0, slash);
}

// The two ends of an IP socket. In FdInfo, s* is the client side and d* the
// server side of a connected socket; a server socket keeps its own address
// in s*.
enum class End { Client, Server, Local, Remote };

bool is_local_address(const FieldInput& in, const FdInfo& fd, const uint8_t* addr) {
  for (const InterfaceAddress& iface : in.state.interfaces()) {
    if (iface.ipv6 == is_v6(fd) && std::memcmp(iface.addr, addr, is_v6(fd) ? 16 : 4) == 0) return true;
  }
  return false;
}

// Local is the client end unless only the server address belongs to this machine.
bool local_is_server(const FieldInput& in, const FdInfo& fd) {
  if (fd.is_server_socket()) return true;
  return is_local_address(in, fd, fd.dip) && !is_local_address(in, fd, fd.sip);
}

bool resolve_end(const FieldInput& in, const FdInfo& fd, End end, bool* server) {
  if (fd.is_server_socket()) {
    *server = true;
    return end != End::Client && end != End::Remote;
  }
  switch (end) {
    case End::Client: *server = false; return true;
    case End::Server: *server = true; return true;
    case End::Local: *server = local_is_server(in, fd); return fd.role != FdRole::None;
    case End::Remote: *server = !local_is_server(in, fd); return fd.role != FdRole::None;
  }
  return false;
}

bool extract_ip(const FieldInput& in, End end, FieldValue& out) {
  const FdInfo* fd = ip_fd_of(in);
  bool server;
  if (!fd || !resolve_end(in, *fd, end, &server)) return false;
  const uint8_t* addr = server && !fd->is_server_socket() ? fd->dip : fd->sip;
  out.str = std::string_view(reinterpret_cast<const char*>(addr), is_v6(*fd) ? 16 : 4);
  out.is_string = false;
  return true;
}

bool port_of(const FieldInput& in, End end, uint16_t* port) {
  const FdInfo* fd = ip_fd_of(in);
  bool server;
  if (!fd || !resolve_end(in, *fd, end, &server)) return false;
  *port = server && !fd->is_server_socket() ? fd->dport : fd->sport;
  return true;
}

bool extract_port(const FieldInput& in, End end, FieldValue& out) {
  uint16_t port;
  return port_of(in, end, &port) && set_num(out, port);
}

// sysray does not resolve port numbers to service names: the protocol
// fields show the number, as sysdig does without name resolution.
bool extract_proto(const FieldInput& in, End end, std::string& s, FieldValue& out) {
  uint16_t port;
  return port_of(in, end, &port) && set_fmt(out, s, "{}", port);
}

#define SYSRAY_FD_END_FIELDS(end, suffix)                                                                   \
  bool fd_##suffix##ip(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {       \
    return extract_ip(in, end, out);                                                                        \
  }                                                                                                         \
  bool fd_##suffix##port(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {     \
    return extract_port(in, end, out);                                                                      \
  }                                                                                                         \
  bool fd_##suffix##proto(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {  \
    return extract_proto(in, end, s, out);                                                                  \
  }
SYSRAY_FD_END_FIELDS(End::Client, c)
SYSRAY_FD_END_FIELDS(End::Server, s)
SYSRAY_FD_END_FIELDS(End::Local, l)
SYSRAY_FD_END_FIELDS(End::Remote, r)
#undef SYSRAY_FD_END_FIELDS

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
bool fd_directory(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && is_file(*fd) && set_str(out, directory_of(*fd));
}
bool fd_filename(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || fd->type == FdType::Directory || !is_file(*fd)) return false;
  std::string_view name = fd->name;
  size_t slash = name.rfind('/');
  return set_str(out, slash == std::string_view::npos ? name : name.substr(slash + 1));
}
bool fd_l4proto(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = ip_fd_of(in);
  return fd && set_str(out, l4proto_name(fd->l4proto));
}
bool fd_sockfamily(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_socket()) return false;
  return set_str(out, fd->type == FdType::UnixSock ? "unix" : "ip");
}
bool fd_is_server(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && set_num(out, fd->is_server_socket() || fd->role == FdRole::Server);
}
bool fd_connected(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && set_num(out, fd->is_socket() && !fd->is_server_socket() && fd->role != FdRole::None);
}
bool fd_name_changed(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return fd_of(in) && set_num(out, 0);  // the state layer does not report renames yet
}
// sysdig chains the thread id and the fd number, as text.
bool fd_uid(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  return in.ctx.thread && set_fmt(out, s, "{}{}", in.ctx.thread->tid, in.ctx.fd);
}
// Container id (empty on the host) ':' name; sysray sees no containers' ids
// beyond the cgroup path, see container_fields.cpp.
bool fd_containername(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !in.ctx.thread) return false;
  s = container_id_of(*in.ctx.thread);
  s += ':';
  s += fd->name;
  return set_str(out, s);
}
bool fd_containerdirectory(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !is_file(*fd) || !in.ctx.thread) return false;
  s = container_id_of(*in.ctx.thread);
  s += ':';
  s += directory_of(*fd);
  return set_str(out, s);
}
bool fd_ip_name(const FieldInput&, const FieldArgValue&, std::string&, FieldValue&) {
  return false;  // no DNS information in captures sysray reads
}
bool fd_dev(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && set_num(out, fd->dev);
}
// The kernel's encoding of dev_t: 12 bits of major, 20 of minor, split.
bool fd_dev_major(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && set_num(out, (fd->dev & 0xfff00) >> 8);
}
bool fd_dev_minor(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && set_num(out, (fd->dev & 0xff) | ((fd->dev >> 12) & 0xfff00));
}

constexpr uint32_t F = FF_FILTER_ONLY;
using P = ParamType;
constexpr PrintFormat NA = PrintFormat::NA, DEC = PrintFormat::DEC, HEX = PrintFormat::HEX;
constexpr FieldArg NONE = FieldArg::None;

const FieldDef k_fd_fields[] = {
    {"fd.num", P::INT64, DEC, NONE, 0, "the fd number", fd_num},
    {"fd.type", P::CHARBUF, NA, NONE, 0, "the fd's kind: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, netlink", fd_type},
    {"fd.typechar", P::CHARBUF, NA, NONE, 0, "the fd's kind as one character, as in <f>: f d 4 6 u p e s l i t n o", fd_typechar},
    {"fd.name", P::CHARBUF, NA, NONE, 0, "the fd's full name: a file's path, a socket's connection tuple", fd_name},
    {"fd.directory", P::CHARBUF, NA, NONE, 0, "for a file, the directory that holds it", fd_directory},
    {"fd.filename", P::CHARBUF, NA, NONE, 0, "for a file, its name without the directory", fd_filename},
    {"fd.ip", P::IPADDR, NA, NONE, F, "matches the IP address of either end of a socket", fd_cip},
    {"fd.cip", P::IPADDR, NA, NONE, 0, "the client IP address of a socket", fd_cip},
    {"fd.sip", P::IPADDR, NA, NONE, 0, "the server IP address of a socket", fd_sip},
    {"fd.lip", P::IPADDR, NA, NONE, 0, "the local IP address of a socket", fd_lip},
    {"fd.rip", P::IPADDR, NA, NONE, 0, "the remote IP address of a socket", fd_rip},
    {"fd.port", P::PORT, DEC, NONE, F, "matches the port of either end of a TCP/UDP socket", fd_cport},
    {"fd.cport", P::PORT, DEC, NONE, 0, "the client port of a TCP/UDP socket", fd_cport},
    {"fd.sport", P::PORT, DEC, NONE, 0, "the server port of a TCP/UDP socket", fd_sport},
    {"fd.lport", P::PORT, DEC, NONE, 0, "the local port of a TCP/UDP socket", fd_lport},
    {"fd.rport", P::PORT, DEC, NONE, 0, "the remote port of a TCP/UDP socket", fd_rport},
    {"fd.l4proto", P::CHARBUF, NA, NONE, 0, "a socket's IP protocol: tcp, udp, icmp or raw", fd_l4proto},
    {"fd.sockfamily", P::CHARBUF, NA, NONE, 0, "a socket's family: ip or unix", fd_sockfamily},
    {"fd.is_server", P::BOOL, NA, NONE, 0, "true if this process is the server end of the connection", fd_is_server},
    {"fd.uid", P::CHARBUF, NA, NONE, 0, "the thread id and the fd number chained: unique for the capture's life of the fd", fd_uid},
    {"fd.containername", P::CHARBUF, NA, NONE, 0, "the container id, ':' and fd.name", fd_containername},
    {"fd.containerdirectory", P::CHARBUF, NA, NONE, 0, "the container id, ':' and fd.directory", fd_containerdirectory},
    {"fd.proto", P::CHARBUF, NA, NONE, F, "matches the protocol (port) of either end of a TCP/UDP socket", fd_cproto},
    {"fd.cproto", P::CHARBUF, NA, NONE, 0, "the client end's protocol: its port, as sysray does not resolve names", fd_cproto},
    {"fd.sproto", P::CHARBUF, NA, NONE, 0, "the server end's protocol: its port, as sysray does not resolve names", fd_sproto},
    {"fd.lproto", P::CHARBUF, NA, NONE, 0, "the local end's protocol: its port, as sysray does not resolve names", fd_lproto},
    {"fd.rproto", P::CHARBUF, NA, NONE, 0, "the remote end's protocol: its port, as sysray does not resolve names", fd_rproto},
    {"fd.net", P::IPNET, NA, NONE, F, "matches when either end's IP address is in a network, e.g. fd.net=10.0.0.0/8", fd_cip},
    {"fd.cnet", P::IPNET, NA, NONE, F, "matches when the client IP address is in a network", fd_cip},
    {"fd.snet", P::IPNET, NA, NONE, F, "matches when the server IP address is in a network", fd_sip},
    {"fd.lnet", P::IPNET, NA, NONE, F, "matches when the local IP address is in a network", fd_lip},
    {"fd.rnet", P::IPNET, NA, NONE, F, "matches when the remote IP address is in a network", fd_rip},
    {"fd.connected", P::BOOL, NA, NONE, 0, "true for a socket that is connected", fd_connected},
    {"fd.name_changed", P::BOOL, NA, NONE, 0, "true when the event changed the name of its fd (a UDP socket's tuple, say)", fd_name_changed},
    {"fd.cip.name", P::CHARBUF, NA, NONE, 0, "the domain name of the client IP address, when the capture knows it", fd_ip_name},
    {"fd.sip.name", P::CHARBUF, NA, NONE, 0, "the domain name of the server IP address, when the capture knows it", fd_ip_name},
    {"fd.lip.name", P::CHARBUF, NA, NONE, 0, "the domain name of the local IP address, when the capture knows it", fd_ip_name},
    {"fd.rip.name", P::CHARBUF, NA, NONE, 0, "the domain name of the remote IP address, when the capture knows it", fd_ip_name},
    {"fd.dev", P::UINT32, HEX, NONE, 0, "the device (major and minor) that holds the file", fd_dev},
    {"fd.dev.major", P::UINT32, DEC, NONE, 0, "the major number of the device that holds the file", fd_dev_major},
    {"fd.dev.minor", P::UINT32, DEC, NONE, 0, "the minor number of the device that holds the file", fd_dev_minor},
};

}  // namespace

FieldClass fd_field_class() {
  return {"fd", "The file descriptor the event works on: every syscall that takes or returns one.", k_fd_fields,
          std::size(k_fd_fields), nullptr};
}

}  // namespace sysray
