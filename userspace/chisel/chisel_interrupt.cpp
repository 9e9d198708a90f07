#include "chisel/chisel_interrupt.h"

#include <semaphore.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace sysray::chisel_interrupt {
namespace {

using namespace std::chrono_literals;

constexpr auto kGrace = 1s;         // a callback's time to return after the signal
constexpr auto kHookTimeout = 2s;   // the hook's time to fire (not in compiled loops)
constexpr int kHookInstructions = 1000;

sem_t g_wake;
std::once_flag g_started;
// The call in progress, as a seqlock: g_seq is odd while a call runs, and
// the other fields change only while it is even. The watchdog reads them
// and checks that g_seq has not moved.
std::atomic<uint64_t> g_seq{0};
std::atomic<lua_State*> g_state{nullptr};
std::atomic<const std::string*> g_chisel{nullptr};
std::atomic<const char*> g_callback{""};
// The call to interrupt; the hook checks it, so that a hook set just as
// that call ended does nothing to the next one.
std::atomic<uint64_t> g_target{0};
// Held by the watchdog while it sets a hook, and by forget() before a
// state is closed.
std::mutex g_mu;

void interrupt_hook(lua_State* L, lua_Debug*) {
  lua_sethook(L, nullptr, 0, 0);
  if (g_seq.load() != g_target.load()) return;
  luaL_error(L, "interrupted: %s still running %d s after the stop signal", g_callback.load(),
             int(std::chrono::seconds(kGrace).count()));
}

bool in_call(uint64_t seq) { return seq % 2 == 1; }

// Sleeps up to `limit`; true if call `seq` was still running at the end.
bool still_running_after(uint64_t seq, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (g_seq.load() != seq) return false;
    std::this_thread::sleep_for(10ms);
  }
  return g_seq.load() == seq;
}

void watchdog() {
  for (;;) {
    while (sem_wait(&g_wake) != 0) {
    }
    const uint64_t seq = g_seq.load();
    // No Lua running: the capture stops by itself.
    if (!in_call(seq) || !still_running_after(seq, kGrace)) continue;
    std::string chisel;
    const char* callback;
    {
      std::lock_guard lock(g_mu);
      // Still in that call, so its chisel is alive to be read.
      if (g_seq.load() != seq) continue;
      lua_State* L = g_state.load();
      chisel = *g_chisel.load();
      callback = g_callback.load();
      g_target.store(seq);
      lua_sethook(L, interrupt_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, kHookInstructions);
    }
    if (!still_running_after(seq, kHookTimeout)) continue;
    // A JIT-compiled loop never sees the hook: nothing left but to leave.
    std::fprintf(stderr, "sysray: %s: %s did not return after the stop signal (an endless loop?); exiting\n",
                 chisel.c_str(), callback);
    std::fflush(stdout);
    _exit(130);
  }
}

}  // namespace

CallScope::CallScope(lua_State* L, const std::string& chisel, const char* callback) {
  std::call_once(g_started, [] {
    sem_init(&g_wake, 0, 0);
    std::thread(watchdog).detach();
  });
  g_state.store(L);
  g_chisel.store(&chisel);
  g_callback.store(callback);
  g_seq.fetch_add(1);  // odd: running
}

CallScope::~CallScope() { g_seq.fetch_add(1); }

void forget(lua_State*) { std::lock_guard lock(g_mu); }

void request() { sem_post(&g_wake); }

}  // namespace sysray::chisel_interrupt
