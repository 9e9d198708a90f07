// Runs tests/live/workload/syscall_workload.c under the probe and checks
// what was decoded: every syscall it calls gives the enter and exit events
// of its own (the ids tools/gen_syscall_map.py derives from the table),
// every parameter has its type's width, and key values are the workload's
// arguments.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "live/probe_programs.h"
#include "live_test_support.h"

namespace sysray {
namespace {

using testing::Capture;
using testing::CapturedEvent;

// Width of a fixed-size parameter type, 0 for variable-size ones.
size_t fixed_width(ParamType t) {
  switch (t) {
    case ParamType::INT8: case ParamType::UINT8: case ParamType::FLAGS8: case ParamType::ENUMFLAGS8:
    case ParamType::SIGTYPE:
      return 1;
    case ParamType::INT16: case ParamType::UINT16: case ParamType::FLAGS16: case ParamType::ENUMFLAGS16:
    case ParamType::SYSCALLID: case ParamType::PORT:
      return 2;
    case ParamType::INT32: case ParamType::UINT32: case ParamType::FLAGS32: case ParamType::ENUMFLAGS32:
    case ParamType::UID: case ParamType::GID: case ParamType::MODE: case ParamType::SIGSET:
      return 4;
    case ParamType::INT64: case ParamType::UINT64: case ParamType::ERRNO: case ParamType::FD:
    case ParamType::PID: case ParamType::RELTIME: case ParamType::ABSTIME:
      return 8;
    default:
      return 0;
  }
}

// Every parameter of `e` as long as its type says, or empty where sysdig's
// probe leaves a value out (prctl's arg2_int for names); FDLIST: a count,
// then 10 bytes per fd.
void expect_well_formed(const Event& e) {
  const EventInfo& info = e.info();
  ASSERT_EQ(e.nparams, info.nparams) << info.name;
  uint32_t end = e.nparams ? e.param_offset[e.nparams - 1] + e.param_length[e.nparams - 1] : uint32_t(kEventHeaderSize);
  ASSERT_EQ(end, e.raw_len) << info.name;
  for (uint32_t i = 0; i < e.nparams; i++) {
    ParamType t = info.params[i].type;
    if (size_t w = fixed_width(t); w && e.param_length[i] != 0) {
      EXPECT_EQ(e.param_length[i], w) << info.name << "." << info.params[i].name; }
    if (t == ParamType::FDLIST) {
      ASSERT_GE(e.param_length[i], 2u) << info.name;
      uint16_t count = load_le<uint16_t>(e.raw + e.param_offset[i]);
      EXPECT_EQ(e.param_length[i], 2u + 10u * count) << info.name;
    }
  }
}

// The syscalls the workload calls directly (each with its own event).
const char* const kWorkloadSyscalls[] = {
    // decoded since issue 4
    "creat", "write", "pwrite64", "writev", "close", "open", "read", "pread64", "readv", "dup", "dup2", "dup3",
    "openat", "openat2", "pipe", "pipe2", "rename", "renameat", "renameat2", "unlink", "mkdir", "rmdir",
    "mkdirat", "fchdir", "chdir", "unlinkat", "kill", "tkill", "tgkill", "socket", "bind", "connect", "sendto",
    "recvfrom", "sendmsg", "recvmsg", "shutdown", "socketpair", "listen", "accept", "accept4", "fork", "vfork",
    "clone", "clone3", "execve",
    // decoded since issue 5
    "stat", "lstat", "fstat", "newfstatat", "lseek", "fcntl", "flock", "access", "chmod", "fchmod", "fchmodat",
    "chown", "lchown", "fchown", "fchownat", "link", "linkat", "symlink", "symlinkat", "mknod", "mknodat",
    "getcwd", "pwritev", "preadv", "sendfile", "copy_file_range", "ioctl", "splice", "getdents64", "getdents",
    "close_range", "open_by_handle_at", "mount", "umount2", "chroot", "fsconfig", "quotactl",
    "mmap", "mprotect", "mlock", "munlock", "mlock2", "munlockall", "munmap", "brk", "process_vm_readv",
    "process_vm_writev", "futex", "poll", "ppoll", "select", "nanosleep", "epoll_create1", "epoll_wait",
    "epoll_create", "eventfd2", "eventfd", "signalfd4", "signalfd", "timerfd_create", "inotify_init1",
    "inotify_init", "memfd_create", "userfaultfd", "pidfd_open", "pidfd_getfd", "getsockname", "getpeername",
    "setsockopt", "getsockopt", "sendmmsg", "recvmmsg", "getrlimit", "setrlimit", "prlimit64", "getuid",
    "geteuid", "getgid", "getegid", "getresuid", "getresgid", "setuid", "setgid", "setreuid", "setregid",
    "setresuid", "setresgid", "setpgid", "setsid", "capset", "prctl", "unshare", "setns", "seccomp", "ptrace",
    "bpf", "io_uring_setup", "io_uring_enter", "io_uring_register", "init_module", "finit_module",
    "delete_module", "keyctl", "semget", "semop", "semctl", "execveat",
};

class SyscallWorkload : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!testing::live_skip_reason().empty()) return;
    dir_ = "/tmp/sysray_wl_" + std::to_string(getpid());
    std::filesystem::create_directories(dir_);
    capture_ = new Capture();
    capture_->start();
    pid_t child = fork();
    if (child == 0) {
      execl(SYSRAY_SYSCALL_WORKLOAD, "sysray_syscall_workload", dir_.c_str(), nullptr);
      _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    exit_status_ = status;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    capture_->stop();
    // The workload and the children it forks (the parent sees their tids
    // as the result of its clone-family exits).
    std::vector<int64_t> tids = {child};
    for (const auto* c : capture_->of_threads({child})) {
      uint16_t t = c->event.type;
      bool clone_exit = t == PPME_SYSCALL_CLONE_20_X || t == PPME_SYSCALL_FORK_20_X ||
                        t == PPME_SYSCALL_VFORK_20_X || t == PPME_SYSCALL_CLONE3_X;
      if (clone_exit && c->event.param_int<int64_t>(0) > 0) tids.push_back(c->event.param_int<int64_t>(0));
    }
    events_ = capture_->of_threads(tids);
    std::filesystem::remove_all(dir_);
  }
  static void TearDownTestSuite() {
    delete capture_;
    capture_ = nullptr;
  }
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
    ASSERT_EQ(capture_->error(), "");
    ASSERT_TRUE(WIFEXITED(exit_status_) && WEXITSTATUS(exit_status_) == 0) << "the workload failed: " << exit_status_;
  }

  // The first event of `type` that satisfies `pred`, or a test failure.
  static const Event* find(uint16_t type, const std::function<bool(const Event&)>& pred = nullptr) {
    const Event* e = testing::find_event(events_, type, pred);
    EXPECT_NE(e, nullptr) << "no " << event_info(type).name << " event (" << type << ")";
    return e;
  }
  static std::string path(const char* name) { return dir_ + "/" + name; }

  static inline std::string dir_;
  static inline Capture* capture_ = nullptr;
  static inline int exit_status_ = 0;
  static inline std::vector<const CapturedEvent*> events_;
};

TEST_F(SyscallWorkload, EverySyscallGivesItsOwnEvents) {
  std::map<std::string, SpecificSyscall> by_name;
  for (const auto& sc : specific_syscalls()) by_name.emplace(sc.name, sc);
  for (const char* name : kWorkloadSyscalls) {
    auto it = by_name.find(name);
    ASSERT_NE(it, by_name.end()) << name << " has no event of its own";
    const SpecificSyscall& sc = it->second;
    if (sc.enter_event >= 0) {
      EXPECT_TRUE(testing::find_event(events_, uint16_t(sc.enter_event))) << name << ": no enter event"; }
    EXPECT_TRUE(testing::find_event(events_, uint16_t(sc.exit_event))) << name << ": no exit event";
  }
  // No generic events for any of them.
  for (const auto* c : events_) {
    const Event& e = c->event;
    if (e.type != PPME_GENERIC_E && e.type != PPME_GENERIC_X) continue;
    uint16_t native = e.param_int<uint16_t>(1);
    for (const auto& [name, sc] : by_name) EXPECT_NE(native, sc.nr) << name << " came as a generic event";
  }
  // epoll_pwait has no event of its own: it stays generic.
  EXPECT_TRUE(testing::find_event(events_, PPME_GENERIC_E,
                                  [](const Event& e) { return e.param_int<uint16_t>(1) == SYS_epoll_pwait; }));
}

TEST_F(SyscallWorkload, EveryEventIsWellFormed) {
  ASSERT_GT(events_.size(), 200u);
  for (const auto* c : events_) expect_well_formed(c->event);
}

TEST_F(SyscallWorkload, FileParameters) {
  std::string a = path("a"), b = path("b");
  if (auto* e = find(PPME_SYSCALL_LSEEK_X)) {
    EXPECT_EQ(e->param_int<int64_t>(0), 7);
    EXPECT_EQ(e->param_int<uint64_t>(2), 7u);
    EXPECT_EQ(e->param_int<uint8_t>(3), 0);  // SEEK_SET
  }
  if (auto* e = find(PPME_SYSCALL_FCNTL_X, [](const Event& e) { return e.param_int<uint8_t>(2) == 0x1a; })) {
    EXPECT_EQ(e->param_int<int64_t>(0), 50);  // F_DUPFD_CLOEXEC from 50
    EXPECT_EQ(e->param_int<uint64_t>(3), 50u);
  }
  if (auto* e = find(PPME_SYSCALL_ACCESS_X, [&](const Event& e) { return e.param_str(1) == a; })) {
    EXPECT_EQ(e->param_int<uint32_t>(2), 6u);  // R_OK | W_OK
  }
  if (auto* e = find(PPME_SYSCALL_CHMOD_X)) { EXPECT_EQ(e->param_int<uint32_t>(2), 0640u); }
  if (auto* e = find(PPME_SYSCALL_NEWFSTATAT_X, [&](const Event& e) { return e.param_str(2) == a; })) {
    EXPECT_EQ(e->param_int<uint32_t>(3), 0x100u);  // AT_SYMLINK_NOFOLLOW
  }
  if (auto* e = find(PPME_SYSCALL_LINKAT_2_X)) {
    EXPECT_EQ(e->param_int<int64_t>(0), 0);
    EXPECT_EQ(e->param_str(2), a);
    EXPECT_EQ(e->param_str(4), b);
  }
  if (auto* e = find(PPME_SYSCALL_SYMLINKAT_X)) {
    EXPECT_EQ(e->param_str(1), a);
    EXPECT_EQ(e->param_str(3), b);
  }
  if (auto* e = find(PPME_SYSCALL_MKNOD_X)) { EXPECT_EQ(e->param_int<uint32_t>(2), uint32_t(S_IFIFO | 0644)); }
  if (auto* e = find(PPME_SYSCALL_GETCWD_X)) { EXPECT_EQ(e->param_str(1), dir_); }  // the workload chdir'ed there
  if (auto* e = find(PPME_SYSCALL_PWRITEV_X)) {
    EXPECT_EQ(e->param(1), "01234567");
    EXPECT_EQ(e->param_int<uint32_t>(3), 8u);
    EXPECT_EQ(e->param_int<uint64_t>(4), 2u);
  }
  if (auto* e = find(PPME_SYSCALL_COPY_FILE_RANGE_X)) {
    EXPECT_EQ(e->param_int<uint64_t>(2), 12u);  // offout after the copy
    EXPECT_EQ(e->param_int<uint64_t>(4), 4u);   // offin after the copy
    EXPECT_EQ(e->param_int<uint64_t>(5), 4u);
  }
  if (auto* e = find(PPME_SYSCALL_SPLICE_X)) {
    EXPECT_EQ(e->param_int<uint64_t>(3), 3u);
    EXPECT_EQ(e->param_int<uint32_t>(4), 1u);  // SPLICE_F_MOVE
  }
  if (auto* e = find(PPME_SYSCALL_CLOSE_RANGE_X)) {
    EXPECT_EQ(e->param_int<uint32_t>(1), 1000u);
    EXPECT_EQ(e->param_int<uint32_t>(2), 1010u);
  }
  if (auto* e = find(PPME_SYSCALL_MOUNT_X)) {
    EXPECT_EQ(e->param_str(2), "/sysray_nonexistent");
    EXPECT_EQ(e->param_str(3), "tmpfs");
    EXPECT_EQ(e->param_int<uint32_t>(4), 1u);  // MS_RDONLY
  }
  if (auto* e = find(PPME_SYSCALL_UMOUNT2_X)) { EXPECT_EQ(e->param_int<uint32_t>(2), 2u); }  // MNT_DETACH
}

TEST_F(SyscallWorkload, Issue4Parameters) {
  std::string a = path("i4a");
  if (auto* e = find(PPME_SYSCALL_CREAT_X)) { EXPECT_EQ(e->param_str(1), a); }
  if (auto* e = find(PPME_SYSCALL_PWRITE_X)) {
    EXPECT_EQ(e->param(1), "iss");
    EXPECT_EQ(e->param_int<uint64_t>(4), 1u);
  }
  if (auto* e = find(PPME_SYSCALL_DUP2_X)) { EXPECT_EQ(e->param_int<int64_t>(2), 60); }
  if (auto* e = find(PPME_SOCKET_LISTEN_X)) { EXPECT_EQ(e->param_int<int32_t>(2), 4); }
  if (auto* e = find(PPME_SOCKET_SENDTO_X)) { EXPECT_EQ(e->param(1), "dgram"); }
  if (auto* e = find(PPME_SOCKET_RECVFROM_X)) { EXPECT_EQ(e->param(1), "dgram"); }
  if (auto* e = find(PPME_SYSCALL_UNLINKAT_2_X)) { EXPECT_EQ(e->param_int<uint32_t>(3), 0x200u); }  // AT_REMOVEDIR
  // The execve child: the exit carries the new program (comm) and the
  // filename it was given (the last parameter).
  if (auto* e = find(PPME_SYSCALL_EXECVE_19_X, [](const Event& e) { return e.param_str(13) == "true"; })) {
    EXPECT_EQ(e->param_int<int64_t>(0), 0);
    EXPECT_EQ(e->param_str(e->nparams - 1), "/bin/true");
  }
}

TEST_F(SyscallWorkload, MemoryAndWaitParameters) {
  if (auto* e = find(PPME_SYSCALL_MMAP_X, [](const Event& e) { return e.param_int<uint64_t>(5) == 8192; })) {
    EXPECT_EQ(e->param_int<uint32_t>(6), 3u);    // PROT_READ | PROT_WRITE
    EXPECT_EQ(e->param_int<uint32_t>(7), 0xau);  // MAP_PRIVATE | MAP_ANONYMOUS
    EXPECT_EQ(e->param_int<int64_t>(8), -1);
    EXPECT_GT(e->param_int<uint32_t>(1), 0u);  // vm_size
  }
  if (auto* e = find(PPME_SYSCALL_MPROTECT_X)) { EXPECT_EQ(e->param_int<uint32_t>(3), 1u); }
  if (auto* e = find(PPME_SYSCALL_FUTEX_X)) { EXPECT_EQ(e->param_int<uint16_t>(2), 0x81); }  // FUTEX_WAKE|PRIVATE
  if (auto* e = find(PPME_SYSCALL_POLL_X)) {
    std::string_view fds = e->param(1);
    ASSERT_EQ(fds.size(), 22u);
    EXPECT_EQ(load_le<int16_t>(reinterpret_cast<const uint8_t*>(fds.data()) + 10), 1);  // POLLIN returned
    EXPECT_EQ(load_le<int16_t>(reinterpret_cast<const uint8_t*>(fds.data()) + 20), 4);  // POLLOUT returned
  }
  if (auto* e = find(PPME_SYSCALL_NANOSLEEP_E)) { EXPECT_EQ(e->param_int<uint64_t>(0), 1000000u); }
  if (auto* e = find(PPME_SYSCALL_EPOLLWAIT_X)) { EXPECT_EQ(e->param_int<int64_t>(1), 4); }
  if (auto* e = find(PPME_SYSCALL_EVENTFD2_X)) {
    EXPECT_EQ(e->param_int<uint64_t>(2), 5u);
    EXPECT_TRUE(e->param_int<uint16_t>(1) & (1 << 12));  // PPM_O_CLOEXEC
  }
  if (auto* e = find(PPME_SYSCALL_MEMFD_CREATE_X)) {
    EXPECT_EQ(e->param_str(1), "sysray_memfd");
    EXPECT_EQ(e->param_int<uint32_t>(2), 1u);  // MFD_CLOEXEC
  }
  if (auto* e = find(PPME_SYSCALL_SEMOP_X)) {
    EXPECT_EQ(e->param_int<uint32_t>(1), 1u);
    EXPECT_EQ(e->param_int<int16_t>(3), 1);
    EXPECT_EQ(e->param_int<uint16_t>(4), 1u);  // IPC_NOWAIT
  }
}

TEST_F(SyscallWorkload, SocketAndIdentityParameters) {
  if (auto* e = find(PPME_SOCKET_SETSOCKOPT_X)) {
    EXPECT_EQ(e->param_int<uint8_t>(2), 1);  // SOL_SOCKET
    EXPECT_EQ(e->param_int<uint8_t>(3), 8);  // SO_RCVBUF
    std::string_view v = e->param(4);
    ASSERT_EQ(v.size(), 5u);
    EXPECT_EQ(v[0], 2);  // UINT32
    EXPECT_EQ(load_le<uint32_t>(reinterpret_cast<const uint8_t*>(v.data()) + 1), 65536u);
  }
  if (auto* e = find(PPME_SOCKET_GETSOCKOPT_X)) {
    EXPECT_EQ(e->param_int<uint8_t>(3), 3);  // SO_TYPE
    std::string_view v = e->param(4);
    ASSERT_EQ(v.size(), 5u);
    EXPECT_EQ(load_le<uint32_t>(reinterpret_cast<const uint8_t*>(v.data()) + 1), uint32_t(SOCK_DGRAM));
  }
  if (auto* e = find(PPME_SOCKET_SENDMMSG_X)) {
    EXPECT_EQ(e->param_int<uint32_t>(2), 9u);
    EXPECT_EQ(e->param(3), "mmsg-data");
  }
  if (auto* e = find(PPME_SOCKET_RECVMMSG_X)) { EXPECT_EQ(e->param(3), "mmsg-data"); }
  rlimit nofile{};
  getrlimit(RLIMIT_NOFILE, &nofile);
  if (auto* e = find(PPME_SYSCALL_GETRLIMIT_X)) {
    EXPECT_EQ(e->param_int<int64_t>(1), int64_t(nofile.rlim_cur));
    EXPECT_EQ(e->param_int<uint8_t>(3), RLIMIT_NOFILE);
  }
  auto nofile_resource = [](const Event& e) { return e.param_int<uint8_t>(6) == RLIMIT_NOFILE; };
  if (auto* e = find(PPME_SYSCALL_PRLIMIT_X, nofile_resource)) {
    EXPECT_EQ(e->param_int<int64_t>(1), -1);  // no new limit
    EXPECT_EQ(e->param_int<int64_t>(3), int64_t(nofile.rlim_cur));
  }
  if (auto* e = find(PPME_SYSCALL_GETUID_X)) { EXPECT_EQ(e->param_int<uint32_t>(0), getuid()); }
  if (auto* e = find(PPME_SYSCALL_PRCTL_X, [](const Event& e) { return e.param_int<uint32_t>(1) == 15; })) {
    EXPECT_EQ(e->param_str(2), "sysray_wl"); }  // PR_SET_NAME
  if (auto* e = find(PPME_SYSCALL_PTRACE_X)) { EXPECT_EQ(e->param_int<uint16_t>(3), 3); }  // PTRACE_PEEKDATA
  if (auto* e = find(PPME_SYSCALL_IO_URING_SETUP_X); e && e->param_int<int64_t>(0) >= 0) {
    EXPECT_EQ(e->param_int<uint32_t>(1), 4u);
    EXPECT_EQ(e->param_int<uint32_t>(2), 4u);
    EXPECT_EQ(e->param_int<uint32_t>(3), 8u);
  }
  if (auto* e = find(PPME_SYSCALL_EXECVEAT_E)) { EXPECT_EQ(e->param_str(1), "/bin/true"); }
  // A successful execveat comes back through sys_exit as execve: the
  // probe still sends the execveat exit, with the new program's details.
  if (auto* e = find(PPME_SYSCALL_EXECVEAT_X)) {
    EXPECT_EQ(e->param_int<int64_t>(0), 0);
    EXPECT_EQ(e->param_str(13), "true");  // comm
  }
}

}  // namespace
}  // namespace sysray
