// The containers a capture describes in its container events, in the order
// they come (what sysdig.get_container_table() lists).
#pragma once

#include <string>
#include <vector>

#include "event/event.h"
#include "sysray_event_ids.h"

namespace sysray {

struct ContainerEntry {
  std::string id, name, image, type;
};

class ContainerList {
 public:
  // Takes the container's description from a container event (old layout
  // or JSON); other events are ignored. A known id is updated in place.
  void note(const Event& event) {
    if (is_container_event(event.type)) note_container(event);
  }
  const std::vector<ContainerEntry>& entries() const { return entries_; }

 private:
  static bool is_container_event(uint16_t type) {
    return type == PPME_CONTAINER_E || type == PPME_CONTAINER_JSON_E || type == PPME_CONTAINER_JSON_2_E;
  }
  void note_container(const Event& event);
  std::vector<ContainerEntry> entries_;
};

}  // namespace sysray
