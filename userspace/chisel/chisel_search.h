// Where chisels are found: SYSRAY_CHISEL_DIR (';'-separated, the last entry
// first, as sysdig does with SYSDIG_CHISEL_DIR), the name as a path,
// ./chisels, ~/.chisels, the installed chisel directory and, for a run from
// the build tree, the source tree's chisels/.
#pragma once

#include <string>
#include <vector>

namespace sysray {

// The search directories, each ending in '/'; "" stands for "the name as
// given" (absolute or relative to the working directory).
std::vector<std::string> chisel_search_dirs();

// The file `-c name` runs: "<dir>name.lua" in every directory, then
// "<dir>name" in every directory. "" when there is none.
std::string find_chisel_file(const std::string& name);

// Every *.lua file of the search directories (for -cl and -i), directory
// order first, then name order inside a directory.
std::vector<std::string> all_chisel_files();

}  // namespace sysray
