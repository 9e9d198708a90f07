// Buffered sequential input for capture files: a plain file, a gzip file
// (inflated on the fly, concatenated members included) or a memory buffer.
// Files are read with read(); big regular files on a second thread, a few
// chunks ahead (source/chunk_read_ahead.h).
//
// offset() counts bytes of the *uncompressed* stream, which is what block
// lengths refer to; is_gzip() tells callers to say so in their messages.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <zlib.h>

#include "source/chunk_read_ahead.h"

namespace sysray {

// A read failure (I/O error, corrupt or cut gzip data). what() says what is
// wrong without the file name; the caller knows where.
class StreamError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ByteStream {
 public:
  // Opens path for reading. Throws StreamError with the system's reason
  // ("No such file or directory", "is a directory").
  static std::unique_ptr<ByteStream> open_file(const std::string& path);
  // Reads from bytes, which must outlive the stream.
  static std::unique_ptr<ByteStream> from_memory(std::span<const uint8_t> bytes);

  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // Copies up to n bytes into dst; fewer only at the end of the stream.
  // Throws StreamError on I/O errors and damaged gzip data.
  size_t read(uint8_t* dst, size_t n);
  // The next n bytes in place, without copying them out: returns a pointer
  // to them and moves past them; *got is n, or less only at the end of the
  // stream. The bytes stay valid until the next call on this stream.
  // Throws as read() does, only once the bytes before the damage are used up.
  const uint8_t* take(size_t n, size_t* got) {
    if (window_end_ - window_pos_ < n) fill_window(n);
    *got = std::min(n, window_end_ - window_pos_);
    const uint8_t* p = window_ + window_pos_;
    window_pos_ += *got;
    offset_ += *got;
    return p;
  }
  // The next n bytes if they are in memory already (nothing is read, nothing
  // moves), else nullptr; skip_peeked(n) then moves past them.
  const uint8_t* peek(size_t n) const { return window_end_ - window_pos_ >= n ? window_ + window_pos_ : nullptr; }
  void skip_peeked(size_t n) {
    window_pos_ += n;
    offset_ += n;
  }
  // Skips up to n bytes; returns how many were skipped.
  uint64_t skip(uint64_t n);

  uint64_t offset() const { return offset_; }
  bool is_gzip() const { return gzip_; }

 private:
  ByteStream() = default;
  void detect_compression();
  size_t read_raw(uint8_t* dst, size_t n);  // from the file or memory
  bool refill_input();                      // tops up in_; false at raw EOF
  size_t read_plain(uint8_t* dst, size_t n);
  size_t read_gzip(uint8_t* dst, size_t n);
  bool start_next_gzip_member();
  void fill_window(size_t n);  // at least n bytes in the window, unless the stream ends
  void fill_window_here(size_t n);
  void fill_window_from_chunks(size_t n);
  void start_read_ahead();
  // The stream's next bytes (inflated if gzip): n of them, fewer only at
  // the end or at damage, which then goes into *error.
  size_t produce(uint8_t* dst, size_t n, std::string* error);

  int fd_ = -1;
  std::optional<uint64_t> file_size_;  // a regular file's size when opened
  uint64_t raw_read_ = 0;              // bytes read() so far
  std::span<const uint8_t> memory_;
  size_t memory_pos_ = 0;
  bool raw_eof_ = false;

  // Raw (possibly compressed) bytes not consumed yet: in_[in_pos_, in_end_).
  std::vector<uint8_t> in_;
  size_t in_pos_ = 0, in_end_ = 0;

  bool detected_ = false;
  bool gzip_ = false;
  bool gzip_finished_ = false;  // last member ended; anything after is ignored
  bool inflate_ready_ = false;
  std::string gzip_error_;  // damage met after some bytes were inflated
  z_stream z_ = {};
  uint64_t offset_ = 0;

  // What take() hands out next: window_[window_pos_, window_end_). For
  // files and gzip it is read_ahead_, filled in big steps; a plain memory
  // buffer is the window itself.
  const uint8_t* window_ = nullptr;
  size_t window_pos_ = 0, window_end_ = 0;
  std::vector<uint8_t> read_ahead_;
  // An error met while reading ahead, thrown once the good bytes before it
  // are used up, so that callers see them first as they did reading in steps.
  std::string deferred_error_;
  // Reading ahead on a second thread: the thread owns everything above
  // that produce() uses (fd_, in_, z_, the gzip flags); this thread only
  // the window. Destroyed first.
  std::unique_ptr<ChunkReadAhead> ahead_;
  bool chunks_ended_ = false;  // the last chunk has been taken
};

}  // namespace sysray
