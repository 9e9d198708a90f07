#include "source/scap_reader.h"

#include <fmt/format.h>

#include "source/byte_stream.h"
#include "source/field_reader.h"
#include "source/scap_metadata.h"

namespace sysray {

namespace {

// libs reads non-LARGE event blocks into a 64 KiB buffer and refuses more.
constexpr size_t kMaxEventBlockBody = 64 * 1024;
// No real metadata or LARGE event block comes near this; it only stops a
// damaged length from asking for gigabytes.
constexpr size_t kMaxBlockBody = 256u << 20;
// Bodies up to this size are used in place in the stream's read-ahead;
// larger ones are copied in steps of this size.
constexpr size_t kReadStep = 1u << 20;
// How far ahead of the current event block to prefetch, in bytes.
constexpr size_t kPrefetchDistance = 2048;

const char* block_name(scap::BlockKind kind) {
  switch (kind) {
    case scap::BlockKind::SectionHeader: return "section header";
    case scap::BlockKind::MachineInfo: return "machine info";
    case scap::BlockKind::ProcessList: return "process list";
    case scap::BlockKind::FdList: return "fd list";
    case scap::BlockKind::InterfaceList: return "interface list";
    case scap::BlockKind::UserList: return "user list";
    case scap::BlockKind::Event: return "event block";
    case scap::BlockKind::Unknown: break;
  }
  return "unknown block";
}

}  // namespace

ScapReader::ScapReader(std::string path, ScapReaderOptions options)
    : name_(std::move(path)), decoder_(options.skip_unknown_to_legacy) {}

ScapReader::ScapReader(std::string name, std::span<const uint8_t> bytes, ScapReaderOptions options)
    : name_(std::move(name)), memory_(bytes), decoder_(options.skip_unknown_to_legacy) {}

ScapReader::~ScapReader() = default;

void ScapReader::fail(uint64_t offset, std::string_view what) {
  done_ = true;
  const char* note = stream_ && stream_->is_gzip() ? " (offset in the uncompressed stream)" : "";
  throw SourceError(fmt::format("{}: offset {}: {}{}", name_, offset, what, note));
}

void ScapReader::fail_open(std::string_view what) {
  done_ = true;
  throw SourceError(fmt::format("{}: {}", name_, what));
}

size_t ScapReader::read_some(uint8_t* dst, size_t n) {
  try {
    return stream_->read(dst, n);
  } catch (const StreamError& e) {
    fail(stream_->offset(), e.what());
  }
}

const uint8_t* ScapReader::take_some(size_t n, size_t* got) {
  try {
    return stream_->take(n, got);
  } catch (const StreamError& e) {
    fail(stream_->offset(), e.what());
  }
}

void ScapReader::open_stream() {
  try {
    stream_ = memory_ ? ByteStream::from_memory(*memory_) : ByteStream::open_file(name_);
  } catch (const StreamError& e) {
    fail_open(e.what());
  }
}

void ScapReader::open(State& state) {
  state_ = &state;
  open_stream();
  BlockHeader first;
  read_first_block_header(first);
  pending_ = first;
  load_section();
  if (!pending_) fail_open("no events in file (the capture holds metadata only)");
  state.finish_loading();
}

// The first block decides whether this is a capture at all, so its type is
// checked before its length can produce a confusing message.
void ScapReader::read_first_block_header(BlockHeader& header) {
  uint8_t raw[scap::kBlockHeaderSize];
  size_t got = read_some(raw, sizeof raw);
  if (got == 0) fail_open(stream_->is_gzip() ? "empty file (the gzip stream holds no data)" : "empty file");
  if (got < sizeof raw) fail_open(fmt::format("not a scap capture (only {} bytes long)", got));
  header.type = load_le<uint32_t>(raw);
  header.length = load_le<uint32_t>(raw + 4);
  header.offset = 0;
  if (header.type != scap::kSectionHeader)
    fail_open(fmt::format("not a scap capture (bad magic 0x{:08x})", header.type));
  check_block_length(header);
}

bool ScapReader::read_block_header(BlockHeader& header) {
  if (pending_) {
    header = *pending_;
    pending_.reset();
    return true;
  }
  header.offset = stream_->offset();
  size_t got = 0;
  const uint8_t* raw = take_some(scap::kBlockHeaderSize, &got);
  if (got == 0) return false;
  if (got < scap::kBlockHeaderSize) fail_cut_header(header, got);
  header.type = load_le<uint32_t>(raw);
  header.length = load_le<uint32_t>(raw + 4);
  check_block_length(header);
  return true;
}

void ScapReader::fail_cut_header(const BlockHeader& header, size_t got) {
  fail(header.offset, fmt::format("file ends inside a block header ({} of 8 bytes)", got));
}

void ScapReader::check_block_length(const BlockHeader& header) {
  const uint32_t min = header.type == scap::kSectionHeader ? scap::kSectionHeaderSize : scap::kMinBlockSize;
  if (header.length >= min && header.length % 4 == 0) [[likely]]
    return;
  fail_block_length(header, min);
}

void ScapReader::fail_block_length(const BlockHeader& header, uint32_t min) {
  if (header.length < min)
    fail(header.offset, fmt::format("{} length {} is smaller than {}", block_name(scap::block_info(header.type).kind),
                                    header.length, min));
  fail(header.offset, fmt::format("block length {} is not a multiple of 4", header.length));
}

const uint8_t* ScapReader::read_body(const BlockHeader& header) {
  const size_t n = header.length - scap::kBlockHeaderSize;
  size_t got = 0;
  if (n <= kReadStep) {
    // The usual case: the block in place, in the stream's read-ahead.
    const uint8_t* body = take_some(n, &got);
    if (got < n) fail_cut_short(header, got);
    return body;
  }
  // Bodies are read in steps, so that a length larger than the file never
  // allocates more than the bytes actually there.
  while (got < n) {
    const size_t want = std::min(n - got, kReadStep);
    if (block_.size() < got + want) block_.resize(got + want);
    const size_t r = read_some(block_.data() + got, want);
    got += r;
    if (r < want) fail_cut_short(header, got);
  }
  return block_.data();
}

void ScapReader::fail_cut_short(const BlockHeader& header, size_t got) {
  fail(header.offset, fmt::format("{} of {} bytes is cut short: the file ends {} bytes into it",
                                  block_name(scap::block_info(header.type).kind), header.length,
                                  scap::kBlockHeaderSize + got));
}

void ScapReader::skip_body(const BlockHeader& header) {
  const uint64_t n = header.length - scap::kBlockHeaderSize;
  uint64_t skipped;
  try {
    skipped = stream_->skip(n);
  } catch (const StreamError& e) {
    fail(stream_->offset(), e.what());
  }
  if (skipped < n)
    fail(header.offset, fmt::format("unknown block (type 0x{:x}) of {} bytes is cut short: the file ends {} bytes "
                                    "into it",
                                    header.type, header.length, scap::kBlockHeaderSize + skipped));
}

void ScapReader::load_section() {
  BlockHeader header;
  while (read_block_header(header)) {
    const scap::BlockInfo info = scap::block_info(header.type);
    if (info.kind == scap::BlockKind::Event) {
      pending_ = header;
      return;
    }
    load_metadata_block(header, info);
  }
}

void ScapReader::load_metadata_block(const BlockHeader& header, const scap::BlockInfo& info) {
  if (info.kind == scap::BlockKind::Unknown) {
    skip_body(header);  // a newer block type: its length is all we need
    return;
  }
  if (header.length - scap::kBlockHeaderSize > kMaxBlockBody)
    fail(header.offset, fmt::format("{} length {} exceeds the {} MiB limit", block_name(info.kind), header.length,
                                    kMaxBlockBody >> 20));
  const uint8_t* data = read_body(header);
  const size_t body_size = header.length - scap::kBlockHeaderSize - scap::kBlockTrailerSize;
  const uint32_t trailer = load_le<uint32_t>(data + body_size);
  if (trailer != header.length)
    fail(header.offset + header.length - scap::kBlockTrailerSize,
         fmt::format("wrong block total length: {} trailer says {}, its header {}", block_name(info.kind), trailer,
                     header.length));
  FieldReader body(data, body_size, header.offset + scap::kBlockHeaderSize, block_name(info.kind));
  try {
    switch (info.kind) {
      case scap::BlockKind::SectionHeader: check_section_header(body); break;
      case scap::BlockKind::MachineInfo: scap::load_machine_info(body, state_->machine); break;
      case scap::BlockKind::ProcessList: scap::load_process_list(body, info.version, *state_); break;
      case scap::BlockKind::FdList: scap::load_fd_list(body, info.version, *state_); break;
      case scap::BlockKind::InterfaceList: scap::load_interface_list(body, info.version, *state_); break;
      case scap::BlockKind::UserList: scap::load_user_list(body, info.version, *state_); break;
      case scap::BlockKind::Event: case scap::BlockKind::Unknown: break;
    }
  } catch (const FieldError& e) {
    fail(e.offset(), e.what());
  }
}

// pcapng options may follow the 16 fixed bytes; the block length covers them.
void ScapReader::check_section_header(FieldReader body) {
  const uint64_t at = body.stream_offset();
  const uint32_t magic = body.u32("magic");
  if (magic == scap::kSwappedByteOrderMagic)
    fail(at, "byte-swapped capture (written on a big-endian machine) is not supported");
  if (magic != scap::kByteOrderMagic) fail(at, fmt::format("not a scap capture (bad magic 0x{:08x})", magic));
  const uint16_t major = body.u16("major");
  const uint16_t minor = body.u16("minor");
  if (major > scap::kMaxMajorVersion)
    fail(at, fmt::format("capture format {}.{} is newer than this reader supports ({}.x)", major, minor,
                         scap::kMaxMajorVersion));
}

void ScapReader::fail_event_block_length(const BlockHeader& header, const scap::BlockInfo& info, size_t cap) {
  fail(header.offset, fmt::format("event block length {} exceeds the {} KiB limit{}", header.length, cap >> 10,
                                  info.large ? "" : " of non-LARGE event blocks"));
}

bool ScapReader::read_event_block(const BlockHeader& header, const scap::BlockInfo& info, Event& event) {
  const size_t body_with_trailer = header.length - scap::kBlockHeaderSize;
  const size_t cap = info.large ? kMaxBlockBody : kMaxEventBlockBody;
  if (body_with_trailer > cap) fail_event_block_length(header, info, cap);
  return decode_event_block(header, info, read_body(header), event);
}

// data: the block's body (after the header), trailer included.
bool ScapReader::decode_event_block(const BlockHeader& header, const scap::BlockInfo& info, const uint8_t* data,
                                    Event& event) {
  FieldReader body(data, header.length - scap::kBlockHeaderSize - scap::kBlockTrailerSize,
                   header.offset + scap::kBlockHeaderSize, "event block");
  try {
    if (!decoder_.decode(body, info, event)) return false;
  } catch (const FieldError& e) {
    fail(e.offset(), e.what());
  }
  event.num = ++events_yielded_;
  return true;
}

// The usual case, checked as read_block_header() and read_event_block() do:
// the next block is a non-LARGE event block that is whole in the stream's
// memory. Returns false, having consumed nothing, for anything else.
bool ScapReader::whole_event_block_in_memory(BlockHeader& header, scap::BlockInfo& info, const uint8_t*& body) {
  if (pending_) return false;
  const uint8_t* p = stream_->peek(scap::kBlockHeaderSize);
  if (!p) return false;
  header.type = load_le<uint32_t>(p);
  header.length = load_le<uint32_t>(p + 4);
  // A capture's event blocks are nearly all of one type.
  if (header.type != last_event_block_type_) {
    last_event_block_type_ = header.type;
    last_event_block_info_ = scap::block_info(header.type);
  }
  info = last_event_block_info_;
  if (info.kind != scap::BlockKind::Event || info.large || header.length < scap::kMinBlockSize ||
      header.length % 4 != 0 || header.length - scap::kBlockHeaderSize > kMaxEventBlockBody ||
      !stream_->peek(header.length))
    return false;
  header.offset = stream_->offset();
  stream_->skip_peeked(header.length);
  body = p + scap::kBlockHeaderSize;
  // Blocks are small and read in order: ask for the bytes a few dozen
  // events ahead now (prefetching past the end of memory is harmless).
  __builtin_prefetch(p + kPrefetchDistance);
  return true;
}

bool ScapReader::next(Event& event) {
  if (done_ || !stream_) return false;
  BlockHeader header;
  scap::BlockInfo fast_info;
  const uint8_t* body = nullptr;
  while (whole_event_block_in_memory(header, fast_info, body)) {
    if (decode_event_block(header, fast_info, body, event)) return true;
  }
  while (read_block_header(header)) {
    const scap::BlockInfo info = scap::block_info(header.type);
    if (info.kind != scap::BlockKind::Event) {
      // Metadata after events: a new section of a concatenated capture.
      pending_ = header;
      load_section();
      state_->finish_loading();
      continue;
    }
    if (read_event_block(header, info, event)) return true;
    while (whole_event_block_in_memory(header, fast_info, body)) {
      if (decode_event_block(header, fast_info, body, event)) return true;
    }
  }
  done_ = true;
  return false;
}

}  // namespace sysray
