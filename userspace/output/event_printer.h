// Turning one event into output text: sysdig's default line, a -p format,
// or JSON. Each printer appends to the output buffer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "fields/field.h"

namespace sysray {

// How evt.outputtime prints (-t).
enum class TimeFormat : char { Human = 'h', Absolute = 'a', Relative = 'r', Latency = 'd', Delta = 'D' };

struct PrinterOptions {
  TimeFormat time = TimeFormat::Human;
  bool json = false;
};

class EventPrinter {
 public:
  virtual ~EventPrinter() = default;
  // Appends the event's text (with its newline) to out; returns false when
  // the event prints nothing (a -p format whose fields are missing).
  virtual bool print(const FieldInput& in, std::string& out) = 0;
};

// Thrown for a bad -p format; what() says what and where.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The default line: "num time cpu proc (tid) dir type info".
std::unique_ptr<EventPrinter> make_default_printer(const PrinterOptions& opts);
// A -p format: "%field" references and literal text; a leading '*' prints
// events that lack some fields (as <NA>). Throws FormatError.
std::unique_ptr<EventPrinter> make_format_printer(const std::string& format, const PrinterOptions& opts);




}  // namespace sysray
