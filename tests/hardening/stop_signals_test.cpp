// Stopping sysray while it records (-w): SIGINT and SIGTERM close the file
// properly (it reads back without a warning) and print the -S table and
// the capture report; SIGKILL leaves a file that reads back up to its last
// complete block with one warning. Live and from a capture. (SIGKILL of
// `-r X -w Y` is tests/trace/crash_test.cpp; SIGINT/SIGTERM of a live
// capture without -w, and a second Ctrl-C, are in tests/live/live_cli_test.cpp.)
#include <gtest/gtest.h>

#include "hardening_support.h"
#include "live/live_test_support.h"

namespace sysray::hardening {
namespace {

using test::RunResult;
using test::run_sysray;

constexpr char kFormat[] = "*%evt.num %evt.rawtime %proc.name %evt.type %evt.info";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

class LiveStop : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

class LiveKill : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

TEST_P(LiveStop, SignalClosesTheFileAndPrintsTheSummary) {
  const int sig = GetParam();
  Scratch dir;
  const std::string out = dir.file("live.sray");
  Sysray sysray({"-w", out, "-S", "-v"});
  ASSERT_TRUE(grow_live_file(sysray, out, 20'000)) << sysray.finish(1s).err;
  sysray.send(sig);
  RunResult r = sysray.finish(30s);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "#Calls")) << r.out.substr(0, 500);
  EXPECT_TRUE(contains(r.err, "Driver Events:")) << r.err;
  EXPECT_TRUE(contains(r.err, "Driver Drops:")) << r.err;

  RunResult back = run_sysray({"-r", out, "-p", kFormat});
  EXPECT_EQ(back.status, 0);
  EXPECT_EQ(back.err, "") << "not closed properly";
  EXPECT_GT(count_lines(back.out), 1000u);
}

TEST_F(LiveKill, SigkillLeavesAFileThatReadsBack) {
  Scratch dir;
  const std::string out = dir.file("killed.sray");
  Sysray sysray({"-w", out});
  ASSERT_TRUE(grow_live_file(sysray, out, 20'000)) << sysray.finish(1s).err;
  sysray.send(SIGKILL);
  int sig = 0;
  sysray.finish(10s, &sig);
  ASSERT_EQ(sig, SIGKILL);

  RunResult back = run_sysray({"-r", out, "-p", kFormat});
  EXPECT_EQ(back.status, 0) << back.err;
  ASSERT_EQ(count_lines(back.err), 1u) << back.err;
  EXPECT_EQ(back.err.rfind("sysray: warning: " + out + ": offset ", 0), 0u) << back.err;
  EXPECT_GT(count_lines(back.out), 1000u);
}

INSTANTIATE_TEST_SUITE_P(Signals, LiveStop, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) { return std::string(sigabbrev_np(info.param)); });

class FileStop : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    big_ = grown_capture(scratch_, 400);
    ASSERT_FALSE(big_.empty());
  }
  Scratch scratch_;
  std::string big_;
};

// Reading a capture, Ctrl-C or SIGTERM stops reading as sysdig does: the
// file written so far is closed, the -S table printed, exit 0.
TEST_P(FileStop, SignalClosesTheFileAndPrintsTheSummary) {
  const std::string out = scratch_.file("part.sray");
  Sysray sysray({"-r", big_, "-w", out, "-S"});
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (file_size(out) <= 20'000 && sysray.running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(500us);
  ASSERT_TRUE(sysray.running()) << "finished before the signal";
  sysray.send(GetParam());
  RunResult r = sysray.finish(30s);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(contains(r.out, "#Calls")) << r.out.substr(0, 500);

  RunResult back = run_sysray({"-r", out, "-p", kFormat});
  EXPECT_EQ(back.status, 0);
  EXPECT_EQ(back.err, "") << "not closed properly";
  RunResult full = run_sysray({"-r", big_, "-p", kFormat});
  ASSERT_GT(count_lines(back.out), 1000u);
  ASSERT_GT(full.out.size(), back.out.size()) << "the signal did not stop the reading";
  EXPECT_EQ(full.out.compare(0, back.out.size(), back.out), 0) << "not the start of the full output";
}

INSTANTIATE_TEST_SUITE_P(Signals, FileStop, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) { return std::string(sigabbrev_np(info.param)); });

}  // namespace
}  // namespace sysray::hardening
