#include "live/procinfo_feed.h"

#include <cstring>
#include <ctime>
#include <string>

#include "source/event_source.h"

namespace sysray {

namespace {

constexpr uint64_t kSecond = 1000000000ull;

template <class T>
uint8_t* put(uint8_t* p, T v) {
  std::memcpy(p, &v, sizeof v);
  return p + sizeof v;
}

}  // namespace

uint64_t monotonic_ns() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return uint64_t(now.tv_sec) * kSecond + uint64_t(now.tv_nsec);
}

bool ProcinfoFeed::due(uint64_t ts) {
  if (ts <= next_second_) return false;
  const uint64_t following = ts - ts % kSecond + kSecond;
  const bool first = next_second_ == 0;
  next_second_ = following;
  if (first) return false;
  // A backlog of old events crosses many seconds quickly: one list per
  // half second of wall time is enough.
  const uint64_t wall_ns = wall_clock_();
  if (last_list_wall_ != 0 && wall_ns - last_list_wall_ <= kSecond / 2) return false;
  last_list_wall_ = wall_ns;
  stamp_ = following - kSecond - 1;
  return true;
}

void ProcinfoFeed::queue(const std::vector<TaskTicks>& tasks) {
  bytes_.resize(tasks.size() * kProcinfoEventSize);
  uint8_t* p = bytes_.data();
  for (const TaskTicks& t : tasks) {
    p = put<uint64_t>(p, stamp_);
    p = put<int64_t>(p, int64_t(t.tid));
    p = put<uint32_t>(p, uint32_t(kProcinfoEventSize));
    p = put<uint16_t>(p, uint16_t(PPME_PROCINFO_E));
    p = put<uint32_t>(p, 2);
    p = put<uint16_t>(p, 8);
    p = put<uint16_t>(p, 8);
    p = put<uint64_t>(p, t.utime);
    p = put<uint64_t>(p, t.stime);
  }
  count_ = tasks.size();
  next_ = 0;
}

bool ProcinfoFeed::pop(Event& event) {
  if (next_ >= count_) return false;
  std::string error;
  if (!decode_event(bytes_.data() + next_++ * kProcinfoEventSize, kProcinfoEventSize, event, &error))
    throw SourceError("live capture: bad procinfo event: " + error);
  return true;
}

}  // namespace sysray
