#include "trace/rotating_writer.h"

namespace sysray::trace {

RotatingWriter::RotatingWriter(std::string pattern, RotationOptions options, Opener open)
    : pattern_(std::move(pattern)), options_(options), open_(std::move(open)) {}

RotatingWriter::~RotatingWriter() = default;

std::string RotatingWriter::file_name(uint64_t index, uint64_t ts_ns) const {
  std::string name = pattern_;
  if (options_.max_seconds) {
    const time_t secs = time_t(ts_ns / 1'000'000'000ull);
    std::tm tm{};
    localtime_r(&secs, &tm);
    char buf[4096];
    const size_t n = strftime(buf, sizeof buf, pattern_.c_str(), &tm);
    if (n > 0) name.assign(buf, n);
  }
  if (options_.max_bytes || options_.max_events || options_.max_files)
    name += std::to_string(options_.max_files ? index % options_.max_files : index);
  return name;
}

bool RotatingWriter::due(const Event& e) {
  if (options_.max_bytes && current_->size_reached(options_.max_bytes)) return true;
  if (options_.max_events && file_events_ >= options_.max_events) return true;
  return options_.max_seconds && e.ts >= file_start_ns_ && e.ts - file_start_ns_ >= options_.max_seconds * 1'000'000'000ull;
}

void RotatingWriter::before_state(const Event& e) {
  prepared_ = true;
  if (current_ && due(e)) {
    current_->close({});
    current_.reset();
  }
  // The file opens on its first event, so that its name can carry its
  // time; here, before State applies the event, so that the file's state
  // does not already hold it (replay would apply it twice).
  if (!current_) {
    current_ = open_(file_name(index_++, e.ts));
    file_start_ns_ = e.ts;
    file_events_ = 0;
  }
}

void RotatingWriter::write(const Event& e) {
  // Without before_state() calls, rotate here: the new file's state then
  // already holds its first event.
  if (!prepared_ && current_ && due(e)) {
    current_->close({});
    current_.reset();
  }
  if (!current_) {
    // The file opens on its first event, so that its name can carry its time.
    current_ = open_(file_name(index_++, e.ts));
    file_start_ns_ = e.ts;
    file_events_ = 0;
  }
  current_->write(e);
  ++file_events_;
}

void RotatingWriter::close(const SourceStats& stats) {
  if (current_) current_->close(stats);
  current_.reset();
}

}  // namespace sysray::trace
