#include "cli/stop_signals.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

#include "chisel/chisel_interrupt.h"

namespace sysray {
namespace {

// The handler reads these only; both are lock-free atomics.
std::atomic<EventSource*> g_source{nullptr};
std::atomic<int> g_interrupts{0};
std::atomic<bool> g_requested{false};

void on_stop_signal(int sig) {
  // The timer never counts as the user's first interrupt.
  if (sig != SIGALRM && g_interrupts.fetch_add(1) > 0) _exit(128 + sig);
  g_requested.store(true, std::memory_order_relaxed);
  if (EventSource* source = g_source.load()) source->stop();
  // A chisel that does not return from its Lua code would keep the
  // capture from ever ending.
  chisel_interrupt::request();
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
  g_requested.store(false);
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

bool StopSignals::requested() { return g_requested.load(std::memory_order_relaxed); }

void StopSignals::stop_after(unsigned seconds) {
  if (seconds > 0) alarm(seconds);
}

}  // namespace sysray
