// The events beside syscalls, live: switch (LiveOptions::sched_switch),
// signaldeliver (on by default) and page_fault (LiveOptions::page_faults).
// A forked child sleeps, signals itself and touches fresh pages; the test
// checks the events of that child and their parameters, that the events
// stay away when their option is off, and that the kernel filter keeps
// them out when the filter cannot match them.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>

#include "live/kernel_filter.h"
#include "support/event_builder.h"
#include "live_test_support.h"

namespace sysray {
namespace {

constexpr size_t kPages = 8;
constexpr uint32_t kPfPageNotPresent = 0x2;  // pf_flags in userspace/event/data/flags.tsv
constexpr uint32_t kPfWriteAccess = 0x4;
constexpr uint32_t kPfUserFault = 0x10;
constexpr uint32_t kPfSupervisorFault = 0x20;

volatile sig_atomic_t g_handled = 0;
void on_signal(int) { g_handled = g_handled + 1; }

// What the child did, reported to the parent through a pipe.
struct ChildReport {
  uintptr_t written = 0;   // kPages pages the child wrote to (user-mode faults)
  uintptr_t read_into = 0; // kPages pages read() filled from /dev/zero (kernel-mode faults)
  int handled = 0;         // signals its handler saw
};

// The workload: sleeps (switches), sends itself SIGTERM and SIGUSR1 with a
// handler, writes one byte per fresh page, and reads /dev/zero into fresh
// pages (the kernel faults on them). Only async-signal-safe calls: the
// parent has threads.
pid_t spawn_workload(int report_fd) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  ChildReport r;
  struct sigaction sa = {};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGUSR1, &sa, nullptr);
  for (int i = 0; i < 5; i++) {
    timespec ts{0, 2 * 1000 * 1000};
    nanosleep(&ts, nullptr);
  }
  kill(getpid(), SIGTERM);
  kill(getpid(), SIGUSR1);
  size_t page = size_t(sysconf(_SC_PAGESIZE));
  auto* mem = static_cast<char*>(mmap(nullptr, kPages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  auto* buf = static_cast<char*>(mmap(nullptr, kPages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  if (mem == MAP_FAILED || buf == MAP_FAILED) _exit(1);
  for (size_t i = 0; i < kPages; i++) mem[i * page] = 1;
  int zero = open("/dev/zero", O_RDONLY);
  if (zero < 0 || read(zero, buf, kPages * page) != ssize_t(kPages * page)) _exit(1);
  r.written = uintptr_t(mem);
  r.read_into = uintptr_t(buf);
  r.handled = g_handled;
  _exit(write(report_fd, &r, sizeof r) == ssize_t(sizeof r) ? 0 : 1);
}

struct WorkloadRun {
  pid_t child = 0;
  ChildReport report;
};

// Runs the workload under `capture` and stops the capture once it is over.
WorkloadRun run_workload(testing::Capture& capture) {
  WorkloadRun run;
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  capture.start();
  run.child = spawn_workload(fds[1]);
  close(fds[1]);
  EXPECT_EQ(read(fds[0], &run.report, sizeof run.report), ssize_t(sizeof run.report));
  close(fds[0]);
  int status = 0;
  waitpid(run.child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  capture.stop();
  EXPECT_EQ(capture.error(), "");
  return run;
}

size_t count(const std::vector<const testing::CapturedEvent*>& events, uint16_t type) {
  size_t n = 0;
  for (const auto* c : events) n += c->event.type == type;
  return n;
}

size_t count_all(const testing::Capture& capture, uint16_t type) {
  size_t n = 0;
  for (const auto& c : capture.events()) n += c.event.type == type;
  return n;
}

bool in_pages(uint64_t addr, uintptr_t base) {
  return addr >= base && addr < base + kPages * uint64_t(sysconf(_SC_PAGESIZE));
}

TEST(KernelFilter, TracepointEventsMatchOnlyWhenThePlanListsThem) {
  PushdownPlan plan;
  plan.event_types.any = false;
  plan.event_types.values = {PPME_SCHEDSWITCH_6_E};
  KernelFilter f = kernel_filter_for(plan, {});
  EXPECT_TRUE(f.switch_matches);
  EXPECT_FALSE(f.signal_deliver_matches);
  EXPECT_FALSE(f.page_fault_matches);
  KernelFilter all = kernel_filter_for(PushdownPlan{}, {});
  EXPECT_TRUE(all.switch_matches && all.signal_deliver_matches && all.page_fault_matches);
}

// Not live: what the state keeps of a switch (sysdig's parse_context_switch).
TEST(SwitchState, UpdatesThePrevThreadsFaultsAndItsProcessMemory) {
  State state;
  ThreadInfo main_thread;
  main_thread.tid = main_thread.pid = 100;
  state.add_thread(main_thread);
  ThreadInfo worker;
  worker.tid = 101;
  worker.pid = 100;
  state.add_thread(worker);
  auto sw = test::EventBuilder(PPME_SCHEDSWITCH_6_E, 101).i64(7).u64(3).u64(250).u32(4096).u32(1024).u32(16).build();
  EventContext ctx;
  state.process_event(sw.event, ctx);
  const ThreadInfo* t = state.find_thread(101);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->pfmajor, 3u);
  EXPECT_EQ(t->pfminor, 250u);
  EXPECT_EQ(state.fd_owner(*t).vmrss_kb, 1024u);
  EXPECT_EQ(state.fd_owner(*t).vmsize_kb, 4096u);
  EXPECT_EQ(state.fd_owner(*t).vmswap_kb, 16u);
  EXPECT_EQ(state.find_thread(7), nullptr) << "next gets no thread entry";
}

class ExtraEvents : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

TEST_F(ExtraEvents, SwitchNamesTheNextThreadAndThePrevThreadsMemory) {
  LiveOptions options;
  options.scan_proc = false;
  options.sched_switch = true;
  testing::Capture capture(options);
  WorkloadRun run = run_workload(capture);
  auto mine = capture.of_threads({run.child});
  // The child sleeps five times: each sleep switches it out.
  EXPECT_GE(count(mine, PPME_SCHEDSWITCH_6_E), 5u);
  const Event* out = testing::find_event(mine, PPME_SCHEDSWITCH_6_E, [&](const Event& e) {
    return e.param_int<int64_t>(0) != run.child && e.param_int<uint32_t>(3) > 0;
  });
  ASSERT_NE(out, nullptr) << "no switch away from the child with its memory";
  EXPECT_EQ(out->nparams, 6u);
  EXPECT_EQ(out->param_length[0], 8u);
  EXPECT_GT(out->param_int<uint64_t>(2), 0u) << "a running process has had minor faults";
  EXPECT_GT(out->param_int<uint32_t>(4), 0u) << "vm_rss";
  // And some thread hands the CPU to the child (next = the child's tid).
  std::vector<const testing::CapturedEvent*> all;
  for (const auto& c : capture.events()) all.push_back(&c);
  EXPECT_NE(testing::find_event(all, PPME_SCHEDSWITCH_6_E,
                                [&](const Event& e) { return e.param_int<int64_t>(0) == run.child; }),
            nullptr);
  EXPECT_EQ(count_all(capture, PPME_PAGE_FAULT_E), 0u) << "page faults were not asked for";
}

TEST_F(ExtraEvents, SignalDeliveryIsOnByDefaultWithSenderReceiverAndSignal) {
  LiveOptions options;
  options.scan_proc = false;
  testing::Capture capture(options);
  WorkloadRun run = run_workload(capture);
  EXPECT_EQ(run.report.handled, 2);
  auto mine = capture.of_threads({run.child});
  // SIGTERM sent by kill() names its sender, as in sysdig.
  const Event* term = testing::find_event(mine, PPME_SIGNALDELIVER_E,
                                          [](const Event& e) { return e.param_int<uint8_t>(2) == SIGTERM; });
  ASSERT_NE(term, nullptr);
  EXPECT_EQ(term->param_int<int64_t>(0), run.child) << "spid";
  EXPECT_EQ(term->param_int<int64_t>(1), run.child) << "dpid";
  // SIGUSR1 is one of the signals sysdig's probe names no sender for.
  const Event* usr1 = testing::find_event(mine, PPME_SIGNALDELIVER_E,
                                          [](const Event& e) { return e.param_int<uint8_t>(2) == SIGUSR1; });
  ASSERT_NE(usr1, nullptr);
  EXPECT_EQ(usr1->param_int<int64_t>(0), 0) << "spid";
  EXPECT_EQ(usr1->param_int<int64_t>(1), run.child) << "dpid";
  // Off by default.
  EXPECT_EQ(count_all(capture, PPME_SCHEDSWITCH_6_E), 0u);
  EXPECT_EQ(count_all(capture, PPME_PAGE_FAULT_E), 0u);
}

TEST_F(ExtraEvents, PageFaultsOfUserAndKernelModeWithSysdigsFlags) {
  LiveOptions options;
  options.scan_proc = false;
  options.page_faults = true;
  testing::Capture capture(options);
  WorkloadRun run = run_workload(capture);
  auto mine = capture.of_threads({run.child});
  size_t written = 0, read_into = 0;
  for (const auto* c : mine) {
    const Event& e = c->event;
    if (e.type != PPME_PAGE_FAULT_E) continue;
    uint64_t addr = e.param_int<uint64_t>(0);
    uint32_t flags = e.param_int<uint32_t>(2);
    if (in_pages(addr, run.report.written)) {
      written++;
      EXPECT_EQ(flags, kPfPageNotPresent | kPfWriteAccess | kPfUserFault) << std::hex << flags;
      EXPECT_EQ((addr - run.report.written) % uint64_t(sysconf(_SC_PAGESIZE)), 0u) << "the byte written";
      EXPECT_NE(e.param_int<uint64_t>(1), 0u) << "ip";
    } else if (in_pages(addr, run.report.read_into)) {
      read_into++;
      EXPECT_EQ(flags, kPfPageNotPresent | kPfWriteAccess | kPfSupervisorFault) << std::hex << flags;
    }
  }
  // One per page, unless the kernel maps several pages per fault (mTHP).
  EXPECT_GE(written, 1u) << "writing fresh pages faults in user mode";
  EXPECT_LE(written, kPages);
  EXPECT_GE(read_into, 1u) << "read() faults on the fresh pages in the kernel";
  EXPECT_EQ(count_all(capture, PPME_SCHEDSWITCH_6_E), 0u) << "switches were not asked for";
}

TEST_F(ExtraEvents, KernelFilterKeepsOutEventsThatCannotMatch) {
  LiveOptions options;
  options.scan_proc = false;
  options.sched_switch = true;
  options.page_faults = true;
  PushdownPlan plan;
  plan.event_types.any = false;
  plan.event_types.values = {PPME_SYSCALL_OPENAT_2_E, PPME_SYSCALL_OPENAT_2_X};
  options.pushdown = plan;
  testing::Capture capture(options);
  run_workload(capture);
  EXPECT_EQ(count_all(capture, PPME_SCHEDSWITCH_6_E), 0u);
  EXPECT_EQ(count_all(capture, PPME_PAGE_FAULT_E), 0u);
  EXPECT_EQ(count_all(capture, PPME_SIGNALDELIVER_E), 0u);
}

TEST_F(ExtraEvents, KernelFilterAppliesItsThreadConstraintsToSwitches) {
  int go[2];
  ASSERT_EQ(pipe(go), 0);
  pid_t target = fork();  // sleeps in read() until the capture runs
  if (target == 0) {
    char c;
    _exit(read(go[0], &c, 1) == 1 ? 0 : 1);
  }
  close(go[0]);
  LiveOptions options;
  options.scan_proc = false;
  options.sched_switch = true;
  PushdownPlan plan;
  plan.event_types.any = false;
  plan.event_types.values = {PPME_SCHEDSWITCH_6_E};
  plan.pids.any = false;
  plan.pids.values = {target};
  options.pushdown = plan;
  testing::Capture capture(options);
  capture.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(write(go[1], "g", 1), 1);
  close(go[1]);
  waitpid(target, nullptr, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  capture.stop();
  size_t switches = 0;
  for (const auto& c : capture.events()) {
    if (c.event.type != PPME_SCHEDSWITCH_6_E) continue;
    switches++;
    EXPECT_EQ(c.event.tid, target) << "a switch of another thread passed the kernel filter";
  }
  EXPECT_GE(switches, 1u) << "the target's exit switches it out";
}

}  // namespace
}  // namespace sysray
