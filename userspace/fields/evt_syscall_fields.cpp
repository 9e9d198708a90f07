// The evt.* fields of syscall events: type, direction, parameters, result,
// latency and the I/O, wait and error classifications.
#include "fields/field_classes.h"
#include "fields/field_helpers.h"
#include "state/event_families.h"
#include "sysray_event_ids.h"

namespace sysray {
namespace {

using namespace field_helpers;
constexpr uint64_t kNs = 1000000000ull;

// The state computes it (ctx.latency): exits count from the thread's last
// enter, context switches show the thread's last latency, as sysdig does.
uint64_t latency(const FieldInput& in) { return in.ctx.latency; }

bool evt_latency(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  // sysdig 0.29.3 has no latency for a procinfo event of a known thread
  // (bottlenecks relies on it: such events are not a syscall's enter line).
  if (in.event.type == PPME_PROCINFO_E && in.ctx.thread) return false;
  return set_num(out, int64_t(latency(in)));
}
bool evt_latency_s(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(latency(in) / kNs));
}
bool evt_latency_ns(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(latency(in) % kNs));
}
// "653ns", "3.12us", "1.50ms", "2.00s": two decimals, truncated, as sysdig.
bool evt_latency_human(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  uint64_t ns = latency(in);
  if (ns < 1000) return set_fmt(out, s, "{}ns", ns);
  struct Unit { uint64_t ns; const char* name; };
  const Unit unit = ns < 1000000 ? Unit{1000, "us"} : ns < kNs ? Unit{1000000, "ms"} : Unit{kNs, "s"};
  uint64_t hundredths = ns / (unit.ns / 100);
  return set_fmt(out, s, "{}.{:02}{}", hundredths / 100, hundredths % 100, unit.name);
}

uint64_t deltatime(const FieldInput& in) {
  uint64_t prev = in.stream.prev_ts ? in.stream.prev_ts : in.event.ts;
  return in.event.ts - prev;
}
bool evt_deltatime(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(deltatime(in)));
}
bool evt_deltatime_s(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(deltatime(in) / kNs));
}
bool evt_deltatime_ns(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(deltatime(in) % kNs));
}

bool evt_dir(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_str(out, in.event.is_enter() ? ">" : "<");
}

bool is_generic(const Event& e) { return e.type == PPME_GENERIC_E || e.type == PPME_GENERIC_X; }

std::string_view type_name(const Event& e) {
  if (is_generic(e)) {
    const char* name = syscall_name(e.param_int<uint16_t>(0));
    return name ? name : "<unknown>";
  }
  return e.info().display_name();
}

bool evt_type(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_str(out, type_name(in.event));
}
bool evt_type_is(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  return set_num(out, type_name(in.event) == arg.name);
}
bool syscall_type(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  // sysdig's rule: every event but context switches and the events its
  // parser skips (procinfo, container...); procexit counts as a syscall.
  if (in.event.type == PPME_SCHEDSWITCH_6_E || (in.event.info().display_flags() & EF_SKIPPARSERESET)) return false;
  return set_str(out, type_name(in.event));
}

// I/O events take the category of the fd they resolved (not the thread's
// current fd, unlike the fd fields), as sysdig does.
const char* io_category(const FdInfo* fd) {
  if (!fd) return "unknown";
  switch (fd->type) {
    case FdType::File: case FdType::FileV2: case FdType::Directory: return "file";
    case FdType::Ipv4Sock: case FdType::Ipv6Sock: case FdType::Ipv4ServSock: case FdType::Ipv6ServSock: return "net";
    case FdType::Fifo: case FdType::UnixSock: case FdType::Event: case FdType::SignalFd: case FdType::Inotify:
      return "ipc";
    default: return "unknown";
  }
}

// Generic events take their syscall's category.
EventClass event_class(const Event& e) {
  if (is_generic(e)) return syscall_category(e.param_int<uint16_t>(0));
  return EventClass(e.info().display_category() & EC_CLASS_MASK);
}

const char* category_name(const FieldInput& in) {
  switch (event_class(in.event)) {
    case EC_UNKNOWN: return "unknown";
    case EC_OTHER: return "other";
    case EC_FILE: return "file";
    case EC_NET: return "net";
    case EC_IPC: return "IPC";
    case EC_MEMORY: return "memory";
    case EC_PROCESS: return "process";
    case EC_SLEEP: return "sleep";
    case EC_SYSTEM: return "system";
    case EC_SIGNAL: return "signal";
    case EC_USER: return "user";
    case EC_TIME: return "time";
    case EC_PROCESSING: return "processing";
    case EC_IO_READ: case EC_IO_WRITE: case EC_IO_OTHER: return io_category(in.ctx.fd_info);
    case EC_WAIT: return "wait";
    case EC_SCHEDULER: return "scheduler";
    case EC_INTERNAL: return "internal";
    default: return "unknown";
  }
}
bool evt_category(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_str(out, category_name(in));
}

bool evt_cpu(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, in.event.cpu);
}

bool evt_info(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  s.clear();
  append_event_info(in.state, in.ctx, in.event, in.stream.render, s);
  return set_str(out, s);
}

// evt.arg.NAME / evt.arg[N]: the rendered parameter, with its resolved part.
bool evt_arg(const FieldInput& in, const FieldArgValue& arg, std::string& s, FieldValue& out) {
  int i = arg.has_index ? int(arg.index) : find_param(in.event, arg.name);
  if (i < 0 || !in.event.has_param(size_t(i)) || i >= in.event.info().display_nparams()) return false;
  thread_local std::string resolved;
  render_param(in.state, in.ctx, in.event, size_t(i), in.stream.render, s, resolved);
  if (!resolved.empty()) {
    // sysdig shows fds and errnos by their resolved name when there is one.
    const ParamType t = in.event.info().display_params()[i].type;
    if (t == ParamType::FD || t == ParamType::ERRNO || t == ParamType::PID) {
      s = resolved;
    } else {
      s += '(';
      s += resolved;
      s += ')';
    }
  }
  return set_str(out, s);
}

// evt.rawarg.NAME: the parameter's raw value (numbers as numbers).
bool evt_rawarg(const FieldInput& in, const FieldArgValue& arg, std::string&, FieldValue& out) {
  int i = arg.has_index ? int(arg.index) : find_param(in.event, arg.name);
  if (i < 0 || !in.event.has_param(size_t(i))) return false;
  const ParamInfo& p = i < in.event.info().display_nparams() ? in.event.info().display_params()[i]
                                                             : in.event.info().params[i];
  switch (p.type) {
    case ParamType::CHARBUF: case ParamType::FSPATH: case ParamType::FSRELPATH:
      return set_str(out, in.event.param_str(size_t(i)));
    case ParamType::BYTEBUF:
      return set_str(out, in.event.param(size_t(i)));
    case ParamType::INT8: case ParamType::INT16: case ParamType::INT32: case ParamType::INT64:
    case ParamType::ERRNO: case ParamType::FD: case ParamType::PID: case ParamType::FD32: case ParamType::PID32:
      return set_num(out, in.event.param_int<int64_t>(size_t(i)));
    default:
      return set_num(out, int64_t(in.event.param_int<uint64_t>(size_t(i))));
  }
}

bool evt_buffer(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  std::string_view data;
  return event_buffer(in.event, &data) && set_str(out, data);
}
// What the call returned, not what was captured (that is cut at the
// snaplen): I/O exits on a known fd that succeeded, close included.
bool evt_buflen(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  EventClass cls = event_class(in.event);
  bool io = cls == EC_IO_READ || cls == EC_IO_WRITE || cls == EC_IO_OTHER;
  if (!io || !in.ctx.fd_info || in.event.is_enter() || in.event.nparams == 0) return false;
  int64_t res = in.event.param_int<int64_t>(0);
  return res >= 0 && set_num(out, res);
}

bool evt_res(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int64_t res;
  if (!event_result(in.event, res)) return false;
  if (res >= 0) return set_str(out, "SUCCESS");
  const char* name = errno_name(-res);
  return set_str(out, name ? name : "");
}
bool evt_rawres(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int64_t res;
  return event_result(in.event, res) && set_num(out, res);
}
bool failed(const FieldInput& in) {
  int64_t res = 0;
  return event_result(in.event, res) && res < 0;
}
bool evt_failed(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, failed(in));
}

uint32_t event_flags(const FieldInput& in) { return in.event.info().display_flags(); }
bool evt_is_io(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, (event_flags(in) & (EF_READS_FROM_FD | EF_WRITES_TO_FD)) != 0);
}
bool evt_is_io_read(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, (event_flags(in) & EF_READS_FROM_FD) != 0);
}
bool evt_is_io_write(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, (event_flags(in) & EF_WRITES_TO_FD) != 0);
}
bool evt_io_dir(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (event_flags(in) & EF_READS_FROM_FD) return set_str(out, "read");
  if (event_flags(in) & EF_WRITES_TO_FD) return set_str(out, "write");
  return false;
}
bool evt_is_wait(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, (event_flags(in) & EF_WAITS) != 0);
}
bool evt_wait_latency(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  if (!(event_flags(in) & EF_WAITS) || in.event.is_enter()) return false;
  return set_num(out, int64_t(latency(in)));
}
bool evt_is_syslog(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int priority;
  std::string_view message;
  return set_num(out, syslog_message(in, &priority, &message));
}

bool evt_count(const FieldInput&, const FieldArgValue&, std::string&, FieldValue& out) { return set_num(out, 1); }
bool evt_count_error(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return failed(in) && set_num(out, 1);
}
// Failures are counted by the type of the fd they worked on or, without
// one, by the event: the fd-creating calls that name a file or a peer.
bool is_file_fd(FdType t) { return t == FdType::File || t == FdType::FileV2 || t == FdType::Directory; }
bool is_net_fd(FdType t) {
  return t == FdType::Ipv4Sock || t == FdType::Ipv6Sock || t == FdType::Ipv4ServSock ||
         t == FdType::Ipv6ServSock || t == FdType::UnixSock;
}
bool opens_file(uint16_t type) {
  return type == PPME_SYSCALL_OPEN_X || type == PPME_SYSCALL_CREAT_X || type == PPME_SYSCALL_OPENAT_X ||
         type == PPME_SYSCALL_OPENAT_2_X || type == PPME_SYSCALL_OPENAT2_X;
}
bool opens_connection(uint16_t type) {
  return type == PPME_SOCKET_ACCEPT_X || type == PPME_SOCKET_ACCEPT_5_X || type == PPME_SOCKET_ACCEPT4_X ||
         type == PPME_SOCKET_ACCEPT4_5_X || type == PPME_SOCKET_ACCEPT4_6_X || type == PPME_SOCKET_CONNECT_X;
}
bool is_memory_event(const Event& e) { return e.info().event_class() == EC_MEMORY; }

enum class ErrorKind { File, Net, Memory, Other };
bool error_is(ErrorKind kind, const FieldInput& in) {
  const FdInfo* fd = in.ctx.fd_info;
  uint16_t type = in.event.type;
  switch (kind) {
    case ErrorKind::File: return fd ? is_file_fd(fd->type) : opens_file(type);
    case ErrorKind::Net: return fd ? is_net_fd(fd->type) : opens_connection(type);
    case ErrorKind::Memory: return is_memory_event(in.event);
    case ErrorKind::Other:
      if (fd) return !is_file_fd(fd->type) && !is_net_fd(fd->type);
      return !opens_file(type) && !opens_connection(type) && !is_memory_event(in.event);
  }
  return false;
}
template <ErrorKind kind>
bool evt_count_error_of(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return failed(in) && error_is(kind, in) && set_num(out, 1);
}
bool evt_count_exit(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return !in.event.is_enter() && set_num(out, 1);
}

// evt.around[T]=D: events within D ms of time T. The value is the event's
// time, the filter compares it... only through the dedicated check, which
// sysray does not have yet: as a field it is the event time.
bool evt_around(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(in.event.ts));
}

// evt.abspath[.src|.dst]: a FSRELPATH parameter made absolute with its dirfd.
bool evt_abspath(const FieldInput& in, const FieldArgValue& arg, std::string& s, FieldValue& out) {
  const EventInfo& info = in.event.info();
  const ParamInfo* params = info.display_params();
  int wanted = arg.name == "dst" ? 1 : 0;
  for (int i = 0; i < info.display_nparams(); ++i) {
    if (params[i].type != ParamType::FSRELPATH || wanted-- > 0) continue;
    std::string_view path = in.event.param_str(size_t(i));
    if (path.empty() || !in.ctx.thread) return false;
    if (path[0] == '/') return set_str(out, path);
    int64_t dirfd = params[i].aux >= 0 ? in.event.param_int<int64_t>(size_t(params[i].aux)) : -100;
    constexpr int64_t kAtFdCwd = -100;
    if (dirfd == kAtFdCwd) {
      s = in.state.cwd(*in.ctx.thread);
    } else {
      const FdInfo* dir = in.state.find_fd(*in.ctx.thread, dirfd);
      if (!dir) return false;
      s = dir->name;
      if (s.empty() || s.back() != '/') s += '/';
    }
    s += path;
    return set_str(out, s);
  }
  return false;
}

// PPM_O_* and PPM_S_* bits of the open flags and mode parameters.
constexpr uint32_t kPpmORdonly = 1u << 0, kPpmOWronly = 1u << 1, kPpmOCreat = 1u << 2;
constexpr uint32_t kExecBits = 0111;

bool is_open_exit(const Event& e) {
  switch (e.type) {
    case PPME_SYSCALL_OPEN_X: case PPME_SYSCALL_OPENAT_X: case PPME_SYSCALL_OPENAT_2_X:
    case PPME_SYSCALL_OPENAT2_X: case PPME_SYSCALL_CREAT_X:
      return true;
    default:
      return false;
  }
}
bool open_flags(const Event& e, uint32_t* flags) {
  int i = find_param(e, "flags");
  if (!is_open_exit(e) || i < 0 || !e.has_param(size_t(i))) return false;
  *flags = e.param_int<uint32_t>(size_t(i));
  return true;
}
bool evt_is_open_read(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  uint32_t flags = 0;
  return set_num(out, open_flags(in.event, &flags) && (flags & kPpmORdonly));
}
bool evt_is_open_write(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  uint32_t flags = 0;
  return set_num(out, open_flags(in.event, &flags) && (flags & kPpmOWronly));
}
bool evt_is_open_exec(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  uint32_t flags = 0;
  int mode = find_param(in.event, "mode");
  bool creat = in.event.type == PPME_SYSCALL_CREAT_X || (open_flags(in.event, &flags) && (flags & kPpmOCreat));
  bool exec = is_open_exit(in.event) && mode >= 0 && (in.event.param_int<uint32_t>(size_t(mode)) & kExecBits);
  return set_num(out, creat && exec);
}

using P = ParamType;
constexpr PrintFormat NA = PrintFormat::NA, DEC = PrintFormat::DEC;
constexpr FieldArg NONE = FieldArg::None;

const FieldDef k_evt_syscall_fields[] = {
    {"evt.latency", P::RELTIME, DEC, NONE, 0, "for an exit event, nanoseconds since its enter event", evt_latency},
    {"evt.latency.s", P::RELTIME, DEC, NONE, 0, "whole seconds of evt.latency", evt_latency_s},
    {"evt.latency.ns", P::RELTIME, DEC, NONE, 0, "nanoseconds part of evt.latency", evt_latency_ns},
    {"evt.latency.human", P::CHARBUF, NA, NONE, 0, "evt.latency for people, e.g. 10.3ms", evt_latency_human},
    {"evt.deltatime", P::RELTIME, DEC, NONE, FF_SINCE_LAST_USE, "nanoseconds since the previous event this use of the field saw", evt_deltatime},
    {"evt.deltatime.s", P::RELTIME, DEC, NONE, FF_SINCE_LAST_USE, "whole seconds of evt.deltatime", evt_deltatime_s},
    {"evt.deltatime.ns", P::RELTIME, DEC, NONE, FF_SINCE_LAST_USE, "nanoseconds part of evt.deltatime", evt_deltatime_ns},
    {"evt.dir", P::CHARBUF, NA, NONE, FF_TYPE_ONLY, "'>' for an enter event, '<' for an exit event", evt_dir},
    {"evt.type", P::CHARBUF, NA, NONE, 0, "the event's name, e.g. 'open'", evt_type},
    {"evt.type.is", P::UINT32, DEC, FieldArg::Name, FF_ARG_REQUIRED, "1 if the event is of the named type (evt.type.is.open), else 0", evt_type_is},
    {"syscall.type", P::CHARBUF, NA, NONE, 0, "for a syscall event, the syscall's name; absent for other events", syscall_type},
    {"evt.category", P::CHARBUF, NA, NONE, 0, "the event's category: file, net, memory, process, ...; I/O events take their fd's", evt_category},
    {"evt.cpu", P::INT16, DEC, NONE, 0, "the CPU the event happened on", evt_cpu},
    {"evt.args", P::CHARBUF, NA, NONE, 0, "all the event's parameters as one string", evt_info},
    {"evt.arg", P::CHARBUF, NA, FieldArg::IndexOrName, FF_ARG_REQUIRED, "one parameter, by name (evt.arg.fd) or position (evt.arg[0]), as displayed", evt_arg},
    {"evt.rawarg", P::DYN, NA, FieldArg::Name, FF_ARG_REQUIRED, "one parameter by name, as its raw value (numbers compare as numbers)", evt_rawarg},
    {"evt.info", P::CHARBUF, NA, NONE, 0, "the event's parameters as sysdig shows them after the type", evt_info},
    {"evt.buffer", P::BYTEBUF, NA, NONE, 0, "the data buffer of an I/O event (read, sendto...), to search with contains", evt_buffer},
    {"evt.buflen", P::UINT64, DEC, NONE, 0, "for a successful I/O exit on a known fd, the bytes it moved (its return value)", evt_buflen},
    {"evt.res", P::CHARBUF, NA, NONE, 0, "an exit event's result: SUCCESS or the error code name", evt_res},
    {"evt.rawres", P::INT64, DEC, NONE, 0, "an exit event's result as a number, e.g. -2", evt_rawres},
    {"evt.failed", P::BOOL, NA, NONE, 0, "true for exit events that returned an error", evt_failed},
    {"evt.is_io", P::BOOL, NA, NONE, FF_TYPE_ONLY, "true for events that read or write an fd", evt_is_io},
    {"evt.is_io_read", P::BOOL, NA, NONE, FF_TYPE_ONLY, "true for events that read from an fd", evt_is_io_read},
    {"evt.is_io_write", P::BOOL, NA, NONE, FF_TYPE_ONLY, "true for events that write to an fd", evt_is_io_write},
    {"evt.io_dir", P::CHARBUF, NA, NONE, FF_TYPE_ONLY, "'read' or 'write' for I/O events", evt_io_dir},
    {"evt.is_wait", P::BOOL, NA, NONE, FF_TYPE_ONLY, "true for events that make the thread wait: sleep, select, poll...", evt_is_wait},
    {"evt.wait_latency", P::RELTIME, DEC, NONE, 0, "for the exit of a waiting event, the nanoseconds spent waiting", evt_wait_latency},
    {"evt.is_syslog", P::BOOL, NA, NONE, 0, "true for writes to /dev/log", evt_is_syslog},
    {"evt.count", P::UINT32, DEC, NONE, 0, "always 1, for counting events in chisels", evt_count},
    {"evt.count.error", P::UINT32, DEC, NONE, 0, "1 for events that returned an error", evt_count_error},
    {"evt.count.error.file", P::UINT32, DEC, NONE, 0, "1 for events on files that returned an error", evt_count_error_of<ErrorKind::File>},
    {"evt.count.error.net", P::UINT32, DEC, NONE, 0, "1 for events on sockets that returned an error", evt_count_error_of<ErrorKind::Net>},
    {"evt.count.error.memory", P::UINT32, DEC, NONE, 0, "1 for memory events that returned an error", evt_count_error_of<ErrorKind::Memory>},
    {"evt.count.error.other", P::UINT32, DEC, NONE, 0, "1 for other events that returned an error", evt_count_error_of<ErrorKind::Other>},
    {"evt.count.exit", P::UINT32, DEC, NONE, 0, "1 for exit events", evt_count_exit},
    {"evt.around", P::UINT64, DEC, FieldArg::Index, FF_FILTER_ONLY | FF_ARG_REQUIRED, "evt.around[T]=D keeps the events within D milliseconds of the time T (an evt.rawtime)", evt_around},
    {"evt.abspath", P::CHARBUF, NA, FieldArg::Name, 0, "the absolute path of a *at syscall's relative path; evt.abspath.src and .dst for two-path calls", evt_abspath},
    {"evt.is_open_read", P::BOOL, NA, NONE, 0, "true for opens of a path for reading", evt_is_open_read},
    {"evt.is_open_write", P::BOOL, NA, NONE, 0, "true for opens of a path for writing", evt_is_open_write},
    {"evt.is_open_exec", P::BOOL, NA, NONE, 0, "true for opens and creats that create a file with execute permission", evt_is_open_exec},
};

}  // namespace

FieldClass evt_syscall_field_class() {
  return {"evt", "Facts about syscall events; evt.arg gives each parameter, e.g. evt.arg.filename.",
          k_evt_syscall_fields, std::size(k_evt_syscall_fields), "Syscall events only"};
}

}  // namespace sysray
