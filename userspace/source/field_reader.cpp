#include "source/field_reader.h"

#include <fmt/format.h>

namespace sysray {

void FieldReader::fail_short(size_t n, const char* field) const {
  fail(fmt::format("{}: field '{}' needs {} bytes, only {} left", context_, field, n, remaining()));
}

std::string_view FieldReader::str16(const char* field) {
  size_t len = u16(field);
  return {reinterpret_cast<const char*>(bytes(len, field)), len};
}

FieldReader FieldReader::entry(size_t n, const char* field) {
  uint64_t base = stream_offset();
  const uint8_t* p = bytes(n, field);
  return FieldReader(p, n, base, context_);
}

FieldReader FieldReader::length_prefixed_entry(bool includes_prefix, const char* field) {
  const uint64_t at = stream_offset();
  uint32_t len = u32("entry_len");
  if (includes_prefix) {
    if (len < sizeof(uint32_t))
      throw FieldError(at, fmt::format("{}: {} length {} is smaller than its own 4 bytes", context_, field, len));
    len -= sizeof(uint32_t);
  }
  return entry(len, field);
}

void FieldReader::fail(const std::string& what) const { throw FieldError(stream_offset(), what); }

}  // namespace sysray
