// --switch and --page-faults on the command line: the known workload under
// both options prints switch and page_fault lines in sysdig's format, and
// without them no such event reaches the output.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>

#include "live_cli_support.h"
#include "live_test_support.h"

namespace sysray {
namespace {

using namespace std::chrono_literals;
using testing::SysrayProcess;
using testing::Workload;

class ExtraEventsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

// Whether some line of `out` matches `pattern` (the whole line).
bool has_line(const std::string& out, const std::string& pattern) {
  std::regex re(pattern);
  for (const std::string& line : testing::split(out, '\n'))
    if (std::regex_match(line, re)) return true;
  return false;
}

TEST_F(ExtraEventsCli, SwitchAndPageFaultLinesInSysdigsFormat) {
  Workload wl;
  SysrayProcess sysray({"--switch", "--page-faults", "--buffer-size", "64M", "proc.name=" + wl.name});
  pid_t pid = wl.start({"script", wl.dir});
  ASSERT_TRUE(sysray.wait_for_output(wl.go_path(), 30s)) << sysray.finish(1s).err;
  wl.go();
  EXPECT_EQ(testing::wait_exit_status(pid), 3);
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(20s);
  ASSERT_EQ(r.status, 0) << r.err;
  // "<num> <time> <cpu> <proc> (<tid>) > <type> <args>"
  const std::string head = R"(\d+ \S+ \d+ )" + wl.name + R"( \(\d+\) > )";
  EXPECT_TRUE(has_line(r.out, head + R"(switch next=\d+(\(.*\))? pgft_maj=\d+ pgft_min=\d+ vm_size=[1-9]\d* )"
                                     R"(vm_rss=[1-9]\d* vm_swap=\d+ ?)"))
      << r.out.substr(0, 4000);
  EXPECT_TRUE(has_line(r.out, head + R"(page_fault addr=[0-9A-F]+ ip=[0-9A-F]+ error=\d+\()"
                                     R"((PAGE_NOT_PRESENT|PROTECTION_VIOLATION)\|(READ|WRITE)_ACCESS\|)"
                                     R"((USER|SUPERVISOR)_FAULT(\|[A-Z_]+)*\) ?)"))
      << r.out.substr(0, 4000);
}

TEST_F(ExtraEventsCli, WithoutTheOptionsNoSwitchOrPageFault) {
  Workload wl;
  SysrayProcess sysray({"-M", "3", "proc.name=" + wl.name + " and evt.type in (switch, page_fault, openat, open)"});
  pid_t pid = wl.start({"script", wl.dir});
  ASSERT_TRUE(sysray.wait_for_output(wl.go_path(), 30s)) << sysray.finish(1s).err;
  wl.go();
  EXPECT_EQ(testing::wait_exit_status(pid), 3);
  test::RunResult r = sysray.finish(20s);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has_line(r.out, R"(.* < openat? .*)")) << "the workload's opens are there";
  EXPECT_FALSE(has_line(r.out, R"(.* > (switch|page_fault) .*)")) << r.out.substr(0, 4000);
}

}  // namespace
}  // namespace sysray
