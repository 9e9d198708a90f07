// Random access to the bytes of a .sray file: a file read with pread (the
// decompress-ahead thread and the main thread may both read) or a memory
// buffer (tests, the fuzzer).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace sysray::trace {

class TraceInput {
 public:
  // Throws std::runtime_error with the system's reason.
  static TraceInput open_file(const std::string& path);
  static TraceInput from_memory(std::span<const uint8_t> bytes);
  TraceInput(TraceInput&& other) noexcept;
  TraceInput& operator=(TraceInput&&) = delete;
  ~TraceInput();

  uint64_t size() const { return size_; }
  // Copies up to n bytes at offset; fewer only at the end of the file.
  // Throws std::runtime_error on I/O errors.
  size_t read_at(uint64_t offset, uint8_t* dst, size_t n) const;

 private:
  TraceInput() = default;
  int fd_ = -1;
  std::span<const uint8_t> memory_;
  uint64_t size_ = 0;
};

}  // namespace sysray::trace
