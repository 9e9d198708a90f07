// A capture truncated by another program while sysray reads it (sysray maps
// files) ends in one line and exit status 1, not a crash.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
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
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
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
