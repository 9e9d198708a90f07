// A buffered writer for stdout: formatting appends to one reused string that
// is written out in large chunks, never per event.
#pragma once

#include <cstdio>
#include <string>

namespace sysray {

class OutputBuffer {
 public:
  explicit OutputBuffer(FILE* out = stdout, size_t flush_at = 1 << 16) : out_(out), flush_at_(flush_at) {
    buffer_.reserve(flush_at_ * 2);
  }
  ~OutputBuffer() { flush(); }
  std::string& text() { return buffer_; }
  // Writes out once enough has accumulated (or always, when line buffered).
  void maybe_flush() {
    if (buffer_.size() >= flush_at_ || line_buffered_) flush();
  }
  void flush() {
    if (!buffer_.empty()) {
      std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
      buffer_.clear();
    }
    std::fflush(out_);
  }
  // Live capture to a terminal wants every line as it happens.
  void set_line_buffered(bool on) { line_buffered_ = on; }

 private:
  FILE* out_;
  size_t flush_at_;
  bool line_buffered_ = false;
  std::string buffer_;
};

}  // namespace sysray
