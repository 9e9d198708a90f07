#include "fields/buffer_encoding.h"

#include "state/printable_text.h"

namespace sysray {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void append_hex_byte(unsigned char b, std::string& out) {
  out.push_back(kHexDigits[b >> 4]);
  out.push_back(kHexDigits[b & 0xf]);
}

// Default rendering: non-printables become '.'. Longer than max_len, the text
// is cut to max_len and its last three characters become "...".
void append_dotted(std::string_view bytes, size_t max_len, std::string& out) {
  const size_t start = out.size();
  for (char c : bytes) out.push_back(is_printable_byte(static_cast<unsigned char>(c)) ? c : '.');
  if (max_len != 0 && bytes.size() > max_len) {
    out.resize(start + max_len);
    if (max_len > 3) out.replace(out.size() - 3, 3, "...");
  }
}

// -A: a leading newline, then printable chars only. CR prints as a newline,
// and LF is kept unless it ends a CRLF or starts the buffer.
void append_ascii_only(std::string_view bytes, std::string& out) {
  out.push_back('\n');
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (is_printable_byte(static_cast<unsigned char>(c))) {
      out.push_back(c);
    } else if (c == '\r') {
      out.push_back('\n');
    } else if (c == '\n' && i > 0 && bytes[i - 1] != '\r') {
      out.push_back('\n');
    }
  }
}

// -x / -X: rows of 16 bytes, "\n\t0x%04x:" then 2-byte groups " %02x%02x"
// (" %02x" for a final odd byte). -X pads short rows to 8 groups and adds
// two spaces and the row's characters. The dump ends with a newline.
void append_hex_dump(std::string_view bytes, bool with_ascii, std::string& out) {
  constexpr size_t kRow = 16;
  for (size_t row = 0; row < bytes.size(); row += kRow) {
    const size_t row_len = bytes.size() - row < kRow ? bytes.size() - row : kRow;
    out += "\n\t0x";
    // "%04x": at least four digits, more for offsets past 0xffff.
    char offset[16];
    size_t n = 0;
    size_t v = row;
    do {
      offset[n++] = kHexDigits[v & 0xf];
      v >>= 4;
    } while (v != 0);
    for (size_t pad = n; pad < 4; ++pad) out.push_back('0');
    while (n > 0) out.push_back(offset[--n]);
    out.push_back(':');

    size_t groups = 0;
    for (size_t i = 0; i < row_len; i += 2, ++groups) {
      out.push_back(' ');
      append_hex_byte(static_cast<unsigned char>(bytes[row + i]), out);
      if (i + 1 < row_len) append_hex_byte(static_cast<unsigned char>(bytes[row + i + 1]), out);
    }
    if (with_ascii) {
      out.append(5 * (8 - groups), ' ');
      out += "  ";
      for (size_t i = 0; i < row_len; ++i) {
        const char c = bytes[row + i];
        out.push_back(is_printable_byte(static_cast<unsigned char>(c)) ? c : '.');
      }
    }
  }
  out.push_back('\n');
}

void append_base64(std::string_view bytes, std::string& out) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 |
                       uint32_t(uint8_t(bytes[i + 2]));
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
  if (rest == 2) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
  out.push_back(kAlphabet[(v >> 18) & 63]);
  out.push_back(kAlphabet[(v >> 12) & 63]);
  out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
  out.push_back('=');
}

}  // namespace

void append_byte_buffer(std::string_view bytes, BufferFormat format, size_t max_len, std::string& out) {
  if (bytes.empty()) return;
  switch (format) {
    case BufferFormat::Normal: append_dotted(bytes, max_len, out); break;
    case BufferFormat::Json: append_dotted(bytes, 0, out); break;
    case BufferFormat::Ascii: append_ascii_only(bytes, out); break;
    case BufferFormat::Hex: append_hex_dump(bytes, false, out); break;
    case BufferFormat::HexAscii: append_hex_dump(bytes, true, out); break;
    case BufferFormat::Base64: append_base64(bytes, out); break;
  }
}

}  // namespace sysray
