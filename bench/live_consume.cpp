// A minimal live consumer for measurements and debugging: captures with a
// LiveSource until SIGINT/SIGTERM or for -t seconds, runs nothing per event
// but counting (and, with -v, a one-line dump), then prints totals. With
// -f, the filter's pushdown plan is applied in the kernel (state-only
// events are counted apart); the filter itself is not run. -R keeps the
// probe on raw_syscalls even when the plan pins a set of syscalls.
//   sysray_live_consume [-t seconds] [-b bytes_per_cpu] [-s snaplen] [-f filter] [-R] [-v] [-q]
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>

#include "filters/filter.h"
#include "filters/pushdown.h"
#include "live/live_source.h"
#include "state/state.h"

namespace {
sysray::LiveSource* g_source = nullptr;
void on_signal(int) {
  if (g_source) g_source->stop();
}
// One line per event: the header, then each parameter as a number (1, 2,
// 4 or 8 bytes) or as text with non-printable bytes shown as '.'.
void print_event(const sysray::Event& ev) {
  printf("%llu cpu%u tid=%lld %s %s", (unsigned long long)ev.ts, ev.cpu, (long long)ev.tid, ev.is_enter() ? ">" : "<",
         ev.info().name);
  for (uint32_t i = 0; i < ev.nparams; i++) {
    const auto& p = ev.info().params[i];
    std::string_view v = ev.param(i);
    bool numeric = p.type != sysray::ParamType::CHARBUF && p.type != sysray::ParamType::BYTEBUF &&
                   p.type != sysray::ParamType::FSPATH && p.type != sysray::ParamType::FSRELPATH &&
                   p.type != sysray::ParamType::SOCKADDR && p.type != sysray::ParamType::SOCKTUPLE;
    if (numeric && (v.size() == 1 || v.size() == 2 || v.size() == 4 || v.size() == 8)) {
      printf(" %s=%lld", p.name, (long long)ev.param_int<int64_t>(i));
    } else {
      std::string text;
      for (char c : v) text += (c >= 0x20 && c < 0x7f) ? c : '.';
      printf(" %s=%s", p.name, text.c_str());
    }
  }
  printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  sysray::LiveOptions options;
  double seconds = 0;
  bool verbose = false, quiet = false;
  int opt;
  while ((opt = getopt(argc, argv, "t:b:s:f:Rvq")) != -1) {
    switch (opt) {
      case 't': seconds = atof(optarg); break;
      case 'b': options.buffer_bytes_per_cpu = strtoull(optarg, nullptr, 10); break;
      case 's': options.snaplen = uint32_t(atoi(optarg)); break;
      case 'f':
        try {
          options.pushdown = sysray::plan_pushdown(*sysray::compile_filter(optarg));
        } catch (const std::exception& e) {
          fprintf(stderr, "sysray_live_consume: %s\n", e.what());
          return 2;
        }
        break;
      case 'R': options.pin_syscalls = false; break;
      case 'v': verbose = true; break;
      case 'q': quiet = true; break;
      default: fprintf(stderr, "usage: %s [-t seconds] [-b bytes_per_cpu] [-s snaplen] [-f filter] [-R] [-v] [-q]\n", argv[0]); return 2;
    }
  }
  sysray::LiveSource source(options);
  g_source = &source;
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  sysray::State state;
  try {
    source.open(state);
  } catch (const std::exception& e) {
    fprintf(stderr, "sysray_live_consume: %s\n", e.what());
    return 1;
  }
  if (!quiet) fprintf(stderr, "capturing (%zu threads from /proc)\n", state.threads().size());
  // A ready marker for scripts that wait for the capture to start.
  fprintf(stdout, "READY\n");
  fflush(stdout);
  std::thread timer;
  if (seconds > 0) timer = std::thread([&] {
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
      source.stop();
    });
  sysray::Event ev;
  uint64_t n = 0, state_only = 0;
  try {
    while (source.next(ev)) {
      n++;
      if (ev.dump_flags & sysray::kEventFlagStateOnly) state_only++;
      if (verbose) print_event(ev);
    }
  } catch (const std::exception& e) {
    fprintf(stderr, "sysray_live_consume: %s\n", e.what());
  }
  if (timer.joinable()) timer.join();
  sysray::ProbeCounters c = source.probe_counters();
  fprintf(stderr, "%s; events read %llu (state-only %llu), probe events %llu, drops buffer %llu, drops too large %llu\n",
          source.syscall_attach().pinned ? "pinned" : "raw_syscalls", (unsigned long long)n, (unsigned long long)state_only, (unsigned long long)c.events, (unsigned long long)c.drops_buffer,
          (unsigned long long)c.drops_max_event_size);
  return 0;
}
