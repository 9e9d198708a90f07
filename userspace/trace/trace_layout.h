// Finds the records of a .sray file: checks the file header, then takes
// the block list from the index (a finished file) or, when the footer is
// missing or damaged, walks the record headers from the start (a file cut
// short by a crash or a full disk). Nothing is decompressed here.
#pragma once

#include <string>
#include <vector>

#include "trace/record.h"
#include "trace/trace_input.h"

namespace sysray::trace {

struct TraceLayout {
  uint16_t major = 0, minor = 0;
  uint64_t state_offset = kFileHeaderSize;  // the initial state record
  std::vector<IndexEntry> blocks;
  bool finished = false;  // footer and index were found
  uint64_t drops = 0;     // from the footer
  // Said once the last block has been read. A warning (the file is cut
  // short: reading stops at its last complete block) or an error (damage
  // met while walking the records).
  std::string end_warning;
  std::string end_error;
};

// Throws SourceError ("<name>: offset N: ...") when the file is not a
// readable .sray trace at all.
TraceLayout read_layout(const TraceInput& in, const std::string& name);

// True when bytes start with the .sray magic.
bool has_trace_magic(const uint8_t* bytes, size_t size);

}  // namespace sysray::trace
