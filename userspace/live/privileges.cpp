#include "live/privileges.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "source/event_source.h"

namespace sysray {

namespace {

constexpr int kCapSysAdmin = 21;
constexpr int kCapPerfmon = 38;
constexpr int kCapBpf = 39;

uint64_t effective_capabilities() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("CapEff:", 0) == 0) return std::stoull(line.substr(7), nullptr, 16);
  }
  return 0;
}

bool has(uint64_t caps, int cap) { return caps & (uint64_t(1) << cap); }

}  // namespace

void check_live_capture_requirements() {
  uint64_t caps = effective_capabilities();
  if (!has(caps, kCapSysAdmin) && !(has(caps, kCapBpf) && has(caps, kCapPerfmon))) {
    std::string missing;
    if (!has(caps, kCapBpf)) missing += " CAP_BPF";
    if (!has(caps, kCapPerfmon)) missing += " CAP_PERFMON";
    throw SourceError(std::string("live capture needs root, or CAP_BPF and CAP_PERFMON; this process ") +
                      (geteuid() == 0 ? "is root but lacks" : "is not root and lacks") + missing);
  }
  struct stat st{};
  if (stat("/sys/kernel/btf/vmlinux", &st) != 0)
    throw SourceError("live capture needs kernel BTF, but /sys/kernel/btf/vmlinux is missing "
                      "(kernel built without CONFIG_DEBUG_INFO_BTF)");
}

}  // namespace sysray
