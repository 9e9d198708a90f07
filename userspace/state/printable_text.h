// sysdig's notion of a printable character and its string sanitizing.
#pragma once

#include <string>
#include <string_view>

namespace sysray {

// isprint() in the C locale: 0x20..0x7E.
inline bool is_printable_byte(unsigned char c) { return c >= 0x20 && c < 0x7f; }

// Appends text without its non-printable bytes (sysdig's sanitize_string).
inline void append_printable(std::string_view text, std::string& out) {
  for (char c : text) {
    if (is_printable_byte(static_cast<unsigned char>(c))) out.push_back(c);
  }
}

// The text up to its first NUL, or all of it when there is none (a C string
// inside a parameter, never read past the parameter's end).
inline std::string_view until_nul(std::string_view bytes) {
  const size_t nul = bytes.find('\0');
  return nul == std::string_view::npos ? bytes : bytes.substr(0, nul);
}

}  // namespace sysray
