#include "live/kernel_filter.h"

#include <map>
#include <string_view>

#include "event/event_table.h"

namespace sysray {

namespace {

constexpr uint32_t kStateFlags = EF_CREATES_FD | EF_DESTROYS_FD | EF_MODIFIES_STATE;

bool changes_state(int event) { return event >= 0 && (event_info(uint16_t(event)).flags & kStateFlags); }

template <class T>
std::optional<std::set<uint32_t>> id_set(const Constraint<T>& c) {
  if (c.any || c.values.size() > kMaxKernelIds) return std::nullopt;
  std::set<uint32_t> out;
  for (const T& v : c.values)
    if (v >= 0 && v <= UINT32_MAX) out.insert(uint32_t(v));
  return out;
}

}  // namespace

KernelFilter kernel_filter_for(const PushdownPlan& plan, const std::set<std::string>& with_fillers) {
  KernelFilter f;
  std::map<int, std::pair<int, int>> specific;  // nr -> (enter, exit) of its own events
  for (const auto& sc : sysray_specific_syscalls)
    if (with_fillers.count(sc.name)) specific[sc.nr] = {sc.enter_event, sc.exit_event};

  f.filter_syscalls = !plan.event_types.any;
  for (int nr = 0; nr < SYSRAY_NATIVE_SYSCALL_MAX; nr++) {
    auto it = specific.find(nr);
    int enter = it != specific.end() ? it->second.first : PPME_GENERIC_E;
    int exit = it != specific.end() ? it->second.second : PPME_GENERIC_X;
    uint8_t bits = 0;
    if ((enter >= 0 && plan.event_types.allows(uint16_t(enter))) || plan.event_types.allows(uint16_t(exit)))
      bits |= SYSRAY_INTEREST_MATCH;
    if (changes_state(enter) || changes_state(exit)) bits |= SYSRAY_INTEREST_STATE;
    f.syscall_interest[size_t(nr)] = bits;
  }
  // A successful execveat reaches sys_exit as execve (the probe then
  // sends the execveat exit): execve must pass whenever execveat may match.
  for (const auto& sc : sysray_native_syscalls)
    if (std::string_view(sc.name) == "execveat" && (f.syscall_interest[size_t(sc.nr)] & SYSRAY_INTEREST_MATCH))
      for (const auto& ex : sysray_native_syscalls)
        if (std::string_view(ex.name) == "execve") f.syscall_interest[size_t(ex.nr)] |= SYSRAY_INTEREST_MATCH;
  f.procexit_matches = plan.event_types.allows(PPME_PROCEXIT_1_E);
  f.switch_matches = plan.event_types.allows(PPME_SCHEDSWITCH_6_E);
  f.signal_deliver_matches = plan.event_types.allows(PPME_SIGNALDELIVER_E);
  f.page_fault_matches = plan.event_types.allows(PPME_PAGE_FAULT_E);

  if (!plan.comms.any && plan.comms.values.size() <= kMaxKernelComms) {
    std::set<std::string> comms;
    for (const auto& name : plan.comms.values) comms.insert(name.substr(0, SYSRAY_COMM_LEN - 1));
    f.comms = comms;
  }
  f.pids = id_set(plan.pids);
  f.tids = id_set(plan.tids);
  return f;
}

}  // namespace sysray
