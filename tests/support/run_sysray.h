// Runs the sysray binary the build produced and captures what it prints.
#pragma once

#include <string>
#include <vector>

namespace sysray::test {

struct RunResult {
  int status = -1;  // exit status, or -1 if it did not exit normally
  std::string out;
  std::string err;
};

// Runs SYSRAY_BINARY with args (no shell: each arg is one argv word).
RunResult run_sysray(const std::vector<std::string>& args);

std::string read_file(const std::string& path);

// The lines of text, without their newlines (a last line may lack one).
std::vector<std::string> lines_of(const std::string& text);

}  // namespace sysray::test
