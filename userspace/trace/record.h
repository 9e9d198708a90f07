// The 32-byte header every .sray record starts with (trace_format.h), and
// the index entries the writer collects and the reader seeks with.
#pragma once

#include <cstdint>
#include <vector>

#include "trace/trace_format.h"
#include "trace/varint.h"

namespace sysray::trace {

struct RecordHeader {
  uint32_t tag = 0;
  uint32_t payload_len = 0;
  uint32_t raw_len = 0;
  uint32_t event_count = 0;
  uint64_t first_ts = 0;
  uint64_t last_ts = 0;
};

struct IndexEntry {
  uint64_t offset = 0;        // of the block's record header
  uint64_t state_offset = 0;  // of the state record to load before it
  uint64_t first_ts = 0, last_ts = 0;
  uint32_t event_count = 0;
  uint64_t first_event = 0;   // 0-based number of its first event in the file
};

void put_record_header(Bytes& out, const RecordHeader& h);
RecordHeader parse_record_header(const uint8_t* p);  // kRecordHeaderSize bytes

Bytes encode_index(const std::vector<IndexEntry>& entries);
// Throws DecodeError when the payload is not a whole index.
std::vector<IndexEntry> decode_index(const uint8_t* p, size_t size);

void put_footer(Bytes& out, uint64_t index_offset, uint64_t event_count, uint64_t drops);
struct Footer {
  uint64_t index_offset = 0, event_count = 0, drops = 0;
};
// False when the bytes are not a footer (a file that was never finished).
bool parse_footer(const uint8_t* p, Footer& footer);

}  // namespace sysray::trace
