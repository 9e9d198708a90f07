#include "trace/trace_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "trace/event_block_codec.h"
#include "trace/state_codec.h"
#include "trace/zstd_codec.h"

namespace sysray::trace {

TraceWriter::TraceWriter(std::string path, const State& state, TraceWriterOptions options)
    : path_(std::move(path)), state_(state), options_(options), prefixes_(options.format_major) {
  // Captures show every command line and buffer on the system: owner only.
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) fail(std::string("cannot create: ") + std::strerror(errno));
  try {
    restrict_to_owner(fd_, path_);
    Bytes header(kMagic, kMagic + sizeof kMagic);
    const uint16_t minor = options_.format_major == kVersionMajor ? kVersionMinor : 0;
    put_bytes(header, &options_.format_major, 2);
    put_bytes(header, &minor, 2);
    const uint32_t flags = 0;
    put_bytes(header, &flags, 4);
    append(header.data(), header.size());
    state_offset_ = offset_;
    prefixes_.set_initial_state(encode_state(state_, options_.format_major));
    store({.tag = kStateTag, .raw = prefixes_.initial_state_raw(), .level = kStateZstdLevel});
  } catch (...) {
    ::close(fd_);  // no destructor runs for a constructor that throws
    throw;
  }
  if (options_.background) worker_ = std::thread([this] { worker_loop(); });
}

TraceWriter::~TraceWriter() {
  if (!closed_) {
    try {
      close({});
    } catch (const TraceError&) {
    }
  }
  if (fd_ >= 0) ::close(fd_);
}

void TraceWriter::fail(const std::string& what) { throw TraceError(path_ + ": " + what); }

void TraceWriter::append(const uint8_t* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write failed at offset " + std::to_string(offset_) + ": " + std::strerror(errno));
    data += n;
    size -= size_t(n);
    offset_ += uint64_t(n);
  }
  bytes_out_ = offset_;
}

void TraceWriter::store(const Pending& p) {
  // Snapshots repeat most of the initial state, and events much of it:
  // zstd refers to it instead of storing it again (record_prefix.h).
  const bool snapshot = p.tag == kStateTag && offset_ != kFileHeaderSize;
  const Bytes* prefix = snapshot               ? prefixes_.for_snapshot()
                        : p.tag == kStateTag   ? prefixes_.for_initial_state()
                        : p.tag == kEventsTag ? prefixes_.for_event_block()
                                               : nullptr;
  // Text and numbers in separate zstd blocks (zstd_compress).
  const size_t block_end = p.tag == kStateTag    ? state_text_end(p.raw, options_.format_major)
                           : p.tag == kEventsTag ? event_block_buffers_start(p.raw)
                                                 : 0;
  Bytes payload = zstd_compress(p.raw, p.level, prefix, block_end);
  if (payload.size() > kMaxRecordPayload || p.raw.size() > kMaxRawBlock)
    fail("a record of " + std::to_string(p.raw.size()) + " bytes exceeds the format's limit");
  Bytes head;
  put_record_header(head, {p.tag, uint32_t(payload.size()), uint32_t(p.raw.size()), p.count, p.first_ts, p.last_ts});
  const uint64_t at = offset_;
  append(head.data(), head.size());
  append(payload.data(), payload.size());
  if (p.tag == kStateTag) state_offset_ = at;
  if (p.tag == kEventsTag) index_.push_back({at, state_offset_, p.first_ts, p.last_ts, p.count, p.first_event});
  std::lock_guard lock(stored_mu_);
  if (p.tag == kEventsTag || snapshot) unstored_bound_ -= record_bound(p.raw.size());
  if (p.tag == kEventsTag) {
    stored_scap_ += p.scap_bytes;
    last_block_scap_ = p.scap_bytes;
    last_block_file_bytes_ = offset_ - at;
  } else if (snapshot) {
    ++stored_snapshots_;
    last_snapshot_bytes_ = offset_ - at;
  }
}

void TraceWriter::worker_loop() {
  while (std::optional<Pending> p = queue_.pop()) {
    try {
      if (!failed_) store(*p);  // after a failure: keep draining so that the producer never blocks
    } catch (const TraceError& e) {
      std::lock_guard lock(error_mu_);
      error_ = e.what();
      failed_ = true;
    }
    std::lock_guard lock(stored_mu_);
    ++stored_records_;
    stored_cv_.notify_all();
  }
}

void TraceWriter::wait_until_stored() {
  std::unique_lock lock(stored_mu_);
  stored_cv_.wait(lock, [this] { return stored_records_ == submitted_records_; });
}

bool TraceWriter::size_reached(uint64_t limit) {
  if (options_.exact_size && !failed_) return exact_size_reached(limit);
  uint64_t in_memory = 0;  // scap-layout bytes not yet in the file
  uint64_t stored_scap = 0, stored_bytes = 0;
  uint64_t written = 0;  // with the snapshots still to be written
  {
    std::lock_guard lock(stored_mu_);
    in_memory = submitted_scap_ - stored_scap_ + block_.raw_bytes();
    stored_scap = last_block_scap_;
    stored_bytes = last_block_file_bytes_;
    const uint64_t snapshots = submitted_snapshots_ - stored_snapshots_ + (snapshot_ && block_.event_count() ? 1 : 0);
    written = bytes_out_ + snapshots * last_snapshot_bytes_;
  }
  // Compressed data is never larger than the events (zstd adds a few
  // bytes to incompressible ones): far from the limit, nothing to learn.
  if (written + in_memory + in_memory / 64 < limit) return false;
  const bool queued = in_memory > block_.raw_bytes();
  if (stored_scap == 0 && queued && !failed_) {
    // No ratio yet, but a block is on its way: wait for it (once per file).
    wait_until_stored();
    return size_reached(limit);
  }
  // The latest block's ratio: the blocks in memory hold the events that
  // came after it, likely of the same kind.
  const double ratio = stored_scap ? double(stored_bytes) / double(stored_scap) : 1.0;
  return written + uint64_t(double(in_memory) * ratio) >= limit;
}

uint64_t TraceWriter::record_bound(uint64_t raw) {
  // zstd's worst case (ZSTD_compressBound) is under raw + raw/256 + 64.
  return raw + raw / 64 + kRecordHeaderSize + 64;
}

bool TraceWriter::exact_size_reached(uint64_t limit) {
  // From a file the answer must not depend on how far the compressing
  // thread has got (the same input gives the same files under any load).
  // The answer is the estimate the writer makes once every closed block is
  // in the file, which depends only on the events: the file so far, then
  // the next snapshot and the open block at the size and ratio of the
  // last ones submitted.
  const bool open = block_.event_count() > 0;
  // 1. While even the worst case of that estimate stays under the limit
  //    (zstd growing every record still in memory), no need to wait for it.
  {
    std::lock_guard lock(stored_mu_);
    const double worst_ratio = last_submitted_scap_ ? double(last_submitted_bound_) / double(last_submitted_scap_) : 1.0;
    const uint64_t worst = bytes_out_ + unstored_bound_ + (snapshot_ && open ? last_snapshot_bound_ : 0) +
                           uint64_t(double(block_.raw_bytes()) * worst_ratio) + 1;
    if (worst < limit) return false;
  }
  // 2. Let the queue drain, so that only the open block (and the snapshot
  //    before it) is estimated.
  wait_until_stored();
  if (failed_) return false;  // write() reports the error
  std::lock_guard lock(stored_mu_);
  const double ratio = last_block_scap_ ? double(last_block_file_bytes_) / double(last_block_scap_) : 1.0;
  const uint64_t snapshot = snapshot_ && open ? last_snapshot_bytes_ : 0;
  return bytes_out_ + snapshot + uint64_t(double(block_.raw_bytes()) * ratio) >= limit;
}

void TraceWriter::check_worker() {
  if (!failed_) return;
  std::lock_guard lock(error_mu_);
  throw TraceError(error_);
}

void TraceWriter::submit(Pending p) {
  {
    std::lock_guard lock(stored_mu_);
    submitted_scap_ += p.scap_bytes;
    if (p.tag == kStateTag) ++submitted_snapshots_;
    if (options_.background) ++submitted_records_;
    const uint64_t bound = record_bound(p.raw.size());
    unstored_bound_ += bound;
    if (p.tag == kStateTag) last_snapshot_bound_ = bound;
    if (p.tag == kEventsTag) {
      last_submitted_scap_ = p.scap_bytes;
      last_submitted_bound_ = bound;
    }
  }
  if (options_.background)
    queue_.push(std::move(p));
  else
    store(p);
}

void TraceWriter::write(const Event& event) {
  check_worker();
  if (block_.event_count() == 0) block_opened_ = std::chrono::steady_clock::now();
  block_.add(event);
  ++events_;
  if (block_.raw_bytes() >= options_.block_bytes || (block_.event_count() % 256 == 0 && block_is_old()))
    flush_block();
}

bool TraceWriter::block_is_old() const {
  // 0: blocks close on size only (from a file, where the wall clock would
  // make the same input give different blocks, and -C sizes with them).
  if (options_.block_age_ms == 0) return false;
  return std::chrono::steady_clock::now() - block_opened_ >= std::chrono::milliseconds(options_.block_age_ms);
}

void TraceWriter::flush_block() {
  if (block_.event_count() == 0) return;
  if (snapshot_) {
    submit({.tag = kStateTag, .raw = std::move(*snapshot_), .level = options_.level});
    snapshot_.reset();
  }
  Pending p{.tag = kEventsTag,
            .raw = {},
            .count = uint32_t(block_.event_count()),
            .first_ts = block_.first_ts(),
            .last_ts = block_.last_ts(),
            .first_event = block_first_event_,
            .level = options_.level,
            .scap_bytes = block_.raw_bytes()};
  p.raw = block_.finish();
  submit(std::move(p));
  block_first_event_ = events_;
  // The state as the next block's first event will find it. Written only
  // if a next block comes.
  snapshot_ = encode_state(state_, options_.format_major);
}

void TraceWriter::finish_worker() {
  if (!worker_.joinable()) return;
  queue_.close();
  worker_.join();
}

void TraceWriter::close(const SourceStats& stats) {
  if (closed_) return;
  closed_ = true;
  try {
    flush_block();
  } catch (...) {
    finish_worker();
    throw;
  }
  finish_worker();
  check_worker();
  Bytes tail;
  const uint64_t index_offset = offset_;
  Bytes index = encode_index(index_);
  put_record_header(tail, {kIndexTag, uint32_t(index.size()), uint32_t(index.size()), 0, 0, 0});
  put_bytes(tail, index.data(), index.size());
  put_footer(tail, index_offset, events_, stats.drops);
  append(tail.data(), tail.size());
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(std::string("close failed: ") + std::strerror(errno));
}

}  // namespace sysray::trace
