#include "trace/trace_reader.h"

#include <fmt/format.h>

#include <cstdio>

#include "trace/state_codec.h"
#include "trace/zstd_codec.h"

namespace sysray::trace {
namespace {

constexpr size_t kPrefetchBlocks = 2;

void warn_on_stderr(const std::string& message) { std::fprintf(stderr, "sysray: warning: %s\n", message.c_str()); }

}  // namespace

TraceReader::TraceReader(std::string path, TraceReaderOptions options)
    : name_(std::move(path)), options_(std::move(options)) {}

TraceReader::TraceReader(std::string name, std::span<const uint8_t> bytes, TraceReaderOptions options)
    : name_(std::move(name)), memory_(bytes), options_(std::move(options)) {}

TraceReader::~TraceReader() {
  if (queue_) queue_->close();
  if (loader_.joinable()) loader_.join();
}

void TraceReader::fail(const std::string& message) {
  done_ = true;
  throw SourceError(message);
}

void TraceReader::open(State& state) {
  try {
    input_ = std::make_unique<TraceInput>(memory_ ? TraceInput::from_memory(*memory_) : TraceInput::open_file(name_));
  } catch (const std::runtime_error& e) {
    fail(fmt::format("{}: {}", name_, e.what()));
  }
  layout_ = read_layout(*input_, name_);
  if (!options_.warn) options_.warn = warn_on_stderr;

  // The blocks that can hold events in [from, to], by their time ranges.
  const auto& blocks = layout_.blocks;
  const uint64_t start = blocks.empty() ? 0 : blocks[0].first_ts;
  if (options_.from) from_ns_ = options_.from->resolve(start);
  if (options_.to) to_ns_ = options_.to->resolve(start);
  first_block_ = 0;
  while (first_block_ < blocks.size() && blocks[first_block_].last_ts < from_ns_) ++first_block_;
  end_block_ = first_block_;
  while (end_block_ < blocks.size() && blocks[end_block_].first_ts <= to_ns_) ++end_block_;
  // Starting later than the first block: its snapshot has the state the
  // skipped blocks built.
  const uint64_t state_offset = first_block_ < blocks.size() ? blocks[first_block_].state_offset : layout_.state_offset;
  // The initial state is read in any case: snapshots and (4.0) event
  // blocks are compressed against it.
  prefixes_.emplace(layout_.major);
  Bytes initial;
  read_state_record(layout_.state_offset, initial, prefixes_->for_initial_state());
  prefixes_->set_initial_state(std::move(initial));
  load_state(state_offset, state);

  next_block_ = first_block_;
  if (options_.prefetch) {
    queue_ = std::make_unique<BoundedQueue<Loaded>>(kPrefetchBlocks);
    loader_ = std::thread([this] { loader_loop(); });
  }
}

void TraceReader::load_state(uint64_t offset, State& state) const {
  Bytes snapshot;
  if (offset != layout_.state_offset) read_state_record(offset, snapshot, prefixes_->for_snapshot());
  const Bytes& decoded = offset != layout_.state_offset ? snapshot : prefixes_->initial_state_raw();
  try {
    decode_state(decoded.data(), decoded.size(), state, layout_.major);
  } catch (const DecodeError& e) {
    throw SourceError(fmt::format("{}: offset {}: state record: {}", name_, offset, e.what()));
  }
}

void TraceReader::read_state_record(uint64_t offset, Bytes& decoded, const Bytes* prefix) const {
  uint8_t raw[kRecordHeaderSize];
  if (input_->read_at(offset, raw, sizeof raw) != sizeof raw)
    throw SourceError(fmt::format("{}: offset {}: the file ends inside a state record", name_, offset));
  const RecordHeader h = parse_record_header(raw);
  if (h.tag != kStateTag || h.payload_len > kMaxRecordPayload || h.raw_len > kMaxRawBlock)
    throw SourceError(fmt::format("{}: offset {}: not a state record", name_, offset));
  if (h.payload_len > input_->size() - offset - kRecordHeaderSize)
    throw SourceError(fmt::format("{}: offset {}: the file ends inside a state record", name_, offset));
  Bytes payload(h.payload_len);
  if (input_->read_at(offset + kRecordHeaderSize, payload.data(), payload.size()) != payload.size())
    throw SourceError(fmt::format("{}: offset {}: the file ends inside a state record", name_, offset));
  try {
    zstd_decompress(payload.data(), payload.size(), h.raw_len, decoded, prefix);
  } catch (const DecodeError& e) {
    throw SourceError(fmt::format("{}: offset {}: state record: {}", name_, offset, e.what()));
  }
}

TraceReader::Loaded TraceReader::load_block(size_t i) {
  const IndexEntry& entry = layout_.blocks[i];
  Loaded out;
  out.first_event = entry.first_event;
  {
    std::lock_guard lock(spare_mu_);
    if (!spare_.empty()) {
      out.block = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  try {
    uint8_t raw[kRecordHeaderSize];
    if (input_->read_at(entry.offset, raw, sizeof raw) != sizeof raw) throw DecodeError("the file ends inside it");
    const RecordHeader h = parse_record_header(raw);
    if (h.tag != kEventsTag) throw DecodeError(fmt::format("not an event block (tag 0x{:08x})", h.tag));
    if (h.payload_len > kMaxRecordPayload || h.raw_len > kMaxRawBlock || h.event_count > kMaxBlockEvents)
      throw DecodeError("lengths exceed the format's limits");
    if (h.event_count != entry.event_count || h.first_ts != entry.first_ts)
      throw DecodeError("does not match its index entry");
    if (h.payload_len > input_->size() - entry.offset - kRecordHeaderSize) throw DecodeError("the file ends inside it");
    payload_.resize(h.payload_len);
    if (input_->read_at(entry.offset + kRecordHeaderSize, payload_.data(), payload_.size()) != payload_.size())
      throw DecodeError("the file ends inside it");
    zstd_decompress(payload_.data(), payload_.size(), h.raw_len, decoded_, prefixes_->for_event_block());
    decode_event_block(decoded_.data(), decoded_.size(), h.event_count, h.first_ts, out.block);
  } catch (const DecodeError& e) {
    out.error = fmt::format("{}: offset {}: event block {}: {}", name_, entry.offset, i + 1, e.what());
  } catch (const std::runtime_error& e) {  // an I/O error
    out.error = fmt::format("{}: offset {}: event block {}: read failed: {}", name_, entry.offset, i + 1, e.what());
  }
  return out;
}

void TraceReader::loader_loop() {
  for (size_t i = first_block_; i < end_block_; ++i) {
    Loaded l = load_block(i);
    const bool stop = !l.error.empty();
    if (!queue_->push(std::move(l)) || stop) break;
  }
  queue_->close();
}

bool TraceReader::advance_block() {
  if (current_.block.raw.capacity() > 0) {
    std::lock_guard lock(spare_mu_);
    if (spare_.size() < kPrefetchBlocks + 1) spare_.push_back(std::move(current_.block));
    current_.block = DecodedBlock{};
  }
  if (queue_) {
    std::optional<Loaded> l = queue_->pop();
    if (!l) return false;
    current_ = std::move(*l);
  } else {
    if (next_block_ >= end_block_) return false;
    current_ = load_block(next_block_++);
  }
  if (!current_.error.empty()) fail(current_.error);
  pos_ = 0;
  return true;
}

bool TraceReader::next(Event& event) {
  if (done_ || !input_) return false;
  while (true) {
    while (pos_ >= current_.block.size()) {
      if (advance_block()) continue;
      done_ = true;
      // Ending early for --to is not the end of the file: nothing to say.
      if (end_block_ < layout_.blocks.size()) return false;
      if (!layout_.end_error.empty()) throw SourceError(layout_.end_error);
      if (!layout_.end_warning.empty()) options_.warn(layout_.end_warning);
      return false;
    }
    const size_t i = pos_++;
    const DecodedBlock& b = current_.block;
    const uint8_t* raw = b.raw.data() + b.offset[i];
    std::string error;
    if (!decode_event(raw, b.raw.size() - b.offset[i], event, &error))
      fail(fmt::format("{}: event {}: {}", name_, current_.first_event + i + 1, error));
    if (event.ts > to_ns_) {
      done_ = true;
      return false;
    }
    event.cpu = b.cpu[i];
    event.dump_flags = b.flags[i];
    // Events of the first block before --from still build state (the
    // snapshot is the state at the block's start) but are never shown.
    if (event.ts < from_ns_) event.dump_flags |= kEventFlagStateOnly;
    // evt.num is the event's place in the file, also when --from skipped
    // blocks.
    event.num = current_.first_event + i + 1;
    ++yielded_;
    return true;
  }
}

}  // namespace sysray::trace
