// Where events come from: a .scap file, a .sray file, or the live probe.
//
// A source first loads the initial state (threads, fds, users, machine info)
// into the State, then yields events one at a time. The pipeline
// (cli/pipeline) is the same for every source.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "event/event.h"
#include "state/state.h"

namespace sysray {

// Damage or failure in a source. what() is the whole one-line message,
// including where (file and byte offset) when there is a where.
class SourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SourceStats {
  uint64_t events = 0;  // events yielded
  uint64_t drops = 0;   // events lost before they reached sysray (kernel buffers full, ...)
  uint64_t drops_buffer = 0;     // of drops: a kernel buffer was full
  uint64_t drops_too_large = 0;  // of drops: the event was over the size limit
};

class EventSource {
 public:
  virtual ~EventSource() = default;
  // Loads the initial state. Throws SourceError.
  virtual void open(State& state) = 0;
  // Fills event with the next event; false at the end. The event's bytes
  // stay valid until the next call. Metadata met mid-stream (a concatenated
  // capture) goes into the State given to open(). Throws SourceError after
  // every good event before the damage has been returned.
  virtual bool next(Event& event) = 0;
  virtual SourceStats stats() const { return {}; }
  virtual bool is_live() const { return false; }
  // Asks a live source to stop; next() then drains and returns false.
  // Called from signal handlers: it must be async-signal-safe (set a
  // lock-free atomic, nothing else).
  virtual void stop() {}
  // A live source calls this when it has nothing to yield and is about to
  // wait (once per quiet spell): the moment to flush buffered output.
  void set_idle_handler(std::function<void()> handler) { idle_handler_ = std::move(handler); }

 protected:
  void notify_idle() {
    if (idle_handler_) idle_handler_();
  }

 private:
  std::function<void()> idle_handler_;
};

}  // namespace sysray
