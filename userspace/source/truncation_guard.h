// A mapped capture that shrinks while sysray reads it (another program
// truncated it) makes the next access raise SIGBUS. Instead of dying on the
// signal, sysray then says so in one line and exits 1.
#pragma once

#include <string>

namespace sysray {

// Installs the SIGBUS handler (once) and names the file it reports.
void guard_mapped_file(const std::string& path);

}  // namespace sysray
