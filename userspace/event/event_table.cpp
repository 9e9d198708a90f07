#include "event/event_table.h"

#include <cstring>

namespace sysray {

const char* errno_name(int64_t err) {
  if (err <= 0 || size_t(err) >= k_errno_count || !*k_errno_names[err]) return nullptr;
  return k_errno_names[err];
}

const char* signal_name(uint64_t sig) {
  if (sig >= k_signal_count || !*k_signal_names[sig]) return nullptr;
  return k_signal_names[sig];
}

const char* syscall_name(uint16_t ppm_sc) {
  if (ppm_sc >= k_syscall_count) return nullptr;
  const char* legacy = k_legacy_syscall_names[ppm_sc];
  return *legacy ? legacy : k_syscall_names[ppm_sc];
}

EventClass syscall_category(uint16_t ppm_sc) {
  return ppm_sc < k_syscall_count ? EventClass(k_legacy_syscall_categories[ppm_sc]) : EC_OTHER;
}

const FlagTable* flag_table_by_name(std::string_view name) {
  for (size_t i = 0; i < k_flag_table_count; ++i) {
    if (name == k_flag_tables[i].name) return &k_flag_tables[i];
  }
  return nullptr;
}

}  // namespace sysray
