// Names for flag, enum, mode and signal-set values.
#pragma once

#include <cstdint>
#include <string>

#include "event/event_table.h"

namespace sysray {

// sysdig's flag walk over a PT_FLAGS*/PT_MODE table, in table order: an entry
// equal to the whole value is appended and ends the walk; otherwise an entry
// is appended when all its bits are still set (a 0 entry only for a 0 value)
// and its bits are cleared. Names are joined with '|'.
void append_flag_names(const FlagTable& table, uint32_t value, std::string& out);

// PT_ENUMFLAGS*: every entry exactly equal to value, joined with '|'.
void append_enum_names(const FlagTable& table, uint32_t value, std::string& out);

// PT_SIGSET: names of the signals whose bit is set (bit k = signal k+1),
// separated by spaces.
void append_signal_set(uint32_t mask, std::string& out);

}  // namespace sysray
