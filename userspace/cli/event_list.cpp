#include "cli/event_list.h"

#include <string>

#include "event/event_table.h"

namespace sysray {
// Same rules as sysdig -L: skip unused, superseded and internal events. Ids
// sysdig 0.29.3 knows are listed with its layout, newer ones after them.
void print_event_list(FILE* out) {
  std::string line;
  for (uint16_t id = 0; id < kEventMax; ++id) {
    const EventInfo& info = event_info(id);
    const uint32_t flags = info.display_flags();
    if ((flags & (EF_UNUSED | EF_OLD_VERSION)) ||
        EventClass(info.display_category() & EC_CLASS_MASK) == EC_INTERNAL) {
      continue;
    }
    line = (id % 2 == 0) ? "> " : "< ";
    line += info.display_name();
    line += '(';
    for (uint8_t i = 0; i < info.display_nparams(); ++i) {
      if (i) line += ", ";
      line += k_param_type_names[size_t(info.display_params()[i].type)];
      line += ' ';
      line += info.display_params()[i].name;
    }
    line += ")\n";
    std::fputs(line.c_str(), out);
  }
}

}  // namespace sysray
