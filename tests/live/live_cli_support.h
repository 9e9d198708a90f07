// Running the built sysray binary live from a test (SysrayProcess:
// support/sysray_process.h), and the known workload (workload/live_workload.c),
// copied under a unique name so that a filter on proc.name finds only it.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_sysray.h"
#include "support/sysray_process.h"

namespace sysray::testing {

using test::SysrayProcess;
using test::wait_exit_status;

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
    std::vector<std::string> argv{name};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::spawn_quiet(path, argv);
  }

  // Lets it past its wait for <dir>/go.
  void go() const {
    int fd = open((dir + "/go").c_str(), O_CREAT | O_WRONLY, 0644);
    if (fd >= 0) close(fd);
  }

  std::string go_path() const { return dir + "/go"; }
};

inline std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, sep)) parts.push_back(part);
  return parts;
}

}  // namespace sysray::testing
