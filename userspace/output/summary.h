// -S: how many times each event type was seen, as sysdig prints it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "event/event.h"

namespace sysray {

class EventSummary {
 public:
  EventSummary();
  void count(const Event& event);
  // The table, most frequent first. Ties come in the order sysdig 0.29.3
  // prints them: it sorts the same table layout with std::sort, so sysray
  // builds that layout and sorts it the same way.
  void append_table(std::string& out) const;

 private:
  struct Entry {
    uint64_t calls = 0;
    uint16_t id = 0;
    bool generic_syscall = false;  // id is ppm_sc * 2 + direction
  };
  std::vector<Entry> entries_;
};

}  // namespace sysray
