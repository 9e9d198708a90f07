// A capture truncated by another program while sysray reads it ends in one
// line and exit status 1: not a crash, and not a silently short capture
// (the cut may fall between two blocks, where the file alone looks whole).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "support/run_sysray.h"

namespace sysray::test {
namespace {

// A plain capture big enough that printing it takes a while: the sample
// repeated by the shared scapgrow tool.
std::string grown_capture(int factor) {
  std::string plain = "/tmp/sysray-trunc-plain.scap", grown = "/tmp/sysray-trunc.scap";
  std::string shared = SYSRAY_SHARED_DIR;
  std::string cmd = "gzip -dcf '" + shared + "/traces/curl_google.scap' > " + plain + " && python3 '" + shared +
                    "/tools/scapgrow.py' " + plain + " " + grown + " " + std::to_string(factor) + " > /dev/null";
  if (std::system(cmd.c_str()) != 0) return {};
  return grown;
}

// True once `pid` has `path` open (it is reading events), false if it ended
// or the time ran out. Truncating before that would test a file that was
// short from the start, which is another (equally one-line) error.
bool has_open(pid_t pid, const std::string& path, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string fds = "/proc/" + std::to_string(pid) + "/fd";
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(fds, ec)) {
      std::error_code link_ec;
      if (std::filesystem::read_symlink(entry.path(), link_ec) == path) return true;
    }
    siginfo_t info{};  // ended? (left unreaped for the caller's waitpid)
    if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

TEST(TruncatedWhileReading, OneLineAndExitOne) {
  std::string capture = grown_capture(400);
  ASSERT_FALSE(capture.empty()) << "could not grow the sample capture";
  for (int attempt = 0; attempt < 5; ++attempt) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int null_fd = ::open("/dev/null", O_WRONLY);
      int err_fd = ::open("/tmp/sysray-trunc.err", O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(null_fd, 1);
      ::dup2(err_fd, 2);
      execl(SYSRAY_BINARY, SYSRAY_BINARY, "-r", capture.c_str(), "-v", static_cast<char*>(nullptr));
      _exit(127);
    }
    has_open(pid, capture, std::chrono::seconds(30));  // if not, it ended: retried below
    ASSERT_EQ(::truncate(capture.c_str(), 4096), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "sysray died of signal " << WTERMSIG(status);
    if (WEXITSTATUS(status) == 0) {  // it finished before the truncation: grow and retry
      capture = grown_capture(400 * (attempt + 2));
      continue;
    }
    EXPECT_EQ(WEXITSTATUS(status), 1);
    std::ifstream err("/tmp/sysray-trunc.err");
    std::string line;
    std::getline(err, line);
    EXPECT_NE(line.find("shrank while it was being read"), std::string::npos) << line;
    return;
  }
  FAIL() << "sysray always finished before the file was truncated";
}

}  // namespace
}  // namespace sysray::test
