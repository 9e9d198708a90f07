// Where -w sends events: a .sray trace or a .scap export. The pipeline's
// sink (trace_sink.h) sees only this.
#pragma once

#include <stdexcept>
#include <string>

#include "event/event.h"
#include "source/event_source.h"

namespace sysray::trace {

// A file that cannot be created or written. One line, with the file name.
class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Makes a newly created capture file owner-only (0600) even if it existed
// with wider permissions. Leaves anything but a regular file alone (-w
// /dev/null must not change the device). Throws TraceError.
void restrict_to_owner(int fd, const std::string& path);

class EventWriter {
 public:
  virtual ~EventWriter() = default;
  // Throws TraceError when the file cannot be written.
  virtual void write(const Event& event) = 0;
  // Finishes the file; stats.drops is recorded where the format can hold it.
  virtual void close(const SourceStats& stats) = 0;
  // Bytes written to the file so far; lags behind what is still being
  // compressed.
  virtual uint64_t bytes_written() const = 0;
  // -C: whether the file, once what it holds in memory is written, would
  // reach limit bytes. May wait for a compressing thread to learn how well
  // the data compresses.
  virtual bool size_reached(uint64_t limit) { return bytes_written() >= limit; }
  // Called with each event before State sees it (write() comes after):
  // a rotation opens its next file here, so that the file's initial state
  // is the one the event finds rather than one that already holds it.
  virtual void before_state(const Event&) {}
};

}  // namespace sysray::trace
