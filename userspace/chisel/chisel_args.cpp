#include "chisel/chisel_args.h"

#include <fmt/format.h>

namespace sysray {

bool split_chisel_args(std::string_view word, std::vector<std::string>& out) {
  out.clear();
  size_t b = word.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return true;  // nothing given
  size_t e = word.find_last_not_of(" \t\r\n");
  word = word.substr(b, e - b + 1);

  std::string current;
  char quote = 0;  // the quote character we are inside, or 0
  for (char c : word) {
    if (quote) {
      if (c == quote) quote = 0;
      else current += c;
    } else if (c == '\'' || c == '`') {
      quote = c;
    } else if (c == ' ') {
      out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (quote) return false;
  out.push_back(std::move(current));
  return true;
}

std::string join_chisel_args(const std::vector<std::string>& values) {
  std::string word;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) word += ' ';
    if (values[i].find(' ') != std::string::npos) {
      word += '\'';
      word += values[i];
      word += '\'';
    } else {
      word += values[i];
    }
  }
  return word;
}

std::string check_chisel_arg_count(const std::string& chisel, const std::vector<ChiselArgSpec>& specs,
                                   size_t given) {
  size_t required = 0;
  for (const auto& s : specs) required += s.optional ? 0 : 1;
  size_t optional = specs.size() - required;
  if (given < required)
    return fmt::format("wrong number of parameters for chisel {}, {} required, {} given", chisel, required, given);
  if (given > specs.size())
    return fmt::format("too many parameters for chisel {}, {} required, {} optional, {} given", chisel, required,
                       optional, given);
  return "";
}

}  // namespace sysray
