// -C/-G/-W/-e: splits the output into several files, as sysdig and tcpdump
// do. A new file starts (with the state as it is then, so that each file
// replays on its own) when the current one reaches -C megabytes, when -G
// seconds of events have gone by, or after -e events. Names: the -w name,
// run through strftime with the first event's time when -G is given, then
// the file's number appended when -C, -e or -W is given (name0, name1, ...);
// with -W N the numbers wrap at N and old files are overwritten.
#pragma once

#include <ctime>
#include <functional>
#include <memory>
#include <string>

#include "trace/event_writer.h"

namespace sysray::trace {

struct RotationOptions {
  uint64_t max_bytes = 0;    // -C, in bytes
  uint64_t max_seconds = 0;  // -G
  uint64_t max_events = 0;   // -e
  uint64_t max_files = 0;    // -W
  bool enabled() const { return max_bytes || max_seconds || max_events || max_files; }
};

class RotatingWriter : public EventWriter {
 public:
  using Opener = std::function<std::unique_ptr<EventWriter>(const std::string& path)>;
  RotatingWriter(std::string pattern, RotationOptions options, Opener open);
  ~RotatingWriter() override;

  void before_state(const Event& event) override;
  void write(const Event& event) override;
  void close(const SourceStats& stats) override;
  uint64_t bytes_written() const override { return current_ ? current_->bytes_written() : 0; }

  // The name of file number `index` whose first event is at ts_ns.
  std::string file_name(uint64_t index, uint64_t ts_ns) const;

 private:
  bool due(const Event& event);

  std::string pattern_;
  RotationOptions options_;
  Opener open_;
  std::unique_ptr<EventWriter> current_;
  uint64_t index_ = 0;          // of the next file
  uint64_t file_start_ns_ = 0;  // first event time of the current file
  uint64_t file_events_ = 0;
  bool prepared_ = false;  // the caller calls before_state()
};

}  // namespace sysray::trace
