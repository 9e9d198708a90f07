// Bounds-checked little-endian reads over the bytes of one capture block.
//
// Every read names the field it wants, so that damage is reported as
// "process list: field 'comm' needs 12 bytes, 5 left" at the exact byte
// offset of that field in the file.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sysray {

// A field that does not fit, or a value that makes no sense. offset() is
// the field's position in the (uncompressed) stream.
class FieldError : public std::runtime_error {
 public:
  FieldError(uint64_t offset, const std::string& what) : std::runtime_error(what), offset_(offset) {}
  uint64_t offset() const { return offset_; }

 private:
  uint64_t offset_;
};

class FieldReader {
 public:
  // data[0] sits at stream offset base; context names the block in messages.
  FieldReader(const uint8_t* data, size_t size, uint64_t base, const char* context)
      : data_(data), size_(size), base_(base), context_(context) {}

  size_t pos() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  uint64_t stream_offset() const { return base_ + pos_; }
  const char* context() const { return context_; }

  uint8_t u8(const char* field) { return take<uint8_t>(field); }
  uint16_t u16(const char* field) { return take<uint16_t>(field); }
  uint32_t u32(const char* field) { return take<uint32_t>(field); }
  uint64_t u64(const char* field) { return take<uint64_t>(field); }
  int64_t i64(const char* field) { return take<int64_t>(field); }
  const uint8_t* bytes(size_t n, const char* field) {
    if (n > remaining()) fail_short(n, field);
    const uint8_t* p = data_ + pos_;
    pos_ += n;
    return p;
  }
  // A u16 length followed by that many bytes (scap's string encoding).
  std::string_view str16(const char* field);
  void skip(size_t n, const char* field) { bytes(n, field); }

  // The next n bytes as a reader of their own (one list entry), and moves
  // past them.
  FieldReader entry(size_t n, const char* field);
  // An entry that starts with its u32 length; includes_prefix says whether
  // that length counts its own 4 bytes (PL/FDL/UL V2) or not (IL V2).
  FieldReader length_prefixed_entry(bool includes_prefix, const char* field);

  // Throws a FieldError at the current position.
  [[noreturn]] void fail(const std::string& what) const;
  [[noreturn]] void fail_short(size_t n, const char* field) const;

 private:
  template <class T>
  T take(const char* field) {
    T v;
    std::memcpy(&v, bytes(sizeof v, field), sizeof v);
    return v;
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  uint64_t base_;
  const char* context_;
};

}  // namespace sysray
