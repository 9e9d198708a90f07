// sysray live under load. A syscall storm from 6 processes with small
// rings and a slow reader of sysray's output: drops are counted and
// reported, the capture goes on (an event after the storm is printed),
// memory stays flat. A process storm (thousands of short-lived processes
// and threads, pids coming round again): the thread and fd tables end no
// bigger than what is alive, and the storm's last processes have the
// right names and arguments. Figures go to stdout for docs/RELIABILITY.md;
// bench/process_storm.sh is the one-minute version.
#include <gtest/gtest.h>

#include <dirent.h>

#include <regex>

#include "hardening_support.h"
#include "live/live_test_support.h"

namespace sysray::hardening {
namespace {

using test::RunResult;

class Load : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

uint64_t max_of(const std::vector<uint64_t>& v, size_t from, size_t to) {
  uint64_t m = 0;
  for (size_t i = from; i < to && i < v.size(); i++) m = std::max(m, v[i]);
  return m;
}

// A number after `key` in `text` (sysdig -v's "Driver Drops:123"), or 0.
uint64_t number_after(const std::string& text, const std::string& key) {
  size_t at = text.find(key);
  return at == std::string::npos ? 0 : std::stoull(text.substr(at + key.size()));
}

TEST_F(Load, SyscallStormDropsAreCountedAndCaptureContinues) {
  constexpr int kProcesses = 6;
  constexpr int kSeconds = 8;
  Scratch dir;
  const std::string marker = dir.file("after-the-storm");
  // Every event printed, read at 2 MB/s: sysray cannot keep up.
  Sysray sysray({"--buffer-size", "256K", "-v", "-p", "%evt.num %proc.name %evt.type %fd.name %evt.args"}, 2000);
  ASSERT_TRUE(sysray.wait_for_output(" ", 30s)) << sysray.finish(1s).err;
  std::vector<pid_t> storm;
  for (int i = 0; i < kProcesses; i++)
    storm.push_back(spawn_quiet({SYSRAY_PROCESS_STORM, "syscalls", std::to_string(kSeconds)}));
  for (pid_t pid : storm) EXPECT_EQ(wait_exit_status(pid), 0);
  // After the storm: an open of a path nobody else uses. The rings may
  // still be full of the storm's events for a moment (the reader is slow),
  // and an event that meets a full ring is dropped, rightly: so open it
  // again each second until it shows, for up to a minute.
  bool marker_seen = false;
  for (int attempt = 0; attempt < 60 && !marker_seen; attempt++) {
    wait_exit_status(spawn_quiet({"/bin/cat", marker}));
    marker_seen = sysray.wait_for_output(marker, 1s);
  }
  const uint64_t hwm = sysray.hwm_kib();
  sysray.send(SIGINT);
  RunResult r = sysray.finish(30s);
  std::vector<uint64_t> rss = sysray.rss_samples_kib();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(marker_seen) << "the capture did not go on after the drops";
  const uint64_t events = number_after(r.err, "Driver Events:"), drops = number_after(r.err, "Driver Drops:");
  EXPECT_GT(drops, 0u) << r.err;
  EXPECT_GT(number_after(r.err, "Driver Drops (buffer full):"), 0u) << r.err;
  EXPECT_LE(drops, events);
  // Memory: what sysray holds after the first seconds is all it ever holds.
  ASSERT_GE(rss.size(), 20u);
  const uint64_t early = max_of(rss, 0, 20), late = max_of(rss, rss.size() / 2, rss.size());
  EXPECT_LE(late, early + 8 * 1024) << "RSS grew from " << early << " KiB to " << late << " KiB";
  std::printf("syscall storm: %d processes, %d s; sysray events %llu, drops %llu; RSS first 2 s %llu KiB, "
              "second half %llu KiB, peak (VmHWM) %llu KiB; %s",
              kProcesses, kSeconds, (unsigned long long)events, (unsigned long long)drops,
              (unsigned long long)early, (unsigned long long)late, (unsigned long long)hwm,
              r.err.substr(r.err.find("Elapsed")).c_str());
}

// Threads alive on the machine now.
size_t live_threads() {
  size_t n = 0;
  DIR* proc = opendir("/proc");
  while (dirent* e = proc ? readdir(proc) : nullptr) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    DIR* task = opendir(("/proc/" + std::string(e->d_name) + "/task").c_str());
    while (dirent* t = task ? readdir(task) : nullptr)
      if (t->d_name[0] != '.') n++;
    if (task) closedir(task);
  }
  if (proc) closedir(proc);
  return n;
}

TEST_F(Load, ProcessStormKeepsTablesBoundedAndNamesRight) {
  constexpr int kSeconds = 6;
  Scratch dir;
  for (const char* alias : {"srstorm_a", "srstorm_b"}) {
    std::filesystem::copy_file(SYSRAY_PROCESS_STORM, dir.file(alias));
    chmod(dir.file(alias).c_str(), 0755);
  }
  const std::string chisel = std::string(SYSRAY_SOURCE_DIR) + "/tests/hardening/data/storm_tables.lua";
  Sysray sysray({"-v", "-c", chisel});
  ASSERT_TRUE(sysray.wait_for_output("capture started\n", 30s)) << sysray.finish(1s).err;
  const size_t threads_before = live_threads();
  Scratch out;
  const std::string storm_out = out.file("storm.txt");
  pid_t storm = fork();
  if (storm == 0) {
    int fd = open(storm_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    execl(SYSRAY_PROCESS_STORM, "process_storm", std::to_string(kSeconds).c_str(), dir.dir().c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  ASSERT_EQ(wait_exit_status(storm), 0);
  std::this_thread::sleep_for(1s);
  const size_t threads_after = live_threads();
  const uint64_t hwm = sysray.hwm_kib();
  sysray.send(SIGINT);
  RunResult r = sysray.finish(60s);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string storm_counts = test::read_file(storm_out);
  unsigned long processes = 0, threads = 0, execs = 0;
  ASSERT_EQ(std::sscanf(storm_counts.c_str(), "processes %lu threads %lu execs %lu", &processes, &threads, &execs), 3);

  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("table threads (\\d+) fds (\\d+)"))) << r.out.substr(0, 500);
  const size_t table_threads = std::stoul(m[1]), table_fds = std::stoul(m[2]);
  // The table holds what lives (give or take what started or ended while
  // the capture stopped), not the thousands that came and went.
  EXPECT_LE(table_threads, std::max(threads_before, threads_after) + 50)
      << "alive before " << threads_before << ", after " << threads_after;
  // Names: every kept exit of an exec'd child ("child I") has the name
  // its index gave it, as comm and as argv[0].
  size_t checked = 0;
  for (const std::string& line : lines_of(r.out)) {
    unsigned long index = 0;
    char name[64] = "", exe[64] = "";
    if (std::sscanf(line.c_str(), "exit|%63[^|]|%63[^|]|child %lu|", name, exe, &index) != 3) {
      if (line.rfind("exit|", 0) == 0) ADD_FAILURE() << "unexpected exit line: " << line;
      continue;
    }
    const std::string expected = (index / 8) % 2 == 0 ? "srstorm_a" : "srstorm_b";
    EXPECT_EQ(name, expected) << line;
    EXPECT_EQ(exe, expected) << line;
    checked++;
  }
  EXPECT_GE(checked, 100u) << r.out.substr(0, 2000);
  const uint64_t exits = number_after(r.out, "exits "), drops = number_after(r.err, "Driver Drops:");
  const uint64_t events = number_after(r.err, "Driver Events:");
  std::printf("process storm: %d s, %lu processes (%lu exec'd), %lu threads; sysray events %llu, drops %llu; "
              "child exits seen %llu; table: %zu threads, %zu fds (alive: %zu before, %zu after); "
              "peak RSS (VmHWM) %llu KiB\n",
              kSeconds, processes, execs, threads, (unsigned long long)events, (unsigned long long)drops,
              (unsigned long long)exits, table_threads, table_fds, threads_before, threads_after,
              (unsigned long long)hwm);
}

}  // namespace
}  // namespace sysray::hardening
