// A writer killed with SIGKILL halfway through a capture: the file it
// leaves reads back up to its last complete block, with one warning and
// exit status 0, and what it prints is the start of the full output.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "support/run_sysray.h"
#include "trace_test_support.h"

namespace sysray::test {
namespace {

// curl_google repeated `copies` times (scapgrow.py reads plain captures).
std::string grown_capture(const ScratchDir& dir, int copies) {
  const std::string plain = dir.file("plain.scap"), big = dir.file("big.scap");
  const std::string cmd = "gzip -dcf '" + capture("curl_google") + "' > '" + plain + "' && python3 '" +
                          std::string(SYSRAY_SHARED_DIR) + "/tools/scapgrow.py' '" + plain + "' '" + big + "' " +
                          std::to_string(copies) + " >/dev/null";
  return std::system(cmd.c_str()) == 0 ? big : "";
}

TEST(Crash, SigkilledWriterLeavesAReadableFile) {
  ScratchDir dir;
  const std::string big = grown_capture(dir, 400);
  ASSERT_FALSE(big.empty()) << "could not grow the capture (python3?)";
  const std::string out = dir.file("killed.sray");

  pid_t pid = fork();
  if (pid == 0) {
    execl(SYSRAY_BINARY, SYSRAY_BINARY, "-r", big.c_str(), "-w", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once a few blocks are on disk, well before it can finish.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(out, ec);  // (uintmax_t)-1 before the file exists
    if (!ec && size > 20'000) break;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer finished before it could be killed";

  RunResult cut = run_sysray({"-r", out, "-p", "*%evt.num %evt.rawtime %proc.name %evt.type %evt.info"});
  EXPECT_EQ(cut.status, 0) << cut.err;
  EXPECT_EQ(std::count(cut.err.begin(), cut.err.end(), '\n'), 1) << cut.err;
  EXPECT_EQ(cut.err.rfind("sysray: warning: " + out + ": offset ", 0), 0u) << cut.err;
  ASSERT_FALSE(cut.out.empty());
  RunResult full = run_sysray({"-r", big, "-p", "*%evt.num %evt.rawtime %proc.name %evt.type %evt.info"});
  ASSERT_GT(full.out.size(), cut.out.size());
  EXPECT_EQ(full.out.compare(0, cut.out.size(), cut.out), 0) << "not the start of the full output";
}

}  // namespace
}  // namespace sysray::test
