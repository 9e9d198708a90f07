#include "trace/trace_layout.h"

#include <fmt/format.h>

#include <cstring>

#include "source/event_source.h"

namespace sysray::trace {
namespace {

const char* record_name(uint32_t tag) {
  switch (tag) {
    case kStateTag: return "state record";
    case kEventsTag: return "event block";
    case kIndexTag: return "index";
    default: return "record";
  }
}

// The index, if the footer and the index it points to are whole and agree
// with the file. Anything else means the writer did not finish.
bool read_index(const TraceInput& in, TraceLayout& layout, std::string& problem) {
  if (in.size() < kFileHeaderSize + kFooterSize) return false;
  uint8_t raw[kFooterSize];
  if (in.read_at(in.size() - kFooterSize, raw, kFooterSize) != kFooterSize) return false;
  Footer footer;
  if (!parse_footer(raw, footer)) return false;
  const uint64_t index_end = in.size() - kFooterSize;
  if (footer.index_offset < kFileHeaderSize || footer.index_offset + kRecordHeaderSize > index_end) {
    problem = fmt::format("offset {}: footer points to an index at offset {}, outside the file", index_end,
                          footer.index_offset);
    return false;
  }
  uint8_t head_raw[kRecordHeaderSize];
  in.read_at(footer.index_offset, head_raw, kRecordHeaderSize);
  const RecordHeader head = parse_record_header(head_raw);
  if (head.tag != kIndexTag || footer.index_offset + kRecordHeaderSize + head.payload_len != index_end) {
    problem = fmt::format("offset {}: the footer's index is damaged", footer.index_offset);
    return false;
  }
  std::vector<uint8_t> payload(head.payload_len);
  in.read_at(footer.index_offset + kRecordHeaderSize, payload.data(), payload.size());
  try {
    layout.blocks = decode_index(payload.data(), payload.size());
  } catch (const DecodeError& e) {
    problem = fmt::format("offset {}: {}", footer.index_offset, e.what());
    return false;
  }
  uint64_t next_event = 0, prev_end = kFileHeaderSize;
  for (const IndexEntry& b : layout.blocks) {
    if (b.offset < prev_end || b.offset + kRecordHeaderSize > footer.index_offset || b.first_event != next_event ||
        b.state_offset >= b.offset) {
      problem = fmt::format("offset {}: index entry for offset {} does not fit the file", footer.index_offset, b.offset);
      layout.blocks.clear();
      return false;
    }
    prev_end = b.offset + kRecordHeaderSize;
    next_event += b.event_count;
  }
  layout.finished = true;
  layout.drops = footer.drops;
  return true;
}

// Walks record headers from the first record after the state; stops at the
// first one that is cut short (a warning) or makes no sense (an error).
void scan_records(const TraceInput& in, const std::string& name, uint64_t offset, TraceLayout& layout) {
  uint64_t state_offset = layout.state_offset;
  uint64_t next_event = 0;
  const uint64_t size = in.size();
  while (true) {
    if (offset == size) {
      layout.end_warning = fmt::format("{}: offset {}: the file has no index (the writer did not finish); "
                                       "read {} complete blocks",
                                       name, offset, layout.blocks.size());
      return;
    }
    if (size - offset < kRecordHeaderSize) {
      layout.end_warning = fmt::format("{}: offset {}: the file is cut short inside a record header; "
                                       "read up to its last complete block",
                                       name, offset);
      return;
    }
    uint8_t raw[kRecordHeaderSize];
    in.read_at(offset, raw, kRecordHeaderSize);
    const RecordHeader h = parse_record_header(raw);
    if (h.tag != kStateTag && h.tag != kEventsTag && h.tag != kIndexTag) {
      layout.end_error = fmt::format("{}: offset {}: not a record (tag 0x{:08x})", name, offset, h.tag);
      return;
    }
    if (h.payload_len > kMaxRecordPayload) {
      layout.end_error = fmt::format("{}: offset {}: {} length {} exceeds the {} MiB limit", name, offset,
                                     record_name(h.tag), h.payload_len, kMaxRecordPayload >> 20);
      return;
    }
    if (h.tag == kIndexTag) {
      layout.end_warning = fmt::format("{}: offset {}: the file is cut short inside its index or footer; "
                                       "all {} blocks were read",
                                       name, offset, layout.blocks.size());
      return;
    }
    if (size - offset - kRecordHeaderSize < h.payload_len) {
      layout.end_warning = fmt::format("{}: offset {}: the file is cut short inside {} {} ({} of {} bytes); "
                                       "read up to its last complete block",
                                       name, offset, record_name(h.tag), layout.blocks.size() + 1,
                                       size - offset, kRecordHeaderSize + h.payload_len);
      return;
    }
    if (h.tag == kStateTag) state_offset = offset;
    if (h.tag == kEventsTag) {
      layout.blocks.push_back({offset, state_offset, h.first_ts, h.last_ts, h.event_count, next_event});
      next_event += h.event_count;
    }
    offset += kRecordHeaderSize + h.payload_len;
  }
}

}  // namespace

bool has_trace_magic(const uint8_t* bytes, size_t size) {
  return size >= sizeof kMagic && std::memcmp(bytes, kMagic, sizeof kMagic) == 0;
}

TraceLayout read_layout(const TraceInput& in, const std::string& name) {
  TraceLayout layout;
  uint8_t header[kFileHeaderSize];
  const size_t got = in.read_at(0, header, sizeof header);
  if (!has_trace_magic(header, got)) throw SourceError(fmt::format("{}: not a .sray trace (bad magic)", name));
  if (got < sizeof header)
    throw SourceError(fmt::format("{}: offset {}: the file ends inside its header", name, got));
  layout.major = load_le<uint16_t>(header + 8);
  layout.minor = load_le<uint16_t>(header + 10);
  if (layout.major > kVersionMajor)
    throw SourceError(fmt::format("{}: trace format {}.{} is newer than this sysray reads ({}.x); upgrade sysray",
                                  name, layout.major, layout.minor, kVersionMajor));
  if (layout.major == 0) throw SourceError(fmt::format("{}: offset 8: trace format major version 0 is invalid", name));

  uint8_t raw[kRecordHeaderSize];
  if (in.read_at(kFileHeaderSize, raw, sizeof raw) < sizeof raw)
    throw SourceError(fmt::format("{}: offset {}: the file ends before its state record", name, kFileHeaderSize));
  const RecordHeader state = parse_record_header(raw);
  if (state.tag != kStateTag)
    throw SourceError(fmt::format("{}: offset {}: expected the state record, found tag 0x{:08x}", name,
                                  kFileHeaderSize, state.tag));
  if (state.payload_len > kMaxRecordPayload || state.raw_len > kMaxRawBlock)
    throw SourceError(fmt::format("{}: offset {}: state record length {} exceeds the {} MiB limit", name,
                                  kFileHeaderSize, state.payload_len, kMaxRecordPayload >> 20));
  const uint64_t first_block = kFileHeaderSize + kRecordHeaderSize + uint64_t(state.payload_len);
  if (first_block > in.size())
    throw SourceError(fmt::format("{}: offset {}: the file is cut short inside its initial state; no events to read",
                                  name, kFileHeaderSize));

  std::string index_problem;
  if (!read_index(in, layout, index_problem)) {
    scan_records(in, name, first_block, layout);
    if (!index_problem.empty() && layout.end_error.empty())
      layout.end_warning = fmt::format("{}: {}; read the blocks without it", name, index_problem);
  }
  return layout;
}

}  // namespace sysray::trace
