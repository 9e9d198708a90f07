// Shared pieces of the hardening tests: a small tmpfs to fill, a big capture
// to write from, and a sysray (support/sysray_process.h) whose memory is
// sampled while it runs and whose stdout is read slowly (or not kept) so
// that a long storm neither fills the test's memory nor lets sysray print
// at full speed.
#pragma once

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/run_sysray.h"
#include "support/sysray_process.h"

namespace sysray::hardening {

using namespace std::chrono_literals;
using test::lines_of;
using test::spawn_quiet;
using test::wait_exit_status;

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

// The hardening tests' sysray: its stdout read by a thread at most
// `bytes_per_ms` bytes per millisecond (0: as fast as it comes) and only its
// last 1 MiB kept, its VmRSS sampled every 100 ms.
class Sysray : public test::SysrayProcess {
 public:
  explicit Sysray(const std::vector<std::string>& args, size_t bytes_per_ms = 0)
      : SysrayProcess(args, options(bytes_per_ms)) {}

 private:
  static Options options(size_t bytes_per_ms) {
    Options options;
    options.bytes_per_ms = bytes_per_ms;
    options.keep_bytes = 1u << 20;
    options.sample_rss = true;
    return options;
  }
};

inline size_t count_lines(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

// Events `path` reads back with (more than 100 means event blocks are on disk).
inline size_t events_on_disk(const std::string& path) {
  return count_lines(test::run_sysray({"-r", path, "-p", "%evt.num"}).out);
}

// Waits for sysray to write its initial state (the size stops changing),
// then runs find over /usr until `path` has grown `bytes` more and reads
// back with events: event blocks are on disk (a live block is written at
// least every 5 s). The size alone can mislead on a loaded machine: a
// pause in writing the state looks like its end.
inline bool grow_live_file(Sysray& sysray, const std::string& path, uint64_t bytes) {
  const auto deadline = std::chrono::steady_clock::now() + 40s;
  uint64_t initial = 0;
  while (sysray.running() && std::chrono::steady_clock::now() < deadline) {
    const uint64_t now = file_size(path);
    if (now > 0 && now == initial) break;
    initial = now;
    std::this_thread::sleep_for(500ms);
  }
  const auto grown = [&] { return file_size(path) > initial + bytes && events_on_disk(path) > 100; };
  while (!grown() && sysray.running() && std::chrono::steady_clock::now() < deadline)
    wait_exit_status(spawn_quiet({"/usr/bin/find", "/usr", "-maxdepth", "3"}));
  return grown();
}

}  // namespace sysray::hardening
