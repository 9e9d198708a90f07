// Safe little-endian reads from a parameter's bytes.
//
// sysdig reads a parameter at the width of its type whatever the parameter's
// length. sysray never reads past the parameter: missing bytes count as 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sysray {

// The first `width` (1..8) bytes of `bytes` as a little-endian unsigned
// integer; bytes the parameter does not have are taken as zero.
inline uint64_t read_le_unsigned(std::string_view bytes, size_t width) {
  uint64_t v = 0;
  const size_t n = bytes.size() < width ? bytes.size() : width;
  for (size_t i = 0; i < n; ++i) v |= uint64_t(uint8_t(bytes[i])) << (8 * i);
  return v;
}

// Same, sign-extended from `width` bytes.
inline int64_t read_le_signed(std::string_view bytes, size_t width) {
  const uint64_t v = read_le_unsigned(bytes, width);
  if (width >= 8) return int64_t(v);
  const unsigned shift = unsigned(64 - 8 * width);
  return int64_t(v << shift) >> shift;
}

}  // namespace sysray
