// Chisel arguments as sysdig passes them: all of a chisel's arguments come
// in one command-line word, split on spaces; ' and ` group words (and are
// removed), double quotes do not; two spaces make an empty argument.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sysray {

struct ChiselArgSpec {
  std::string name;
  std::string description;
  std::string argtype;  // free text; only "filter" means something to the CLI
  bool optional = false;
};

// Splits one argument word. Returns false on an unmatched quote.
bool split_chisel_args(std::string_view word, std::vector<std::string>& out);

// Joins values back into one word, quoting those with spaces in ' (what
// chisel.exec does before the replacing chisel splits them again).
std::string join_chisel_args(const std::vector<std::string>& values);

// "" when `given` values fit specs, else sysdig's one-line complaint.
std::string check_chisel_arg_count(const std::string& chisel, const std::vector<ChiselArgSpec>& specs,
                                   size_t given);

}  // namespace sysray
