// The syslog.* fields: messages written to /dev/log.
#include <charconv>

#include "fields/field_classes.h"
#include "fields/field_helpers.h"

namespace sysray {

namespace field_helpers {

bool syslog_message(const FieldInput& in, int* priority, std::string_view* message) {
  const FdInfo* fd = in.ctx.fd_info;
  if (in.event.is_enter() || !fd || fd->name.find("/dev/log") == std::string::npos) return false;
  if (!(in.event.info().flags & EF_WRITES_TO_FD)) return false;
  std::string_view data;
  if (!event_buffer(in.event, &data) || data.size() < 3 || data[0] != '<') return false;
  size_t close = data.find('>');
  if (close == std::string_view::npos) return false;
  auto r = std::from_chars(data.data() + 1, data.data() + close, *priority);
  if (r.ec != std::errc() || r.ptr != data.data() + close) return false;
  *message = data.substr(close + 1);
  return true;
}

}  // namespace field_helpers

namespace {

using namespace field_helpers;

constexpr const char* kFacilities[] = {"kern",     "user",     "mail",   "daemon", "auth",   "syslog", "lpr",
                                       "news",     "uucp",     "clock",  "authpriv", "ftp",  "ntp",    "logaudit",
                                       "logalert", "cron",     "local0", "local1", "local2", "local3", "local4",
                                       "local5",   "local6",   "local7"};
constexpr const char* kSeverities[] = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};

bool syslog_facility(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int pri;
  std::string_view msg;
  return syslog_message(in, &pri, &msg) && set_num(out, pri >> 3);
}
bool syslog_facility_str(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int pri;
  std::string_view msg;
  if (!syslog_message(in, &pri, &msg) || size_t(pri >> 3) >= std::size(kFacilities)) return false;
  return set_str(out, kFacilities[pri >> 3]);
}
bool syslog_severity(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int pri;
  std::string_view msg;
  return syslog_message(in, &pri, &msg) && set_num(out, pri & 7);
}
bool syslog_severity_str(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int pri;
  std::string_view msg;
  return syslog_message(in, &pri, &msg) && set_str(out, kSeverities[pri & 7]);
}
bool syslog_text(const FieldInput& in, const FieldArgValue&, std::string&, FieldValue& out) {
  int pri;
  std::string_view msg;
  return syslog_message(in, &pri, &msg) && set_str(out, msg);
}

using P = ParamType;
constexpr PrintFormat NA = PrintFormat::NA, DEC = PrintFormat::DEC;
constexpr FieldArg NONE = FieldArg::None;

const FieldDef k_syslog_fields[] = {
    {"syslog.facility.str", P::CHARBUF, NA, NONE, 0, "the message's facility as a name: kern, user, mail, daemon, ...", syslog_facility_str},
    {"syslog.facility", P::UINT32, DEC, NONE, 0, "the message's facility as a number, 0 to 23", syslog_facility},
    {"syslog.severity.str", P::CHARBUF, NA, NONE, 0, "the message's severity as a name: emerg, alert, crit, err, warn, notice, info, debug", syslog_severity_str},
    {"syslog.severity", P::UINT32, DEC, NONE, 0, "the message's severity as a number, 0 to 7", syslog_severity},
    {"syslog.message", P::CHARBUF, NA, NONE, 0, "the message's text", syslog_text},
};

}  // namespace

FieldClass syslog_field_class() {
  return {"syslog", "Messages that processes write to syslog (/dev/log).", k_syslog_fields,
          std::size(k_syslog_fields), nullptr};
}

}  // namespace sysray
