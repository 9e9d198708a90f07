#include "output/summary.h"

#include <fmt/format.h>

#include <algorithm>

namespace sysray {
namespace {
// sysdig 0.29.3's table: one slot per event id it knows, then two per
// syscall code (enter, exit) for generic events.
constexpr size_t kSyscallCodes = 329;
}  // namespace

EventSummary::EventSummary() {
  for (uint16_t id = 0; id < kLegacyEventMax; ++id) entries_.push_back({0, id, false});
  for (uint16_t j = 0; j < kSyscallCodes * 2; ++j) entries_.push_back({0, j, true});
}

void EventSummary::count(const Event& event) {
  if (event.type == PPME_GENERIC_E || event.type == PPME_GENERIC_X) {
    size_t slot = kLegacyEventMax + size_t(event.param_int<uint16_t>(0)) * 2 + (event.is_enter() ? 0 : 1);
    if (slot < entries_.size()) ++entries_[slot].calls;
  } else if (event.type < kLegacyEventMax) {
    ++entries_[event.type].calls;
  } else {
    // Ids newer than sysdig 0.29.3's table get their own rows at the end.
    auto it = std::find_if(entries_.begin() + kLegacyEventMax + kSyscallCodes * 2, entries_.end(),
                           [&](const Entry& e) { return e.id == event.type; });
    if (it == entries_.end()) {
      auto& e = entries_.emplace_back(Entry{0, event.type, false});
      ++e.calls;
    } else {
      ++it->calls;
    }
  }
}

void EventSummary::append_table(std::string& out) const {
  std::vector<Entry> sorted = entries_;
  std::sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) { return a.calls > b.calls; });
  out += "----------------------\nEvent           #Calls\n----------------------\n";
  for (const Entry& e : sorted) {
    if (e.calls == 0) break;
    char dir;
    const char* name;
    if (e.generic_syscall) {
      dir = (e.id % 2) ? '<' : '>';
      name = syscall_name(e.id / 2);
      if (!name || !*name) name = "<unknown>";
    } else {
      dir = (e.id % 2) ? '<' : '>';
      name = event_info(e.id).display_name();
    }
    fmt::format_to(std::back_inserter(out), "{} {:<15} {}\n", dir, name, e.calls);
  }
}

}  // namespace sysray
