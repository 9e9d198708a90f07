// The fd.* fields: the file descriptor the event works on.
#include <cstring>

#include "fields/field_classes.h"
#include "fields/field_helpers.h"
#include "state/event_families.h"
#include "state/path_join.h"
#include "state/socket_address.h"

namespace sysray {
namespace {

using namespace field_helpers;

// The fd fields apply to events that create, use or destroy an fd. As in
// sysdig, their fd is the one the event resolved or else the thread's
// current one (the last fd its syscalls named or created).
bool has_fd_fields(const FieldInput& in) {
  const uint32_t fd_flags = EF_CREATES_FD | EF_USES_FD | EF_DESTROYS_FD;
  return in.ctx.thread && (in.event.info().display_flags() & fd_flags);
}
const FdInfo* fd_of(const FieldInput& in) {
  if (!has_fd_fields(in)) return nullptr;
  if (in.ctx.fd_info) return in.ctx.fd_info;
  int64_t current = in.ctx.thread->last_event_fd;
  return current >= 0 ? in.state.find_fd(*in.ctx.thread, current) : nullptr;
}
const FdInfo* ip_fd_of(const FieldInput& in) {
  const FdInfo* fd = fd_of(in);
  return fd && fd->is_ip_socket() ? fd : nullptr;
}

bool is_file(const FdInfo& fd) {
  return fd.type == FdType::File || fd.type == FdType::FileV2 || fd.type == FdType::Directory;
}
bool is_v6(const FdInfo& fd) { return fd.type == FdType::Ipv6Sock || fd.type == FdType::Ipv6ServSock; }

// A file path's directory the way sysdig cuts it: "/" unless there is a
// slash past the first character; a trailing slash keeps the whole path.
std::string_view directory_of_path(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return "/";
  return slash < path.size() - 1 ? path.substr(0, slash) : path;
}
std::string_view directory_of(const FdInfo& fd) {
  return fd.type == FdType::Directory ? std::string_view(fd.name) : directory_of_path(fd.name);
}

// The two ends of an IP socket. In FdInfo, s* is the client side and d* the
// server side of a connected socket; a server socket keeps its own address
// in s*.
enum class End { Client, Server, Local, Remote };

// An IPv4 address is local when an interface has it; an IPv6 one when it
// is in an interface's /64, as sysdig decides (so :: counts as local when
// ::1 is an interface).
bool is_local_address(const FieldInput& in, const FdInfo& fd, const uint8_t* addr) {
  for (const InterfaceAddress& iface : in.state.interfaces()) {
    if (iface.ipv6 == is_v6(fd) && std::memcmp(iface.addr, addr, is_v6(fd) ? 8 : 4) == 0) return true;
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
  if (fd.role == FdRole::None) return false;  // no peer yet: no ends to speak of
  switch (end) {
    case End::Client: *server = false; return true;
    case End::Server: *server = true; return true;
    case End::Local: *server = local_is_server(in, fd); return true;
    case End::Remote: *server = !local_is_server(in, fd); return true;
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

// fd.ip, fd.port, fd.net and fd.proto compare both ends of a socket as
// they are, peer or not (sysdig's own comparison); the filter binds them
// twice, with index 0 for the client end and 1 for the server end.
bool raw_end(const FieldInput& in, const FieldArgValue& arg, const FdInfo** fd, bool* server) {
  *fd = ip_fd_of(in);
  *server = arg.has_index && arg.index == 1;
  return *fd != nullptr;
}
bool fd_either_ip(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  const FdInfo* fd;
  bool server;
  if (!raw_end(in, arg, &fd, &server)) return false;
  const uint8_t* addr = server && !fd->is_server_socket() ? fd->dip : fd->sip;
  out.str = std::string_view(reinterpret_cast<const char*>(addr), is_v6(*fd) ? 16 : 4);
  out.is_string = false;
  return true;
}
uint16_t raw_port(const FdInfo& fd, bool server) { return server && !fd.is_server_socket() ? fd.dport : fd.sport; }
bool fd_either_port(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  const FdInfo* fd;
  bool server;
  return raw_end(in, arg, &fd, &server) && set_num(out, raw_port(*fd, server));
}
bool fd_either_proto(const FieldInput& in, const FieldArgValue& arg, std::string& s, FieldValue& out) {
  const FdInfo* fd;
  bool server;
  return raw_end(in, arg, &fd, &server) && set_fmt(out, s, "{}", raw_port(*fd, server));
}

bool fd_num(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return has_fd_fields(in) && set_num(out, in.ctx.thread->last_event_fd);
}
bool fd_type(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  return fd && set_str(out, fd_type_name(fd->type));
}
// Without an fd (the call failed, or has not returned yet) the kind still
// follows from the call that creates it.
char typechar_of_creator(const Event& e) {
  switch (event_family(e.type)) {
    case EventFamily::Open: return 'f';
    case EventFamily::Socket: case EventFamily::Accept: return '4';  // sysdig guesses IPv4 too
    case EventFamily::Pipe: return 'p';
    case EventFamily::EventFd: return 'e';
    case EventFamily::SignalFd: return 's';
    case EventFamily::TimerFd: return 't';
    case EventFamily::Inotify: return 'i';
    default: return 'o';
  }
}
bool fd_typechar(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  if (!has_fd_fields(in)) return false;
  const FdInfo* fd = fd_of(in);
  s.assign(1, fd ? fd_type_char(fd->type) : typechar_of_creator(in.event));
  return set_str(out, s);
}

// Without an fd, an exit still names what its call tried to open or reach
// (sysdig shows the path of a failed open); other exits name nothing (an
// empty name), enters have none.
bool name_from_creator(const FieldInput& in, std::string& s) {
  const Event& e = in.event;
  if (e.is_enter()) return false;
  s.clear();
  switch (e.type) {
    case PPME_SYSCALL_OPEN_X: case PPME_SYSCALL_CREAT_X: case PPME_SYSCALL_OPENAT_X:
    case PPME_SYSCALL_OPENAT_2_X: case PPME_SYSCALL_OPENAT2_X: {
      // openat's oldest exit has no path: it is in the enter event.
      const Event& src = find_param(e, "name") >= 0 || !in.ctx.has_enter ? e : in.ctx.enter;
      int name = find_param(src, "name");
      if (name < 0 || !in.ctx.thread) return e.type == PPME_SYSCALL_OPEN_X || e.type == PPME_SYSCALL_CREAT_X;
      std::string_view path = src.param_str(size_t(name));
      std::string base;
      if (path.empty() || path[0] != '/') {
        int dirfd_index = find_param(src, "dirfd");
        int64_t dirfd = dirfd_index >= 0 ? src.param_int<int64_t>(size_t(dirfd_index)) : -100;
        const FdInfo* dir = dirfd == -100 ? nullptr : in.state.find_fd(*in.ctx.thread, dirfd);
        base = dirfd == -100 ? in.state.cwd(*in.ctx.thread) : dir ? dir->name + "/" : "<UNKNOWN>";
      }
      append_joined_path(base, path, s);
      return true;
    }
    case PPME_SOCKET_ACCEPT_X: case PPME_SOCKET_ACCEPT_5_X: case PPME_SOCKET_ACCEPT4_X:
    case PPME_SOCKET_ACCEPT4_5_X: case PPME_SOCKET_ACCEPT4_6_X: case PPME_SOCKET_CONNECT_X:
      if (int tuple = find_param(e, "tuple"); tuple >= 0) append_socktuple(e.param(size_t(tuple)), s);
      return true;
    default:
      return true;
  }
}

bool connect_failed(const Event& e) { return e.type == PPME_SOCKET_CONNECT_X && e.param_int<int64_t>(0) < 0; }

bool fd_name(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  if (!has_fd_fields(in)) return false;
  const FdInfo* fd = fd_of(in);
  if (fd && !connect_failed(in.event)) return set_str(out, fd->name);
  return name_from_creator(in, s) && set_str(out, s);
}
bool fd_directory(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  if (!has_fd_fields(in)) return false;
  const FdInfo* fd = fd_of(in);
  if (!fd) return name_from_creator(in, s) && set_str(out, directory_of_path(s));
  return is_file(*fd) && set_str(out, directory_of(*fd));
}
bool fd_filename(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || fd->type == FdType::Directory || !is_file(*fd)) return false;
  std::string_view name = fd->name;
  size_t slash = name.rfind('/');
  if (slash == std::string_view::npos) return set_str(out, "/");
  return set_str(out, slash < name.size() - 1 ? name.substr(slash + 1) : name);
}
// A socket that has no peer yet shows no protocol (sysdig's rule), raw
// ones excepted; fds that are not IP sockets show <NA>.
bool fd_l4proto(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd) return false;
  bool unknown = !fd->is_ip_socket() ||
                 (!fd->is_server_socket() && fd->role == FdRole::None && fd->l4proto != L4Proto::Raw);
  return set_str(out, unknown ? "<NA>" : l4proto_name(fd->l4proto));
}
bool fd_sockfamily(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd || !fd->is_socket()) return false;
  return set_str(out, fd->type == FdType::UnixSock ? "unix" : "ip");
}
// sysdig's test: a listening socket, or a socket whose server address is
// on this machine.
bool fd_is_server(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const FdInfo* fd = fd_of(in);
  if (!fd) return false;
  if (fd->is_server_socket()) return set_num(out, 1);
  return set_num(out, fd->is_ip_socket() && is_local_address(in, *fd, fd->dip));
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
// fd.name and fd.directory behind the container id and ':'.
bool with_container_id(const FieldInput& in, std::string& s, FieldValue& out) {
  std::string value(out.str);
  s = container_id_of(*in.ctx.thread);
  s += ':';
  s += value;
  return set_str(out, s);
}
bool fd_containername(const FieldInput& in, const FieldArgValue& arg, std::string& s, FieldValue& out) {
  return fd_name(in, arg, s, out) && with_container_id(in, s, out);
}
bool fd_containerdirectory(const FieldInput& in, const FieldArgValue& arg, std::string& s, FieldValue& out) {
  return fd_directory(in, arg, s, out) && with_container_id(in, s, out);
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
    {"fd.ip", P::IPADDR, NA, NONE, F, "matches the IP address of either end of a socket", fd_either_ip},
    {"fd.cip", P::IPADDR, NA, NONE, 0, "the client IP address of a socket", fd_cip},
    {"fd.sip", P::IPADDR, NA, NONE, 0, "the server IP address of a socket", fd_sip},
    {"fd.lip", P::IPADDR, NA, NONE, 0, "the local IP address of a socket", fd_lip},
    {"fd.rip", P::IPADDR, NA, NONE, 0, "the remote IP address of a socket", fd_rip},
    {"fd.port", P::PORT, DEC, NONE, F, "matches the port of either end of a TCP/UDP socket", fd_either_port},
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
    {"fd.proto", P::CHARBUF, NA, NONE, F, "matches the protocol (port) of either end of a TCP/UDP socket", fd_either_proto},
    {"fd.cproto", P::CHARBUF, NA, NONE, 0, "the client end's protocol: its port, as sysray does not resolve names", fd_cproto},
    {"fd.sproto", P::CHARBUF, NA, NONE, 0, "the server end's protocol: its port, as sysray does not resolve names", fd_sproto},
    {"fd.lproto", P::CHARBUF, NA, NONE, 0, "the local end's protocol: its port, as sysray does not resolve names", fd_lproto},
    {"fd.rproto", P::CHARBUF, NA, NONE, 0, "the remote end's protocol: its port, as sysray does not resolve names", fd_rproto},
    {"fd.net", P::IPNET, NA, NONE, F, "matches when either end's IP address is in a network, e.g. fd.net=10.0.0.0/8", fd_either_ip},
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
