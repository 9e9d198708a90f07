// The sysray command with a filter that pins a set of syscalls: only those
// syscalls' tracepoints are attached (-v says so), the events are those of
// raw_syscalls mode with their fd and process names right, and the same
// holds for -w and for a chisel's own filter.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <fstream>

#include "live_cli_support.h"
#include "live_test_support.h"

namespace sysray {
namespace {

using namespace std::chrono_literals;
using testing::SysrayProcess;
using testing::Workload;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

constexpr const char* kPinnedLine = "sysray: syscalls: tracepoints of ";
constexpr const char* kRawLine = "sysray: syscalls: raw_syscalls";

// "<proc> <dir> <type> <fd.name> <rawres>" lines of a -p kFormat run.
constexpr const char* kFormat = "%proc.name %evt.dir %evt.type %fd.name %evt.rawres";
std::vector<std::vector<std::string>> words_of(const std::string& out) {
  std::vector<std::vector<std::string>> lines;
  for (const auto& line : testing::split(out, '\n'))
    if (!line.empty()) lines.push_back(testing::split(line, ' '));
  return lines;
}

class PinnedCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }

  // Runs the workload's script under `sysray` once `ready` shows on its
  // stdout, and returns what sysray printed.
  test::RunResult run_script(SysrayProcess& sysray, const Workload& wl, const std::string& ready) {
    pid_t pid = wl.start({"script", wl.dir});
    EXPECT_TRUE(sysray.wait_for_output(ready, 30s));
    wl.go();
    EXPECT_EQ(testing::wait_exit_status(pid), 3);
    sysray.send(SIGINT);
    return sysray.finish(30s);
  }
};

TEST_F(PinnedCli, FilterSeesTheWorkloadsEventsWithTheirState) {
  Workload wl;
  // write is pinned beside openat; read is not, nor is anything else the
  // workload does but the state changers (open, close, dup, clone...).
  SysrayProcess sysray({"-v", "--buffer-size", "64M", "-p", kFormat,
                        "proc.name=" + wl.name + " and evt.type in (openat, write)"});
  test::RunResult r = run_script(sysray, wl, wl.go_path());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, kPinnedLine)) << r.err;
  bool opened = false, wrote = false;
  for (const auto& w : words_of(r.out)) {
    ASSERT_GE(w.size(), 4u);
    EXPECT_EQ(w[0], wl.name);
    EXPECT_TRUE(w[2] == "openat" || w[2] == "write") << w[2];
    if (w.size() < 5 || w[1] != "<") continue;
    if (w[2] == "openat" && w[3] == wl.dir + "/data" && std::stoi(w[4]) >= 3) opened = true;
    // The write names its fd: the openat before it reached the state.
    if (w[2] == "write" && w[3] == wl.dir + "/data" && w[4] == "20") wrote = true;
  }
  EXPECT_TRUE(opened) << r.out;
  EXPECT_TRUE(wrote) << r.out;
}

TEST_F(PinnedCli, MountsTracefsWhenItIsMissing) {
  // A private mount namespace without tracefs: pinning needs the
  // tracepoints' ids, so sysray mounts it there.
  SysrayProcess sysray({"-v", "-n", "2", "-p", "%evt.type", "evt.type=openat"}, [] {
    if (unshare(CLONE_NEWNS) != 0 || mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
    umount2("/sys/kernel/debug/tracing", MNT_DETACH);
    umount2("/sys/kernel/tracing", MNT_DETACH);
    return access("/sys/kernel/tracing/events", F_OK) != 0;
  });
  for (int i = 0; i < 200 && !sysray.wait_for_output("openat\nopenat\n", 50ms); i++) {
    int fd = open("/dev/null", O_RDONLY);
    if (fd >= 0) close(fd);
  }
  test::RunResult r = sysray.finish(30s);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "openat\nopenat\n");
  EXPECT_TRUE(contains(r.err, kPinnedLine)) << r.err;
}

TEST_F(PinnedCli, WriteWithAFilterIsPinnedToo) {
  Workload wl;
  std::string file = wl.dir + "/capture.sray";
  SysrayProcess sysray({"-v", "--buffer-size", "64M", "-w", file, "proc.name=" + wl.name + " and evt.type=openat"});
  pid_t pid = wl.start({"script", wl.dir});
  // The file appears once the capture has started.
  struct stat st {};
  for (int i = 0; i < 600 && (stat(file.c_str(), &st) != 0 || st.st_size == 0); i++) std::this_thread::sleep_for(50ms);
  std::this_thread::sleep_for(500ms);
  wl.go();
  EXPECT_EQ(testing::wait_exit_status(pid), 3);
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(30s);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, kPinnedLine)) << r.err;
  test::RunResult read = test::run_sysray({"-r", file, "-p", kFormat});
  ASSERT_EQ(read.status, 0) << read.err;
  bool opened = false;
  for (const auto& w : words_of(read.out)) {
    ASSERT_GE(w.size(), 3u);
    EXPECT_EQ(w[0], wl.name);
    EXPECT_EQ(w[2], "openat");
    if (w.size() >= 5 && w[1] == "<" && w[3] == wl.dir + "/data") opened = true;
  }
  EXPECT_TRUE(opened) << read.out;
  // Not even as state-only events: read and write were never attached.
  read = test::run_sysray({"-r", file, "-p", "%evt.type", "evt.type in (read, write)"});
  EXPECT_EQ(read.out, "");
}

// A chisel that prints the type and fd of each event its own filter passes.
std::string write_chisel(const std::string& dir, const std::string& name, const std::string& filter) {
  std::string path = dir + "/" + name + ".lua";
  std::ofstream(path) << "description = 'test'\nshort_description = 'test'\ncategory = 'test'\nargs = {}\n"
                      << "local fd\n"
                      << "function on_init()\n"
                      << "  fd = chisel.request_field('fd.name')\n"
                      << (filter.empty() ? "" : "  chisel.set_filter('" + filter + "')\n")
                      << "  return true\nend\n"
                      << "function on_event()\n"
                      << "  print('CH ' .. evt.get_type() .. ' ' .. tostring(evt.field(fd)))\n"
                      << "  return true\nend\n";
  return path;
}

TEST_F(PinnedCli, ChiselFilterIsPushedIntoTheKernel) {
  Workload wl;
  std::string chisel = write_chisel(wl.dir, "opens", "evt.type=openat and proc.name=" + wl.name);
  SysrayProcess sysray({"-v", "--buffer-size", "64M", "-c", chisel});
  test::RunResult r = run_script(sysray, wl, "CH openat");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, kPinnedLine)) << r.err;
  EXPECT_TRUE(contains(r.out, "CH openat " + wl.dir + "/data\n")) << r.out;
  for (const auto& line : testing::split(r.out, '\n')) {
    if (!line.empty()) {
      EXPECT_EQ(line.rfind("CH openat ", 0), 0u) << line;
    }
  }
}

TEST_F(PinnedCli, CommandLineFilterStillAppliesBeneathTheChisels) {
  Workload wl;
  // The command-line filter passes no openat: the chisel sees nothing, and
  // the kernel keeps only the state changers.
  std::string chisel = write_chisel(wl.dir, "opens", "evt.type=openat and proc.name=" + wl.name);
  SysrayProcess sysray({"-v", "-c", chisel, "evt.type=write"});
  std::this_thread::sleep_for(100ms);
  pid_t pid = wl.start({"script", wl.dir});
  std::this_thread::sleep_for(3s);  // no output marks the start: give the probe time to attach
  wl.go();
  EXPECT_EQ(testing::wait_exit_status(pid), 3);
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(30s);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, kPinnedLine)) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(PinnedCli, ChiselWithoutAFilterNeedsEveryEvent) {
  Workload wl;
  std::string picky = write_chisel(wl.dir, "picky", "evt.type=openat");
  std::string all = write_chisel(wl.dir, "all", "");
  SysrayProcess sysray({"-v", "-M", "2", "-c", picky, "-c", all});  // -n would widen alone
  for (int i = 0; i < 200 && !sysray.wait_for_output("\n", 50ms); i++) getppid();
  test::RunResult r = sysray.finish(30s);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, kRawLine)) << r.err;
}

}  // namespace
}  // namespace sysray
