// The evt.* fields: what the event itself says.
#include <fmt/format.h>

#include "fields/field_classes.h"
#include "fields/field_helpers.h"

namespace sysray {
namespace {

using namespace field_helpers;
constexpr uint64_t kNs = 1000000000ull;

bool evt_num(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(in.event.num));
}

bool evt_time(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  s.clear();
  append_clock_time(in.event.ts, s);
  fmt::format_to(std::back_inserter(s), ".{:09}", in.event.ts % kNs);
  return set_str(out, s);
}

bool evt_time_s(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  s.clear();
  append_clock_time(in.event.ts, s);
  return set_str(out, s);
}

bool evt_datetime(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  s.clear();
  append_date_time(in.event.ts, s);
  fmt::format_to(std::back_inserter(s), ".{:09}", in.event.ts % kNs);
  return set_str(out, s);
}

bool evt_datetime_s(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  s.clear();
  append_date_time(in.event.ts, s);
  return set_str(out, s);
}

bool evt_rawtime(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(in.event.ts));
}
bool evt_rawtime_s(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(in.event.ts / kNs));
}
bool evt_rawtime_ns(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(in.event.ts % kNs));
}

uint64_t reltime(const FieldInput& in) { return in.event.ts - in.stream.first_ts; }
bool evt_reltime(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(reltime(in)));
}
bool evt_reltime_s(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(reltime(in) / kNs));
}
bool evt_reltime_ns(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(reltime(in) % kNs));
}

uint64_t latency(const FieldInput& in) {
  return in.ctx.has_enter ? in.event.ts - in.ctx.enter.ts : 0;
}
bool evt_latency(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(latency(in)));
}
bool evt_latency_s(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(latency(in) / kNs));
}
bool evt_latency_ns(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_num(out, int64_t(latency(in) % kNs));
}

bool evt_deltatime(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  uint64_t prev = in.stream.prev_ts ? in.stream.prev_ts : in.event.ts;
  return set_num(out, int64_t(in.event.ts - prev));
}

bool evt_dir(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  return set_str(out, in.event.is_enter() ? ">" : "<");
}

bool evt_type(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  const Event& e = in.event;
  if (e.type == PPME_GENERIC_E || e.type == PPME_GENERIC_X) {
    const char* name = syscall_name(e.param_int<uint16_t>(0));
    return set_str(out, name ? name : "<unknown>");
  }
  return set_str(out, e.info().display_name());
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
  int i = arg.has_index ? int(arg.index) : param_index(in.event, arg.name);
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
bool evt_rawarg(const FieldInput& in, const FieldArgValue& arg, std::string& s, FieldValue& out) {
  int i = arg.has_index ? int(arg.index) : param_index(in.event, arg.name);
  if (i < 0 || !in.event.has_param(size_t(i))) return false;
  const ParamInfo& p = i < in.event.info().display_nparams() ? in.event.info().display_params()[i]
                                                             : in.event.info().params[i];
  switch (p.type) {
    case ParamType::CHARBUF: case ParamType::FSPATH: case ParamType::FSRELPATH:
      return set_str(out, in.event.param_str(size_t(i)));
    case ParamType::BYTEBUF: {
      std::string_view v = in.event.param(size_t(i));
      return set_str(out, v);
    }
    case ParamType::INT8: case ParamType::INT16: case ParamType::INT32: case ParamType::INT64:
    case ParamType::ERRNO: case ParamType::FD: case ParamType::PID: case ParamType::FD32: case ParamType::PID32:
      return set_num(out, in.event.param_int<int64_t>(size_t(i)));
    default:
      return set_num(out, int64_t(in.event.param_int<uint64_t>(size_t(i))));
  }
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
  if (!event_result(in.event, res)) return false;
  return set_num(out, res);
}

bool evt_failed(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int64_t res = 0;
  return set_num(out, event_result(in.event, res) && res < 0);
}

bool evt_count(const FieldInput&, const FieldArgValue&, std::string&, FieldValue& out) { return set_num(out, 1); }

const FieldDef k_evt_fields[] = {
    {"evt.num", ParamType::UINT64, PrintFormat::DEC, FieldArg::None, 0, "the event's position in the stream, from 1", evt_num},
    {"evt.time", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the event's local time of day with nanoseconds", evt_time},
    {"evt.time.s", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the event's local time of day, whole seconds", evt_time_s},
    {"evt.datetime", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the event's local date and time with nanoseconds", evt_datetime},
    {"evt.datetime.s", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the event's local date and time, whole seconds", evt_datetime_s},
    {"evt.rawtime", ParamType::ABSTIME, PrintFormat::DEC, FieldArg::None, 0, "the event's time in nanoseconds since the epoch", evt_rawtime},
    {"evt.rawtime.s", ParamType::ABSTIME, PrintFormat::DEC, FieldArg::None, 0, "whole seconds of evt.rawtime", evt_rawtime_s},
    {"evt.rawtime.ns", ParamType::ABSTIME, PrintFormat::DEC, FieldArg::None, 0, "nanoseconds part of evt.rawtime", evt_rawtime_ns},
    {"evt.reltime", ParamType::RELTIME, PrintFormat::DEC, FieldArg::None, 0, "nanoseconds since the first event of the capture", evt_reltime},
    {"evt.reltime.s", ParamType::RELTIME, PrintFormat::DEC, FieldArg::None, 0, "whole seconds of evt.reltime", evt_reltime_s},
    {"evt.reltime.ns", ParamType::RELTIME, PrintFormat::DEC, FieldArg::None, 0, "nanoseconds part of evt.reltime", evt_reltime_ns},
    {"evt.latency", ParamType::RELTIME, PrintFormat::DEC, FieldArg::None, 0, "for an exit event, nanoseconds since its enter event", evt_latency},
    {"evt.latency.s", ParamType::RELTIME, PrintFormat::DEC, FieldArg::None, 0, "whole seconds of evt.latency", evt_latency_s},
    {"evt.latency.ns", ParamType::RELTIME, PrintFormat::DEC, FieldArg::None, 0, "nanoseconds part of evt.latency", evt_latency_ns},
    {"evt.deltatime", ParamType::RELTIME, PrintFormat::DEC, FieldArg::None, 0, "nanoseconds since the previous event", evt_deltatime},
    {"evt.dir", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "'>' for an enter event, '<' for an exit event", evt_dir},
    {"evt.type", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the event's name, e.g. 'open'", evt_type},
    {"evt.cpu", ParamType::INT16, PrintFormat::DEC, FieldArg::None, 0, "the CPU the event happened on", evt_cpu},
    {"evt.args", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "all the event's parameters as one string", evt_info},
    {"evt.arg", ParamType::CHARBUF, PrintFormat::NA, FieldArg::IndexOrName, FF_ARG_REQUIRED, "one parameter, by name (evt.arg.fd) or position (evt.arg[0]), as displayed", evt_arg},
    {"evt.rawarg", ParamType::DYN, PrintFormat::NA, FieldArg::IndexOrName, FF_ARG_REQUIRED, "one parameter by name, as its raw value (numbers compare as numbers)", evt_rawarg},
    {"evt.info", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "the event's parameters as sysdig shows them after the type", evt_info},
    {"evt.res", ParamType::CHARBUF, PrintFormat::NA, FieldArg::None, 0, "an exit event's result: SUCCESS or the error code name", evt_res},
    {"evt.rawres", ParamType::INT64, PrintFormat::DEC, FieldArg::None, 0, "an exit event's result as a number, e.g. -2", evt_rawres},
    {"evt.failed", ParamType::BOOL, PrintFormat::NA, FieldArg::None, 0, "true for exit events that returned an error", evt_failed},
    {"evt.count", ParamType::UINT32, PrintFormat::DEC, FieldArg::None, 0, "always 1, for counting events in chisels", evt_count},
};

}  // namespace

FieldClass evt_field_class() {
  return {"evt", "Facts about the event itself: time, type, direction, parameters, result.", k_evt_fields,
          std::size(k_evt_fields)};
}

}  // namespace sysray
