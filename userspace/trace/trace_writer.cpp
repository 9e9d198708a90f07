#include "trace/trace_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "trace/state_codec.h"
#include "trace/zstd_codec.h"

namespace sysray::trace {

TraceWriter::TraceWriter(std::string path, const State& state, TraceWriterOptions options)
    : path_(std::move(path)), state_(state), options_(options) {
  // Captures show every command line and buffer on the system: owner only.
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) fail(std::string("cannot create: ") + std::strerror(errno));
  try {
    restrict_to_owner(fd_, path_);
    Bytes header(kMagic, kMagic + sizeof kMagic);
    put_bytes(header, &kVersionMajor, 2);
    put_bytes(header, &kVersionMinor, 2);
    const uint32_t flags = 0;
    put_bytes(header, &flags, 4);
    append(header.data(), header.size());
    state_offset_ = offset_;
    initial_state_ = encode_state(state_);
    store({.tag = kStateTag, .raw = initial_state_, .level = kStateZstdLevel});
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
  // Snapshots repeat most of the initial state: zstd refers to it instead
  // of storing it again.
  const bool snapshot = p.tag == kStateTag && offset_ != kFileHeaderSize;
  Bytes payload = zstd_compress(p.raw, p.level, snapshot ? &initial_state_ : nullptr);
  if (payload.size() > kMaxRecordPayload || p.raw.size() > kMaxRawBlock)
    fail("a record of " + std::to_string(p.raw.size()) + " bytes exceeds the format's limit");
  Bytes head;
  put_record_header(head, {p.tag, uint32_t(payload.size()), uint32_t(p.raw.size()), p.count, p.first_ts, p.last_ts});
  const uint64_t at = offset_;
  append(head.data(), head.size());
  append(payload.data(), payload.size());
  if (p.tag == kStateTag) state_offset_ = at;
  if (p.tag == kEventsTag) index_.push_back({at, state_offset_, p.first_ts, p.last_ts, p.count, p.first_event});
}

void TraceWriter::worker_loop() {
  while (std::optional<Pending> p = queue_.pop()) {
    if (failed_) continue;  // keep draining so that the producer never blocks
    try {
      store(*p);
    } catch (const TraceError& e) {
      std::lock_guard lock(error_mu_);
      error_ = e.what();
      failed_ = true;
    }
  }
}

void TraceWriter::check_worker() {
  if (!failed_) return;
  std::lock_guard lock(error_mu_);
  throw TraceError(error_);
}

void TraceWriter::submit(Pending p) {
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
            .level = options_.level};
  p.raw = block_.finish();
  submit(std::move(p));
  block_first_event_ = events_;
  // The state as the next block's first event will find it. Written only
  // if a next block comes.
  snapshot_ = encode_state(state_);
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
