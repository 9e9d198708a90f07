// A full disk while recording (-w): a small tmpfs fills up under sysray.
// sysray stops with one line naming the file and the error, exits 1, and
// the file reads back up to its last complete block. From a capture
// (-r big.scap) and live; to a .sray trace and to a .scap export.
#include <gtest/gtest.h>

#include "hardening_support.h"
#include "live/live_test_support.h"

namespace sysray::hardening {
namespace {

using test::RunResult;
using test::run_sysray;

constexpr char kFormat[] = "*%evt.num %evt.rawtime %proc.name %evt.type %evt.info";

class DiskFull : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "mounting a tmpfs needs root";
  }
};

// The one error line a full disk gives for `path`.
void expect_full_disk_line(const std::string& err, const std::string& path) {
  ASSERT_EQ(count_lines(err), 1u) << err;
  EXPECT_EQ(err.rfind("sysray: " + path + ": write failed", 0), 0u) << err;
  EXPECT_NE(err.find(": No space left on device\n"), std::string::npos) << err;
}

TEST_F(DiskFull, SrayFromACaptureStopsWithOneLineAndReadsBack) {
  Scratch scratch;
  const std::string big = grown_capture(scratch, 400);
  ASSERT_FALSE(big.empty());
  Tmpfs fs(32 << 10);
  ASSERT_TRUE(fs.mounted());
  const std::string out = fs.file("x.sray");
  RunResult w = run_sysray({"-r", big, "-w", out});
  EXPECT_EQ(w.status, 1);
  expect_full_disk_line(w.err, out);

  // Every complete block reads back, with one warning, exit 0, and the
  // events are the first ones of the capture.
  RunResult cut = run_sysray({"-r", out, "-p", kFormat});
  EXPECT_EQ(cut.status, 0) << cut.err;
  ASSERT_EQ(count_lines(cut.err), 1u) << cut.err;
  EXPECT_EQ(cut.err.rfind("sysray: warning: " + out + ": offset ", 0), 0u) << cut.err;
  ASSERT_GT(count_lines(cut.out), 1000u);
  RunResult full = run_sysray({"-r", big, "-p", kFormat});
  ASSERT_GT(full.out.size(), cut.out.size());
  EXPECT_EQ(full.out.compare(0, cut.out.size(), cut.out), 0) << "not the start of the full output";
}

TEST_F(DiskFull, ScapExportFromACaptureStopsWithOneLineAndReadsBack) {
  Scratch scratch;
  const std::string big = grown_capture(scratch, 40);
  ASSERT_FALSE(big.empty());
  Tmpfs fs(256 << 10);
  ASSERT_TRUE(fs.mounted());
  const std::string out = fs.file("x.scap");
  RunResult w = run_sysray({"-r", big, "-w", out});
  EXPECT_EQ(w.status, 1);
  expect_full_disk_line(w.err, out);

  // A .scap has no blocks of its own: every complete event reads back,
  // then one line says where the file ends short (exit 1, as for any
  // truncated capture), and sysdig reads the same events.
  RunResult cut = run_sysray({"-r", out, "-p", kFormat});
  ASSERT_EQ(count_lines(cut.err), 1u) << cut.err;
  EXPECT_EQ(cut.err.rfind("sysray: " + out + ": ", 0), 0u) << cut.err;
  ASSERT_GT(count_lines(cut.out), 1000u);
  RunResult full = run_sysray({"-r", big, "-p", kFormat});
  ASSERT_GT(full.out.size(), cut.out.size());
  EXPECT_EQ(full.out.compare(0, cut.out.size(), cut.out), 0) << "not the start of the full output";
}

class LiveDiskFull : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

// Live: the file is opened on a tmpfs with room to spare; once events are
// on disk the tmpfs is filled but 64 KiB, and `find /usr` runs until
// sysray gives up.
TEST_P(LiveDiskFull, StopsWithOneLineAndReadsBack) {
  Tmpfs fs(16 << 20);
  ASSERT_TRUE(fs.mounted());
  const std::string out = fs.file(std::string("live.") + GetParam());
  Sysray sysray({"-w", out});
  // Some events on disk first (a .sray block is written every 5 s at least).
  ASSERT_TRUE(grow_live_file(sysray, out, 1000)) << sysray.finish(1s).err;
  ASSERT_TRUE(fs.fill_but(64 << 10));
  const auto deadline = std::chrono::steady_clock::now() + 40s;
  int runs = 0;
  while (sysray.running() && std::chrono::steady_clock::now() < deadline) {
    wait_exit_status(spawn_quiet({"/usr/bin/find", "/usr", "-maxdepth", "4"}));
    ++runs;
  }
  int sig = 0;
  RunResult r = sysray.finish(20s, &sig);
  SCOPED_TRACE("after " + std::to_string(runs) + " runs of find");
  EXPECT_EQ(sig, 0);
  EXPECT_EQ(r.status, 1) << r.err;
  // The error line, and at most the line that counts drops.
  std::vector<std::string> err = lines_of(r.err);
  ASSERT_GE(err.size(), 1u);
  ASSERT_LE(err.size(), 2u) << r.err;
  expect_full_disk_line(err[0] + "\n", out);
  if (err.size() == 2) {
    EXPECT_NE(err[1].find(" events dropped"), std::string::npos) << r.err;
  }

  RunResult back = run_sysray({"-r", out, "-p", kFormat});
  EXPECT_GT(count_lines(back.out), 100u);
  ASSERT_EQ(count_lines(back.err), 1u) << back.err;
  if (std::string(GetParam()) == "sray") {
    EXPECT_EQ(back.status, 0);
    EXPECT_EQ(back.err.rfind("sysray: warning: " + out + ": offset ", 0), 0u) << back.err;
  } else {
    EXPECT_EQ(back.err.rfind("sysray: " + out + ": ", 0), 0u) << back.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, LiveDiskFull, ::testing::Values("sray", "scap"));

}  // namespace
}  // namespace sysray::hardening
