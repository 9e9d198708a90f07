// Buffered sequential input for capture files: a plain file, a gzip file
// (inflated on the fly, concatenated members included) or a memory buffer.
//
// offset() counts bytes of the *uncompressed* stream, which is what block
// lengths refer to; is_gzip() tells callers to say so in their messages.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <zlib.h>

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

  int fd_ = -1;
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
  z_stream z_ = {};
  uint64_t offset_ = 0;
};

}  // namespace sysray
