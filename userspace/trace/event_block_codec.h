// One block of events as columns: timestamps (enter and exit apart: their
// gaps differ) and tids as deltas from the previous event, types, cpus,
// flags, parameter counts and lengths as differences from what the event
// type had last time, 1/2/4/8-byte parameters (fds, results, flags,
// addresses) as 0 when they repeat the previous event of that type's,
// data buffers together, and the remaining parameter bytes (paths,
// tuples) together. A block decodes on its own: every prediction restarts
// at the block's start.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "event/event.h"
#include "trace/column_set.h"

namespace sysray::trace {

// What the codec predicts a value from: the last parameter count, lengths
// and integer values per event type, as the encoder and the decoder both
// saw them so far in the block.
class BlockPredictor {
 public:
  void reset() { last_.clear(); }
  struct TypeMemory {
    uint32_t nparams = 0;
    uint32_t len[kMaxParams] = {};
    uint64_t value[kMaxParams] = {};
  };
  TypeMemory& of(uint16_t type) {
    auto [it, inserted] = last_.try_emplace(type);
    if (inserted) it->second.nparams = event_info(type).nparams;
    return it->second;
  }

 private:
  std::unordered_map<uint16_t, TypeMemory> last_;
};

class EventBlockEncoder {
 public:
  void add(const Event& event);
  size_t event_count() const { return count_; }
  size_t raw_bytes() const { return raw_bytes_; }  // scap-layout bytes added
  uint64_t first_ts() const { return first_ts_; }
  uint64_t last_ts() const { return last_ts_; }  // the latest, for seeking (events can come out of order)
  // The block's columns, serialized; the encoder is empty afterwards.
  Bytes finish();

 private:
  enum Column : size_t {
    kTs, kTid, kType, kCpu, kFlags, kNparams, kParamLen, kNumbers, kData, kExtra, kExitTs, kBuffers, kColumnCount
  };
  ColumnSet<kColumnCount> cols_;
  BlockPredictor predict_;
  size_t count_ = 0;
  size_t raw_bytes_ = 0;
  uint64_t first_ts_ = 0, last_ts_ = 0, prev_ts_ = 0;
  int64_t prev_tid_ = 0;
};

// Where the I/O buffers (the last column) start in a serialized block, for
// zstd_compress's block_end: buffer bytes and the numbers before them have
// nothing in common, so each gets its own zstd literal statistics (1-2%
// smaller blocks when buffers are a large part). 0 if the block is not
// well formed.
size_t event_block_buffers_start(const Bytes& raw);

// A decoded block: the events rebuilt in scap layout, back to back.
struct DecodedBlock {
  std::vector<uint8_t> raw;
  std::vector<uint32_t> offset;  // of each event in raw
  std::vector<uint16_t> cpu;
  std::vector<uint32_t> flags;
  size_t size() const { return offset.size(); }
};

// Decodes a block of count events whose first timestamp is first_ts.
// Throws DecodeError on anything inconsistent; every rebuilt event passes
// decode_event().
void decode_event_block(const uint8_t* data, size_t size, uint32_t count, uint64_t first_ts, DecodedBlock& out);

}  // namespace sysray::trace
