#include "trace/trace_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sysray::trace {

TraceInput TraceInput::open_file(const std::string& path) {
  TraceInput in;
  in.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in.fd_ < 0) throw std::runtime_error(std::strerror(errno));
  struct stat st;
  if (fstat(in.fd_, &st) != 0) throw std::runtime_error(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw std::runtime_error("is a directory");
  in.size_ = uint64_t(st.st_size);
  return in;
}

TraceInput TraceInput::from_memory(std::span<const uint8_t> bytes) {
  TraceInput in;
  in.memory_ = bytes;
  in.size_ = bytes.size();
  return in;
}

TraceInput::TraceInput(TraceInput&& other) noexcept
    : fd_(other.fd_), memory_(other.memory_), size_(other.size_) {
  other.fd_ = -1;
}

TraceInput::~TraceInput() {
  if (fd_ >= 0) ::close(fd_);
}

size_t TraceInput::read_at(uint64_t offset, uint8_t* dst, size_t n) const {
  if (offset >= size_ || n == 0) return 0;  // n == 0: dst may be null (an empty buffer)
  if (n > size_ - offset) n = size_t(size_ - offset);
  if (fd_ < 0) {
    std::memcpy(dst, memory_.data() + offset, n);
    return n;
  }
  size_t got = 0;
  while (got < n) {
    ssize_t r = pread(fd_, dst + got, n - got, off_t(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw std::runtime_error(std::strerror(errno));
    if (r == 0) break;  // the file shrank under us
    got += size_t(r);
  }
  return got;
}

}  // namespace sysray::trace
