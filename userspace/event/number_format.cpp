#include "event/number_format.h"

#include <fmt/format.h>

#include <iterator>

namespace sysray {

void append_printf_integer(PrintfArg v, PrintFormat format, std::string& out) {
  // %X and %o print the argument's bit pattern at its own width.
  const uint64_t bits = v.is64 ? uint64_t(v.value) : uint64_t(uint32_t(v.value));
  const int64_t signed_value = v.is64 ? v.value : int64_t(int32_t(v.value));
  auto it = std::back_inserter(out);
  switch (format) {
    case PrintFormat::HEX:
      fmt::format_to(it, "{:X}", bits);
      break;
    case PrintFormat::OCT:  // "%#o": a leading 0, except for 0 itself
      if (bits == 0) {
        out.push_back('0');
      } else {
        fmt::format_to(it, "0{:o}", bits);
      }
      break;
    case PrintFormat::PADDED_DEC:
      fmt::format_to(it, "{:09}", signed_value);
      break;
    default:
      fmt::format_to(it, "{}", signed_value);
      break;
  }
}

void append_decimal(int64_t v, std::string& out) { fmt::format_to(std::back_inserter(out), "{}", v); }

void append_unsigned_decimal(uint64_t v, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{}", v);
}

void append_lower_hex(uint64_t v, std::string& out) { fmt::format_to(std::back_inserter(out), "{:x}", v); }

}  // namespace sysray
