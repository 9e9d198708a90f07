// The checking pass: each comparison's values, checked against its field's
// type and turned into typed operands the compiler uses as they are.
//
// As sysdig 0.29.3: numeric fields take decimal integers, booleans take
// true/false, evt.type takes known event names, IP fields take addresses and
// network fields CIDR blocks; string operators need string fields;
// evt.arg.NAME / evt.rawarg.NAME need a parameter name some event has, and
// evt.rawarg takes the type of that parameter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filters/ast.h"

namespace sysray {

enum class OperandKind { Number, Bool, String, EventType, IpAddress, IpNetwork };

// An IPv4 or IPv6 address, or a network (address + prefix bits).
struct IpOperand {
  bool v6 = false;
  uint8_t bytes[16] = {};
  int prefix_bits = 0;  // networks only
};

struct CheckedCompare {
  OperandKind kind = OperandKind::String;
  bool is_unsigned = false;  // numbers compare as uint64
  bool is_double = false;    // numbers hold a double's bits and compare as doubles
  std::vector<int64_t> numbers;      // Number, Bool (0/1)
  std::vector<std::string> strings;  // String, EventType (the names)
  std::vector<IpOperand> ips;        // IpAddress, IpNetwork
};

// Checks one Compare node; throws FilterError at the offending column.
CheckedCompare check_compare(const AstNode& compare, std::string_view text);

// Checks every comparison of a tree (for callers that only validate).
void check_filter(const AstNode& root, std::string_view text);

// The type of the first parameter of that name in the event table, as
// sysdig uses for evt.rawarg.NAME; false when no event has one.
bool event_param_type(std::string_view name, ParamType* type);

// Whether some event (or generic syscall) is called name.
bool is_event_type_name(std::string_view name);

}  // namespace sysray
