#include "fields/flag_names.h"

namespace sysray {
namespace {

void append_separated(const char* name, const char* separator, std::string& out, bool& first) {
  if (!first) out += separator;
  out += name;
  first = false;
}

}  // namespace

void append_flag_names(const FlagTable& table, uint32_t value, std::string& out) {
  uint32_t remaining = value;
  bool first = true;
  for (size_t i = 0; i < table.count; ++i) {
    const FlagName& flag = table.entries[i];
    if (flag.value == value) {
      append_separated(flag.name, "|", out, first);
      return;
    }
    const bool matches = flag.value == 0 ? value == 0
                                         : remaining != 0 && (remaining & flag.value) == flag.value;
    if (matches) {
      append_separated(flag.name, "|", out, first);
      remaining &= ~flag.value;  // so O_RDWR does not also print O_WRONLY and O_RDONLY
    }
  }
}

void append_enum_names(const FlagTable& table, uint32_t value, std::string& out) {
  bool first = true;
  for (size_t i = 0; i < table.count; ++i) {
    if (table.entries[i].value == value) append_separated(table.entries[i].name, "|", out, first);
  }
}

void append_signal_set(uint32_t mask, std::string& out) {
  bool first = true;
  for (uint32_t bit = 0; bit < 32; ++bit) {
    if ((mask & (1u << bit)) == 0) continue;
    if (const char* name = signal_name(bit + 1)) append_separated(name, " ", out, first);
  }
}

}  // namespace sysray
