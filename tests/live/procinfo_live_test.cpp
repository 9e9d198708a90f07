// procinfo live: sysray adds each thread's CPU ticks once a second, as
// sysdig does, so that thread.cpu and topprocs_cpu work on a live capture.
// A forked child burns CPU for ~2 s under `sysray -c topprocs_cpu
// proc.pid=PID`; the CPU% rows sysray prints for it must add up to the
// ticks the kernel charged it (read from /proc/PID/stat), also when the
// filter makes the probe drop syscalls in the kernel (evt.type=procinfo).
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "live_cli_support.h"
#include "live_test_support.h"

namespace sysray {
namespace {

using namespace std::chrono_literals;
using testing::SysrayProcess;

uint64_t now_ns(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return uint64_t(t.tv_sec) * 1000000000ull + uint64_t(t.tv_nsec);
}

void spin_until(clockid_t clock, uint64_t until) {
  volatile uint64_t sink = 0;
  while (now_ns(clock) < until)
    for (int i = 0; i < 100000; i++) sink = sink + uint64_t(i);
}

// The child: a few ticks of CPU (a thread's first procinfo only sets the
// baseline of thread.cpu), then it waits for a byte on `go`, pauses so
// that a list sees that baseline, burns for ~2 s, writes a byte on `done`
// and sleeps until killed.
pid_t start_burner(int go, int done) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  spin_until(CLOCK_THREAD_CPUTIME_ID, now_ns(CLOCK_THREAD_CPUTIME_ID) + 40'000'000);
  char byte = 0;
  if (read(go, &byte, 1) != 1) _exit(1);
  timespec pause{1, 600'000'000};
  nanosleep(&pause, nullptr);
  spin_until(CLOCK_MONOTONIC, now_ns(CLOCK_MONOTONIC) + 2'000'000'000);
  if (write(done, &byte, 1) != 1) _exit(1);
  for (;;) pause.tv_sec = 60, nanosleep(&pause, nullptr);
}

size_t count_of(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) n++;
  return n;
}

// utime + stime of a process, in clock ticks.
uint64_t cpu_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream rest(text.substr(text.rfind(')') + 2));  // after "pid (comm) "
  std::string field;
  uint64_t utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; i++) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  return utime + stime;
}

// The CPU% of `pid` in every table topprocs_cpu printed.
std::vector<double> cpu_rows(const std::string& out, pid_t pid) {
  std::vector<double> rows;
  static const std::regex row(R"(^([0-9.]+)%\s+.*\s([0-9]+)\s*$)");
  for (const std::string& line : testing::split(out, '\n')) {
    std::smatch m;
    if (std::regex_match(line, m, row) && std::stol(m[2]) == pid) rows.push_back(std::stod(m[1]));
  }
  return rows;
}

// `filter` (with PID for the burner's PID) keeps only the burner, so that
// its row is never cut by the table's top 10 on a busy machine.
void check_burner_shows(std::string filter) {
  std::string skip = testing::live_skip_reason();
  if (!skip.empty()) GTEST_SKIP() << skip;
  int go[2], done[2];
  ASSERT_EQ(pipe(go), 0);
  ASSERT_EQ(pipe(done), 0);
  pid_t burner = start_burner(go[0], done[1]);
  ASSERT_GT(burner, 0);
  filter.replace(filter.find("PID"), 3, std::to_string(burner));
  SysrayProcess sysray({"-c", "topprocs_cpu", filter});
  // The first table comes one second into the capture.
  bool started = sysray.wait_for_output("CPU%", 30s);
  char byte = 1;
  bool burned = started && write(go[1], &byte, 1) == 1;
  pollfd wait_done{done[0], POLLIN, 0};
  burned = burned && poll(&wait_done, 1, 30000) == 1;
  // The table printed at a second boundary holds the list taken there:
  // the second table from now has a list taken after the burn, even when
  // sysray runs behind on a busy machine.
  const size_t tables = count_of(sysray.output_so_far(), "CPU%");
  for (int i = 0; i < 300 && count_of(sysray.output_so_far(), "CPU%") < tables + 2; i++)
    std::this_thread::sleep_for(50ms);
  uint64_t ticks = cpu_ticks(burner);
  kill(burner, SIGKILL);
  waitpid(burner, nullptr, 0);
  for (int fd : {go[0], go[1], done[0], done[1]}) close(fd);
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(20s);
  ASSERT_TRUE(started) << r.err;
  ASSERT_TRUE(burned);
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<double> rows = cpu_rows(r.out, burner);
  double total = 0, peak = 0;
  for (double pct : rows) total += pct, peak = std::max(peak, pct);
  std::cout << "burner: " << ticks << " ticks charged, " << total << " CPU% summed over " << rows.size()
            << " tables, peak " << peak << "%\n";
  // It burned for ~2 s of wall time: some real CPU even on a loaded machine.
  ASSERT_GE(ticks, 10u);
  // One table is one second: its CPU% is the ticks of that second. All of
  // them together are the ticks charged, less the baseline (the warm-up's
  // ~4 ticks, taken before the burn), give or take the interval lengths'
  // jitter and the kernel's tick sampling (the probe reads the raw
  // utime/stime, /proc scales them to the exact run time).
  EXPECT_GE(total, 0.75 * double(ticks) - 8) << r.out;
  EXPECT_LE(total, 1.25 * double(ticks) + 4) << r.out;
  // A single thread uses at most one CPU.
  EXPECT_LE(peak, 101.0) << r.out;
  // ~2 s of burning covers at least one whole table's second.
  EXPECT_GE(peak, 0.25 * double(ticks) - 5) << r.out;
}

// A negation is never narrowed: the probe sends every event and the lists
// come before the event that enters each second.
TEST(ProcinfoLive, TopprocsCpuShowsABurner) { check_burner_shows("not proc.pid!=PID"); }

// A filter the probe applies in the kernel (only procinfo can match, one
// process): the rings stay nearly empty, the lists come from the idle path.
TEST(ProcinfoLive, TopprocsCpuShowsABurnerUnderAPushdownFilter) {
  check_burner_shows("evt.type=procinfo and proc.pid=PID");
}

}  // namespace
}  // namespace sysray
