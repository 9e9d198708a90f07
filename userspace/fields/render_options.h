// Options that change how parameters are rendered (sysdig's -A/-x/-X/-b/-j/-v).
#pragma once

#include <cstddef>
#include <cstdint>

namespace sysray {

// How PT_BYTEBUF parameters are printed (the sysdig command-line switch).
enum class BufferFormat : uint8_t {
  Normal,    // default: non-printables as '.', cut to max_bytebuf_len
  Ascii,     // -A: printable characters only, CR/LF kept as line breaks
  Hex,       // -x: hex dump
  HexAscii,  // -X: hex dump plus an ASCII column
  Base64,    // -b
  Json,      // -j: like Normal but never cut (sysdig's JSON evt.info is unbounded)
};

struct RenderOptions {
  BufferFormat buffers = BufferFormat::Normal;
  size_t max_bytebuf_len = 80;  // Normal only; 0 = unlimited (-v)
};

}  // namespace sysray
