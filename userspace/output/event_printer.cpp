#include "output/event_printer.h"

#include <fmt/format.h>

#include "output/json.h"

namespace sysray {
namespace {

constexpr uint64_t kNs = 1000000000ull;

// Looks a field up by its full name; the names here are fixed, so failure
// is a programming error.
BoundField bind(std::string_view name) {
  BoundField f;
  size_t consumed = 0, error_pos = 0;
  std::string error;
  if (!parse_field(name, 0, f, &consumed, &error, &error_pos)) throw std::logic_error(error);
  return f;
}

class TimeKeeper {
 public:
  void append(const FieldInput& in, TimeFormat time, std::string& out) {
    auto it = std::back_inserter(out);
    const uint64_t ts = in.event.ts;
    switch (time) {
      case TimeFormat::Human: {
        FieldValue v;
        time_field_.extract(in, v);
        out.append(v.str);
        break;
      }
      case TimeFormat::Absolute:  // sysdig 0.29.3 does not pad the nanoseconds
        fmt::format_to(it, "{}.{}", ts / kNs, ts % kNs);
        break;
      case TimeFormat::Relative: {
        uint64_t rel = ts - in.stream.first_ts;
        fmt::format_to(it, "{}.{:09}", rel / kNs, rel % kNs);
        break;
      }
      case TimeFormat::Latency: {
        uint64_t lat = in.ctx.latency;
        fmt::format_to(it, "{}.{:09}", lat / kNs, lat % kNs);
        break;
      }
      case TimeFormat::Delta: {
        uint64_t delta = prev_printed_ ? ts - prev_printed_ : 0;
        fmt::format_to(it, "{}.{:09}", delta / kNs, delta % kNs);
        break;
      }
    }
    prev_printed_ = ts;
  }

 private:
  BoundField time_field_ = bind("evt.time");
  uint64_t prev_printed_ = 0;
};

class DefaultPrinter : public EventPrinter {
 public:
  explicit DefaultPrinter(const PrinterOptions& opts) : opts_(opts) {}

  bool print(const FieldInput& in, std::string& out) override {
    if (opts_.json) return print_json(in, out);
    auto it = std::back_inserter(out);
    fmt::format_to(it, "{} ", in.event.num);
    times_.append(in, opts_.time, out);
    fmt::format_to(it, " {} ", in.event.cpu);
    if (in.ctx.thread) out += in.ctx.thread->comm;
    else out += "<NA>";
    fmt::format_to(it, " ({}) {} ", in.event.tid, in.event.is_enter() ? '>' : '<');
    FieldValue v;
    type_.extract(in, v);
    out.append(v.str);
    out += ' ';
    info_.extract(in, v);
    out.append(v.str);
    out += '\n';
    return true;
  }

 private:
  // sysdig -j: the default fields as one JSON object, keys sorted.
  bool print_json(const FieldInput& in, std::string& out) {
    auto it = std::back_inserter(out);
    FieldValue v;
    fmt::format_to(it, "{{\"evt.cpu\":{},\"evt.dir\":\"{}\",\"evt.info\":", in.event.cpu,
                   in.event.is_enter() ? '>' : '<');
    info_.extract(in, v);
    append_json_string(v.str, out);
    fmt::format_to(it, ",\"evt.num\":{},\"evt.outputtime\":{},\"evt.type\":", in.event.num, in.event.ts);
    type_.extract(in, v);
    append_json_string(v.str, out);
    out += ",\"proc.name\":";
    append_json_string(in.ctx.thread ? std::string_view(in.ctx.thread->comm) : "<NA>", out);
    fmt::format_to(it, ",\"thread.tid\":{}}}\n", in.event.tid);
    return true;
  }

  PrinterOptions opts_;
  TimeKeeper times_;
  BoundField type_ = bind("evt.type");
  BoundField info_ = bind("evt.info");
};

class FormatPrinter : public EventPrinter {
 public:
  FormatPrinter(const std::string& format, const PrinterOptions& opts) : opts_(opts) { parse(format); }

  bool print(const FieldInput& in, std::string& out) override {
    const size_t start = out.size();
    if (opts_.json) out += '{';
    bool first = true;
    for (const Piece& p : pieces_) {
      if (!p.is_field) {
        if (!opts_.json) out += p.literal;
        continue;
      }
      if (opts_.json) {
        if (!first) out += ',';
        first = false;
        append_json_string(p.field.text(), out);
        out += ':';
      }
      if (p.is_output_time) {
        if (opts_.json) out += '"';
        times_.append(in, opts_.time, out);
        if (opts_.json) out += '"';
        continue;
      }
      FieldValue v;
      if (!p.field.extract(in, v)) {
        if (!print_missing_) {
          out.resize(start);
          return false;
        }
        out += opts_.json ? "null" : "<NA>";
        continue;
      }
      if (opts_.json && v.is_string) {
        append_json_string(v.str, out);
      } else {
        append_field_value(p.field.def(), v, out);
      }
    }
    out += opts_.json ? "}\n" : "\n";
    return true;
  }

 private:
  struct Piece {
    bool is_field = false;
    bool is_output_time = false;
    std::string literal;
    BoundField field;
  };

  void parse(const std::string& format) {
    size_t i = 0;
    if (!format.empty() && format[0] == '*') {
      print_missing_ = true;
      i = 1;
    }
    std::string literal;
    while (i < format.size()) {
      if (format[i] != '%') {
        literal += format[i++];
        continue;
      }
      if (i + 1 < format.size() && format[i + 1] == '%') {
        literal += '%';
        i += 2;
        continue;
      }
      if (!literal.empty()) pieces_.push_back(Piece{false, false, std::move(literal), {}});
      literal.clear();
      Piece p;
      p.is_field = true;
      if (format.compare(i + 1, 14, "evt.outputtime") == 0) {
        p.is_output_time = true;
        p.field = bind("evt.time");
        i += 15;
      } else {
        size_t consumed = 0, error_pos = 0;
        std::string error;
        if (!parse_field(format, i + 1, p.field, &consumed, &error, &error_pos)) {
          throw FormatError(fmt::format("invalid -p format at column {}: {}", error_pos + 1, error));
        }
        i += 1 + consumed;
      }
      pieces_.push_back(std::move(p));
    }
    if (!literal.empty()) pieces_.push_back(Piece{false, false, std::move(literal), {}});
  }

  PrinterOptions opts_;
  bool print_missing_ = false;
  std::vector<Piece> pieces_;
  TimeKeeper times_;
};

}  // namespace

std::unique_ptr<EventPrinter> make_default_printer(const PrinterOptions& opts) {
  return std::make_unique<DefaultPrinter>(opts);
}

std::unique_ptr<EventPrinter> make_format_printer(const std::string& format, const PrinterOptions& opts) {
  return std::make_unique<FormatPrinter>(format, opts);
}

}  // namespace sysray
