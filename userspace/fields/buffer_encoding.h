// PT_BYTEBUF encodings: sysdig's default, -A, -x, -X, -b and -j renderings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "fields/render_options.h"

namespace sysray {

// Appends `bytes` as sysdig prints a byte buffer in `format`. max_len applies to
// BufferFormat::Normal only (0 = unlimited). An empty buffer prints nothing.
void append_byte_buffer(std::string_view bytes, BufferFormat format, size_t max_len, std::string& out);

}  // namespace sysray
