// The -w sink of the pipeline: hands events to an EventWriter.
//
// Without a filter every event the source yields is written, hidden and
// state-only ones included, so that replaying the file rebuilds the same
// state and prints the same lines. With a filter, an event is written if
// it matches or if it changes state (open, close, clone, execve, socket,
// ...: anything a state parser handles, and internal events); the enter
// event of a written exit is written with it, so that latency and
// enter-side parameters stay right.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "trace/event_writer.h"

namespace sysray::trace {

class TraceSink {
 public:
  TraceSink(std::unique_ptr<EventWriter> writer, bool filtered);

  // matched: the filter's verdict (true without a filter).
  void add(const Event& event, bool matched);
  // Call with each event before State processes it (event_writer.h).
  void before_state(const Event& event) { writer_->before_state(event); }
  void close(const SourceStats& stats) { writer_->close(stats); }

 private:
  struct HeldEnter {
    std::vector<uint8_t> raw;
    uint16_t type = 0, cpu = 0;
    uint32_t flags = 0;
    uint64_t num = 0;
  };

  bool changes_state(const Event& event) const;

  std::unique_ptr<EventWriter> writer_;
  bool filtered_;
  // Per thread, the last enter event that was not written.
  std::unordered_map<int64_t, HeldEnter> held_;
};

}  // namespace sysray::trace
