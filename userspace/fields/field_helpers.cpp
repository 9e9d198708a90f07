#include "fields/field_helpers.h"

#include <ctime>

namespace sysray::field_helpers {

bool event_result(const Event& event, int64_t& res) {
  if (event.is_enter()) return false;
  int i = find_param(event, "res");
  if (i < 0 && (event.info().flags & EF_CREATES_FD)) i = find_param(event, "fd");
  if (i < 0 || !event.has_param(size_t(i))) return false;
  res = event.param_int<int64_t>(size_t(i));
  return true;
}

bool event_buffer(const Event& event, std::string_view* data) {
  int i = find_param(event, "data");
  if (i < 0 || !event.has_param(size_t(i))) return false;
  *data = event.param(size_t(i));
  return true;
}

namespace {
// localtime_r is slow (time zone rules); events come in bursts within one
// second, so remember the last conversion.
struct tm local_tm(uint64_t ts) {
  thread_local time_t cached_secs = -1;
  thread_local struct tm cached {};
  time_t secs = time_t(ts / 1000000000ull);
  if (secs != cached_secs) {
    localtime_r(&secs, &cached);
    cached_secs = secs;
  }
  return cached;
}
}  // namespace

void append_clock_time(uint64_t ts, std::string& out) {
  struct tm tm = local_tm(ts);
  fmt::format_to(std::back_inserter(out), "{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void append_date_time(uint64_t ts, std::string& out) {
  struct tm tm = local_tm(ts);
  fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace sysray::field_helpers
