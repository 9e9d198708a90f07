#include "chisel/container_list.h"

#include <cstdlib>

#include "sysray_event_ids.h"

namespace sysray {
namespace {

// scap's container type numbers, as sysdig names them.
const char* type_name(long type) {
  static const char* const kNames[] = {"docker", "lxc", "libvirt_lxc", "mesos", "rkt", "unknown",
                                       "cri", "containerd", "cri-o", "bpm"};
  return type >= 0 && type < long(std::size(kNames)) ? kNames[type] : "unknown";
}

// The value of "key" in a flat reading of the JSON text: a string (escapes
// other than \" and \\ kept as written) or a number. "" when absent.
std::string json_value(std::string_view json, std::string_view key) {
  std::string pattern = "\"" + std::string(key) + "\"";
  size_t at = json.find(pattern);
  if (at == std::string_view::npos) return "";
  at = json.find_first_not_of(" \t\r\n:", at + pattern.size());
  if (at == std::string_view::npos) return "";
  std::string value;
  if (json[at] == '"') {
    for (size_t i = at + 1; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] == '\\' && i + 1 < json.size() && (json[i + 1] == '"' || json[i + 1] == '\\')) ++i;
      value += json[i];
    }
  } else {
    size_t end = json.find_first_of(",}] \t\r\n", at);
    value = std::string(json.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
  }
  return value;
}

}  // namespace

void ContainerList::note_container(const Event& event) {
  ContainerEntry entry;
  if (event.type == PPME_CONTAINER_E) {
    entry.id = event.param_str(0);
    entry.type = type_name(long(event.param_int<uint32_t>(1)));
    entry.name = event.param_str(2);
    entry.image = event.param_str(3);
  } else if (event.type == PPME_CONTAINER_JSON_E || event.type == PPME_CONTAINER_JSON_2_E) {
    std::string_view json = event.param_str(0);
    entry.id = json_value(json, "id");
    entry.type = type_name(std::strtol(json_value(json, "type").c_str(), nullptr, 10));
    entry.name = json_value(json, "name");
    entry.image = json_value(json, "image");
  } else {
    return;
  }
  if (entry.id.empty()) return;
  for (auto& known : entries_) {
    if (known.id == entry.id) {
      known = std::move(entry);
      return;
    }
  }
  entries_.push_back(std::move(entry));
}

}  // namespace sysray
