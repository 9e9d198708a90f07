// Runs known workloads under a real LiveSource and checks the decoded
// events: file I/O, a TCP exchange on 127.0.0.1, fork + exec, procexit.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "live_test_support.h"

namespace sysray {
namespace {

using testing::Capture;
using testing::CapturedEvent;
using testing::find_event;

constexpr char kPayload[] = "hello from the sysray live test";
constexpr uint32_t kPpmCreat = 1u << 2, kPpmRdwr = 3, kPpmCreated = 1u << 14;

std::string temp_path(const char* tag) {
  return "/tmp/sysray_live_" + std::string(tag) + "_" + std::to_string(getpid());
}

// The TCP part of the workload: a server and a client in one process.
// Returns the server port.
uint16_t tcp_exchange() {
  int server = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  listen(server, 4);
  socklen_t alen = sizeof addr;
  getsockname(server, reinterpret_cast<sockaddr*>(&addr), &alen);
  int client = socket(AF_INET, SOCK_STREAM, 0);
  connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  int conn = accept(server, nullptr, nullptr);
  send(client, "ping", 4, 0);
  char buf[16];
  recv(conn, buf, sizeof buf, 0);
  close(conn);
  close(client);
  close(server);
  return ntohs(addr.sin_port);
}

// The child: file I/O, TCP, then fork + exec /bin/true. Writes the port
// and the grandchild's pid to `report` so the parent knows what to expect.
[[noreturn]] void run_workload(int report) {
  std::string path = temp_path("file"), renamed = temp_path("renamed");
  int fd = open(path.c_str(), O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, kPayload, sizeof kPayload - 1);
  lseek(fd, 0, SEEK_SET);
  char buf[128];
  read(fd, buf, sizeof buf);
  close(fd);
  rename(path.c_str(), renamed.c_str());
  unlink(renamed.c_str());

  uint16_t port = tcp_exchange();

  pid_t grandchild = fork();
  if (grandchild == 0) {
    char* const argv[] = {const_cast<char*>("/bin/true"), const_cast<char*>("--sysray-test-arg"),
                          const_cast<char*>("second"), nullptr};
    // The filename lives on the stack: a string literal sits in a file-backed
    // page that a fresh fork child has not faulted in yet, and the probe
    // cannot fault pages in (non-sleepable BPF), so it would read "<NA>".
    char filename[] = "/bin/true";
    execv(filename, argv);
    _exit(127);
  }
  int status = 0;
  waitpid(grandchild, &status, 0);
  int64_t msg[3] = {int64_t(fd), int64_t(port), int64_t(grandchild)};
  write(report, msg, sizeof msg);
  _exit(0);
}

std::string_view str(const Event& e, size_t i) { return e.param_str(i); }

class LiveCapture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

TEST_F(LiveCapture, WorkloadProducesDecodedEvents) {
  Capture capture;
  capture.start();

  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipefd[0]);
    run_workload(pipefd[1]);
  }
  close(pipefd[1]);
  int64_t msg[3] = {};
  ASSERT_EQ(read(pipefd[0], msg, sizeof msg), ssize_t(sizeof msg));
  close(pipefd[0]);
  int status = 0;
  waitpid(child, &status, 0);
  const int64_t file_fd = msg[0], port = msg[1], grandchild = msg[2];
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the rings catch up
  capture.stop();
  ASSERT_EQ(capture.error(), "");

  auto child_events = capture.of_threads({child});
  auto grandchild_events = capture.of_threads({grandchild});
  ASSERT_FALSE(child_events.empty());
  ASSERT_FALSE(grandchild_events.empty());

  // Every event carries exactly the parameters it declares, and the table's count.
  for (const auto& c : capture.events()) {
    uint32_t end = c.event.nparams ? c.event.param_offset[c.event.nparams - 1] + c.event.param_length[c.event.nparams - 1]
                                   : uint32_t(kEventHeaderSize);
    ASSERT_EQ(end, c.event.raw_len) << "event type " << c.event.type;
    ASSERT_EQ(c.event.nparams, c.event.info().nparams) << "event type " << c.event.type;
  }

  // open(): openat enter and exit with the path, flags, mode and fd.
  // The child named the files after its own pid.
  std::string path = "/tmp/sysray_live_file_" + std::to_string(child);
  std::string renamed = "/tmp/sysray_live_renamed_" + std::to_string(child);
  const Event* open_e = find_event(child_events, PPME_SYSCALL_OPENAT_2_E, [&](const Event& e) { return str(e, 1) == path; });
  ASSERT_NE(open_e, nullptr);
  EXPECT_EQ(open_e->param_int<int64_t>(0), -100);  // AT_FDCWD
  const Event* open_x = find_event(child_events, PPME_SYSCALL_OPENAT_2_X, [&](const Event& e) { return str(e, 2) == path; });
  ASSERT_NE(open_x, nullptr);
  EXPECT_EQ(open_x->param_int<int64_t>(0), file_fd);
  uint32_t flags = open_x->param_int<uint32_t>(3);
  EXPECT_EQ(flags & (kPpmCreat | kPpmRdwr | kPpmCreated), kPpmCreat | kPpmRdwr | kPpmCreated);
  EXPECT_EQ(open_x->param_int<uint32_t>(4), 0644u);
  EXPECT_NE(open_x->param_int<uint64_t>(6), 0u);  // inode

  // write() and read() carry the bytes (cut at the 80-byte snaplen).
  std::string payload(kPayload);
  const Event* write_x = find_event(child_events, PPME_SYSCALL_WRITE_X,
                                    [&](const Event& e) { return e.param_int<int64_t>(2) == file_fd; });
  ASSERT_NE(write_x, nullptr);
  EXPECT_EQ(write_x->param_int<int64_t>(0), int64_t(payload.size()));
  EXPECT_EQ(write_x->param(1), payload);
  ASSERT_NE(find_event(child_events, PPME_SYSCALL_WRITE_E), nullptr);
  const Event* read_x = find_event(child_events, PPME_SYSCALL_READ_X,
                                   [&](const Event& e) { return e.param_int<int64_t>(2) == file_fd; });
  ASSERT_NE(read_x, nullptr);
  EXPECT_EQ(read_x->param(1), payload);
  EXPECT_EQ(read_x->param_int<uint32_t>(3), 128u);

  const Event* close_x = find_event(child_events, PPME_SYSCALL_CLOSE_X,
                                    [&](const Event& e) { return e.param_int<int64_t>(1) == file_fd; });
  ASSERT_NE(close_x, nullptr);
  EXPECT_EQ(close_x->param_int<int64_t>(0), 0);

  // rename and unlink, whichever flavour libc uses.
  const Event* rename_x = find_event(child_events, PPME_SYSCALL_RENAME_X, [&](const Event& e) { return str(e, 2) == renamed; });
  if (!rename_x)
    rename_x = find_event(child_events, PPME_SYSCALL_RENAMEAT2_X, [&](const Event& e) { return str(e, 4) == renamed; });
  if (!rename_x)
    rename_x = find_event(child_events, PPME_SYSCALL_RENAMEAT_X, [&](const Event& e) { return str(e, 4) == renamed; });
  ASSERT_NE(rename_x, nullptr);
  const Event* unlink_x = find_event(child_events, PPME_SYSCALL_UNLINK_2_X, [&](const Event& e) { return str(e, 1) == renamed; });
  if (!unlink_x)
    unlink_x = find_event(child_events, PPME_SYSCALL_UNLINKAT_2_X, [&](const Event& e) { return str(e, 2) == renamed; });
  ASSERT_NE(unlink_x, nullptr);
  EXPECT_EQ(unlink_x->param_int<int64_t>(0), 0);

  // TCP: connect's tuple, accept's tuple, the bytes sent and received.
  auto inet_tuple = [](std::string_view t, uint16_t* sport, uint16_t* dport) {
    if (t.size() != 13 || t[0] != 2) return false;
    uint16_t s, d;
    std::memcpy(&s, t.data() + 5, 2);
    std::memcpy(&d, t.data() + 11, 2);
    *sport = s;
    *dport = d;
    return std::memcmp(t.data() + 1, "\x7f\0\0\x01", 4) == 0 && std::memcmp(t.data() + 7, "\x7f\0\0\x01", 4) == 0;
  };
  const Event* connect_x = find_event(child_events, PPME_SOCKET_CONNECT_X);
  ASSERT_NE(connect_x, nullptr);
  EXPECT_EQ(connect_x->param_int<int64_t>(0), 0);
  uint16_t csport = 0, cdport = 0;
  ASSERT_TRUE(inet_tuple(connect_x->param(1), &csport, &cdport));
  EXPECT_EQ(cdport, port);
  std::string_view sa = connect_x->param(3);
  ASSERT_EQ(sa.size(), 7u);
  EXPECT_EQ(sa[0], 2);
  ASSERT_NE(find_event(child_events, PPME_SOCKET_CONNECT_E), nullptr);

  const Event* accept_x = find_event(child_events, PPME_SOCKET_ACCEPT_5_X);
  if (!accept_x) accept_x = find_event(child_events, PPME_SOCKET_ACCEPT4_6_X);
  ASSERT_NE(accept_x, nullptr);
  EXPECT_GE(accept_x->param_int<int64_t>(0), 0);
  uint16_t asport = 0, adport = 0;
  ASSERT_TRUE(inet_tuple(accept_x->param(1), &asport, &adport));
  EXPECT_EQ(asport, csport);  // client -> server
  EXPECT_EQ(adport, port);

  const Event* sendto_x = find_event(child_events, PPME_SOCKET_SENDTO_X);
  ASSERT_NE(sendto_x, nullptr);
  EXPECT_EQ(sendto_x->param(1), "ping");
  const Event* recvfrom_x = find_event(child_events, PPME_SOCKET_RECVFROM_X);
  ASSERT_NE(recvfrom_x, nullptr);
  EXPECT_EQ(recvfrom_x->param(1), "ping");
  ASSERT_NE(find_event(child_events, PPME_SOCKET_SOCKET_X), nullptr);
  ASSERT_NE(find_event(child_events, PPME_SOCKET_BIND_X), nullptr);
  ASSERT_NE(find_event(child_events, PPME_SOCKET_LISTEN_X), nullptr);

  // fork: the child's own clone exit (res 0), and the parent's with the grandchild's pid.
  auto is_clone_x = [](uint16_t t) {
    return t == PPME_SYSCALL_CLONE_20_X || t == PPME_SYSCALL_CLONE3_X || t == PPME_SYSCALL_FORK_20_X;
  };
  bool child_side = false, parent_side = false;
  for (const auto* c : child_events)
    if (is_clone_x(c->event.type) && c->event.param_int<int64_t>(0) == 0) child_side = true;
  for (const auto* c : child_events)
    if (is_clone_x(c->event.type) && c->event.param_int<int64_t>(0) == grandchild) parent_side = true;
  EXPECT_TRUE(child_side);
  EXPECT_TRUE(parent_side);
  for (const auto* c : grandchild_events) {
    if (is_clone_x(c->event.type)) {
      EXPECT_EQ(c->event.param_int<int64_t>(0), 0);
      EXPECT_EQ(c->event.param_int<int64_t>(3), grandchild);  // tid
      EXPECT_EQ(c->event.param_int<int64_t>(5), child);       // ptid
    }
  }

  // execve: enter with the filename, exit with exe, args, pids, comm, cwd.
  const Event* exec_e = find_event(grandchild_events, PPME_SYSCALL_EXECVE_19_E);
  ASSERT_NE(exec_e, nullptr);
  EXPECT_EQ(str(*exec_e, 0), "/bin/true");
  const Event* exec_x = find_event(grandchild_events, PPME_SYSCALL_EXECVE_19_X);
  ASSERT_NE(exec_x, nullptr);
  EXPECT_EQ(exec_x->param_int<int64_t>(0), 0);
  EXPECT_EQ(str(*exec_x, 1), "/bin/true");
  EXPECT_EQ(exec_x->param(2), std::string_view("--sysray-test-arg\0second\0", 25));
  EXPECT_EQ(exec_x->param_int<int64_t>(3), grandchild);
  EXPECT_EQ(exec_x->param_int<int64_t>(4), grandchild);
  EXPECT_EQ(exec_x->param_int<int64_t>(5), child);
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof cwd), nullptr);
  EXPECT_EQ(str(*exec_x, 6), cwd);
  EXPECT_EQ(str(*exec_x, 13), "true");
  EXPECT_EQ(str(*exec_x, 30), "/bin/true");  // filename
  EXPECT_FALSE(str(*exec_x, 27).empty());    // trusted_exepath

  // procexit for both processes.
  const Event* exit_child = find_event(child_events, PPME_PROCEXIT_1_E);
  ASSERT_NE(exit_child, nullptr);
  EXPECT_EQ(exit_child->param_int<int64_t>(1), 0);  // exit status
  ASSERT_NE(find_event(grandchild_events, PPME_PROCEXIT_1_E), nullptr);

  // Enter and exit come in pairs, in timestamp order across CPUs.
  uint64_t last_ts = 0;
  for (const auto* c : child_events) {
    EXPECT_GE(c->event.ts, last_ts);
    last_ts = c->event.ts;
  }
  // Events are stamped with wall-clock time.
  auto now_ns = uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count());
  EXPECT_LT(now_ns - open_x->ts, 60ull * 1000000000ull);

  SourceStats stats = capture.source().stats();
  EXPECT_GT(stats.events, 0u);
}

TEST_F(LiveCapture, SelfIsExcluded) {
  Capture capture;
  capture.start();
  for (int i = 0; i < 100; i++) getppid();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  capture.stop();
  // Its syscalls are hidden; its procinfo events are not, as in sysdig
  // (topprocs_cpu shows the tracer's own CPU).
  for (const auto* e : capture.of_threads({int64_t(getpid())})) EXPECT_EQ(e->event.type, PPME_PROCINFO_E);
}

TEST_F(LiveCapture, FullBuffersAreCountedAsDrops) {
  LiveOptions options;
  options.buffer_bytes_per_cpu = 4096;  // one page per CPU
  options.scan_proc = false;
  LiveSource source(options);
  State state;
  source.open(state);
  // Nobody reads while a child storms syscalls: the rings fill up.
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    for (int i = 0; i < 200000; i++) getppid();
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  source.stop();
  Event ev;
  uint64_t drained = 0;
  while (source.next(ev)) drained++;
  SourceStats stats = source.stats();
  EXPECT_GT(stats.drops, 0u);
  EXPECT_GT(drained, 0u);
  EXPECT_GE(stats.events, drained + stats.drops);
}

}  // namespace
}  // namespace sysray
