// What each record's zstd frame is compressed against: a zstd prefix,
// content the frame refers to without storing it (ZSTD_CCtx_refPrefix;
// the reader passes the same bytes to ZSTD_DCtx_refPrefix). The writer and
// the reader share these rules (docs/trace-format.md §3.1, §4.1, §5):
//
// - the initial state: the built-in dictionary (2.0 on);
// - a snapshot: the initial state's raw payload;
// - an event block (4.0 on): the dictionary, then the initial state's raw
//   payload (at most its first kMaxStateInEventPrefix bytes). Events
//   repeat the process table: an execve's arguments and environment, the
//   paths a process opens, the names in its fds.
#pragma once

#include <cstdint>

#include "trace/varint.h"

namespace sysray::trace {

// Bounds the work zstd does per event block to take the prefix in.
constexpr size_t kMaxStateInEventPrefix = 1u << 20;

class RecordPrefixes {
 public:
  explicit RecordPrefixes(uint16_t major) : major_(major) {}

  // The initial state's raw (decompressed) payload; call before asking
  // for the snapshot or event block prefix.
  void set_initial_state(Bytes raw);
  const Bytes& initial_state_raw() const { return initial_; }

  // nullptr: the record is compressed without a prefix.
  const Bytes* for_initial_state() const;
  const Bytes* for_snapshot() const { return &initial_; }
  const Bytes* for_event_block() const { return major_ >= 4 ? &events_ : nullptr; }

 private:
  uint16_t major_;
  Bytes initial_;
  Bytes events_;
};

}  // namespace sysray::trace
