// Integers printed the way sysdig's printf formats print them.
#pragma once

#include <cstdint>
#include <string>

#include "event/event_table.h"

namespace sysray {

// An integer as printf receives it in sysdig: types up to 32 bits are promoted
// to a 32-bit int (so a u32 above 2^31 prints negative with %d), 64-bit types
// are passed as int64 (so a u64 prints signed with %d).
struct PrintfArg {
  int64_t value;  // already sign- or zero-extended from the parameter's type
  bool is64;      // the printf length modifier: 64-bit or int
};

// Appends v with the print format of its parameter:
// DEC/NA/ID/DIR "%d", HEX "%X", OCT "%#o", PADDED_DEC "%09d".
void append_printf_integer(PrintfArg v, PrintFormat format, std::string& out);

void append_decimal(int64_t v, std::string& out);
void append_unsigned_decimal(uint64_t v, std::string& out);
void append_lower_hex(uint64_t v, std::string& out);  // "%x"

}  // namespace sysray
