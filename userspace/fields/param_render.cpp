#include "fields/param_render.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "fields/buffer_encoding.h"
#include "fields/flag_names.h"
#include "event/number_format.h"
#include "event/param_bytes.h"
#include "state/path_join.h"
#include "state/printable_text.h"
#include "state/socket_address.h"

namespace sysray {
namespace {

constexpr int64_t kAtFdcwd = -100;  // PPM_AT_FDCWD
constexpr uint32_t kNoId = 0xffffffff;

// What every parameter of one event renders against.
struct RenderInput {
  const State& state;
  const ThreadInfo* thread;  // the event's thread, may be null
  const Event& event;
  const RenderOptions& opts;
};

// Bytes a numeric parameter type occupies on the wire (0: not numeric).
size_t integer_width(ParamType type) {
  switch (type) {
    case ParamType::INT8: case ParamType::UINT8: case ParamType::FLAGS8:
    case ParamType::ENUMFLAGS8: case ParamType::SIGTYPE:
      return 1;
    case ParamType::INT16: case ParamType::UINT16: case ParamType::FLAGS16:
    case ParamType::ENUMFLAGS16: case ParamType::SYSCALLID:
      return 2;
    case ParamType::INT32: case ParamType::UINT32: case ParamType::FLAGS32:
    case ParamType::ENUMFLAGS32: case ParamType::MODE: case ParamType::UID:
    case ParamType::GID: case ParamType::SIGSET: case ParamType::FD32: case ParamType::PID32:
      return 4;
    default:
      return 8;
  }
}

bool is_signed_integer(ParamType type) {
  return type == ParamType::INT8 || type == ParamType::INT16 || type == ParamType::INT32 ||
         type == ParamType::INT64;
}

// A 0-length parameter. sysdig 0.29.3 would print whatever bytes follow it;
// sysray prints what new libs print instead.
void append_empty_param(ParamType type, std::string& value) {
  switch (type) {
    case ParamType::BYTEBUF:  // an empty buffer prints nothing, as in sysdig 0.29.3
      return;
    case ParamType::SOCKADDR: case ParamType::SOCKTUPLE: case ParamType::FDLIST:
    case ParamType::DYN: case ParamType::CHARBUFARRAY: case ParamType::CHARBUF_PAIR_ARRAY:
      value += "NULL";
      return;
    default:
      value += "<NA>";
  }
}

// errno_to_str((int32_t)v): the name of -v for a negative v, if known.
void append_errno_name(int64_t v, std::string& resolved) {
  const int32_t code = int32_t(v);
  if (code >= 0) return;
  if (const char* name = errno_name(-int64_t(code))) resolved += name;
}

void render_fd(const RenderInput& in, int64_t fd, std::string& value, std::string& resolved) {
  append_decimal(fd, value);
  if (in.thread == nullptr) return;  // no thread, nothing to resolve against
  if (fd >= 0) {
    const FdInfo* info = in.state.find_fd(*in.thread, fd);
    if (info == nullptr) return;
    resolved.push_back('<');
    resolved.push_back(fd_type_char(info->type));
    if (char l4 = fd_l4_char(*info)) resolved.push_back(l4);
    resolved.push_back('>');
    append_printable(info->name, resolved);
  } else if (fd == kAtFdcwd) {
    resolved += "AT_FDCWD";
  } else {
    append_errno_name(fd, resolved);
  }
}

void render_pid(const RenderInput& in, int64_t pid, std::string& value, std::string& resolved) {
  append_decimal(pid, value);
  if (const ThreadInfo* t = in.state.find_thread(pid)) resolved += t->comm;
}

// The directory a relative FSRELPATH is resolved against: the cwd, the path
// of its dirfd parameter's fd, or nullptr when that fd is unknown.
const std::string* relative_path_base(const RenderInput& in, const ParamInfo& info) {
  const std::string& cwd = in.state.cwd(*in.thread);
  if (info.type != ParamType::FSRELPATH || info.aux < 0) return &cwd;
  const size_t dirfd_index = size_t(info.aux);
  if (dirfd_index >= in.event.nparams || dirfd_index >= in.event.info().display_nparams() ||
      in.event.info().display_params()[dirfd_index].type != ParamType::FD) {
    return &cwd;  // the table does not point at an fd
  }
  const int64_t dirfd = read_le_signed(in.event.param(dirfd_index), 8);
  if (dirfd == kAtFdcwd) return &cwd;
  const FdInfo* fd = in.state.find_fd(*in.thread, dirfd);
  return fd != nullptr ? &fd->name : nullptr;
}

void remove_unprintable_from(size_t start, std::string& s) {
  auto unprintable = [](char c) { return !is_printable_byte(static_cast<unsigned char>(c)); };
  s.erase(std::remove_if(s.begin() + std::ptrdiff_t(start), s.end(), unprintable), s.end());
}

// PT_FSPATH/PT_FSRELPATH: the path without non-printables; a relative path is
// resolved to an absolute one in parentheses.
void render_path(const RenderInput& in, const ParamInfo& info, std::string_view bytes, std::string& value,
                 std::string& resolved) {
  const std::string_view raw = until_nul(bytes);
  const size_t start = value.size();
  append_printable(raw, value);
  if (in.thread == nullptr || raw.empty() || raw.front() == '/' || raw.substr(0, 4) == "<NA>") return;
  const std::string_view path(value.data() + start, value.size() - start);
  const size_t resolved_start = resolved.size();
  if (const std::string* base = relative_path_base(in, info)) {
    append_joined_path(*base, path, resolved);
  } else {
    resolved += "<UNKNOWN>";  // sysdig glues the relative path to this marker
    append_joined_path({}, path, resolved);
  }
  remove_unprintable_from(resolved_start, resolved);
}

// PT_FDLIST: u16 count, then (i64 fd, i16 flags) pairs: "fd:<typechar><flags %x>".
void render_fd_list(const RenderInput& in, std::string_view bytes, std::string& value) {
  if (in.thread == nullptr) return;
  constexpr size_t kEntrySize = 8 + 2;
  const size_t count = read_le_unsigned(bytes, 2);
  for (size_t i = 0; i < count; ++i) {
    const size_t offset = 2 + i * kEntrySize;
    if (offset + kEntrySize > bytes.size()) break;  // never past the parameter
    const int64_t fd = read_le_signed(bytes.substr(offset), 8);
    const int16_t flags = int16_t(read_le_unsigned(bytes.substr(offset + 8), 2));
    if (i > 0) value.push_back(' ');
    append_unsigned_decimal(uint64_t(fd), value);  // sysdig prints it with PRIu64
    value.push_back(':');
    const FdInfo* info = in.state.find_fd(*in.thread, fd);
    value.push_back(info != nullptr ? fd_type_char(info->type) : '?');
    append_lower_hex(uint32_t(int32_t(flags)), value);
  }
}

void render_reltime(uint64_t ns, std::string& value, std::string& resolved) {
  if (ns == ~uint64_t(0)) {
    value += "none";
    return;
  }
  append_unsigned_decimal(ns, value);
  char seconds[64];  // "%lg" as sysdig prints it
  const int n = std::snprintf(seconds, sizeof seconds, "%lgs", double(ns) / 1e9);
  if (n > 0) resolved.append(seconds, size_t(n) < sizeof seconds ? size_t(n) : sizeof seconds - 1);
}

void render_user_or_group(const RenderInput& in, ParamType type, uint32_t id, std::string& value,
                          std::string& resolved) {
  if (id == kNoId) {
    value += "-1";
    resolved += "<NONE>";
    return;
  }
  append_decimal(int32_t(id), value);
  const std::string* name = nullptr;
  if (type == ParamType::UID) {
    if (const UserInfo* user = in.state.find_user(id)) name = &user->name;
  } else if (const GroupInfo* group = in.state.find_group(id)) {
    name = &group->name;
  }
  if (name != nullptr && !name->empty()) {
    append_printable(*name, resolved);
  } else {
    resolved += "<NA>";
  }
}

void render_value(const RenderInput& in, const ParamInfo& info, PrintFormat format, std::string_view bytes,
                  std::string& value, std::string& resolved);

// PT_DYN: a u8 index into the parameter's dynamic table, then the value in
// that entry's type. The numeric format stays the outer parameter's.
void render_dynamic(const RenderInput& in, const ParamInfo& info, PrintFormat format, std::string_view bytes,
                    std::string& value, std::string& resolved) {
  const size_t index = read_le_unsigned(bytes, 1);
  if (info.aux < 0 || index >= k_dynamic_tables[info.aux].count ||
      k_dynamic_tables[info.aux].entries[index].type == ParamType::DYN) {
    value += "INVALID DYNAMIC PARAMETER";
    return;
  }
  render_value(in, k_dynamic_tables[info.aux].entries[index], format, bytes.substr(1), value, resolved);
}

void render_value(const RenderInput& in, const ParamInfo& info, PrintFormat format, std::string_view bytes,
                  std::string& value, std::string& resolved) {
  const size_t width = integer_width(info.type);
  const uint64_t as_unsigned = read_le_unsigned(bytes, width);
  const int64_t as_signed = read_le_signed(bytes, width);
  switch (info.type) {
    case ParamType::INT8: case ParamType::INT16: case ParamType::INT32: case ParamType::INT64:
    case ParamType::UINT8: case ParamType::UINT16: case ParamType::UINT32: case ParamType::UINT64:
      append_printf_integer({is_signed_integer(info.type) ? as_signed : int64_t(as_unsigned), width == 8},
                            format, value);
      return;
    case ParamType::FD: case ParamType::FD32:
      render_fd(in, as_signed, value, resolved);
      return;
    case ParamType::PID: case ParamType::PID32:
      render_pid(in, as_signed, value, resolved);
      return;
    case ParamType::ERRNO:
      append_decimal(as_signed, value);
      if (as_signed < 0) append_errno_name(as_signed, resolved);
      return;
    case ParamType::CHARBUF:  // raw, unsanitized, never cut
      value += until_nul(bytes);
      return;
    case ParamType::FSPATH: case ParamType::FSRELPATH:
      render_path(in, info, bytes, value, resolved);
      return;
    case ParamType::BYTEBUF:
      append_byte_buffer(bytes, in.opts.buffers, in.opts.max_bytebuf_len, value);
      return;
    case ParamType::SOCKADDR:
      append_sockaddr(bytes, value);
      return;
    case ParamType::SOCKTUPLE:
      append_socktuple(bytes, value);
      return;
    case ParamType::FDLIST:
      render_fd_list(in, bytes, value);
      return;
    case ParamType::SYSCALLID:
      if (const char* name = syscall_name(uint16_t(as_unsigned))) {
        append_unsigned_decimal(as_unsigned, value);
        resolved += name;
      } else {
        value += "<unknown syscall>";
      }
      return;
    case ParamType::SIGTYPE:
      append_unsigned_decimal(as_unsigned, value);
      if (const char* name = signal_name(as_unsigned)) resolved += name;
      return;
    case ParamType::RELTIME:
      render_reltime(as_unsigned, value, resolved);
      return;
    case ParamType::FLAGS8: case ParamType::FLAGS16: case ParamType::FLAGS32:
      append_unsigned_decimal(as_unsigned, value);  // "%u" whatever the print format
      if (info.aux >= 0) append_flag_names(k_flag_tables[info.aux], uint32_t(as_unsigned), resolved);
      return;
    case ParamType::ENUMFLAGS8: case ParamType::ENUMFLAGS16: case ParamType::ENUMFLAGS32:
      append_unsigned_decimal(as_unsigned, value);
      if (info.aux >= 0) append_enum_names(k_flag_tables[info.aux], uint32_t(as_unsigned), resolved);
      return;
    case ParamType::MODE:
      append_printf_integer({int64_t(as_unsigned), false}, format, value);
      if (info.aux >= 0) append_flag_names(k_flag_tables[info.aux], uint32_t(as_unsigned), resolved);
      return;
    case ParamType::UID: case ParamType::GID:
      render_user_or_group(in, info.type, uint32_t(as_unsigned), value, resolved);
      return;
    case ParamType::SIGSET:
      append_signal_set(uint32_t(as_unsigned), value);
      return;
    case ParamType::DYN:
      render_dynamic(in, info, format, bytes, value, resolved);
      return;
    case ParamType::ABSTIME:  // sysdig 0.29.3 does not render it
      value += "INVALID DYNAMIC PARAMETER";
      return;
    default:  // types sysdig 0.29.3 has no rendering for
      value += "(n.a.)";
      return;
  }
}

// Appends parameter `index` to value/resolved (no clearing).
void append_param(const RenderInput& in, size_t index, std::string& value, std::string& resolved) {
  const EventInfo& event_info = in.event.info();
  if (index >= event_info.display_nparams() || !in.event.has_param(index)) return;
  const ParamInfo& info = event_info.display_params()[index];
  const std::string_view bytes = in.event.param(index);
  if (bytes.empty()) {
    append_empty_param(info.type, value);
    return;
  }
  render_value(in, info, info.format, bytes, value, resolved);
}

bool is_generic_event(uint16_t type) { return type == PPME_GENERIC_E || type == PPME_GENERIC_X; }

}  // namespace

void render_param(const State& state, const EventContext& ctx, const Event& event, size_t index,
                  const RenderOptions& opts, std::string& value, std::string& resolved) {
  value.clear();
  resolved.clear();
  append_param({state, ctx.thread, event, opts}, index, value, resolved);
}

void append_event_info(const State& state, const EventContext& ctx, const Event& event,
                       const RenderOptions& opts, std::string& out) {
  if (is_generic_event(event.type)) return;
  // Reused across calls so that rendering does not allocate once warm.
  thread_local std::string resolved;
  const RenderInput in{state, ctx.thread, event, opts};
  const EventInfo& event_info = event.info();
  const size_t count = std::min<size_t>(event_info.display_nparams(), event.nparams);
  for (size_t j = 0; j < count; ++j) {
    resolved.clear();
    out += event_info.display_params()[j].name;
    out.push_back('=');
    append_param(in, j, out, resolved);
    if (!resolved.empty()) {
      out.push_back('(');
      out += resolved;
      out.push_back(')');
    }
    out.push_back(' ');
  }
}

}  // namespace sysray
