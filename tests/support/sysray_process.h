// The built sysray running in the background, for the tests that watch it
// while it runs (live capture, hardening): start it, read its stdout as it
// comes (or slowly, or not at all), sample its memory, signal it, collect
// what it printed and its exit status. And quiet helper children.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/run_sysray.h"

namespace sysray::test {

// A /proc/PID/status value in KiB ("VmRSS", "VmHWM"), 0 if gone.
inline uint64_t status_kib(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string word;
  while (in >> word) {
    if (word == key + ":") {
      uint64_t kib = 0;
      in >> kib;
      return kib;
    }
  }
  return 0;
}

// Runs `path` as a child with `argv` (argv[0] included) and its stdin,
// stdout and stderr on /dev/null; returns its pid.
inline pid_t spawn_quiet(const std::string& path, const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<std::string> words = argv;
    std::vector<char*> args;
    for (auto& w : words) args.push_back(w.data());
    args.push_back(nullptr);
    execv(path.c_str(), args.data());
    _exit(127);
  }
  return pid;
}

// The same with argv[0] as the path.
inline pid_t spawn_quiet(const std::vector<std::string>& argv) { return spawn_quiet(argv[0], argv); }

// Exit status of a child, -1 if it did not exit normally.
inline int wait_exit_status(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// SYSRAY_BINARY in the background; stderr goes to a temp file.
class SysrayProcess {
 public:
  enum class Stdout {
    Drained,   // a thread reads it, so that sysray never blocks on a full pipe
    LeftFull,  // never read: sysray ends up blocked writing to it
  };
  struct Options {
    // Runs in the forked child just before exec (drop privileges, unshare,
    // ...); if it returns false the child exits with status 126.
    std::function<bool()> in_child;
    Stdout stdout_mode = Stdout::Drained;
    // Drained: read at most this many bytes a millisecond (0: as fast as
    // it comes), so that sysray cannot print at full speed.
    size_t bytes_per_ms = 0;
    // Keep only about the last `keep_bytes` of stdout (0: all of it), so
    // that a long storm does not fill the test's memory.
    size_t keep_bytes = 0;
    // Sample sysray's VmRSS every 100 ms (rss_samples_kib()).
    bool sample_rss = false;
  };

  explicit SysrayProcess(const std::vector<std::string>& args, std::function<bool()> in_child = nullptr,
                         Stdout stdout_mode = Stdout::Drained)
      : SysrayProcess(args, Options{std::move(in_child), stdout_mode}) {}

  SysrayProcess(const std::vector<std::string>& args, Options options) {
    char err_path[] = "/tmp/sysray-process-err-XXXXXX";
    err_fd_ = mkstemp(err_path);
    unlink(err_path);
    int out[2];
    if (err_fd_ < 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      dup2(err_fd_, 2);
      close(out[0]);
      close(out[1]);
      if (options.in_child && !options.in_child()) _exit(126);
      std::vector<std::string> words = args;
      std::string binary = SYSRAY_BINARY;
      std::vector<char*> argv{binary.data()};
      for (auto& w : words) argv.push_back(w.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    if (options.stdout_mode == Stdout::LeftFull) {
      undrained_fd_ = out[0];
    } else {
      reader_ = std::thread([this, fd = out[0], options] { drain(fd, options.bytes_per_ms, options.keep_bytes); });
    }
    if (options.sample_rss) sampler_ = std::thread([this] { sample_rss(); });
  }

  ~SysrayProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    join_threads();
    if (err_fd_ >= 0) close(err_fd_);
    if (undrained_fd_ >= 0) close(undrained_fd_);
  }
  SysrayProcess(const SysrayProcess&) = delete;
  SysrayProcess& operator=(const SysrayProcess&) = delete;

  pid_t pid() const { return pid_; }
  void send(int sig) const { kill(pid_, sig); }

  // True once stdout holds `needle` (in what is kept of it); false at the
  // timeout or at EOF.
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return out_.find(needle) != std::string::npos || eof_; }) &&
           out_.find(needle) != std::string::npos;
  }

  // What it has printed so far (what is kept of it).
  std::string output_so_far() {
    std::lock_guard lock(mutex_);
    return out_;
  }
  // How many bytes it has printed so far, kept or not.
  uint64_t out_bytes() {
    std::lock_guard lock(mutex_);
    return out_bytes_;
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

  // True while the process has not exited.
  bool running() const {
    siginfo_t info{};
    return !reaped_ && waitid(P_PID, id_t(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
  }

  // Options::sample_rss: the VmRSS samples so far.
  std::vector<uint64_t> rss_samples_kib() {
    std::lock_guard lock(mutex_);
    return rss_kib_;
  }
  // The peak resident size, read from the kernel before it exits.
  uint64_t hwm_kib() const { return status_kib(pid_, "VmHWM"); }

  // Waits for sysray to exit (SIGKILL after `timeout`: status -1 then).
  // `signaled` receives the signal that ended it, if any.
  RunResult finish(std::chrono::seconds timeout, int* signaled = nullptr) {
    RunResult r;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    std::string hung;  // where a sysray that had to be killed was stuck
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        hung = where_it_is();
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    reaped_ = true;
    join_threads();
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (signaled) *signaled = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    r.out = out_;
    lseek(err_fd_, 0, SEEK_SET);
    char buf[4096];
    ssize_t n;
    while ((n = read(err_fd_, buf, sizeof buf)) > 0) r.err.append(buf, size_t(n));
    if (!hung.empty()) r.err += "[killed: still running after " + std::to_string(timeout.count()) + " s]\n" + hung;
    return r;
  }

  // Each thread's name, state and kernel stack, and gdb's backtraces when
  // gdb is installed: what a test failure shows of a sysray that hung.
  std::string where_it_is() const {
    const std::string proc = "/proc/" + std::to_string(pid_);
    std::string out;
    for (const auto& task : std::filesystem::directory_iterator(proc + "/task")) {
      const std::string dir = task.path().string();
      out += "thread " + task.path().filename().string() + ": " + read_file(dir + "/stat") + read_file(dir + "/stack");
    }
    if (std::system("command -v gdb >/dev/null 2>&1") == 0) {
      const std::string cmd = "timeout 60 gdb -batch -p " + std::to_string(pid_) +
                              " -ex 'thread apply all bt 20' 2>/dev/null | grep -E '^(Thread|#)'";
      if (FILE* p = popen(cmd.c_str(), "r")) {
        char line[512];
        while (fgets(line, sizeof line, p)) out += line;
        pclose(p);
      }
    }
    return out;
  }

 private:
  void drain(int fd, size_t bytes_per_ms, size_t keep_bytes) {
    char buf[65536];
    const size_t chunk = bytes_per_ms ? std::min(sizeof buf, bytes_per_ms) : sizeof buf;
    ssize_t n;
    while ((n = read(fd, buf, chunk)) > 0) {
      {
        std::lock_guard lock(mutex_);
        out_.append(buf, size_t(n));
        if (keep_bytes && out_.size() > 2 * keep_bytes) out_.erase(0, out_.size() - keep_bytes);
        out_bytes_ += uint64_t(n);
        changed_.notify_all();
      }
      if (bytes_per_ms) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    close(fd);
    std::lock_guard lock(mutex_);
    eof_ = true;
    changed_.notify_all();
  }

  void sample_rss() {
    while (!done_) {
      const uint64_t rss = status_kib(pid_, "VmRSS");
      if (rss) {
        std::lock_guard lock(mutex_);
        rss_kib_.push_back(rss);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  void join_threads() {
    done_ = true;
    if (reader_.joinable()) reader_.join();
    if (sampler_.joinable()) sampler_.join();
  }

  pid_t pid_ = -1;
  int err_fd_ = -1;
  int undrained_fd_ = -1;  // stdout's read end, never read (Stdout::LeftFull)
  bool reaped_ = false;
  std::atomic<bool> done_{false};
  std::thread reader_, sampler_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string out_;
  uint64_t out_bytes_ = 0;
  bool eof_ = false;
  std::vector<uint64_t> rss_kib_;
};

}  // namespace sysray::test
