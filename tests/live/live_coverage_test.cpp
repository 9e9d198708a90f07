// Calls every syscall the probe has a filler for, directly, and checks that
// each produces its enter and exit events, well formed: exactly the
// parameters of the event table, ending at the event's length.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/openat2.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "live_test_support.h"

namespace sysray {
namespace {

using testing::Capture;

[[noreturn]] void call_everything() {
  std::string dir = "/tmp/sysray_cov_" + std::to_string(getpid());
  std::string a = dir + "/a", b = dir + "/b", c = dir + "/c";
  syscall(SYS_mkdir, dir.c_str(), 0755);
  int fd = int(syscall(SYS_creat, a.c_str(), 0644));
  char data[] = "0123456789";
  iovec iov[2] = {{data, 4}, {data + 4, 6}};
  syscall(SYS_writev, fd, iov, 2);
  syscall(SYS_pwrite64, fd, data, 3, 0);
  syscall(SYS_close, fd);
  fd = int(syscall(SYS_open, a.c_str(), O_RDONLY));
  syscall(SYS_readv, fd, iov, 2);
  syscall(SYS_pread64, fd, data, 3, 1);
  int d1 = int(syscall(SYS_dup, fd));
  syscall(SYS_dup2, fd, 40);
  syscall(SYS_dup3, fd, 41, O_CLOEXEC);
  syscall(SYS_close, d1);
  open_how how{};
  how.flags = O_RDONLY;
  int fd2 = int(syscall(SYS_openat2, AT_FDCWD, a.c_str(), &how, sizeof how));
  syscall(SYS_close, fd2);
  int p[2];
  syscall(SYS_pipe, p);
  syscall(SYS_pipe2, p, O_CLOEXEC);
  syscall(SYS_rename, a.c_str(), b.c_str());
  syscall(SYS_renameat, AT_FDCWD, b.c_str(), AT_FDCWD, a.c_str());
  syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), 0);
  syscall(SYS_unlink, b.c_str());
  syscall(SYS_mkdirat, AT_FDCWD, c.c_str(), 0700);
  syscall(SYS_unlinkat, AT_FDCWD, c.c_str(), AT_REMOVEDIR);
  syscall(SYS_mkdir, c.c_str(), 0700);
  syscall(SYS_rmdir, c.c_str());
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  syscall(SYS_fchdir, dfd);
  syscall(SYS_chdir, "/tmp");
  syscall(SYS_rmdir, dir.c_str());
  syscall(SYS_kill, getpid(), 0);
  syscall(SYS_tkill, gettid(), 0);
  syscall(SYS_tgkill, getpid(), gettid(), 0);

  int sv[2];
  syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
  msghdr msg{};
  msg.msg_iov = iov;
  msg.msg_iovlen = 2;
  syscall(SYS_sendmsg, sv[0], &msg, 0);
  syscall(SYS_recvmsg, sv[1], &msg, 0);
  syscall(SYS_shutdown, sv[0], SHUT_RDWR);
  int listener = int(syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0));
  syscall(SYS_accept4, listener, nullptr, nullptr, SOCK_NONBLOCK);  // fails (not listening): still an event
  syscall(SYS_accept, listener, nullptr, nullptr);

  pid_t kid = pid_t(syscall(SYS_fork));
  if (kid == 0) _exit(0);
  waitpid(kid, nullptr, 0);
  kid = vfork();  // glibc's, which is safe to return from (syscall() is not)
  if (kid == 0) _exit(0);
  waitpid(kid, nullptr, 0);
  syscall(SYS_getppid);  // a generic event
  _exit(0);
}

TEST(LiveCoverage, EverySpecificSyscallEmitsWellFormedPairs) {
  std::string reason = testing::live_skip_reason();
  if (!reason.empty()) GTEST_SKIP() << reason;
  Capture capture;
  capture.start();
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) call_everything();
  waitpid(child, nullptr, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  capture.stop();
  ASSERT_EQ(capture.error(), "");

  std::set<uint16_t> seen;
  for (const auto* c : capture.of_threads({child})) {
    const Event& e = c->event;
    seen.insert(e.type);
    ASSERT_EQ(e.nparams, e.info().nparams) << e.info().name;
    uint32_t end = e.nparams ? e.param_offset[e.nparams - 1] + e.param_length[e.nparams - 1] : uint32_t(kEventHeaderSize);
    ASSERT_EQ(end, e.raw_len) << e.info().name;
  }
  const std::pair<uint16_t, const char*> expected[] = {
      {PPME_SYSCALL_MKDIR_2_E, "mkdir"},     {PPME_SYSCALL_CREAT_E, "creat"},
      {PPME_SYSCALL_WRITEV_E, "writev"},     {PPME_SYSCALL_PWRITE_E, "pwrite64"},
      {PPME_SYSCALL_OPEN_E, "open"},         {PPME_SYSCALL_READV_E, "readv"},
      {PPME_SYSCALL_PREAD_E, "pread64"},     {PPME_SYSCALL_DUP_1_E, "dup"},
      {PPME_SYSCALL_DUP2_E, "dup2"},         {PPME_SYSCALL_DUP3_E, "dup3"},
      {PPME_SYSCALL_OPENAT2_E, "openat2"},   {PPME_SYSCALL_PIPE_E, "pipe"},
      {PPME_SYSCALL_PIPE2_E, "pipe2"},       {PPME_SYSCALL_RENAME_E, "rename"},
      {PPME_SYSCALL_RENAMEAT_E, "renameat"}, {PPME_SYSCALL_RENAMEAT2_E, "renameat2"},
      {PPME_SYSCALL_UNLINK_2_E, "unlink"},   {PPME_SYSCALL_MKDIRAT_E, "mkdirat"},
      {PPME_SYSCALL_UNLINKAT_2_E, "unlinkat"}, {PPME_SYSCALL_RMDIR_2_E, "rmdir"},
      {PPME_SYSCALL_FCHDIR_E, "fchdir"},     {PPME_SYSCALL_CHDIR_E, "chdir"},
      {PPME_SYSCALL_KILL_E, "kill"},         {PPME_SYSCALL_TKILL_E, "tkill"},
      {PPME_SYSCALL_TGKILL_E, "tgkill"},     {PPME_SOCKET_SOCKETPAIR_E, "socketpair"},
      {PPME_SOCKET_SENDMSG_E, "sendmsg"},    {PPME_SOCKET_RECVMSG_E, "recvmsg"},
      {PPME_SOCKET_SHUTDOWN_E, "shutdown"},  {PPME_SOCKET_SOCKET_E, "socket"},
      {PPME_SOCKET_ACCEPT4_6_E, "accept4"},  {PPME_SOCKET_ACCEPT_5_E, "accept"},
      {PPME_SYSCALL_FORK_20_E, "fork"},      {PPME_SYSCALL_VFORK_20_E, "vfork"},
      {PPME_SYSCALL_CLOSE_E, "close"},       {PPME_GENERIC_E, "generic (getppid)"},
  };
  for (const auto& [enter, name] : expected) {
    EXPECT_TRUE(seen.count(enter)) << "no enter event for " << name;
    EXPECT_TRUE(seen.count(uint16_t(enter + 1))) << "no exit event for " << name;
  }
  EXPECT_TRUE(seen.count(PPME_PROCEXIT_1_E));

  // A few values that only these fillers produce.
  auto events = capture.of_threads({child});
  using testing::find_event;
  const Event* writev_x = find_event(events, PPME_SYSCALL_WRITEV_X);
  ASSERT_NE(writev_x, nullptr);
  EXPECT_EQ(writev_x->param(1), "0123456789");  // both iovecs, in order
  EXPECT_EQ(writev_x->param_int<uint32_t>(3), 10u);
  const Event* readv_x = find_event(events, PPME_SYSCALL_READV_X);
  ASSERT_NE(readv_x, nullptr);
  EXPECT_EQ(readv_x->param_int<int64_t>(0), 10);
  EXPECT_EQ(readv_x->param(2), "0123456789");
  const Event* dup3_x = find_event(events, PPME_SYSCALL_DUP3_X);
  ASSERT_NE(dup3_x, nullptr);
  EXPECT_EQ(dup3_x->param_int<int64_t>(0), 41);
  EXPECT_EQ(dup3_x->param_int<uint32_t>(3), 1u << 12);  // PPM_O_CLOEXEC
  const Event* pipe_x = find_event(events, PPME_SYSCALL_PIPE_X);
  ASSERT_NE(pipe_x, nullptr);
  EXPECT_GE(pipe_x->param_int<int64_t>(1), 0);
  EXPECT_NE(pipe_x->param_int<uint64_t>(3), 0u);  // pipe inode
  const Event* pair_x = find_event(events, PPME_SOCKET_SOCKETPAIR_X);
  ASSERT_NE(pair_x, nullptr);
  EXPECT_NE(pair_x->param_int<uint64_t>(3), 0u);  // kernel socket addresses
  EXPECT_NE(pair_x->param_int<uint64_t>(4), 0u);
  const Event* recvmsg_x = find_event(events, PPME_SOCKET_RECVMSG_X);
  ASSERT_NE(recvmsg_x, nullptr);
  EXPECT_EQ(recvmsg_x->param(2), "1233456789");  // pread64 put "123" at the start
  const Event* creat_x = find_event(events, PPME_SYSCALL_CREAT_X);
  ASSERT_NE(creat_x, nullptr);
  EXPECT_EQ(creat_x->param_int<uint32_t>(2), 0644u);
  const Event* generic_x = find_event(events, PPME_GENERIC_X, [](const Event& e) {
    return e.param_int<uint16_t>(1) == SYS_getppid;
  });
  ASSERT_NE(generic_x, nullptr);
  EXPECT_STREQ(syscall_name(generic_x->param_int<uint16_t>(0)), "getppid");
}

}  // namespace
}  // namespace sysray
