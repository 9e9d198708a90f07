// -cl and -i: the chisels on the search path, in sysdig's exact layout.
#pragma once

#include <string>

namespace sysray {

// "\nCategory: ...\n" groups, one line per chisel, then the -i hint.
std::string chisel_list_text();
// One chisel's details; "" when no listed chisel has that name.
std::string chisel_info_text(const std::string& name);

}  // namespace sysray
