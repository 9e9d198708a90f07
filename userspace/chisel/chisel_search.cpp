#include "chisel/chisel_search.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace sysray {
namespace {

bool is_regular_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_directory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string with_slash(std::string dir) {
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return dir;
}

}  // namespace

std::vector<std::string> chisel_search_dirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("SYSRAY_CHISEL_DIR")) {
    std::string list = env;
    size_t start = 0;
    while (start <= list.size()) {
      size_t end = list.find(';', start);
      if (end == std::string::npos) end = list.size();
      std::string entry = list.substr(start, end - start);
      // Each entry goes in front, so the last one listed is searched first.
      if (!entry.empty()) dirs.insert(dirs.begin(), with_slash(entry));
      start = end + 1;
    }
  }
  dirs.push_back("");
  dirs.push_back("./chisels/");
  if (const char* home = std::getenv("HOME")) {
    std::string user_dir = std::string(home) + "/.chisels";
    if (is_directory(user_dir)) dirs.push_back(user_dir + "/");
  }
  dirs.push_back(with_slash(SYSRAY_CHISEL_INSTALL_DIR));
  // A binary run from its build tree finds the chisels of its sources.
  if (is_directory(SYSRAY_CHISEL_SOURCE_DIR)) dirs.push_back(with_slash(SYSRAY_CHISEL_SOURCE_DIR));
  return dirs;
}

std::string find_chisel_file(const std::string& name) {
  auto dirs = chisel_search_dirs();
  for (const auto& dir : dirs)
    if (is_regular_file(dir + name + ".lua")) return dir + name + ".lua";
  for (const auto& dir : dirs)
    if (is_regular_file(dir + name)) return dir + name;
  return "";
}

std::vector<std::string> all_chisel_files() {
  std::vector<std::string> files;
  for (const auto& dir : chisel_search_dirs()) {
    if (dir.empty() || !is_directory(dir)) continue;
    std::vector<std::string> here;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      std::string name = entry.path().filename().string();
      if (name.size() > 4 && name.ends_with(".lua") && entry.is_regular_file(ec)) here.push_back(dir + name);
    }
    std::sort(here.begin(), here.end());
    files.insert(files.end(), here.begin(), here.end());
  }
  return files;
}

}  // namespace sysray
