// Shared pieces of the hardening tests: a small tmpfs to fill, sysray's
// memory sampled while it runs, a big capture to write from, and a sysray
// whose stdout is read slowly (or not kept) so that a long storm neither
// fills the test's memory nor lets sysray print at full speed.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/run_sysray.h"

namespace sysray::hardening {

using namespace std::chrono_literals;
using test::lines_of;

inline const std::string kTraces = std::string(SYSRAY_SHARED_DIR) + "/traces/";

// A tmpfs of `bytes` mounted on a fresh folder, unmounted and removed at
// the end (lazily: a process killed in the test may still hold a file).
class Tmpfs {
 public:
  explicit Tmpfs(size_t bytes) {
    char tmpl[] = "/tmp/sysray-tmpfs-XXXXXX";
    if (!mkdtemp(tmpl)) return;
    dir_ = tmpl;
    const std::string opts = "size=" + std::to_string(bytes) + ",mode=0700";
    mounted_ = mount("tmpfs", dir_.c_str(), "tmpfs", 0, opts.c_str()) == 0;
  }
  ~Tmpfs() {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
    if (!dir_.empty()) rmdir(dir_.c_str());
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  bool mounted() const { return mounted_; }
  // Fills the file system but `leave` bytes (or as near as a page allows).
  bool fill_but(uint64_t leave) const {
    struct statvfs fs {};
    if (statvfs(dir_.c_str(), &fs) != 0) return false;
    const uint64_t free_bytes = uint64_t(fs.f_bavail) * fs.f_frsize;
    if (free_bytes <= leave) return true;
    const int fd = open(file("filler").c_str(), O_WRONLY | O_CREAT, 0600);
    if (fd < 0) return false;
    const bool ok = posix_fallocate(fd, 0, off_t(free_bytes - leave)) == 0;
    close(fd);
    return ok;
  }
  std::string file(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
  bool mounted_ = false;
};

// A scratch folder on the real disk.
class Scratch {
 public:
  Scratch() {
    char tmpl[] = "/tmp/sysray-hardening-XXXXXX";
    dir_ = mkdtemp(tmpl);
    chmod(dir_.c_str(), 0755);
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& dir() const { return dir_; }
  std::string file(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

// curl_google repeated `copies` times (tools/scapgrow.py), or "" if that failed.
inline std::string grown_capture(const Scratch& dir, int copies) {
  const std::string plain = dir.file("plain.scap"), big = dir.file("big.scap");
  const std::string cmd = "gzip -dcf '" + kTraces + "curl_google.scap' > '" + plain + "' && python3 '" +
                          std::string(SYSRAY_SHARED_DIR) + "/tools/scapgrow.py' '" + plain + "' '" + big + "' " +
                          std::to_string(copies) + " >/dev/null";
  return std::system(cmd.c_str()) == 0 ? big : "";
}

inline uint64_t file_size(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : uint64_t(size);
}

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

// sysray started with `args`; its stdout is read by a thread at most
// `bytes_per_ms` bytes per millisecond (0: as fast as it comes) and only
// its last 1 MiB kept; stderr goes to a file. Its VmRSS is sampled every
// 100 ms.
class Sysray {
 public:
  explicit Sysray(const std::vector<std::string>& args, size_t bytes_per_ms = 0) {
    char err_path[] = "/tmp/sysray-hardening-err-XXXXXX";
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
      std::vector<std::string> words = args;
      std::string binary = SYSRAY_BINARY;
      std::vector<char*> argv{binary.data()};
      for (auto& w : words) argv.push_back(w.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    reader_ = std::thread([this, fd = out[0], bytes_per_ms] {
      char buf[4096];
      const size_t chunk = bytes_per_ms ? std::min(sizeof buf, bytes_per_ms) : sizeof buf;
      ssize_t n;
      while ((n = read(fd, buf, chunk)) > 0) {
        {
          std::lock_guard lock(mu_);
          out_.append(buf, size_t(n));
          if (out_.size() > (2u << 20)) out_.erase(0, out_.size() - (1u << 20));
          out_bytes_ += uint64_t(n);
        }
        if (bytes_per_ms) std::this_thread::sleep_for(1ms);
      }
      close(fd);
    });
    sampler_ = std::thread([this] {
      while (!done_) {
        const uint64_t rss = status_kib(pid_, "VmRSS");
        if (rss) {
          std::lock_guard lock(mu_);
          rss_kib_.push_back(rss);
        }
        std::this_thread::sleep_for(100ms);
      }
    });
  }
  ~Sysray() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    done_ = true;
    if (reader_.joinable()) reader_.join();
    if (sampler_.joinable()) sampler_.join();
    if (err_fd_ >= 0) close(err_fd_);
  }
  Sysray(const Sysray&) = delete;
  Sysray& operator=(const Sysray&) = delete;

  pid_t pid() const { return pid_; }
  void send(int sig) const { kill(pid_, sig); }
  uint64_t out_bytes() {
    std::lock_guard lock(mu_);
    return out_bytes_;
  }
  // True once stdout has printed `needle` (in its last MiB).
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      {
        std::lock_guard lock(mu_);
        if (out_.find(needle) != std::string::npos) return true;
      }
      if (!running()) return false;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  bool running() const { return !reaped_ && kill(pid_, 0) == 0 && !exited(); }
  std::vector<uint64_t> rss_samples_kib() {
    std::lock_guard lock(mu_);
    return rss_kib_;
  }
  // The peak resident size, read from the kernel before it exits.
  uint64_t hwm_kib() const { return status_kib(pid_, "VmHWM"); }

  // Waits for the exit (SIGKILL after `timeout`: status -1). `signaled`
  // receives the signal that ended it, if any.
  test::RunResult finish(std::chrono::seconds timeout, int* signaled = nullptr) {
    test::RunResult r;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
    reaped_ = true;
    done_ = true;
    if (reader_.joinable()) reader_.join();
    if (sampler_.joinable()) sampler_.join();
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (signaled) *signaled = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    r.out = out_;
    lseek(err_fd_, 0, SEEK_SET);
    char buf[4096];
    ssize_t n;
    while ((n = read(err_fd_, buf, sizeof buf)) > 0) r.err.append(buf, size_t(n));
    return r;
  }

 private:
  bool exited() const {
    siginfo_t info{};
    return !(waitid(P_PID, id_t(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0);
  }

  pid_t pid_ = -1;
  int err_fd_ = -1;
  bool reaped_ = false;
  std::atomic<bool> done_{false};
  std::thread reader_, sampler_;
  std::mutex mu_;
  std::string out_;
  uint64_t out_bytes_ = 0;
  std::vector<uint64_t> rss_kib_;
};

inline size_t count_lines(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

// Runs `argv` as a child with its output thrown away; returns its pid.
inline pid_t spawn_quiet(const std::vector<std::string>& argv) {
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
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

inline int wait_status(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits for sysray to write its initial state (the size stops changing),
// then runs find over /usr until `path` has grown `bytes` more: event
// blocks are on disk (a live block is written at least every 5 s).
inline bool grow_live_file(Sysray& sysray, const std::string& path, uint64_t bytes) {
  const auto deadline = std::chrono::steady_clock::now() + 40s;
  uint64_t initial = 0;
  while (sysray.running() && std::chrono::steady_clock::now() < deadline) {
    const uint64_t now = file_size(path);
    if (now > 0 && now == initial) break;
    initial = now;
    std::this_thread::sleep_for(500ms);
  }
  while (file_size(path) <= initial + bytes && sysray.running() && std::chrono::steady_clock::now() < deadline)
    wait_status(spawn_quiet({"/usr/bin/find", "/usr", "-maxdepth", "3"}));
  return file_size(path) > initial + bytes;
}

}  // namespace sysray::hardening
