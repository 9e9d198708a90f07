// LEB128 varints and zigzag signed ints: the integer encoding of every
// column in a .sray payload. Small deltas take one byte.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sysray::trace {

using Bytes = std::vector<uint8_t>;

inline uint64_t zigzag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return int64_t(v >> 1) ^ -int64_t(v & 1); }

inline void put_varint(Bytes& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(uint8_t(v) | 0x80);
    v >>= 7;
  }
  out.push_back(uint8_t(v));
}
inline void put_svarint(Bytes& out, int64_t v) { put_varint(out, zigzag(v)); }
inline void put_bytes(Bytes& out, const void* p, size_t n) {
  const uint8_t* b = static_cast<const uint8_t*>(p);
  out.insert(out.end(), b, b + n);
}

// A payload that does not decode. The message says what; the reader adds
// the file and the record's offset.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bounds-checked reads over one column; name is the column's, for messages.
class VarintReader {
 public:
  VarintReader() = default;
  VarintReader(const uint8_t* data, size_t size, const char* name) : p_(data), end_(data + size), name_(name) {}

  bool empty() const { return p_ == end_; }
  size_t remaining() const { return size_t(end_ - p_); }

  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) fail("ends inside a number");
      uint8_t b = *p_++;
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("holds a number longer than 10 bytes");
  }
  int64_t svarint() { return unzigzag(varint()); }
  // A varint that must fit in limit (a count or a length).
  uint64_t bounded(uint64_t limit, const char* what) {
    uint64_t v = varint();
    if (v > limit) fail(std::string(what) + " " + std::to_string(v) + " exceeds " + std::to_string(limit));
    return v;
  }
  const uint8_t* bytes(size_t n) {
    if (n > remaining()) fail("needs " + std::to_string(n) + " bytes, " + std::to_string(remaining()) + " left");
    const uint8_t* p = p_;
    p_ += n;
    return p;
  }
  std::string_view str(size_t n) { return {reinterpret_cast<const char*>(bytes(n)), n}; }
  // A NUL-terminated string, without its NUL.
  std::string_view cstr() {
    const void* nul = std::memchr(p_, 0, remaining());
    if (!nul) fail("ends inside a string");
    const size_t n = size_t(static_cast<const uint8_t*>(nul) - p_);
    std::string_view s(reinterpret_cast<const char*>(p_), n);
    p_ += n + 1;
    return s;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw DecodeError(std::string("column '") + name_ + "' " + what);
  }

 private:
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  const char* name_ = "";
};

}  // namespace sysray::trace
