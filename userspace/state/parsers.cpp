#include "state/parsers.h"

#include <cstring>

#include "state/event_families.h"
#include "state/names.h"
#include "state/path_join.h"
#include "state/printable_text.h"
#include "state/socket_address.h"

namespace sysray {
namespace {

// PPM-encoded constants the parsers test (the probe and drivers translate
// native values to these).
constexpr uint32_t kPpmOpenDirectory = 1u << 10;
constexpr uint32_t kPpmCloneThread = 1u << 13;
constexpr uint32_t kPpmFcntlDupFd = 1, kPpmFcntlDupFdCloexec = 0x1a;
constexpr int64_t kAtFdCwd = -100;
constexpr int64_t kEinProgress = -115;
// Native socket constants (socket() parameters are passed through unchanged).
constexpr uint32_t kAfUnix = 1, kAfInet = 2, kAfInet6 = 10, kAfNetlink = 16;
constexpr uint32_t kSockStream = 1, kSockDgram = 2, kSockRaw = 3;

int64_t int_param(const Event& e, std::string_view name, int64_t fallback = 0) {
  int i = find_param(e, name);
  return i >= 0 && e.has_param(size_t(i)) ? e.param_int<int64_t>(size_t(i)) : fallback;
}

bool has_named_param(const Event& e, std::string_view name) {
  int i = find_param(e, name);
  return i >= 0 && e.has_param(size_t(i));
}

std::string_view str_param(const Event& e, std::string_view name) {
  int i = find_param(e, name);
  return i >= 0 ? e.param_str(size_t(i)) : std::string_view();
}

std::string_view raw_param(const Event& e, std::string_view name) {
  int i = find_param(e, name);
  return i >= 0 ? e.param(size_t(i)) : std::string_view();
}

// The same four for the parameters of hot paths, from the per-type table.
int64_t int_param(const Event& e, Param p, int64_t fallback = 0) {
  int i = param_index(e, p);
  return i >= 0 && e.has_param(size_t(i)) ? e.param_int<int64_t>(size_t(i)) : fallback;
}

bool has_named_param(const Event& e, Param p) {
  int i = param_index(e, p);
  return i >= 0 && e.has_param(size_t(i));
}

std::string_view str_param(const Event& e, Param p) {
  int i = param_index(e, p);
  return i >= 0 ? e.param_str(size_t(i)) : std::string_view();
}

std::string_view raw_param(const Event& e, Param p) {
  int i = param_index(e, p);
  return i >= 0 ? e.param(size_t(i)) : std::string_view();
}

// A NUL-separated list (execve args, env, cgroups) as strings.
std::vector<std::string> split_nul_list(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    size_t nul = list.find('\0');
    out.emplace_back(list.substr(0, nul));
    if (nul == std::string_view::npos) break;
    list.remove_prefix(nul + 1);
  }
  return out;
}

// The result of an exit event: "res", or "fd" for fd-creating events.
int64_t result_of(const Event& e) {
  int i = param_index(e, Param::Res);
  if (i < 0) i = param_index(e, Param::Fd);
  return i >= 0 && e.has_param(size_t(i)) ? e.param_int<int64_t>(size_t(i)) : -1;
}

L4Proto l4_of(uint32_t type, uint32_t proto) {
  const uint32_t base_type = type & 0xff;  // SOCK_NONBLOCK/CLOEXEC live above
  if (base_type == kSockRaw) return L4Proto::Raw;
  switch (proto) {
    case 6: return L4Proto::Tcp;
    case 17: return L4Proto::Udp;
    case 1: return L4Proto::Icmp;
    case 255: return L4Proto::Raw;
    case 0:
      if (base_type == kSockStream) return L4Proto::Tcp;
      if (base_type == kSockDgram) return L4Proto::Udp;
      return L4Proto::Unknown;
    default: return L4Proto::Unknown;
  }
}

// Fills an fd's endpoints from a PT_SOCKTUPLE parameter (inet or inet6).
bool set_tuple(FdInfo& fd, std::string_view tuple) {
  if (tuple.empty()) return false;
  const uint8_t* b = reinterpret_cast<const uint8_t*>(tuple.data());
  if (b[0] == kPpmAfInet && tuple.size() == 13) {
    fd.type = FdType::Ipv4Sock;
    std::memcpy(fd.sip, b + 1, 4);
    fd.sport = load_le<uint16_t>(b + 5);
    std::memcpy(fd.dip, b + 7, 4);
    fd.dport = load_le<uint16_t>(b + 11);
  } else if (b[0] == kPpmAfInet6 && tuple.size() == 37) {
    if (is_ipv4_mapped_ipv6(b + 1) && is_ipv4_mapped_ipv6(b + 19)) {
      fd.type = FdType::Ipv4Sock;
      std::memcpy(fd.sip, b + 1 + 12, 4);
      std::memcpy(fd.dip, b + 19 + 12, 4);
    } else {
      fd.type = FdType::Ipv6Sock;
      std::memcpy(fd.sip, b + 1, 16);
      std::memcpy(fd.dip, b + 19, 16);
    }
    fd.sport = load_le<uint16_t>(b + 17);
    fd.dport = load_le<uint16_t>(b + 35);
  } else {
    return false;
  }
  fd.name.clear();
  append_socktuple(tuple, fd.name);
  return true;
}

}  // namespace

// Scheduler, process-info and container events describe other threads or
// none: they never create a thread entry and change no thread's state here.
bool describes_other_threads(EventFamily family) {
  return family == EventFamily::SchedSwitch || family == EventFamily::ProcInfo || family == EventFamily::Container;
}

void StateParsers::begin(const Event& e, EventContext& ctx) {
  ctx.thread = nullptr;
  ctx.fd = -1;
  ctx.fd_info = nullptr;
  ctx.has_enter = false;
  ctx.latency = 0;

  const EventFamily family = event_family(e.type);
  if (describes_other_threads(family)) {
    ctx.thread = s_.find_thread(e.tid);
    // sysdig shows a context switch with its thread's last latency.
    if (ctx.thread && family == EventFamily::SchedSwitch) ctx.latency = ctx.thread->latency;
    return;
  }
  // The child's side of a clone may come before any event of its thread.
  if (family == EventFamily::Clone && !e.is_enter()) {
    ctx.thread = s_.find_thread(e.tid);
    if (ctx.thread) begin_exit(e, *ctx.thread, ctx);
    return;
  }
  ThreadInfo& t = s_.thread_for_event(e.tid);
  ctx.thread = &t;
  if (e.is_enter()) {
    begin_enter(e, t, ctx);
  } else {
    begin_exit(e, t, ctx);
  }
}

void StateParsers::apply(const Event& e, EventContext& ctx) {
  const EventFamily family = event_family(e.type);
  if (describes_other_threads(family)) {
    if (family == EventFamily::SchedSwitch && ctx.thread) parse_context_switch(e, *ctx.thread);
    return;
  }
  if (family == EventFamily::Clone && !e.is_enter()) {
    parse_clone(e, ctx);
    ctx.thread = s_.find_thread(e.tid);
    return;
  }
  if (!ctx.thread || (e.info().display_flags() & EF_SKIPPARSERESET)) return;
  if (e.is_enter()) {
    apply_enter(e, *ctx.thread, ctx);
  } else {
    apply_exit(e, *ctx.thread, ctx);
  }
}

void StateParsers::discard(const Event& e, EventContext& ctx) {
  if (!ctx.thread || (e.info().display_flags() & EF_SKIPPARSERESET)) return;
  if (describes_other_threads(event_family(e.type))) return;
  ctx.thread->last_event_type = kNoEventType;
}

void StateParsers::begin_enter(const Event& e, ThreadInfo& t, EventContext& ctx) {
  const uint32_t flags = e.info().display_flags();
  if (flags & EF_SKIPPARSERESET) return;
  t.last_event_type = e.type;
  t.last_event_ts = e.ts;
  t.last_enter_ts = e.ts;
  t.latency = 0;
  t.last_event_fd = (flags & EF_USES_FD) && e.nparams > 0 ? e.param_int<int64_t>(0) : -1;
  ctx.fd = t.last_event_fd;
  if (ctx.fd >= 0) ctx.fd_info = s_.find_fd(t, ctx.fd);
}

// The thread keeps a copy of its enter event for the exit. It is made here
// rather than in begin_enter(): an enter the filter rejects gets discard(),
// after which no exit pairs with it, so most enters of a filtered read need
// no copy. The copy is V2 whatever the source's layout (snapshots store
// it); the view's offsets follow it.
void StateParsers::keep_enter(const Event& e, ThreadInfo& t) {
  const uint32_t shift = uint32_t(kEventHeaderSize - e.header_size);
  const size_t len = v2_size(e);
  // Sized, not cleared then grown: only a longer event than the last one
  // pays for zeroing bytes that are overwritten at once.
  if (t.last_enter.size() != len) t.last_enter.resize(len);
  write_v2(e, t.last_enter.data());
  Event& v = t.last_enter_view;
  v.ts = e.ts;
  v.tid = e.tid;
  v.type = e.type;
  v.nparams = e.nparams;
  v.cpu = e.cpu;
  v.dump_flags = e.dump_flags;
  v.num = e.num;
  v.raw = nullptr;  // begin_exit points it at last_enter
  v.raw_len = uint32_t(len);
  v.header_size = kEventHeaderSize;
  const uint32_t n = e.nparams < kMaxParams ? e.nparams : uint32_t(kMaxParams);
  for (uint32_t i = 0; i < n; ++i) {
    v.param_offset[i] = e.param_offset[i] + shift;
    v.param_length[i] = e.param_length[i];
  }
}

void StateParsers::apply_enter(const Event& e, ThreadInfo& t, EventContext& ctx) {
  keep_enter(e, t);
  switch (event_family(e.type)) {
    case EventFamily::Connect: parse_connect_enter(e, t); break;
    case EventFamily::ProcExit:
      s_.pending_thread_removal_ = e.tid;
      s_.note_exit(e.tid, e.ts);
      break;
    default: break;
  }
  if (ctx.fd >= 0) ctx.fd_info = s_.find_fd(t, ctx.fd);
}

// An exit pairs with its thread's last enter only if nothing came between.
void StateParsers::begin_exit(const Event& e, ThreadInfo& t, EventContext& ctx) {
  if (e.info().display_flags() & EF_SKIPPARSERESET) return;
  if (t.last_enter_ts != 0) t.latency = e.ts - t.last_enter_ts;
  ctx.latency = t.latency;
  if (t.last_event_type == uint16_t(e.type - 1) && !t.last_enter.empty()) {
    copy_event_view(t.last_enter_view, ctx.enter);
    ctx.enter.raw = t.last_enter.data();
    ctx.has_enter = true;
    ctx.fd = t.last_event_fd;
  }
  t.last_event_type = e.type;
  t.last_event_ts = e.ts;
  if (ctx.fd >= 0) ctx.fd_info = s_.find_fd(t, ctx.fd);
}

void StateParsers::apply_exit(const Event& e, ThreadInfo& t, EventContext& ctx) {
  const int64_t res = result_of(e);
  switch (event_family(e.type)) {
    case EventFamily::Open:
      if (res >= 0) {
        parse_open(e, t, ctx, res);
        ctx.fd = res;
      }
      break;
    case EventFamily::Socket:
      if (res >= 0) {
        parse_socket(t, ctx, res);
        ctx.fd = res;
      }
      break;
    case EventFamily::Bind:
      if (res >= 0) parse_bind(e, t, ctx);
      break;
    case EventFamily::Connect:
      if (res >= 0 || res == kEinProgress) parse_connect_exit(e, t, ctx);
      break;
    case EventFamily::Accept:
      if (res >= 0) {
        parse_accept(e, t, res);
        ctx.fd = res;
      }
      break;
    case EventFamily::Close:
      if (res >= 0 && ctx.fd >= 0) {
        s_.pending_fd_close_tid_ = e.tid;
        s_.pending_fd_close_fd_ = ctx.fd;
      }
      break;
    case EventFamily::Dup:
      if (res >= 0) {
        int64_t from = ctx.fd >= 0 ? ctx.fd : int_param(e, Param::OldFd, -1);
        copy_fd(t, from, res);
        ctx.fd = res;
      }
      break;
    case EventFamily::Fcntl:
      if (res >= 0 && ctx.has_enter) {
        int64_t cmd = int_param(ctx.enter, Param::Cmd, 0);
        if (cmd == kPpmFcntlDupFd || cmd == kPpmFcntlDupFdCloexec) copy_fd(t, ctx.fd, res);
      }
      break;
    case EventFamily::Pipe:
      if (res >= 0) {
        uint64_t ino = uint64_t(int_param(e, Param::Ino));
        for (Param name : {Param::Fd1, Param::Fd2}) {
          int64_t fd = int_param(e, name, -1);
          if (fd < 0) continue;
          add_fd(t, fd, FdType::Fifo);
          if (FdInfo* info = s_.find_fd(t, fd)) info->ino = ino;
        }
      }
      break;
    case EventFamily::SocketPair:
      if (res >= 0) {
        for (Param name : {Param::Fd1, Param::Fd2}) {
          int64_t fd = int_param(e, name, -1);
          if (fd >= 0) add_fd(t, fd, FdType::UnixSock);
        }
      }
      break;
    case EventFamily::EventFd: if (res >= 0) add_fd(t, res, FdType::Event); break;
    case EventFamily::SignalFd: if (res >= 0) add_fd(t, res, FdType::SignalFd); break;
    case EventFamily::TimerFd: if (res >= 0) add_fd(t, res, FdType::TimerFd); break;
    case EventFamily::Inotify: if (res >= 0) add_fd(t, res, FdType::Inotify); break;
    case EventFamily::Chdir:
    case EventFamily::Fchdir:
      if (res >= 0) parse_chdir(e, t, ctx);
      break;
    case EventFamily::Execve:
      if (res >= 0) parse_execve(e, t);
      parse_memory_sizes(e, t);
      break;
    case EventFamily::MemoryMap:
      parse_memory_sizes(e, t);
      break;
    case EventFamily::RecvFrom:
    case EventFamily::RecvMsg:
      if (res >= 0) parse_udp_tuple(raw_param(e, Param::Tuple), t, ctx.fd);
      break;
    case EventFamily::SendTo:
    case EventFamily::SendMsg:
      // The destination was in the enter event; the name changes once the
      // datagram went out.
      if (res >= 0 && ctx.has_enter) parse_udp_tuple(raw_param(ctx.enter, Param::Tuple), t, ctx.fd);
      break;
    default:
      break;
  }
  if (ctx.fd >= 0) ctx.fd_info = s_.find_fd(t, ctx.fd);
}

// A switch is sent by the thread leaving the CPU: its page fault counts and
// its process's memory sizes, as sysdig's parse_context_switch keeps them
// (the first switch version carries only `next`).
void StateParsers::parse_context_switch(const Event& e, ThreadInfo& t) {
  if (!has_named_param(e, Param::PgftMaj)) return;
  t.pfmajor = uint64_t(int_param(e, Param::PgftMaj));
  t.pfminor = uint64_t(int_param(e, Param::PgftMin));
  parse_memory_sizes(e, t);
}

// brk, mmap, munmap and execve exits report the process's memory sizes.
void StateParsers::parse_memory_sizes(const Event& e, ThreadInfo& t) {
  if (!has_named_param(e, Param::VmRss)) return;
  ThreadInfo& process = s_.fd_owner(t);
  process.vmsize_kb = uint32_t(int_param(e, Param::VmSize));
  process.vmrss_kb = uint32_t(int_param(e, Param::VmRss));
  process.vmswap_kb = uint32_t(int_param(e, Param::VmSwap));
}

void StateParsers::add_fd(ThreadInfo& t, int64_t fd, FdType type) {
  FdInfo info;
  info.type = type;
  put_fd(t, fd, std::move(info));
}

// Every new fd becomes the thread's current one, as in sysdig (fd.num of
// an exit that created fds is the last of them).
void StateParsers::put_fd(ThreadInfo& t, int64_t fd, FdInfo info) {
  s_.fd_owner(t).fds[fd] = std::move(info);
  t.last_event_fd = fd;
}

void StateParsers::copy_fd(ThreadInfo& t, int64_t from, int64_t to) {
  if (from < 0) return;
  const FdInfo* src = s_.find_fd(t, from);
  if (!src) return;
  FdInfo copy = *src;
  put_fd(t, to, std::move(copy));
}

void StateParsers::parse_open(const Event& e, ThreadInfo& t, const EventContext& ctx, int64_t fd) {
  std::string_view path;
  uint32_t flags = 0;
  int64_t dirfd = kAtFdCwd;
  if (has_named_param(e, Param::Name)) {
    path = str_param(e, Param::Name);
    flags = uint32_t(int_param(e, Param::Flags));
    dirfd = int_param(e, Param::DirFd, kAtFdCwd);
    // open/creat: the enter event's path was read before the call ran.
    if (ctx.has_enter && !has_named_param(e, Param::DirFd) && has_named_param(ctx.enter, Param::Name)) {
      std::string_view enter_path = str_param(ctx.enter, Param::Name);
      if (!enter_path.empty() && enter_path != "(NULL)") {
        path = enter_path;
        if (has_named_param(ctx.enter, Param::Flags)) flags = uint32_t(int_param(ctx.enter, Param::Flags));
      }
    }
  } else if (ctx.has_enter) {
    // The oldest openat exit carries only the fd: the rest is in the enter.
    path = str_param(ctx.enter, Param::Name);
    flags = uint32_t(int_param(ctx.enter, Param::Flags));
    dirfd = int_param(ctx.enter, Param::DirFd, kAtFdCwd);
  } else {
    return;
  }

  std::string base;
  if (path.empty() || path[0] != '/') {
    if (dirfd == kAtFdCwd) {
      base = s_.cwd(t);
    } else if (const FdInfo* dir = s_.find_fd(t, dirfd)) {
      base = dir->name + "/";
    } else {
      base = "<UNKNOWN>";
    }
  }
  FdInfo info;
  info.type = (flags & kPpmOpenDirectory) ? FdType::Directory : FdType::FileV2;
  info.open_flags = flags;
  info.dev = uint32_t(int_param(e, Param::Dev));
  info.ino = uint64_t(int_param(e, Param::Ino));
  append_joined_path(base, path, info.name);
  put_fd(t, fd, std::move(info));
}

void StateParsers::parse_socket(ThreadInfo& t, const EventContext& ctx, int64_t fd) {
  if (!ctx.has_enter) return;
  const uint32_t domain = uint32_t(int_param(ctx.enter, Param::Domain));
  const uint32_t type = uint32_t(int_param(ctx.enter, Param::Type));
  const uint32_t proto = uint32_t(int_param(ctx.enter, Param::Proto));
  FdInfo info;
  switch (domain) {
    case kAfUnix: info.type = FdType::UnixSock; break;
    case kAfInet: info.type = FdType::Ipv4Sock; info.l4proto = l4_of(type, proto); break;
    case kAfInet6: info.type = FdType::Ipv6Sock; info.l4proto = l4_of(type, proto); break;
    case kAfNetlink: info.type = FdType::Netlink; break;
    default: return;
  }
  put_fd(t, fd, std::move(info));
}

void StateParsers::parse_bind(const Event& e, ThreadInfo& t, const EventContext& ctx) {
  FdInfo* fd = ctx.fd >= 0 ? s_.find_fd(t, ctx.fd) : nullptr;
  std::string_view addr = raw_param(e, Param::Addr);
  if (!fd || addr.empty()) return;
  const uint8_t* b = reinterpret_cast<const uint8_t*>(addr.data());
  if (b[0] == kPpmAfInet && addr.size() == 7 && load_le<uint16_t>(b + 5) > 0) {
    fd->type = FdType::Ipv4ServSock;
    std::memcpy(fd->sip, b + 1, 4);
    fd->sport = load_le<uint16_t>(b + 5);
    fd->role = FdRole::Server;
  } else if (b[0] == kPpmAfInet6 && addr.size() == 19 && load_le<uint16_t>(b + 17) > 0) {
    if (is_ipv4_mapped_ipv6(b + 1)) {
      fd->type = FdType::Ipv4ServSock;
      std::memcpy(fd->sip, b + 1 + 12, 4);
    } else {
      fd->type = FdType::Ipv6ServSock;
      std::memcpy(fd->sip, b + 1, 16);
    }
    fd->sport = load_le<uint16_t>(b + 17);
    fd->role = FdRole::Server;
  }
  fd->name.clear();
  append_sockaddr(addr, fd->name);
}

void StateParsers::parse_connect_enter(const Event& e, ThreadInfo& t) {
  FdInfo* fd = t.last_event_fd >= 0 ? s_.find_fd(t, t.last_event_fd) : nullptr;
  std::string_view addr = raw_param(e, Param::Addr);
  if (!fd || addr.empty()) return;
  const uint8_t family = uint8_t(addr[0]);
  if (family != kPpmAfInet && family != kPpmAfInet6) {
    fd->name.clear();
    append_sockaddr(addr, fd->name);
  }
}

void StateParsers::parse_connect_exit(const Event& e, ThreadInfo& t, const EventContext& ctx) {
  FdInfo* fd = ctx.fd >= 0 ? s_.find_fd(t, ctx.fd) : nullptr;
  std::string_view tuple = raw_param(e, Param::Tuple);
  if (!fd || tuple.empty()) return;
  if (fd->role == FdRole::None) fd->role = FdRole::Client;
  const bool was_connected = fd->connected;
  fd->connected = true;
  const uint8_t family = uint8_t(tuple[0]);
  if (family == kPpmAfInet || family == kPpmAfInet6) {
    // sysdig keeps the first peer of a datagram socket that connects again.
    if (!(was_connected && fd->l4proto == L4Proto::Udp)) set_tuple(*fd, tuple);
  } else if (family == kPpmAfUnix && tuple.size() >= 17) {
    const uint8_t* b = reinterpret_cast<const uint8_t*>(tuple.data());
    fd->unix_source = load_le<uint64_t>(b + 1);
    fd->unix_dest = load_le<uint64_t>(b + 9);
    fd->name.clear();
    std::string_view path = tuple.substr(17);
    append_printable(path.substr(0, path.find('\0')), fd->name);
  }
}

void StateParsers::parse_accept(const Event& e, ThreadInfo& t, int64_t fd) {
  std::string_view tuple = raw_param(e, Param::Tuple);
  FdInfo info;
  if (!tuple.empty() && (tuple[0] == kPpmAfInet || tuple[0] == kPpmAfInet6)) {
    set_tuple(info, tuple);
    info.l4proto = L4Proto::Tcp;
    info.role = FdRole::Server;
  } else if (!tuple.empty() && tuple[0] == kPpmAfUnix && tuple.size() >= 17) {
    info.type = FdType::UnixSock;
    std::string_view path = tuple.substr(17);
    append_printable(path.substr(0, path.find('\0')), info.name);
  } else {
    return;
  }
  put_fd(t, fd, std::move(info));
}

void StateParsers::parse_udp_tuple(std::string_view tuple, ThreadInfo& t, int64_t fd) {
  if (fd < 0 || tuple.empty()) return;
  FdInfo* info = s_.find_fd(t, fd);
  // Only an unnamed datagram socket takes its name from the first datagram;
  // sysdig keeps the name a socket already has.
  if (!info || info->l4proto != L4Proto::Udp || info->is_server_socket() || !info->name.empty()) return;
  if (!set_tuple(*info, tuple)) return;
  if (info->role == FdRole::None) info->role = FdRole::Client;
  // An unbound sender has no source address yet; sysdig names it after the
  // peer's address (seen on IPv6 loopback: "::1:0->::1:2345").
  static const uint8_t zero[16] = {};
  const size_t addr_len = info->type == FdType::Ipv6Sock ? 16 : 4;
  if (std::memcmp(info->sip, zero, addr_len) == 0) {
    std::memcpy(info->sip, info->dip, addr_len);
    info->name.clear();
    append_ip_tuple(info->type == FdType::Ipv6Sock, info->sip, info->sport, info->dip, info->dport, info->name);
  }
}

void StateParsers::parse_chdir(const Event& e, ThreadInfo& t, const EventContext& ctx) {
  ThreadInfo& owner = s_.fd_owner(t);
  if (event_family(e.type) == EventFamily::Fchdir) {
    const FdInfo* dir = ctx.fd >= 0 ? s_.find_fd(t, ctx.fd) : nullptr;
    if (dir) owner.cwd = dir->name;
  } else {
    std::string joined;
    append_joined_path(owner.cwd, str_param(e, Param::Path), joined);
    owner.cwd = std::move(joined);
  }
  if (owner.cwd.empty() || owner.cwd.back() != '/') owner.cwd += '/';
}

void StateParsers::parse_execve(const Event& e, ThreadInfo& t) {
  t.exe = std::string(str_param(e, "exe"));
  t.comm = has_named_param(e, "comm") ? std::string(str_param(e, "comm")) : t.exe;
  t.args = split_nul_list(raw_param(e, "args"));
  if (has_named_param(e, "pid")) t.pid = int_param(e, "pid");
  if (t.ptid == -1 && has_named_param(e, "ptid")) t.ptid = int_param(e, "ptid");
  if (t.cwd.empty() && has_named_param(e, "cwd")) {
    t.cwd = std::string(str_param(e, "cwd"));
    if (t.cwd.empty() || t.cwd.back() != '/') t.cwd += '/';
  }
  t.fdlimit = int_param(e, "fdlimit", t.fdlimit);
  t.pfmajor = uint64_t(int_param(e, "pgft_maj", int64_t(t.pfmajor)));
  t.pfminor = uint64_t(int_param(e, "pgft_min", int64_t(t.pfminor)));
  t.vmsize_kb = uint32_t(int_param(e, "vm_size", t.vmsize_kb));
  t.vmrss_kb = uint32_t(int_param(e, "vm_rss", t.vmrss_kb));
  t.vmswap_kb = uint32_t(int_param(e, "vm_swap", t.vmswap_kb));
  if (has_named_param(e, "cgroups")) t.cgroups = split_nul_list(raw_param(e, "cgroups"));
  if (has_named_param(e, "env")) t.env = split_nul_list(raw_param(e, "env"));
  if (has_named_param(e, "tty")) t.tty = uint32_t(int_param(e, "tty"));
  if (has_named_param(e, "loginuid")) t.loginuid = uint32_t(int_param(e, "loginuid"));
  if (has_named_param(e, "uid")) t.uid = uint32_t(int_param(e, "uid"));
  if (has_named_param(e, "gid")) t.gid = uint32_t(int_param(e, "gid"));
  if (has_named_param(e, "trusted_exepath")) t.exepath = std::string(str_param(e, "trusted_exepath"));
}

void StateParsers::parse_clone(const Event& e, EventContext& ctx) {
  const int64_t res = int_param(e, "res", -1);
  if (res < 0) return;
  const uint32_t flags = uint32_t(int_param(e, "flags"));
  const bool is_thread = flags & kPpmCloneThread;
  const int64_t caller_pid = int_param(e, "pid", e.tid);
  const int64_t child_tid = res > 0 ? res : e.tid;

  if (res > 0) {
    // In the parent. A parent inside a container sees the child by its
    // namespace id; the child's own exit will create it instead.
    if (has_named_param(e, "vtid") && int_param(e, "vtid") != e.tid) return;
  } else if (s_.find_thread(e.tid)) {
    return;  // in the child, which the parent's exit already created
  }

  const ThreadInfo* parent = res > 0 ? s_.find_thread(e.tid) : s_.find_thread(is_thread ? caller_pid : int_param(e, "ptid", -1));
  ThreadInfo child;
  child.tid = child_tid;
  child.pid = is_thread ? caller_pid : child_tid;
  child.ptid = res > 0 ? (is_thread ? (parent ? parent->ptid : int_param(e, "ptid", -1)) : caller_pid)
                       : int_param(e, "ptid", -1);
  child.flags = flags;
  child.clone_ts = e.ts;
  if (parent && res > 0) {
    child.comm = parent->comm;
    child.exe = parent->exe;
    child.exepath = parent->exepath;
    child.args = parent->args;
    child.root = parent->root;
    child.sid = parent->sid;
    child.vpgid = parent->vpgid;
    child.tty = parent->tty;
    child.loginuid = parent->loginuid;
    child.uid = parent->uid;
    child.gid = parent->gid;
    child.cgroups = parent->cgroups;
    child.fdlimit = parent->fdlimit;
    if (!is_thread) {
      const ThreadInfo& owner = s_.fd_owner(*parent);
      child.env = owner.env;
      child.fds = owner.fds;
      child.cwd = owner.cwd;
    }
  } else {
    child.exe = std::string(str_param(e, "exe"));
    child.comm = has_named_param(e, "comm") ? std::string(str_param(e, "comm")) : child.exe;
    child.args = split_nul_list(raw_param(e, "args"));
    child.cwd = std::string(str_param(e, "cwd"));
    if (child.cwd.empty() || child.cwd.back() != '/') child.cwd += '/';
    child.fdlimit = int_param(e, "fdlimit");
    if (parent && !is_thread) child.fds = s_.fd_owner(*parent).fds;
  }
  if (has_named_param(e, "uid")) child.uid = uint32_t(int_param(e, "uid"));
  if (has_named_param(e, "gid")) child.gid = uint32_t(int_param(e, "gid"));
  // The parent's exit carries the parent's namespace ids; outside a
  // container (the only case it creates the child) they equal the real ones.
  if (res > 0) {
    child.vtid = child.tid;
    child.vpid = child.pid;
  } else {
    if (has_named_param(e, "vtid")) child.vtid = int_param(e, "vtid");
    if (has_named_param(e, "vpid")) child.vpid = int_param(e, "vpid");
  }
  if (has_named_param(e, "cgroups") && child.cgroups.empty()) child.cgroups = split_nul_list(raw_param(e, "cgroups"));
  if (res > 0) {
    if (ThreadInfo* p = s_.find_thread(e.tid)) {
      ++p->nchilds;
      // The child ran and ended after the clone began (vfork): it is gone.
      if (s_.exited_after(child_tid, p->last_enter_ts)) return;
    }
  }
  s_.add_thread(std::move(child));
}

}  // namespace sysray
