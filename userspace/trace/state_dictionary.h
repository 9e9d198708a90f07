// The built-in zstd prefix of the initial state record (format 2.0 on)
// (docs/trace-format.md §4.1): generic Linux process-table text that most
// captures repeat: common environment variables, Debian 12's default
// LS_COLORS (`dircolors -b`), cgroup v1/v2 controllers and systemd unit
// paths, daemon and kernel thread names, device and /run paths, fd name
// prefixes, Debian's default users and groups.
//
// Written from general knowledge of Linux systems, never from sample
// captures: sysray must not compress well only on the files it was
// tested with. The bytes are part of the format: changing them needs a
// new major version. 4.0 ends every entry with NUL (as the state's string
// bytes do) and adds the base systems' account tables.
#pragma once

#include <cstdint>

#include "trace/varint.h"

namespace sysray::trace {

// major: the file's format version (2 and 3 share one text).
const Bytes& state_dictionary(uint16_t major);

}  // namespace sysray::trace
