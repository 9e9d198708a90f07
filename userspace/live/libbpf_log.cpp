#include "live/libbpf_log.h"

#include <bpf/libbpf.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace sysray {
namespace {

std::string g_log;
bool g_echo = false;
libbpf_print_fn_t g_previous = nullptr;

// libbpf prints a rejected program's whole verifier log in one message, and
// the reason is at its end: keep every message whole (load time only).
int collect(enum libbpf_print_level level, const char* format, va_list args) {
  va_list copy;
  va_copy(copy, args);
  if (g_echo) vfprintf(stderr, format, copy);
  va_end(copy);
  if (level == LIBBPF_DEBUG) return 0;
  va_copy(copy, args);
  int n = vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  if (n <= 0) return 0;
  size_t at = g_log.size();
  g_log.resize(at + size_t(n) + 1);
  vsnprintf(g_log.data() + at, size_t(n) + 1, format, args);
  g_log.resize(at + size_t(n));
  return 0;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// What follows the last ": " of a libbpf line (its error text).
std::string after_last_colon(std::string_view line) {
  size_t at = line.rfind(": ");
  return std::string(at == std::string_view::npos ? line : line.substr(at + 2));
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "libbpf: prog 'x_openat': ..." -> "x_openat"
std::string_view quoted_name(std::string_view line, std::string_view kind) {
  size_t at = line.find(kind);
  if (at == std::string_view::npos) return {};
  size_t start = at + kind.size();
  size_t end = line.find('\'', start);
  return end == std::string_view::npos ? std::string_view{} : line.substr(start, end - start);
}

// The verifier's last word: the last line of the log that is not one of
// its closing statistics.
std::string_view verifier_reason(const std::vector<std::string_view>& lines, size_t begin) {
  std::string_view reason;
  for (size_t i = begin + 1; i < lines.size(); i++) {
    std::string_view l = lines[i];
    if (l.find("-- END PROG LOAD LOG --") != std::string_view::npos) break;
    if (l.empty() || starts_with(l, "processed ") || starts_with(l, "verification time") ||
        starts_with(l, "stack depth"))
      continue;
    reason = l;
  }
  return reason;
}

}  // namespace

LibbpfLog::LibbpfLog() {
  g_log.clear();
  g_echo = std::getenv("SYSRAY_BPF_DEBUG") != nullptr;
  g_previous = libbpf_set_print(collect);
}

LibbpfLog::~LibbpfLog() {
  // Without SYSRAY_BPF_DEBUG libbpf stays quiet afterwards too.
  libbpf_set_print(g_echo ? g_previous : nullptr);
  g_log.clear();
  g_log.shrink_to_fit();
}

const std::string& LibbpfLog::text() const { return g_log; }

std::string describe_load_failure(const std::string& log) {
  std::vector<std::string_view> lines = split_lines(log);
  for (size_t i = 0; i < lines.size(); i++) {
    std::string_view l = lines[i];
    if (l.find("-- BEGIN PROG LOAD LOG --") != std::string_view::npos) {
      std::string program(quoted_name(l, "prog '"));
      std::string_view reason = verifier_reason(lines, i);
      std::string out = "the kernel's verifier rejected probe program " + program;
      if (!reason.empty()) out += ": " + std::string(reason);
      return out;
    }
  }
  for (std::string_view l : lines) {
    if (l.find("failed to resolve CO-RE relocation") != std::string_view::npos ||
        l.find("failed to relocate") != std::string_view::npos)
      return "the probe does not fit this kernel's types (CO-RE): " + std::string(l);
    if (l.find("map '") != std::string_view::npos && l.find("failed to create") != std::string_view::npos)
      return "cannot create BPF map " + std::string(quoted_name(l, "map '")) + ": " + after_last_colon(l);
    if (l.find("BPF program load failed") != std::string_view::npos)
      return "the kernel refused probe program " + std::string(quoted_name(l, "prog '")) + ": " + after_last_colon(l);
  }
  return {};
}

}  // namespace sysray
