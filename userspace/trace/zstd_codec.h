// zstd frames for .sray records. Frames carry zstd's content checksum, so
// a damaged record is caught when it is decompressed.
#pragma once

#include <cstdint>

#include "trace/varint.h"

namespace sysray::trace {

// prefix, when given, is content the frame may refer to without storing
// it (zstd's refPrefix); the decompressor must be given the same bytes.
// block_end > 0: end a zstd block after the first block_end bytes, so that
// the bytes before and after get their own literal statistics (the state
// record's text and its numbers: ~5% smaller than one block).
Bytes zstd_compress(const Bytes& raw, int level, const Bytes* prefix = nullptr, size_t block_end = 0);
// Decompresses one frame that must hold exactly raw_len bytes. Throws
// DecodeError naming what is wrong.
void zstd_decompress(const uint8_t* data, size_t size, size_t raw_len, Bytes& out, const Bytes* prefix = nullptr);

}  // namespace sysray::trace
