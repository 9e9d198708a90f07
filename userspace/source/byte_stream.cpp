#include "source/byte_stream.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>


namespace sysray {

namespace {
constexpr size_t kInputChunk = 64 * 1024;
// take() reads ahead this much at a time (more when asked for more): small
// enough to stay in a core's L2 cache while it is decoded.
constexpr size_t kWindowChunk = 256u << 10;
// Room before each read-ahead chunk for the tail of the one before: an
// event block is at most 64 KiB unless it is a LARGE one.
constexpr size_t kWindowFrontRoom = 64u << 10;
// Files from this size on are read on a second thread (ChunkReadAhead).
constexpr uint64_t kReadAheadMinBytes = 4u << 20;
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
  // Files are read with read(), not mapped: copying a chunk at a time into
  // a buffer that stays in the cache is cheaper than touching every page of
  // a mapping (measured in docs/PERFORMANCE.md), and a file that shrinks
  // while it is read is an error message instead of a SIGBUS.
  s->fd_ = fd;
  if (S_ISREG(st.st_mode)) s->file_size_ = uint64_t(st.st_size);
  return s;
}

std::unique_ptr<ByteStream> ByteStream::from_memory(std::span<const uint8_t> bytes) {
  std::unique_ptr<ByteStream> s(new ByteStream());
  s->memory_ = bytes;
  return s;
}

ByteStream::~ByteStream() {
  ahead_.reset();  // the thread uses what follows
  if (inflate_ready_) inflateEnd(&z_);
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
    if (r > 0) {
      raw_read_ += uint64_t(r);
      return size_t(r);
    }
    if (r == 0) {
      // The end, before the size the file had when opened: another program
      // truncated it. Saying so beats a capture that merely looks short.
      if (file_size_ && raw_read_ < *file_size_)
        throw StreamError(fmt::format("the file shrank while it was being read (to {} of its {} bytes)", raw_read_,
                                      *file_size_));
      return 0;
    }
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
    start_read_ahead();
  }
  if (fd_ < 0 && !gzip_) return;  // plain memory: the window is all there is
  if (!deferred_error_.empty()) throw StreamError(deferred_error_);
  if (ahead_) {
    fill_window_from_chunks(n);
  } else {
    fill_window_here(n);
  }
  if (window_end_ - window_pos_ < n && !deferred_error_.empty()) throw StreamError(deferred_error_);
}

// A second thread pays only for big files, and only regular files are
// safe: the thread's read() never blocks, so stopping it never hangs.
void ByteStream::start_read_ahead() {
  if (fd_ < 0 || !file_size_ || *file_size_ < kReadAheadMinBytes) return;
  ahead_ = std::make_unique<ChunkReadAhead>(
      [this](uint8_t* dst, size_t n, std::string* error) { return produce(dst, n, error); }, kWindowChunk,
      kWindowFrontRoom);
}

size_t ByteStream::produce(uint8_t* dst, size_t n, std::string* error) {
  size_t got = 0;
  try {
    while (got < n) {
      const size_t r = gzip_ ? read_gzip(dst + got, n - got) : read_plain(dst + got, n - got);
      if (r == 0) break;  // the end of the stream
      got += r;
    }
  } catch (const std::exception& e) {  // on the read-ahead thread nothing may escape
    *error = e.what();
  }
  return got;
}

// Without a read-ahead thread the window is read_ahead_ itself (or empty
// before the first fill). Growing it may move it, so the unread tail is
// found by its position in it, not through window_.
void ByteStream::fill_window_here(size_t n) {
  const size_t have = window_end_ - window_pos_;
  const size_t size = std::max(n, kWindowChunk);
  if (read_ahead_.size() < size) read_ahead_.resize(size);
  if (have) std::memmove(read_ahead_.data(), read_ahead_.data() + window_pos_, have);
  window_ = read_ahead_.data();
  window_pos_ = 0;
  window_end_ = have + produce(read_ahead_.data() + have, read_ahead_.size() - have, &deferred_error_);
}

void ByteStream::fill_window_from_chunks(size_t n) {
  while (window_end_ - window_pos_ < n && !chunks_ended_) {
    const size_t have = window_end_ - window_pos_;
    ChunkReadAhead::Chunk& chunk = ahead_->next();
    if (have <= chunk.front_room) {
      // The usual case: the tail of the last chunk goes in front of the new one.
      uint8_t* start = chunk.data() - have;
      if (have) std::memcpy(start, window_ + window_pos_, have);
      window_ = start;
      window_end_ = have + chunk.size;
    } else {
      // A request bigger than a chunk: gathered in read_ahead_.
      if (window_ == read_ahead_.data()) {
        std::memmove(read_ahead_.data(), window_ + window_pos_, have);
        read_ahead_.resize(have);
      } else {
        read_ahead_.assign(window_ + window_pos_, window_ + window_end_);
      }
      read_ahead_.insert(read_ahead_.end(), chunk.data(), chunk.data() + chunk.size);
      window_ = read_ahead_.data();
      window_end_ = read_ahead_.size();
    }
    window_pos_ = 0;
    ahead_->release_previous();
    if (chunk.last) {
      chunks_ended_ = true;
      deferred_error_ = chunk.error;
    }
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
