// Writes a .sray file (docs/trace-format.md): header and initial state at
// construction, events as they come, index and footer at close().
//
// Events are gathered into columns on the caller's thread (cheap); full
// blocks are compressed and written by a second thread through a bounded
// queue, so zstd never stalls the capture loop. A crash leaves a file
// whose complete blocks the reader still reads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "source/event_source.h"
#include "state/state.h"
#include "trace/bounded_queue.h"
#include "trace/event_writer.h"
#include "trace/event_block_codec.h"
#include "trace/record_prefix.h"
#include "trace/record.h"
#include "trace/trace_format.h"

namespace sysray::trace {

struct TraceWriterOptions {
  size_t block_bytes = kDefaultBlockBytes;
  uint64_t block_age_ms = kDefaultBlockAgeMs;  // 0: close blocks on size only
  int level = kDefaultEventsZstdLevel;
  bool background = true;  // compress on a second thread
  // -C: near the limit, wait for the queued blocks to be written rather
  // than estimate their size, so that sizes do not depend on timing (no
  // for live capture, where the wait could cost events).
  bool exact_size = true;
  // An older major version (1: no state dictionary; 2: the 2.0 state
  // coding): only for tests that check that older files still read.
  uint16_t format_major = kVersionMajor;
};

class TraceWriter : public EventWriter {
 public:
  // Creates path (mode 0600, truncating an existing file) and writes the
  // header and the state. state must outlive the writer: when a block
  // closes, the writer snapshots it so that a reader can start at the next
  // block (--from) with the state it needs. Throws TraceError.
  TraceWriter(std::string path, const State& state, TraceWriterOptions options = {});
  ~TraceWriter() override;  // closes the file if close() was not called (errors are lost)
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;

  // Throws TraceError when an earlier block could not be written.
  void write(const Event& event) override;
  // Writes the last block, the index and the footer (with the source's
  // drop count). Throws TraceError.
  void close(const SourceStats& stats) override;
  uint64_t events_written() const { return events_; }
  uint64_t bytes_written() const override { return bytes_out_; }
  // Counts the blocks still in memory (queued, being compressed, open) at
  // the compression ratio of this file's latest stored block. Before one is
  // stored, and only if they could matter, waits until they are.
  bool size_reached(uint64_t limit) override;

 private:
  struct Pending {
    uint32_t tag = 0;
    Bytes raw;
    uint32_t count = 0;
    uint64_t first_ts = 0, last_ts = 0, first_event = 0;
    int level = 0;
    uint64_t scap_bytes = 0;  // event blocks: the events' scap-layout size
  };

  bool exact_size_reached(uint64_t limit);
  static uint64_t record_bound(uint64_t raw);  // the most a record of raw bytes can take in the file
  void flush_block();
  bool block_is_old() const;
  void submit(Pending pending);
  void store(const Pending& pending);  // compresses and appends one record
  void append(const uint8_t* data, size_t size);
  void worker_loop();
  void check_worker();
  void finish_worker();
  void wait_until_stored();
  [[noreturn]] void fail(const std::string& what);

  std::string path_;
  const State& state_;
  TraceWriterOptions options_;
  int fd_ = -1;
  EventBlockEncoder block_;
  RecordPrefixes prefixes_;        // what snapshots and event blocks are compressed against
  std::optional<Bytes> snapshot_;  // taken when a block closed, written before the next one
  uint64_t events_ = 0;
  uint64_t block_first_event_ = 0;
  std::chrono::steady_clock::time_point block_opened_;

  // Owned by whichever thread stores records (the worker when there is one).
  uint64_t offset_ = 0;
  std::atomic<uint64_t> bytes_out_{0};  // offset_, readable from the caller's thread
  uint64_t state_offset_ = 0;
  std::vector<IndexEntry> index_;

  BoundedQueue<Pending> queue_{4};
  std::thread worker_;
  // -C accounting: scap-layout bytes of event blocks submitted and stored,
  // and of the last one stored with the bytes it took in the file. Under
  // stored_mu_.
  std::mutex stored_mu_;
  std::condition_variable stored_cv_;
  uint64_t submitted_scap_ = 0, stored_scap_ = 0, last_block_scap_ = 0, last_block_file_bytes_ = 0;
  uint64_t submitted_records_ = 0, stored_records_ = 0;
  // Exact -C: record_bound() of the records submitted but not yet stored,
  // of the last snapshot submitted, and of the last event block with its
  // scap-layout bytes.
  uint64_t unstored_bound_ = 0, last_snapshot_bound_ = 0;
  uint64_t last_submitted_scap_ = 0, last_submitted_bound_ = 0;
  // Snapshots before blocks: how many are queued, and the size of the last
  // one stored (the next ones are about as large).
  uint64_t submitted_snapshots_ = 0, stored_snapshots_ = 0, last_snapshot_bytes_ = 0;
  std::mutex error_mu_;
  std::string error_;
  std::atomic<bool> failed_{false};
  bool closed_ = false;
};

}  // namespace sysray::trace
