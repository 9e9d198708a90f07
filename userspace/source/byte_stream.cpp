#include "source/byte_stream.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "source/truncation_guard.h"

namespace sysray {

namespace {
constexpr size_t kInputChunk = 64 * 1024;
// take() reads ahead this much at a time (more when asked for more).
constexpr size_t kWindowChunk = 1u << 20;
// Mapped files up to this size are populated when mapped.
constexpr uint64_t kPopulateLimit = 1ull << 30;
constexpr uint8_t kGzipMagic0 = 0x1f, kGzipMagic1 = 0x8b;
constexpr int kGzipWindowBits = 15 + 32;  // 32: accept gzip (and zlib) headers
}  // namespace

std::unique_ptr<ByteStream> ByteStream::open_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw StreamError(std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    throw StreamError(std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw StreamError("is a directory");
  }
  std::unique_ptr<ByteStream> s(new ByteStream());
  // A regular file is mapped and read like a memory buffer: no copy through
  // read(), and plain captures are used in place. Anything that cannot be
  // mapped (pipes, /dev/stdin, empty files) is read with read().
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    // Populating the mapping up front costs one call instead of a page
    // fault per 64 KiB (expensive in a VM); files too big to sit in memory
    // fault their pages in as they are read.
    const int populate = uint64_t(st.st_size) <= kPopulateLimit ? MAP_POPULATE : 0;
    void* map = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE | populate, fd, 0);
    if (map != MAP_FAILED) {
      guard_mapped_file(path);
      ::madvise(map, size_t(st.st_size), MADV_SEQUENTIAL);
      ::close(fd);
      s->mapping_ = std::span<const uint8_t>(static_cast<const uint8_t*>(map), size_t(st.st_size));
      s->memory_ = s->mapping_;
      return s;
    }
  }
  s->fd_ = fd;
  return s;
}

std::unique_ptr<ByteStream> ByteStream::from_memory(std::span<const uint8_t> bytes) {
  std::unique_ptr<ByteStream> s(new ByteStream());
  s->memory_ = bytes;
  return s;
}

ByteStream::~ByteStream() {
  if (inflate_ready_) inflateEnd(&z_);
  if (!mapping_.empty()) ::munmap(const_cast<uint8_t*>(mapping_.data()), mapping_.size());
  if (fd_ >= 0) ::close(fd_);
}

size_t ByteStream::read_raw(uint8_t* dst, size_t n) {
  if (fd_ < 0) {
    size_t take = std::min(n, memory_.size() - memory_pos_);
    std::memcpy(dst, memory_.data() + memory_pos_, take);
    memory_pos_ += take;
    return take;
  }
  for (;;) {
    ssize_t r = ::read(fd_, dst, n);
    if (r >= 0) return size_t(r);
    if (errno != EINTR) throw StreamError(fmt::format("read error: {}", std::strerror(errno)));
  }
}

bool ByteStream::refill_input() {
  // Keep the unread tail at the front so a caller can look at a few bytes
  // that straddle two reads (the magic of the next gzip member).
  if (in_.empty()) in_.resize(kInputChunk);
  std::memmove(in_.data(), in_.data() + in_pos_, in_end_ - in_pos_);
  in_end_ -= in_pos_;
  in_pos_ = 0;
  bool got_any = false;
  while (!raw_eof_ && in_end_ < in_.size()) {
    size_t r = read_raw(in_.data() + in_end_, in_.size() - in_end_);
    if (r == 0) raw_eof_ = true;
    in_end_ += r;
    got_any = got_any || r > 0;
    if (fd_ >= 0) break;  // one read() is enough; do not block for a full chunk
  }
  return got_any;
}

void ByteStream::detect_compression() {
  detected_ = true;
  while (in_end_ - in_pos_ < 2 && !raw_eof_) refill_input();
  gzip_ = in_end_ - in_pos_ >= 2 && in_[in_pos_] == kGzipMagic0 && in_[in_pos_ + 1] == kGzipMagic1;
  if (!gzip_) return;
  if (inflateInit2(&z_, kGzipWindowBits) != Z_OK) throw StreamError("cannot initialise zlib");
  inflate_ready_ = true;
}

size_t ByteStream::read(uint8_t* dst, size_t n) {
  size_t got = 0;
  const uint8_t* p = take(n, &got);
  if (got > 0) std::memcpy(dst, p, got);
  return got;
}

void ByteStream::fill_window(size_t n) {
  if (!detected_) {
    detect_compression();
    if (fd_ < 0 && !gzip_) {
      // Plain bytes in memory: handed out where they are.
      window_ = memory_.data();
      window_end_ = memory_.size();
      return;
    }
  }
  if (fd_ < 0 && !gzip_) return;  // plain memory: the window is all there is
  if (!deferred_error_.empty()) throw StreamError(deferred_error_);
  const size_t have = window_end_ - window_pos_;
  const size_t size = std::max(n, kWindowChunk);
  if (read_ahead_.size() < size) read_ahead_.resize(size);
  std::memmove(read_ahead_.data(), read_ahead_.data() + window_pos_, have);
  window_ = read_ahead_.data();
  window_pos_ = 0;
  window_end_ = have;
  try {
    while (window_end_ < read_ahead_.size()) {
      uint8_t* dst = read_ahead_.data() + window_end_;
      const size_t room = read_ahead_.size() - window_end_;
      const size_t r = gzip_ ? read_gzip(dst, room) : read_plain(dst, room);
      window_end_ += r;
      if (r < room) break;  // the end of the stream
    }
  } catch (const StreamError& e) {
    deferred_error_ = e.what();
    if (window_end_ < n) throw;
  }
}

uint64_t ByteStream::skip(uint64_t n) {
  uint8_t scratch[4096];
  uint64_t skipped = 0;
  while (skipped < n) {
    size_t want = size_t(std::min<uint64_t>(n - skipped, sizeof scratch));
    size_t got = read(scratch, want);
    skipped += got;
    if (got < want) break;
  }
  return skipped;
}

size_t ByteStream::read_plain(uint8_t* dst, size_t n) {
  size_t got = 0;
  while (got < n) {
    if (in_pos_ == in_end_ && n - got >= kInputChunk && !raw_eof_) {
      // A big read goes straight into dst, not through in_.
      const size_t r = read_raw(dst + got, n - got);
      if (r == 0) raw_eof_ = true;
      got += r;
      continue;
    }
    if (in_pos_ == in_end_ && !refill_input()) break;
    size_t take = std::min(n - got, in_end_ - in_pos_);
    std::memcpy(dst + got, in_.data() + in_pos_, take);
    in_pos_ += take;
    got += take;
  }
  return got;
}

// After a member's end: another member follows only if the gzip magic does.
// Anything else is trailing garbage, which zlib's gzread ignores too.
bool ByteStream::start_next_gzip_member() {
  while (in_end_ - in_pos_ < 2 && !raw_eof_) refill_input();
  if (in_end_ - in_pos_ < 2 || in_[in_pos_] != kGzipMagic0 || in_[in_pos_ + 1] != kGzipMagic1) return false;
  inflateReset(&z_);
  return true;
}

size_t ByteStream::read_gzip(uint8_t* dst, size_t n) {
  if (!gzip_error_.empty()) throw StreamError(gzip_error_);
  size_t got = 0;
  while (got < n && !gzip_finished_) {
    if (in_pos_ == in_end_ && !refill_input()) {
      gzip_error_ = "gzip stream cut short (the compressed file ends inside a member)";
      break;
    }
    z_.next_in = in_.data() + in_pos_;
    z_.avail_in = uInt(in_end_ - in_pos_);
    z_.next_out = dst + got;
    z_.avail_out = uInt(std::min<size_t>(n - got, UINT32_MAX));
    int rc = inflate(&z_, Z_NO_FLUSH);
    in_pos_ = in_end_ - z_.avail_in;
    got = size_t(z_.next_out - dst);
    if (rc == Z_STREAM_END) {
      gzip_finished_ = !start_next_gzip_member();
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      gzip_error_ = fmt::format("corrupt gzip data ({})", z_.msg ? z_.msg : zError(rc));
      break;
    }
  }
  // The bytes inflated before damage go out first; the next call throws.
  if (!gzip_error_.empty() && got == 0) throw StreamError(gzip_error_);
  return got;
}

}  // namespace sysray
