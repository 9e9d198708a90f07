// The built-in zstd prefix of format 2.x's initial state record
// (docs/trace-format.md §4.1): generic Linux process-table text that most
// captures repeat: common environment variables, Debian 12's default
// LS_COLORS (`dircolors -b`), cgroup v1/v2 controllers and systemd unit
// paths, daemon and kernel thread names, device and /run paths, fd name
// prefixes, Debian's default users and groups.
//
// Written from general knowledge of Linux systems, never from sample
// captures: sysray must not compress well only on the files it was
// tested with. The bytes are part of the format: changing them needs a
// new major version.
#pragma once

#include "trace/varint.h"

namespace sysray::trace {

const Bytes& state_dictionary();

}  // namespace sysray::trace
