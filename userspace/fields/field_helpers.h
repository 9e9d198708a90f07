// Small helpers shared by the field extractors (internal to fields/).
#pragma once

#include <fmt/format.h>

#include <bit>
#include <string>
#include <string_view>

#include "fields/field.h"

namespace sysray::field_helpers {

inline bool set_num(FieldValue& out, int64_t v) {
  out.num = v;
  out.is_string = false;
  return true;
}

// DOUBLE fields keep the double's bits in num.
inline bool set_double(FieldValue& out, double v) {
  out.num = std::bit_cast<int64_t>(v);
  out.is_string = false;
  return true;
}

inline bool set_str(FieldValue& out, std::string_view s) {
  out.str = s;
  out.is_string = true;
  return true;
}

// Formats into scratch and points the value at it.
template <class... Args>
inline bool set_fmt(FieldValue& out, std::string& scratch, fmt::format_string<Args...> f, Args&&... args) {
  scratch.clear();
  fmt::format_to(std::back_inserter(scratch), f, std::forward<Args>(args)...);
  return set_str(out, scratch);
}

// The event's return value (the "res" parameter, or "fd" for fd-creating
// events) for exit events; false when it has none.
bool event_result(const Event& event, int64_t& res);

// The container id of a thread from its cgroups (docker, podman, cri-o,
// containerd style paths), or "" on the host.
std::string_view container_id_of(const ThreadInfo& thread);

// For a write to /dev/log, the message's priority ("<PRI>" prefix) and text.
bool syslog_message(const FieldInput& in, int* priority, std::string_view* message);

// The I/O buffer of a read or write event ("data" parameter); false if none.
bool event_buffer(const Event& event, std::string_view* data);

// "HH:MM:SS" of a ns timestamp in local time, appended to out.
void append_clock_time(uint64_t ts, std::string& out);
// "YYYY-MM-DD HH:MM:SS" of a ns timestamp in local time, appended to out.
void append_date_time(uint64_t ts, std::string& out);

}  // namespace sysray::field_helpers
