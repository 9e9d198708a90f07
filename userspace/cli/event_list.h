// -L: the events sysray knows, as sysdig lists them.
#pragma once

#include <cstdio>

namespace sysray {

void print_event_list(FILE* out);

}  // namespace sysray
