// The State snapshot of a .sray file: threads (with their fds and the
// enter event each one waits on), users, groups, interfaces and machine
// info, as columns (column_set.h) ready for zstd.
//
// Everything a source put into State at open() is kept, so a reader that
// restores it and replays the events gives the same output as the source.
#pragma once

#include "state/state.h"
#include "trace/trace_format.h"
#include "trace/varint.h"

namespace sysray::trace {

// major: the format version to write (older ones only for tests that
// check that older files still read).
Bytes encode_state(const State& state, uint16_t major = kVersionMajor);
// Where the text of an encoded state (3.0: its string bytes, which come
// first) ends, for zstd_compress's block_end; 0 before 3.0.
size_t state_text_end(const Bytes& raw, uint16_t major = kVersionMajor);
// Adds the snapshot to state (which should be empty); major: the file's
// format version (1.0 threads lack the fields 2.0 added; 3.0 codes cgroups,
// fds and user ids differently). Throws DecodeError.
void decode_state(const uint8_t* data, size_t size, State& state, uint16_t major = kVersionMajor);

}  // namespace sysray::trace
