// Without privileges, live capture fails up front with one clear line.
#include "live/privileges.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "source/event_source.h"

namespace sysray {
namespace {

TEST(LivePrivileges, UnprivilegedProcessGetsOneLineSayingWhatIsMissing) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to drop to an unprivileged user";
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipefd[0]);
    std::string message = "no exception";
    if (setresgid(65534, 65534, 65534) == 0 && setresuid(65534, 65534, 65534) == 0) {
      try {
        check_live_capture_requirements();
      } catch (const SourceError& e) {
        message = e.what();
      }
    } else {
      message = "cannot drop privileges";
    }
    write(pipefd[1], message.data(), message.size());
    _exit(0);
  }
  close(pipefd[1]);
  char buf[512] = {};
  ssize_t n = read(pipefd[0], buf, sizeof buf - 1);
  close(pipefd[0]);
  waitpid(child, nullptr, 0);
  std::string message(buf, n > 0 ? size_t(n) : 0);
  EXPECT_NE(message.find("CAP_BPF"), std::string::npos) << message;
  EXPECT_NE(message.find("CAP_PERFMON"), std::string::npos) << message;
  EXPECT_NE(message.find("not root"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(LivePrivileges, RootPassesTheChecks) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) GTEST_SKIP() << "no kernel BTF";
  EXPECT_NO_THROW(check_live_capture_requirements());
}

}  // namespace
}  // namespace sysray
