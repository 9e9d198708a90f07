// Chisels that go wrong in the middle of a stream: a runtime error at
// event N ends the capture with "name: file:line: message", on_capture_end
// still runs, exit 1; an on_event that never returns is interrupted by
// Ctrl-C (chisel/chisel_interrupt.h): one line with the file and line it
// was stuck at, on_capture_end, exit 1; or, for a loop LuaJIT compiled
// (no hook runs there), one line and exit 130. From a capture and live.
#include <gtest/gtest.h>

#include "hardening_support.h"
#include "live/live_test_support.h"

namespace sysray::hardening {
namespace {

using test::RunResult;
using test::run_sysray;

const std::string kData = std::string(SYSRAY_SOURCE_DIR) + "/tests/hardening/data/";

// The line of `text` in a data file (1-based), 0 if absent.
int line_of(const std::string& file, const std::string& text) {
  std::vector<std::string> lines = lines_of(test::read_file(kData + file));
  for (size_t i = 0; i < lines.size(); i++)
    if (lines[i].find(text) != std::string::npos) return int(i) + 1;
  return 0;
}

std::string interrupted_line(const std::string& file, const std::string& stuck_at) {
  return file.substr(0, file.size() - 4) + ": " + kData + file + ":" + std::to_string(line_of(file, stuck_at)) +
         ": interrupted: on_event still running 1 s after the stop signal\n";
}

TEST(ChiselFault, RuntimeErrorMidStreamFromACapture) {
  Scratch scratch;
  const std::string big = grown_capture(scratch, 20);
  ASSERT_FALSE(big.empty());
  RunResult r = run_sysray({"-r", big, "-c", kData + "error_at_event.lua", "5000"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "error_at_event: " + kData + "error_at_event.lua:" +
                       std::to_string(line_of("error_at_event.lua", "error(")) + ": failed at event 5000\n");
  EXPECT_EQ(r.out, "capture end after 5000 events\n");
}

// Ctrl-C while on_event loops: interrupted about 1 s later.
void expect_interrupted(Sysray& sysray, const std::string& file, const std::string& stuck_at) {
  ASSERT_TRUE(sysray.wait_for_output("looping\n", 30s)) << sysray.finish(1s).err;
  std::this_thread::sleep_for(300ms);
  const auto sent = std::chrono::steady_clock::now();
  sysray.send(SIGINT);
  RunResult r = sysray.finish(20s);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  EXPECT_EQ(r.status, 1) << r.err;
  // Live, the rings overflow while the chisel is stuck: a second line
  // counts the drops.
  const std::string expected = interrupted_line(file, stuck_at);
  EXPECT_EQ(r.err.substr(0, expected.size()), expected);
  EXPECT_LE(count_lines(r.err), 2u) << r.err;
  EXPECT_EQ(r.out, "looping\ncapture end\n");
  EXPECT_LT(seconds, 5.0);
}

// A compiled loop: one line and exit 130, about 3 s after Ctrl-C.
void expect_abandoned(Sysray& sysray) {
  ASSERT_TRUE(sysray.wait_for_output("looping\n", 30s)) << sysray.finish(1s).err;
  std::this_thread::sleep_for(300ms);
  const auto sent = std::chrono::steady_clock::now();
  sysray.send(SIGINT);
  RunResult r = sysray.finish(20s);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  EXPECT_EQ(r.status, 130) << r.err;
  EXPECT_EQ(r.err, "sysray: endless_jit: on_event did not return after the stop signal (an endless loop?); exiting\n");
  EXPECT_LT(seconds, 8.0);
}

TEST(ChiselFault, CtrlCInterruptsAnEndlessOnEventFromACapture) {
  Sysray sysray({"-r", kTraces + "cat_write.scap", "-c", kData + "endless_event.lua"});
  expect_interrupted(sysray, "endless_event.lua", "n = n + (evt.field");
}

TEST(ChiselFault, CtrlCEndsACompiledEndlessLoopFromACapture) {
  Sysray sysray({"-r", kTraces + "cat_write.scap", "-c", kData + "endless_jit.lua"});
  expect_abandoned(sysray);
}

TEST(ChiselFault, QuickChiselStopsCleanlyOnCtrlC) {
  // A chisel that returns at once is not interrupted: Ctrl-C ends a live
  // capture normally (exit 0, on_capture_end's output).
  if (std::string reason = testing::live_skip_reason(); !reason.empty()) GTEST_SKIP() << reason;
  Sysray sysray({"-c", kData + "error_at_event.lua", "1000000000"});
  std::this_thread::sleep_for(3s);
  sysray.send(SIGINT);
  RunResult r = sysray.finish(20s);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("capture end after ", 0), 0u) << r.out;
}

class LiveChiselFault : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

TEST_F(LiveChiselFault, RuntimeErrorMidStream) {
  Sysray sysray({"-c", kData + "error_at_event.lua", "2000"});
  const auto deadline = std::chrono::steady_clock::now() + 40s;
  while (sysray.running() && std::chrono::steady_clock::now() < deadline)
    wait_exit_status(spawn_quiet({"/usr/bin/find", "/usr", "-maxdepth", "2"}));
  RunResult r = sysray.finish(10s);
  EXPECT_EQ(r.status, 1);
  const std::string error = "error_at_event: " + kData + "error_at_event.lua:" +
                            std::to_string(line_of("error_at_event.lua", "error(")) + ": failed at event 2000\n";
  // The error, then at most the line that counts drops.
  EXPECT_EQ(r.err.substr(0, error.size()), error);
  EXPECT_LE(count_lines(r.err), 2u) << r.err;
  EXPECT_EQ(r.out, "capture end after 2000 events\n");
}

TEST_F(LiveChiselFault, CtrlCInterruptsAnEndlessOnEvent) {
  Sysray sysray({"-c", kData + "endless_event.lua"});
  expect_interrupted(sysray, "endless_event.lua", "n = n + (evt.field");
}

TEST_F(LiveChiselFault, CtrlCEndsACompiledEndlessLoop) {
  Sysray sysray({"-c", kData + "endless_jit.lua"});
  expect_abandoned(sysray);
}

}  // namespace
}  // namespace sysray::hardening
