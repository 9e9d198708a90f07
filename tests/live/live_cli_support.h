// Running the built sysray binary live from a test: start it, watch its
// stdout while it runs, signal it, collect what it printed and its exit
// status. And the known workload (workload/live_workload.c), copied under
// a unique name so that a filter on proc.name finds only it.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/run_sysray.h"

namespace sysray::testing {

// sysray running in the background. A thread drains its stdout so that it
// never blocks on a full pipe (unless asked not to); stderr goes to a temp
// file.
class SysrayProcess {
 public:
  enum class Stdout { Drained, LeftFull };

  // `in_child` runs in the forked child just before exec (drop privileges,
  // unshare, ...); if it returns false the child exits with status 126.
  explicit SysrayProcess(const std::vector<std::string>& args, std::function<bool()> in_child = nullptr,
                         Stdout stdout_mode = Stdout::Drained) {
    char err_path[] = "/tmp/sysray-live-err-XXXXXX";
    err_fd_ = mkstemp(err_path);
    unlink(err_path);
    int out[2];
    if (err_fd_ < 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      dup2(err_fd_, 2);
      close(out[0]);
      if (in_child && !in_child()) _exit(126);
      std::vector<std::string> words = args;
      std::string binary = SYSRAY_BINARY;
      std::vector<char*> argv{binary.data()};
      for (auto& w : words) argv.push_back(w.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    if (stdout_mode == Stdout::LeftFull) {
      undrained_fd_ = out[0];
      return;
    }
    reader_ = std::thread([this, fd = out[0]] {
      char buf[65536];
      ssize_t n;
      while ((n = read(fd, buf, sizeof buf)) > 0) {
        std::lock_guard lock(mutex_);
        out_.append(buf, size_t(n));
        changed_.notify_all();
      }
      close(fd);
      std::lock_guard lock(mutex_);
      eof_ = true;
      changed_.notify_all();
    });
  }
  ~SysrayProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (reader_.joinable()) reader_.join();
    if (err_fd_ >= 0) close(err_fd_);
    if (undrained_fd_ >= 0) close(undrained_fd_);
  }
  SysrayProcess(const SysrayProcess&) = delete;
  SysrayProcess& operator=(const SysrayProcess&) = delete;

  pid_t pid() const { return pid_; }

  // True once stdout holds `needle`; false at the timeout or at EOF.
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return out_.find(needle) != std::string::npos || eof_; }) &&
           out_.find(needle) != std::string::npos;
  }

  void send(int sig) { kill(pid_, sig); }

  // What it has printed so far.
  std::string output_so_far() {
    std::lock_guard lock(mutex_);
    return out_;
  }

  // Stdout::LeftFull: true once the pipe is (nearly) full, so that sysray
  // must be blocked writing to it. A pipe's pages fill only partly when a
  // write does not fit the last one, so sysray may block well below the
  // capacity: asleep in write(1, ...) counts as full too.
  bool stdout_full() const {
    int pending = 0, capacity = fcntl(undrained_fd_, F_GETPIPE_SZ);
    if (ioctl(undrained_fd_, FIONREAD, &pending) == 0 && capacity > 0 && pending >= capacity - 4096) return true;
    std::ifstream syscall("/proc/" + std::to_string(pid_) + "/syscall");  // "<nr> <arg0> ..." while blocked
    std::string nr, fd;
    return syscall >> nr >> fd && nr == "1" && fd == "0x1";
  }

  // True while the process has not exited (it is not reaped here).
  bool running() const {
    siginfo_t info{};
    return waitid(P_PID, id_t(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
  }

  // Waits for sysray to exit (SIGKILL after `timeout`, status -1 then).
  test::RunResult finish(std::chrono::seconds timeout) {
    test::RunResult r;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    reaped_ = true;
    if (reader_.joinable()) reader_.join();
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = out_;
    lseek(err_fd_, 0, SEEK_SET);
    char buf[4096];
    ssize_t n;
    while ((n = read(err_fd_, buf, sizeof buf)) > 0) r.err.append(buf, size_t(n));
    return r;
  }

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  int undrained_fd_ = -1;  // stdout's read end, never read (Stdout::LeftFull)
  bool reaped_ = false;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string out_;
  bool eof_ = false;
};

// A scratch folder and the workload copied into it as `name` (a comm no
// other process on the machine has).
struct Workload {
  std::string dir;
  std::string name;
  std::string path;

  Workload() {
    char tmpl[] = "/tmp/sysray-live-cli-XXXXXX";
    dir = mkdtemp(tmpl);
    chmod(dir.c_str(), 0755);
    name = "srwl" + std::to_string(getpid() % 100000) + std::to_string(std::rand() % 100);
    path = dir + "/" + name;
    std::filesystem::copy_file(SYSRAY_LIVE_WORKLOAD, path);
    chmod(path.c_str(), 0755);
  }
  ~Workload() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // Starts it with `args`; its own output is thrown away.
  pid_t start(const std::vector<std::string>& args) const {
    pid_t pid = fork();
    if (pid == 0) {
      int null = open("/dev/null", O_RDWR);
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
      std::vector<std::string> words = args;
      std::vector<char*> argv{const_cast<char*>(name.c_str())};
      for (auto& w : words) argv.push_back(w.data());
      argv.push_back(nullptr);
      execv(path.c_str(), argv.data());
      _exit(127);
    }
    return pid;
  }

  // Lets it past its wait for <dir>/go.
  void go() const {
    int fd = open((dir + "/go").c_str(), O_CREAT | O_WRONLY, 0644);
    if (fd >= 0) close(fd);
  }

  std::string go_path() const { return dir + "/go"; }
};

// Exit status of a child, -1 if it did not exit normally.
inline int wait_exit_status(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, sep)) parts.push_back(part);
  return parts;
}

}  // namespace sysray::testing
