// The /proc scan finds this test process with its comm, cwd, ids and an
// fd for a file it opened, and resolves a TCP socket by inode.
#include "live/proc_scan.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace sysray {
namespace {

std::string self_comm() {
  std::ifstream in("/proc/self/comm");
  std::string comm;
  std::getline(in, comm);
  return comm;
}

TEST(ProcScan, FindsThisProcessWithItsFds) {
  std::string path = "/tmp/sysray_proc_scan_" + std::to_string(getpid());
  int fd = open(path.c_str(), O_CREAT | O_RDWR | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(listener, 1), 0);
  socklen_t alen = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &alen);
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);

  State state;
  scan_proc(state);
  unlink(path.c_str());

  const ThreadInfo* self = state.find_thread(getpid());
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->comm, self_comm());
  EXPECT_EQ(self->pid, getpid());
  EXPECT_EQ(self->ptid, getppid());
  EXPECT_EQ(self->uid, geteuid());
  EXPECT_EQ(self->gid, getegid());
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof cwd), nullptr);
  EXPECT_EQ(self->cwd, std::string(cwd) == "/" ? "/" : std::string(cwd) + "/");
  EXPECT_FALSE(self->exepath.empty());
  EXPECT_GT(self->fdlimit, 0);
  EXPECT_FALSE(self->env.empty());

  const FdInfo* file = state.find_fd(*state.find_thread(getpid()), fd);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->type, FdType::FileV2);
  EXPECT_EQ(file->name, path);
  EXPECT_EQ(file->open_flags & 3u, 3u);  // PPM_O_RDWR
  EXPECT_NE(file->ino, 0u);

  const FdInfo* sock = state.find_fd(*state.find_thread(getpid()), listener);
  ASSERT_NE(sock, nullptr);
  EXPECT_EQ(sock->type, FdType::Ipv4ServSock);
  EXPECT_EQ(sock->l4proto, L4Proto::Tcp);
  EXPECT_EQ(sock->name, "127.0.0.1:" + std::to_string(ntohs(addr.sin_port)));

  const FdInfo* pipe_end = state.find_fd(*state.find_thread(getpid()), pipefd[0]);
  ASSERT_NE(pipe_end, nullptr);
  EXPECT_EQ(pipe_end->type, FdType::Fifo);
  EXPECT_EQ(pipe_end->name, "pipe:[" + std::to_string(pipe_end->ino) + "]");

  EXPECT_NE(state.find_user(0), nullptr);
  EXPECT_GT(state.machine.num_cpus, 0u);
  EXPECT_GT(state.machine.boot_ts, 0u);
  close(fd);
  close(listener);
  close(pipefd[0]);
  close(pipefd[1]);
}

TEST(ProcScan, TranslatesOpenFlagsToPpm) {
  EXPECT_EQ(ppm_open_flags(O_RDONLY), 1u);
  EXPECT_EQ(ppm_open_flags(O_WRONLY | O_CREAT | O_TRUNC), (1u << 1) | (1u << 2) | (1u << 8));
  EXPECT_EQ(ppm_open_flags(O_RDONLY | O_CLOEXEC | O_DIRECTORY), 1u | (1u << 12) | (1u << 10));
}

TEST(ProcScan, ThreadExistsWhileTheThreadDoes) {
  EXPECT_TRUE(thread_exists(getpid()));
  // A thread that is not the process's main one resolves too.
  std::atomic<pid_t> tid{0};
  std::thread other([&] { tid = gettid(); });
  other.join();
  // join() returns once the kernel cleared the thread's tid, a moment
  // before the thread is released; then /proc no longer has it.
  bool ended = false;
  for (int i = 0; i < 5000 && !ended; i++) {
    ended = !thread_exists(tid);
    if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(ended) << tid;
  std::atomic<bool> done{false};
  tid = 0;
  std::thread running([&] {
    tid = gettid();
    while (!done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  while (tid == 0 || !thread_exists(tid)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_NE(tid, getpid());
  EXPECT_TRUE(thread_exists(tid));
  done = true;
  running.join();
  // A child that exited and was reaped is gone.
  const pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_FALSE(thread_exists(child));
  EXPECT_FALSE(thread_exists(0));
  EXPECT_FALSE(thread_exists(-1));
}

}  // namespace
}  // namespace sysray
