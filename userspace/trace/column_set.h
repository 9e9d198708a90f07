// A payload split into columns: each kind of value (timestamps, tids,
// string lengths, ...) is gathered in its own byte stream before zstd sees
// it, so that similar bytes sit together and compress far better than
// interleaved records.
//
// Serialized as: varint column count, then per column varint length and
// bytes. A reader takes the columns it knows and ignores any extra ones a
// newer minor version appends.
#pragma once

#include <array>
#include <cstddef>

#include "trace/varint.h"

namespace sysray::trace {

template <size_t N>
struct ColumnSet {
  std::array<Bytes, N> columns;

  Bytes& operator[](size_t i) { return columns[i]; }

  // count: how many columns to write (fewer than N for an older version
  // that had fewer).
  Bytes serialize(size_t count = N) const {
    size_t total = 16;
    for (const Bytes& c : columns) total += c.size() + 10;
    Bytes out;
    out.reserve(total);
    put_varint(out, count);
    for (size_t i = 0; i < count && i < N; ++i) {
      put_varint(out, columns[i].size());
      put_bytes(out, columns[i].data(), columns[i].size());
    }
    return out;
  }

  void clear() {
    for (Bytes& c : columns) c.clear();
  }
};

// Splits a serialized ColumnSet into readers (views into data). names[i]
// names column i in messages. required: how many columns the payload must
// have (fewer than N for an older version; the missing ones read as empty).
template <size_t N>
std::array<VarintReader, N> parse_columns(const uint8_t* data, size_t size, const std::array<const char*, N>& names,
                                          size_t required = N) {
  VarintReader top(data, size, "column table");
  const uint64_t count = top.bounded(1024, "column count");
  if (count < required)
    top.fail("has " + std::to_string(count) + " columns, this reader needs " + std::to_string(required));
  std::array<VarintReader, N> readers;
  for (uint64_t i = 0; i < count; ++i) {
    const uint64_t len = top.bounded(top.remaining(), "column length");
    const uint8_t* p = top.bytes(len);
    if (i < N) readers[i] = VarintReader(p, len, names[i]);
  }
  return readers;
}

}  // namespace sysray::trace
