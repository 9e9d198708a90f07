// Reads a .sray file (trace_writer.h) as an EventSource.
//
// open() restores the state the writer saved (the initial one, or the
// snapshot before the first block in the --from/--to range, found with the
// index without decompressing earlier blocks). A second thread decompresses
// the next blocks while the caller works on the current one.
//
// A file cut short (crash, full disk) is read up to its last complete
// block; then one warning goes to `warn` and the source ends normally.
// Damage throws SourceError ("<file>: offset N: ...") after every good
// block before it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>
#include <optional>
#include <span>
#include <string>
#include <thread>

#include "source/event_source.h"
#include "trace/bounded_queue.h"
#include "trace/event_block_codec.h"
#include "trace/record_prefix.h"
#include "trace/time_bound.h"
#include "trace/trace_input.h"
#include "trace/trace_layout.h"

namespace sysray::trace {

struct TraceReaderOptions {
  // Events outside [from, to] are not shown; blocks entirely outside are
  // not read. Relative bounds count from the file's first event.
  std::optional<TimeBound> from, to;
  bool prefetch = true;  // decompress ahead on a second thread
  // Receives the one-line warning about a cut file; default: stderr.
  std::function<void(const std::string&)> warn;
};

class TraceReader : public EventSource {
 public:
  explicit TraceReader(std::string path, TraceReaderOptions options = {});
  // Reads a trace held in memory; bytes must outlive the reader.
  TraceReader(std::string name, std::span<const uint8_t> bytes, TraceReaderOptions options = {});
  ~TraceReader() override;

  void open(State& state) override;
  bool next(Event& event) override;
  SourceStats stats() const override { return {.events = yielded_, .drops = layout_.drops}; }

  const TraceLayout& layout() const { return layout_; }

 private:
  struct Loaded {
    DecodedBlock block;
    uint64_t first_event = 0;
    std::string error;  // set instead of a block when it could not be read
  };

  Loaded load_block(size_t i);
  void load_state(uint64_t offset, State& state) const;
  void read_state_record(uint64_t offset, Bytes& decoded, const Bytes* prefix) const;
  void loader_loop();
  bool advance_block();  // false at the end
  [[noreturn]] void fail(const std::string& message);

  std::string name_;
  std::optional<std::span<const uint8_t>> memory_;
  TraceReaderOptions options_;
  std::unique_ptr<TraceInput> input_;
  TraceLayout layout_;
  std::optional<RecordPrefixes> prefixes_;  // set in open(), once the version is known
  uint64_t from_ns_ = 0, to_ns_ = UINT64_MAX;
  size_t first_block_ = 0, end_block_ = 0;  // the blocks in the time range

  // Buffers reused from block to block (fresh ones cost a page fault per
  // 4 KiB): the loader's own, and decoded blocks the consumer is done with.
  Bytes payload_, decoded_;
  std::mutex spare_mu_;
  std::vector<DecodedBlock> spare_;

  std::unique_ptr<BoundedQueue<Loaded>> queue_;
  std::thread loader_;
  size_t next_block_ = 0;  // used when there is no loader thread
  Loaded current_;
  size_t pos_ = 0;         // next event in current_
  uint64_t yielded_ = 0;
  bool done_ = false;
};

}  // namespace sysray::trace
