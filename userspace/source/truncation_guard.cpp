#include "source/truncation_guard.h"

#include <algorithm>
#include <csignal>
#include <cstring>

#include <unistd.h>

namespace sysray {
namespace {

// Written outside the handler, read inside it: a fixed buffer, no allocation.
char g_message[512];
size_t g_message_len = 0;

void on_sigbus(int) {
  // Only async-signal-safe calls here.
  (void)!::write(STDERR_FILENO, g_message, g_message_len);
  ::_exit(1);
}

}  // namespace

void guard_mapped_file(const std::string& path) {
  static const bool installed = [] {
    struct sigaction sa {};
    sa.sa_handler = on_sigbus;
    sigemptyset(&sa.sa_mask);
    return ::sigaction(SIGBUS, &sa, nullptr) == 0;
  }();
  (void)installed;
  const std::string text = "sysray: " + path + ": the file shrank while it was being read\n";
  g_message_len = std::min(text.size(), sizeof g_message);
  std::memcpy(g_message, text.data(), g_message_len);
}

}  // namespace sysray
