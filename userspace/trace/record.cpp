#include "trace/record.h"

#include <cstring>
#include <string>

#include "event/event.h"

namespace sysray::trace {
namespace {

void put_u32(Bytes& out, uint32_t v) { put_bytes(out, &v, 4); }
void put_u64(Bytes& out, uint64_t v) { put_bytes(out, &v, 8); }

}  // namespace

void put_record_header(Bytes& out, const RecordHeader& h) {
  put_u32(out, h.tag);
  put_u32(out, h.payload_len);
  put_u32(out, h.raw_len);
  put_u32(out, h.event_count);
  put_u64(out, h.first_ts);
  put_u64(out, h.last_ts);
}

RecordHeader parse_record_header(const uint8_t* p) {
  RecordHeader h;
  h.tag = load_le<uint32_t>(p);
  h.payload_len = load_le<uint32_t>(p + 4);
  h.raw_len = load_le<uint32_t>(p + 8);
  h.event_count = load_le<uint32_t>(p + 12);
  h.first_ts = load_le<uint64_t>(p + 16);
  h.last_ts = load_le<uint64_t>(p + 24);
  return h;
}

Bytes encode_index(const std::vector<IndexEntry>& entries) {
  Bytes out;
  put_u32(out, uint32_t(entries.size()));
  for (const IndexEntry& e : entries) {
    put_u64(out, e.offset);
    put_u64(out, e.state_offset);
    put_u64(out, e.first_ts);
    put_u64(out, e.last_ts);
    put_u32(out, e.event_count);
    put_u64(out, e.first_event);
  }
  return out;
}

std::vector<IndexEntry> decode_index(const uint8_t* p, size_t size) {
  if (size < 4) throw DecodeError("index shorter than its block count");
  const uint32_t n = load_le<uint32_t>(p);
  if ((size - 4) / kIndexEntrySize < n || size != 4 + size_t(n) * kIndexEntrySize)
    throw DecodeError("index of " + std::to_string(size) + " bytes cannot hold " + std::to_string(n) + " blocks");
  std::vector<IndexEntry> entries(n);
  p += 4;
  for (IndexEntry& e : entries) {
    e.offset = load_le<uint64_t>(p);
    e.state_offset = load_le<uint64_t>(p + 8);
    e.first_ts = load_le<uint64_t>(p + 16);
    e.last_ts = load_le<uint64_t>(p + 24);
    e.event_count = load_le<uint32_t>(p + 32);
    e.first_event = load_le<uint64_t>(p + 36);
    p += kIndexEntrySize;
  }
  return entries;
}

void put_footer(Bytes& out, uint64_t index_offset, uint64_t event_count, uint64_t drops) {
  put_u64(out, index_offset);
  put_u64(out, event_count);
  put_u64(out, drops);
  put_bytes(out, kFooterMagic, sizeof kFooterMagic);
}

bool parse_footer(const uint8_t* p, Footer& footer) {
  if (std::memcmp(p + 24, kFooterMagic, sizeof kFooterMagic) != 0) return false;
  footer.index_offset = load_le<uint64_t>(p);
  footer.event_count = load_le<uint64_t>(p + 8);
  footer.drops = load_le<uint64_t>(p + 16);
  return true;
}

}  // namespace sysray::trace
