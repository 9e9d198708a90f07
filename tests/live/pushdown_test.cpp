// The pushdown plan applied in the kernel: what KernelFilter derives from
// a plan, and, live, that events which cannot match are dropped while the
// state-changing ones arrive marked kEventFlagStateOnly.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "live/kernel_filter.h"
#include "live/live_source.h"
#include "live/probe_programs.h"
#include "live_test_support.h"
#include "state/state.h"

namespace sysray {
namespace {

PushdownPlan openat_plan() {
  PushdownPlan plan;
  plan.event_types.any = false;
  plan.event_types.values = {PPME_SYSCALL_OPENAT_2_E, PPME_SYSCALL_OPENAT_2_X};
  return plan;
}

std::set<std::string> fillers() { return probe_fillers().exit; }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(KernelFilter, SyscallsOfThePlanMatchStateChangersPassOthersAreDropped) {
  KernelFilter f = kernel_filter_for(openat_plan(), fillers());
  EXPECT_TRUE(f.filter_syscalls);
  EXPECT_EQ(f.syscall_interest[SYS_openat], SYSRAY_INTEREST_MATCH | SYSRAY_INTEREST_STATE);
  EXPECT_EQ(f.syscall_interest[SYS_read], 0);
  EXPECT_EQ(f.syscall_interest[SYS_getppid], 0);  // a generic event
  EXPECT_EQ(f.syscall_interest[SYS_close], SYSRAY_INTEREST_STATE);
  EXPECT_EQ(f.syscall_interest[SYS_clone], SYSRAY_INTEREST_STATE);
  EXPECT_EQ(f.syscall_interest[SYS_execve], SYSRAY_INTEREST_STATE);
  EXPECT_FALSE(f.procexit_matches);
  EXPECT_FALSE(f.comms || f.pids || f.tids);
}

TEST(KernelFilter, SyscallsThatChangeFdsOrProcessesAreAlwaysSent) {
  KernelFilter f = kernel_filter_for(openat_plan(), fillers());
  std::map<std::string, int> nr;
  for (const auto& sc : sysray_native_syscalls) nr[sc.name] = sc.nr;
  for (const char* name : {"clone", "fork", "vfork", "clone3", "execve", "execveat", "open", "openat2", "creat",
                           "close", "close_range", "socket", "socketpair", "accept", "accept4", "connect", "bind",
                           "dup", "dup2", "dup3", "pipe", "pipe2", "fcntl", "chdir", "fchdir", "eventfd2",
                           "signalfd4", "timerfd_create", "inotify_init1", "memfd_create", "epoll_create1",
                           "pidfd_open", "pidfd_getfd", "userfaultfd", "io_uring_setup", "setuid", "setresuid",
                           "prctl"}) {
    ASSERT_TRUE(nr.count(name)) << name;
    EXPECT_TRUE(f.syscall_interest[size_t(nr[name])] & SYSRAY_INTEREST_STATE) << name;
  }
}

TEST(KernelFilter, GenericEventsMatchEverySyscallWithoutAFiller) {
  PushdownPlan plan;
  plan.event_types.any = false;
  plan.event_types.values = {PPME_GENERIC_E, PPME_GENERIC_X};
  KernelFilter f = kernel_filter_for(plan, fillers());
  EXPECT_TRUE(f.syscall_interest[SYS_getppid] & SYSRAY_INTEREST_MATCH);
  EXPECT_FALSE(f.syscall_interest[SYS_read] & SYSRAY_INTEREST_MATCH);
}

TEST(KernelFilter, ExecveatPullsInExecve) {
  PushdownPlan plan;
  plan.event_types.any = false;
  plan.event_types.values = {PPME_SYSCALL_EXECVEAT_X};
  KernelFilter f = kernel_filter_for(plan, fillers());
  EXPECT_TRUE(f.syscall_interest[SYS_execve] & SYSRAY_INTEREST_MATCH);
}

TEST(KernelFilter, ConstraintsAreWidenedNeverNarrowed) {
  PushdownPlan plan;
  plan.comms.any = false;
  plan.comms.values = {"a_very_long_process_name"};
  plan.pids.any = false;
  for (int64_t i = 1; i <= int64_t(kMaxKernelIds) + 1; i++) plan.pids.values.insert(i);
  plan.tids.any = false;
  plan.tids.values = {42};
  KernelFilter f = kernel_filter_for(plan, fillers());
  ASSERT_TRUE(f.comms);
  EXPECT_EQ(*f.comms, std::set<std::string>{"a_very_long_pro"});  // the kernel keeps 15 characters
  EXPECT_FALSE(f.pids);                                             // too many for the map: not filtered
  ASSERT_TRUE(f.tids);
  EXPECT_EQ(*f.tids, std::set<uint32_t>{42});
  EXPECT_FALSE(f.filter_syscalls);
  EXPECT_TRUE(f.procexit_matches);
}

// What a live run kept of each event.
struct Seen {
  uint16_t type;
  int64_t tid;
  bool state_only;
};

// Runs `body` between opening and stopping a LiveSource with `plan`;
// `attach` receives how the probe caught syscalls.
std::vector<Seen> capture(const PushdownPlan& plan, const std::function<void()>& body, bool pin_syscalls = true,
                          SyscallAttach* attach = nullptr) {
  LiveOptions options;
  options.pushdown = plan;
  options.scan_proc = false;
  options.pin_syscalls = pin_syscalls;
  LiveSource source(options);
  State state;
  source.open(state);
  if (attach) *attach = source.syscall_attach();
  std::vector<Seen> seen;
  std::string error;
  std::thread reader([&] {
    Event ev;
    try {
      while (source.next(ev)) seen.push_back({ev.type, ev.tid, (ev.dump_flags & kEventFlagStateOnly) != 0});
    } catch (const std::exception& e) {
      error = e.what();
    }
  });
  body();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  source.stop();
  reader.join();
  EXPECT_EQ(error, "");
  return seen;
}

// A child that renames itself, opens /dev/null, reads it and exits.
pid_t spawn(const char* comm, int start_fd) {
  pid_t pid = fork();
  if (pid == 0) {
    char go;
    if (start_fd >= 0 && read(start_fd, &go, 1) != 1) _exit(1);
    prctl(PR_SET_NAME, comm, 0, 0, 0);
    int fd = int(syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY));
    char buf[8];
    syscall(SYS_read, fd, buf, sizeof buf);
    syscall(SYS_getppid);
    syscall(SYS_close, fd);
    _exit(0);
  }
  return pid;
}

const Seen* find(const std::vector<Seen>& seen, int64_t tid, uint16_t type) {
  for (const auto& s : seen)
    if (s.tid == tid && s.type == type) return &s;
  return nullptr;
}

// Both attach modes: the pinned syscalls' tracepoints (the default for a
// plan that narrows syscalls) and raw_syscalls.
class LivePushdownModes : public ::testing::TestWithParam<bool> {};

TEST_P(LivePushdownModes, TypeAndCommFilterDropsInTheKernelAndMarksStateEvents) {
  std::string reason = testing::live_skip_reason();
  if (!reason.empty()) GTEST_SKIP() << reason;
  const bool pinned = GetParam();
  PushdownPlan plan = openat_plan();
  plan.comms.any = false;
  plan.comms.values = {"sysray_pd_yes"};
  pid_t yes = 0, no = 0;
  SyscallAttach attach;
  auto seen = capture(
      plan,
      [&] {
        yes = spawn("sysray_pd_yes", -1);
        no = spawn("sysray_pd_no", -1);
        waitpid(yes, nullptr, 0);
        waitpid(no, nullptr, 0);
      },
      pinned, &attach);
  ASSERT_EQ(attach.pinned, pinned) << attach.describe();
  // The matching thread's openat is a plain event.
  const Seen* s = find(seen, yes, PPME_SYSCALL_OPENAT_2_X);
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->state_only);
  // The other thread's openat keeps the fd table right, but is hidden.
  s = find(seen, no, PPME_SYSCALL_OPENAT_2_X);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->state_only);
  for (pid_t tid : {yes, no}) {
    EXPECT_EQ(find(seen, tid, PPME_SYSCALL_READ_X), nullptr) << "read cannot match: dropped in the kernel";
    EXPECT_EQ(find(seen, tid, PPME_GENERIC_X), nullptr) << "getppid cannot match: dropped in the kernel";
    s = find(seen, tid, PPME_SYSCALL_CLOSE_X);
    ASSERT_NE(s, nullptr) << "close changes the fd table: always sent";
    EXPECT_TRUE(s->state_only);
    s = find(seen, tid, PPME_PROCEXIT_1_E);
    ASSERT_NE(s, nullptr) << "procexit ends the thread: always sent";
    EXPECT_TRUE(s->state_only);
  }
  // Nothing that could not match arrives as a plain event, from anyone.
  for (const auto& e : seen)
    if (!e.state_only) { EXPECT_TRUE(e.tid == yes && (e.type == PPME_SYSCALL_OPENAT_2_E || e.type == PPME_SYSCALL_OPENAT_2_X))
        << "event " << e.type << " of thread " << e.tid << " passed the kernel filter"; }
}

INSTANTIATE_TEST_SUITE_P(Attach, LivePushdownModes, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Pinned" : "RawSyscalls"; });

// What a thread's events were, in order: type and state-only mark.
std::vector<std::pair<uint16_t, bool>> events_of(const std::vector<Seen>& seen, int64_t tid) {
  std::vector<std::pair<uint16_t, bool>> out;
  for (const auto& s : seen)
    if (s.tid == tid) out.push_back({s.type, s.state_only});
  return out;
}

TEST(LivePushdown, PinnedSetIsThePlansSyscallsAndTheStateChangers) {
  std::string reason = testing::live_skip_reason();
  if (!reason.empty()) GTEST_SKIP() << reason;
  SyscallAttach attach;
  capture(openat_plan(), [] {}, true, &attach);
  ASSERT_TRUE(attach.pinned) << attach.describe();
  std::set<int> pinned(attach.syscalls.begin(), attach.syscalls.end());
  KernelFilter f = kernel_filter_for(openat_plan(), fillers());
  for (int nr = 0; nr < SYSRAY_NATIVE_SYSCALL_MAX; nr++) {
    // Syscalls this kernel lacks (no tracepoint) change no state: left out.
    if (f.syscall_interest[size_t(nr)] == SYSRAY_INTEREST_STATE && !pinned.count(nr)) continue;
    EXPECT_EQ(pinned.count(nr) != 0, f.syscall_interest[size_t(nr)] != 0) << "syscall " << nr;
  }
  for (int nr : {SYS_openat, SYS_close, SYS_clone, SYS_clone3, SYS_execve, SYS_dup2, SYS_socket, SYS_fork})
    EXPECT_TRUE(pinned.count(nr)) << nr;
  for (int nr : {SYS_read, SYS_write, SYS_getppid, SYS_futex}) EXPECT_FALSE(pinned.count(nr)) << nr;
  EXPECT_TRUE(contains(attach.describe(), "tracepoints of " + std::to_string(pinned.size()) + " pinned syscalls"))
      << attach.describe();
}

// The same workload under both modes: the same events, in the same order,
// with the same state-only marks, from the fork child's clone exit (the
// child returns through sys_exit_clone too) to its procexit.
TEST(LivePushdown, PinnedAndRawSyscallsGiveTheSameEvents) {
  std::string reason = testing::live_skip_reason();
  if (!reason.empty()) GTEST_SKIP() << reason;
  std::map<bool, std::vector<std::pair<uint16_t, bool>>> by_mode;
  for (bool pinned : {true, false}) {
    PushdownPlan plan = openat_plan();
    plan.comms.any = false;
    plan.comms.values = {"sysray_pd_same"};
    pid_t child = 0;
    SyscallAttach attach;
    auto seen = capture(
        plan,
        [&] {
          child = spawn("sysray_pd_same", -1);
          waitpid(child, nullptr, 0);
        },
        pinned, &attach);
    ASSERT_EQ(attach.pinned, pinned) << attach.describe();
    by_mode[pinned] = events_of(seen, child);
  }
  const auto& events = by_mode[true];
  auto has = [&](uint16_t type, bool state_only) {
    return std::find(events.begin(), events.end(), std::make_pair(type, state_only)) != events.end();
  };
  EXPECT_TRUE(has(PPME_SYSCALL_CLONE_20_X, true) || has(PPME_SYSCALL_CLONE3_X, true));
  EXPECT_TRUE(has(PPME_SYSCALL_OPENAT_2_E, false));
  EXPECT_TRUE(has(PPME_SYSCALL_OPENAT_2_X, false));
  EXPECT_TRUE(has(PPME_SYSCALL_CLOSE_X, true));
  EXPECT_TRUE(has(PPME_PROCEXIT_1_E, true));
  EXPECT_EQ(by_mode[true], by_mode[false]);
}

// A plan that keeps every syscall without a filler (generic events) pins
// too many syscalls: raw_syscalls, and -v says why.
TEST(LivePushdown, TooManySyscallsStayOnRawSyscalls) {
  std::string reason = testing::live_skip_reason();
  if (!reason.empty()) GTEST_SKIP() << reason;
  PushdownPlan plan = openat_plan();
  plan.event_types.values.insert({PPME_GENERIC_E, PPME_GENERIC_X});
  SyscallAttach attach;
  pid_t child = 0;
  auto seen = capture(
      plan,
      [&] {
        child = spawn("sysray_pd_many", -1);
        waitpid(child, nullptr, 0);
      },
      true, &attach);
  EXPECT_FALSE(attach.pinned);
  EXPECT_TRUE(contains(attach.describe(), "raw_syscalls")) << attach.describe();
  EXPECT_TRUE(contains(attach.why_raw, "the filter keeps")) << attach.why_raw;
  const Seen* s = find(seen, child, PPME_GENERIC_X);  // getppid
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->state_only);
}

TEST(LivePushdown, PidFilterKeepsOnlyThatProcess) {
  std::string reason = testing::live_skip_reason();
  if (!reason.empty()) GTEST_SKIP() << reason;
  int go[2];
  ASSERT_EQ(pipe(go), 0);
  pid_t target = spawn("sysray_pd_pid", go[0]);  // waits for the capture
  PushdownPlan plan;
  plan.pids.any = false;
  plan.pids.values = {target};
  pid_t other = 0;
  auto seen = capture(plan, [&] {
    other = spawn("sysray_pd_other", -1);
    ASSERT_EQ(write(go[1], "g", 1), 1);
    waitpid(target, nullptr, 0);
    waitpid(other, nullptr, 0);
  });
  close(go[0]);
  close(go[1]);
  const Seen* s = find(seen, target, PPME_SYSCALL_READ_X);
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->state_only);
  EXPECT_NE(find(seen, target, PPME_GENERIC_X), nullptr);
  EXPECT_EQ(find(seen, other, PPME_SYSCALL_READ_X), nullptr);
  s = find(seen, other, PPME_SYSCALL_OPENAT_2_X);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->state_only);
  for (const auto& e : seen)
    if (!e.state_only) { EXPECT_EQ(e.tid, target) << "event " << e.type << " of another process passed"; }
}

}  // namespace
}  // namespace sysray
