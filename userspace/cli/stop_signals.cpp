#include "cli/stop_signals.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace sysray {
namespace {

// The handler reads these only; both are lock-free atomics.
std::atomic<EventSource*> g_source{nullptr};
std::atomic<int> g_interrupts{0};

void on_stop_signal(int sig) {
  // The timer never counts as the user's first interrupt.
  if (sig != SIGALRM && g_interrupts.fetch_add(1) > 0) _exit(128 + sig);
  if (EventSource* source = g_source.load()) source->stop();
}

void set_handler(int sig, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  // SA_RESTART: a write to a full stdout pipe resumes instead of losing
  // output; the source's idle sleep (nanosleep) is never restarted, so it
  // still sees the stop at once.
  action.sa_flags = SA_RESTART;
  sigaction(sig, &action, nullptr);
}

}  // namespace

StopSignals::StopSignals(EventSource& source) {
  g_interrupts.store(0);
  g_source.store(&source);
  set_handler(SIGINT, on_stop_signal);
  set_handler(SIGTERM, on_stop_signal);
  set_handler(SIGALRM, on_stop_signal);
}

StopSignals::~StopSignals() {
  alarm(0);
  set_handler(SIGALRM, SIG_DFL);
  set_handler(SIGTERM, SIG_DFL);
  set_handler(SIGINT, SIG_DFL);
  g_source.store(nullptr);
}

void StopSignals::stop_after(unsigned seconds) {
  if (seconds > 0) alarm(seconds);
}

}  // namespace sysray
