// The chisel part of the command line: -c NAME [ARGS], -cl, -i NAME.
//
// Whether the word after -c NAME holds the chisel's arguments depends on
// the chisel (sysdig's rule): none when it takes no arguments; always when
// one is required; otherwise never an option (a word starting with '-'),
// always when its single argument is a filter, else only if the rest of the
// line is not a filter.
#pragma once

#include <string>
#include <vector>

namespace sysray {

struct ChiselRequest {
  std::string name;
  std::vector<std::string> args;  // already split
};

struct ChiselCommandLine {
  std::vector<ChiselRequest> chisels;
  bool list = false;  // -cl, --list-chisels
  std::string info;   // -i NAME, --chisel-info NAME
};

// Takes the chisel options out of args (argv without argv[0]). Returns ""
// or the one-line error to print.
std::string take_chisel_options(std::vector<std::string>& args, ChiselCommandLine& out);

}  // namespace sysray
