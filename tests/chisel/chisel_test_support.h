// Helpers for the chisel tests: running sysdig beside sysray, and comparing
// chisel outputs the way sysdig's own runs differ from each other (rows of
// equal value come in Lua hash order).
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "support/run_sysray.h"

namespace sysray::test {

inline const std::string kTraces = std::string(SYSRAY_SHARED_DIR) + "/traces/";
inline const std::string kSysdigChisels = "/usr/share/sysdig/chisels/";

inline std::vector<std::string> trace_names() {
  return {"cat_write", "connect_localhost", "curl_google", "open-multiple-files",
          "ping_sendto", "single_ipv6_conn", "syscall", "test_ipv6_client"};
}

// Finds sysdig on PATH (or the usual places); "" when it is not installed.
inline std::string sysdig_path() {
  for (const char* p : {"/usr/bin/sysdig", "/usr/local/bin/sysdig", "/usr/sbin/sysdig"})
    if (access(p, X_OK) == 0) return p;
  return "";
}

// Runs a program with args, in /tmp (so that no ./chisels directory shadows
// the installed chisels), stdout captured, stderr dropped.
inline RunResult run_program(const std::string& program, const std::vector<std::string>& args) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 2);
    close(out_pipe[0]);
    if (chdir("/tmp") != 0) _exit(126);
    std::vector<std::string> copy = args;
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  RunResult r;
  char buf[65536];
  ssize_t n;
  while ((n = read(out_pipe[0], buf, sizeof buf)) > 0) r.out.append(buf, size_t(n));
  close(out_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// How two outputs of one chisel may differ and still be equal.
enum class Compare {
  Exact,
  // A table: header lines up to the 80-dash rule must be equal; then rows
  // are grouped by value (their first word), groups in the same order; a
  // group's rows compare as a set. When the table is full (row_limit rows)
  // its last group may have been cut anywhere, so only its size and value
  // must agree.
  TopTable,
  // "key<TAB>count" rows sorted by count: the same, value last, no header.
  TabTable,
  // The same lines in any order (tables printed in Lua pairs() order).
  LineSet,
};

// "" when equal under `how`, else what differs.
inline std::string compare_output(const std::string& expected, const std::string& actual, Compare how,
                                  size_t row_limit = 0) {
  if (expected == actual) return "";
  std::vector<std::string> e = lines_of(expected), a = lines_of(actual);
  if (how == Compare::Exact) return "outputs differ";
  if (how == Compare::LineSet) {
    std::sort(e.begin(), e.end());
    std::sort(a.begin(), a.end());
    return e == a ? "" : "different lines";
  }
  size_t body = 0;
  if (how == Compare::TopTable) {
    auto rule = std::find(e.begin(), e.end(), std::string(80, '-'));
    body = rule == e.end() ? 0 : size_t(rule - e.begin()) + 1;
  }
  if (e.size() != a.size()) return "different number of lines";
  for (size_t i = 0; i < body; ++i)
    if (e[i] != a[i]) return "header differs: " + a[i];
  auto value_of = [how](const std::string& line) {
    if (how == Compare::TabTable) return line.substr(line.rfind('\t') + 1);
    return line.substr(0, line.find(' '));
  };
  // Groups of consecutive rows with one value, in order.
  auto groups = [&](const std::vector<std::string>& lines) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (size_t i = body; i < lines.size(); ++i) {
      std::string v = value_of(lines[i]);
      if (out.empty() || out.back().first != v) out.push_back({v, {}});
      out.back().second.push_back(lines[i]);
    }
    for (auto& g : out) std::sort(g.second.begin(), g.second.end());
    return out;
  };
  auto ge = groups(e), ga = groups(a);
  if (ge.size() != ga.size()) return "different row values";
  for (size_t i = 0; i < ge.size(); ++i) {
    if (ge[i].first != ga[i].first || ge[i].second.size() != ga[i].second.size())
      return "rows of value " + ga[i].first + " differ";
    bool cut = i + 1 == ge.size() && row_limit != 0 && e.size() - body == row_limit;
    if (!cut && ge[i].second != ga[i].second) return "rows of value " + ga[i].first + " differ";
  }
  return "";
}

}  // namespace sysray::test
