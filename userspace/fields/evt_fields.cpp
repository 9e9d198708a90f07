// The evt.* fields every event has: its number and its times.
#include <ctime>

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

// 2016-08-04T16:17:57.881730713+0000, in local time with its UTC offset.
bool evt_time_iso8601(const FieldInput& in, const FieldArgValue&, std::string& s, FieldValue& out) {
  time_t secs = time_t(in.event.ts / kNs);
  struct tm tm;
  localtime_r(&secs, &tm);
  char date[32], zone[8];
  strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  strftime(zone, sizeof zone, "%z", &tm);
  return set_fmt(out, s, "{}.{:09}{}", date, in.event.ts % kNs, zone);
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

// sysray reads no plugin events.
bool evt_plugin(const FieldInput&, const FieldArgValue&, std::string&, FieldValue&) { return false; }

using P = ParamType;
constexpr PrintFormat NA = PrintFormat::NA, DEC = PrintFormat::DEC;
constexpr FieldArg NONE = FieldArg::None;

const FieldDef k_evt_fields[] = {
    {"evt.num", P::UINT64, DEC, NONE, 0, "the event's position in the stream, from 1", evt_num},
    {"evt.time", P::CHARBUF, NA, NONE, 0, "the event's local time of day with nanoseconds", evt_time},
    {"evt.time.s", P::CHARBUF, NA, NONE, 0, "the event's local time of day, whole seconds", evt_time_s},
    {"evt.time.iso8601", P::CHARBUF, NA, NONE, 0, "the event's local date and time in ISO 8601, with nanoseconds and the UTC offset", evt_time_iso8601},
    {"evt.datetime", P::CHARBUF, NA, NONE, 0, "the event's local date and time with nanoseconds", evt_datetime},
    {"evt.datetime.s", P::CHARBUF, NA, NONE, 0, "the event's local date and time, whole seconds", evt_datetime_s},
    {"evt.rawtime", P::ABSTIME, DEC, NONE, 0, "the event's time in nanoseconds since the epoch", evt_rawtime},
    {"evt.rawtime.s", P::ABSTIME, DEC, NONE, 0, "whole seconds of evt.rawtime", evt_rawtime_s},
    {"evt.rawtime.ns", P::ABSTIME, DEC, NONE, 0, "nanoseconds part of evt.rawtime", evt_rawtime_ns},
    {"evt.reltime", P::RELTIME, DEC, NONE, 0, "nanoseconds since the first event of the capture", evt_reltime},
    {"evt.reltime.s", P::RELTIME, DEC, NONE, 0, "whole seconds of evt.reltime", evt_reltime_s},
    {"evt.reltime.ns", P::RELTIME, DEC, NONE, 0, "nanoseconds part of evt.reltime", evt_reltime_ns},
    {"evt.pluginname", P::CHARBUF, NA, NONE, 0, "for an event from a plugin, the plugin's name (sysray has no plugins)", evt_plugin},
    {"evt.plugininfo", P::CHARBUF, NA, NONE, 0, "for an event from a plugin, the plugin's summary of it (sysray has no plugins)", evt_plugin},
};

}  // namespace

FieldClass evt_field_class() {
  return {"evt", "Facts every event has: its number and its times.", k_evt_fields, std::size(k_evt_fields),
          "All event types"};
}

}  // namespace sysray
