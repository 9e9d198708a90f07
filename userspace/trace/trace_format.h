// The native .sray trace format: every constant a writer and a reader must
// agree on (docs/trace-format.md is the byte-level spec).
//
// File = fixed header, state record, event-block records, index record,
// footer. Every record starts with the same 32-byte record header, so a
// reader can walk a file whose index never got written (a crash).
#pragma once

#include <cstddef>
#include <cstdint>

namespace sysray::trace {

// "\x89SRAY\r\n\x1a": the high byte and CR LF catch 7-bit and text-mode
// transfers, as PNG's magic does.
constexpr uint8_t kMagic[8] = {0x89, 'S', 'R', 'A', 'Y', '\r', '\n', 0x1a};
// 2.0: the initial state is compressed against a built-in prefix
// (state_dictionary.h). 3.0: cgroup paths, fds sharing an inode and user
// ids are predicted (state_codec.cpp). 4.0: event blocks are compressed
// against the dictionary and the initial state (record_prefix.h), whose
// entries end with NUL. 1.0 to 3.0 files are still read.
constexpr uint16_t kVersionMajor = 4;  // a reader refuses a larger major
constexpr uint16_t kVersionMinor = 0;  // additions a 3.0 reader can skip
// magic[8], u16 major, u16 minor, u32 flags (none yet, must be 0).
constexpr size_t kFileHeaderSize = 16;

// Record tags, stored as u32 little-endian.
constexpr uint32_t tag(char a, char b, char c, char d) {
  return uint32_t(uint8_t(a)) | uint32_t(uint8_t(b)) << 8 | uint32_t(uint8_t(c)) << 16 | uint32_t(uint8_t(d)) << 24;
}
constexpr uint32_t kStateTag = tag('S', 'T', 'A', 'T');   // zstd(state columns)
constexpr uint32_t kEventsTag = tag('E', 'V', 'T', 'S');  // zstd(event columns)
constexpr uint32_t kIndexTag = tag('I', 'N', 'D', 'X');   // raw index entries

// Record header: u32 tag, u32 payload_len (bytes after this header),
// u32 raw_len (payload size once decompressed), u32 event_count,
// u64 first_ts, u64 last_ts (ns since the epoch; 0 for non-event records).
constexpr size_t kRecordHeaderSize = 32;

// Index payload: u32 block_count, then per block u64 offset (of its record
// header), u64 state_offset (of the state record to load before it: the
// header's for the first block, a snapshot for later ones), u64 first_ts,
// u64 last_ts, u32 event_count, u64 first_event (0-based position of its
// first event in the file).
constexpr size_t kIndexEntrySize = 44;

// Footer, the file's last 32 bytes: u64 index_offset, u64 event_count,
// u64 drops (events the source lost before sysray saw them), magic[8]
// "SRAY-END".
constexpr uint8_t kFooterMagic[8] = {'S', 'R', 'A', 'Y', '-', 'E', 'N', 'D'};
constexpr size_t kFooterSize = 32;

// Limits that keep a damaged length from asking for gigabytes.
constexpr uint32_t kMaxRecordPayload = 256u << 20;
constexpr uint32_t kMaxRawBlock = 256u << 20;
constexpr uint32_t kMaxBlockEvents = 16u << 20;

// Writer defaults: a block closes at this much scap-layout event data, or
// when it has been open this long by the wall clock (so that a crash loses
// little of a slow live capture).
constexpr size_t kDefaultBlockBytes = 4u << 20;
constexpr uint64_t kDefaultBlockAgeMs = 5000;
// zstd levels: the state is written once, so it gets a strong level. Event
// blocks from a file get 19 too (~1-5 MB/s of column data per core here);
// live capture must keep up with the kernel, so its blocks get 9 (~40 MB/s,
// 4% larger). docs/PERFORMANCE.md has the numbers.
constexpr int kStateZstdLevel = 19;
constexpr int kDefaultEventsZstdLevel = 19;
constexpr int kLiveEventsZstdLevel = 9;

}  // namespace sysray::trace
