// Every chisel shipped in chisels/ runs live: it starts, runs about a
// second against a small workload (a shell that runs commands, reads and
// writes files and talks over localhost TCP), ends on -M or SIGINT with
// exit 0 and no Lua error. The chisels that printed nothing are listed:
// with so little traffic some have nothing to say.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "live_cli_support.h"
#include "live_test_support.h"

namespace sysray {
namespace {

using namespace std::chrono_literals;
using testing::SysrayProcess;

// Arguments for the chisels that need some (sysdig's own examples).
const std::map<std::string, std::vector<std::string>> kArgs = {
    {"fdbytes_by", {"proc.name"}}, {"fdcount_by", {"proc.name"}}, {"fdtime_by", {"proc.name"}},
    {"fileslower", {"0"}},         {"netlower", {"0"}},           {"scallslower", {"0"}},
    {"spy_ip", {"127.0.0.1"}},     {"spy_port", {"80"}},
};

// A shell loop with files, commands, and a TCP exchange on localhost when
// a tool for it is there.
pid_t start_workload(const std::string& dir) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string script = "cd " + dir +
                         " && while :; do echo data > f; cat < f > /dev/null; ls > /dev/null; "
                         "(exec 3<>/dev/tcp/127.0.0.1/22 && echo hi >&3) 2>/dev/null; sleep 0.05; done";
    execl("/bin/bash", "bash", "-c", script.c_str(), nullptr);
    _exit(127);
  }
  return pid;
}

// True once the process holds a BPF link (the probe is attached), or has
// already ended (a snapshot chisel such as netstat may end on its own
// before its batch-mates attach).
bool attached_or_ended(pid_t pid, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string proc = "/proc/" + std::to_string(pid);
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    for (const auto& fd : std::filesystem::directory_iterator(proc + "/fd", ec))
      if (std::filesystem::read_symlink(fd.path(), ec).string() == "anon_inode:bpf_link") return true;
    // A zombie: "pid (comm) Z ...".
    const std::string stat = test::read_file(proc + "/stat");
    const size_t paren = stat.rfind(')');
    if (paren != std::string::npos && stat.compare(paren, 3, ") Z") == 0) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

std::vector<std::string> shipped_chisels() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SYSRAY_SOURCE_DIR) + "/chisels")) {
    std::string name = entry.path().stem().string();
    // sr_* are modules the chisels require, not chisels.
    if (entry.path().extension() == ".lua" && name.rfind("sr_", 0) != 0) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ChiselLiveSmoke, EveryShippedChiselRunsAndEndsCleanly) {
  std::string skip = testing::live_skip_reason();
  if (!skip.empty()) GTEST_SKIP() << skip;
  char tmpl[] = "/tmp/sysray-chisel-smoke-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  pid_t workload = start_workload(dir);
  ASSERT_GT(workload, 0);
  std::vector<std::string> names = shipped_chisels();
  ASSERT_GE(names.size(), 30u);
  std::vector<std::string> silent;
  // A few chisels at a time, each in its own sysray: one by one, loading
  // the probe 35 times took minutes. Each capture sees the others' syscalls
  // too, which only gives the chisels more to show.
  constexpr size_t kBatch = 5;
  for (size_t first = 0; first < names.size(); first += kBatch) {
    const size_t last = std::min(names.size(), first + kBatch);
    std::vector<std::unique_ptr<SysrayProcess>> running;
    for (size_t i = first; i < last; i++) {
      std::vector<std::string> args = {"-c", names[i]};
      auto extra = kArgs.find(names[i]);
      if (extra != kArgs.end()) args.insert(args.end(), extra->second.begin(), extra->second.end());
      // Half end on -M 1 (a second of events), half on SIGINT.
      if (i % 2 == 0) args.insert(args.begin(), {"-M", "1"});
      running.push_back(std::make_unique<SysrayProcess>(args));
    }
    for (size_t i = first; i < last; i++) {
      if (i % 2 == 0) continue;
      // Table chisels print live only once a second: let the capture run
      // past a second boundary after the probe attached.
      EXPECT_TRUE(attached_or_ended(running[i - first]->pid(), 60s)) << names[i];
    }
    std::this_thread::sleep_for(1500ms);
    for (size_t i = first; i < last; i++)
      if (i % 2 == 1) running[i - first]->send(SIGINT);
    for (size_t i = first; i < last; i++) {
      const std::string& name = names[i];
      test::RunResult r = running[i - first]->finish(60s);
      EXPECT_EQ(r.status, 0) << name << ": " << r.err;
      for (const char* bad : {".lua:", "attempt to", "stack traceback", "error"})
        EXPECT_EQ(r.err.find(bad), std::string::npos) << name << ": " << r.err;
      if (r.out.find_first_not_of(" \n-") == std::string::npos) silent.push_back(name);
    }
  }
  kill(workload, SIGKILL);
  waitpid(workload, nullptr, 0);
  std::filesystem::remove_all(dir);
  std::cout << "chisels that printed nothing live:";
  for (const std::string& name : silent) std::cout << " " << name;
  std::cout << "\n";
}

}  // namespace
}  // namespace sysray
