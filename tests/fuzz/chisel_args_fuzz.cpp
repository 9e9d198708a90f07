// libFuzzer harness for chisel argument splitting, alone and as the command
// line uses it. Input: a first byte that picks an installed chisel, then
// newline-separated command-line words; the first word is the chisel's
// argument word, the others follow it (a filter, options).
// Anything ends in a request or a one-line error, never a crash or a hang,
// and the split keeps its promises (below). An accepted request is handed to
// the chisel (on_set_arg, on_init), which may refuse it with a ChiselError.
#include <dirent.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chisel/chisel.h"
#include "chisel/chisel_args.h"
#include "chisel/chisel_cli.h"

namespace {

// The chisels a user can name (sr_* files are shared modules).
const std::vector<std::string>& chisel_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    if (DIR* dir = opendir(SYSRAY_CHISEL_SOURCE_DIR)) {
      while (dirent* e = readdir(dir)) {
        std::string_view f = e->d_name;
        if (f.ends_with(".lua") && !f.starts_with("sr_")) n.emplace_back(f.substr(0, f.size() - 4));
      }
      closedir(dir);
    }
    std::sort(n.begin(), n.end());
    if (n.empty()) __builtin_trap();  // the chisel directory must be there
    return n;
  }();
  return names;
}

bool has_any(const std::string& s, std::string_view chars) { return s.find_first_of(chars) != std::string::npos; }

void check_split(std::string_view word) {
  std::vector<std::string> values;
  if (!sysray::split_chisel_args(word, values)) return;
  size_t b = word.find_first_not_of(" \t\r\n");
  std::string_view trimmed = b == std::string_view::npos ? "" : word.substr(b, word.find_last_not_of(" \t\r\n") - b + 1);
  // Splitting only removes characters: separators and quotes.
  size_t total = values.empty() ? 0 : values.size() - 1;
  for (const auto& v : values) total += v.size();
  if (total > trimmed.size()) __builtin_trap();
  // Without quotes, the values are the words between spaces and joining
  // them gives the word back.
  if (trimmed.find_first_of("'`") == std::string_view::npos &&
      sysray::join_chisel_args(values) != trimmed)
    __builtin_trap();
  // Values that need no quoting beyond spaces survive join then split.
  bool plain = true;
  for (size_t i = 0; i < values.size(); ++i)
    plain = plain && !values[i].empty() && !has_any(values[i], "'`\t\r\n");
  if (plain) {
    std::vector<std::string> back;
    if (!sysray::split_chisel_args(sysray::join_chisel_args(values), back) || back != values) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const auto& names = chisel_names();
  const std::string& name = names[data[0] % names.size()];
  std::vector<std::string> words;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    words.emplace_back(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  for (const auto& w : words) check_split(w);

  std::vector<std::string> args = {"-c", name};
  args.insert(args.end(), words.begin(), words.end());
  const size_t before = args.size();
  sysray::ChiselCommandLine line;
  std::string error = sysray::take_chisel_options(args, line);
  if (!error.empty()) {
    if (error.find('\n') != std::string::npos) __builtin_trap();  // one line
    return 0;
  }
  // Accepted: one request for the chisel, which took "-c NAME" and at most
  // its argument word; a later -i/--chisel-info or -cl word (one or two
  // words, by form) is taken too, so the count holds only without them.
  if (line.chisels.size() != 1 || line.chisels[0].name != name) __builtin_trap();
  const bool other_options = line.list || !line.info.empty();
  if (!other_options && args.size() + 2 != before && args.size() + 3 != before) __builtin_trap();
  try {
    sysray::ChiselEnvironment env;
    sysray::Chisel chisel(env);
    chisel.load(name);
    chisel.set_args(line.chisels[0].args);
    chisel.init();
  } catch (const sysray::ChiselError&) {
  }
  return 0;
}
