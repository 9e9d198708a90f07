// The containers a capture describes in its container events, in the order
// they come (what sysdig.get_container_table() lists).
#pragma once

#include <string>
#include <vector>

#include "event/event.h"

namespace sysray {

struct ContainerEntry {
  std::string id, name, image, type;
};

class ContainerList {
 public:
  // Takes the container's description from a container event (old layout
  // or JSON); other events are ignored. A known id is updated in place.
  void note(const Event& event);
  const std::vector<ContainerEntry>& entries() const { return entries_; }

 private:
  std::vector<ContainerEntry> entries_;
};

}  // namespace sysray
