#include "fields/field.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>

namespace sysray {

// evt.deltatime and its kin count from the event this use of the field saw before.
bool BoundField::extract_since_last_use(const FieldInput& in, FieldValue& out) const {
  out = FieldValue{};
  StreamInfo stream = in.stream;
  stream.prev_ts = last_use_ts_ ? last_use_ts_ : in.event.ts;  // the first use counts from itself
  last_use_ts_ = in.event.ts;
  out.present = def_->extract(FieldInput{in.state, in.event, in.ctx, stream}, arg_, scratch_, out);
  return out.present;
}

bool BoundField::append_string(const FieldInput& in, std::string& out) const {
  FieldValue v;
  if (!extract(in, v)) return false;
  append_field_value(*def_, v, out);
  return true;
}

std::string BoundField::text() const {
  std::string s = def_->name;
  if (arg_.has_index) {
    s += fmt::format("[{}]", arg_.index);
  } else if (!arg_.name.empty()) {
    s += '.';
    s += arg_.name;
  }
  return s;
}

void append_field_value(const FieldDef& def, const FieldValue& v, std::string& out) {
  if (v.is_string) {
    out.append(v.str);
    return;
  }
  auto it = std::back_inserter(out);
  switch (def.type) {
    case ParamType::IPV4ADDR: case ParamType::IPV6ADDR: case ParamType::IPADDR:
    case ParamType::IPV4NET: case ParamType::IPV6NET: case ParamType::IPNET: {
      char buf[INET6_ADDRSTRLEN];
      if (inet_ntop(v.str.size() == 16 ? AF_INET6 : AF_INET, v.str.data(), buf, sizeof buf)) out += buf;
      return;
    }
    case ParamType::DOUBLE:
      fmt::format_to(it, "{:.1f}", std::bit_cast<double>(v.num));
      return;
    case ParamType::BOOL:
      out += v.num ? "true" : "false";
      return;
    case ParamType::UINT8: case ParamType::UINT16: case ParamType::UINT32: case ParamType::UINT64:
    case ParamType::RELTIME: case ParamType::ABSTIME: case ParamType::PORT:
      if (def.format == PrintFormat::HEX) fmt::format_to(it, "{:X}", uint64_t(v.num));
      else fmt::format_to(it, "{}", uint64_t(v.num));
      return;
    default:
      if (def.format == PrintFormat::HEX) fmt::format_to(it, "{:X}", v.num);
      else fmt::format_to(it, "{}", v.num);
      return;
  }
}

namespace {

bool is_field_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
}

// Levenshtein distance, for suggestions only (small inputs).
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

bool parse_field(std::string_view text, size_t pos, BoundField& out, size_t* consumed, std::string* error,
                 size_t* error_pos) {
  size_t end = pos;
  while (end < text.size() && is_field_char(text[end])) ++end;
  std::string_view word = text.substr(pos, end - pos);
  // The longest registered name that is the word or a dotted prefix of it.
  const FieldDef* best = nullptr;
  for (const FieldClass& cls : field_classes()) {
    for (size_t i = 0; i < cls.count; ++i) {
      std::string_view name = cls.fields[i].name;
      bool match = word == name ||
                   (word.size() > name.size() && word.substr(0, name.size()) == name && word[name.size()] == '.' &&
                    (cls.fields[i].arg == FieldArg::Name || cls.fields[i].arg == FieldArg::IndexOrName));
      if (match && (!best || name.size() > std::string_view(best->name).size())) best = &cls.fields[i];
    }
  }
  if (!best) {
    *error_pos = pos;
    std::string suggestion = closest_field_name(word);
    *error = suggestion.empty() ? fmt::format("unknown field '{}'", word)
                                : fmt::format("unknown field '{}' (did you mean '{}'?)", word, suggestion);
    return false;
  }
  FieldArgValue arg;
  size_t cursor = pos + std::string_view(best->name).size();
  if (cursor < end) {  // ".name" argument
    arg.name = std::string(text.substr(cursor + 1, end - cursor - 1));
    if (arg.name.empty()) {
      *error_pos = cursor;
      *error = fmt::format("field '{}' needs an argument after the dot", best->name);
      return false;
    }
    cursor = end;
  } else if (cursor < text.size() && text[cursor] == '[' && best->arg != FieldArg::None &&
             best->arg != FieldArg::Name) {
    size_t close = text.find(']', cursor);
    std::string_view digits =
        close == std::string_view::npos ? std::string_view() : text.substr(cursor + 1, close - cursor - 1);
    bool ok = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    // A number too big for the index is an error too (stoll threw, uncaught).
    ok = ok && std::from_chars(digits.data(), digits.data() + digits.size(), arg.index).ec == std::errc();
    if (!ok) {
      *error_pos = cursor;
      *error = fmt::format("field '{}': expected a number inside [ ]", best->name);
      return false;
    }
    arg.has_index = true;
    cursor = close + 1;
  }
  if ((best->flags & FF_ARG_REQUIRED) && !arg.has_index && arg.name.empty()) {
    *error_pos = pos;
    *error = fmt::format("field '{}' requires an argument", best->name);
    return false;
  }
  out = BoundField(best, std::move(arg));
  *consumed = cursor - pos;
  return true;
}

std::string closest_field_name(std::string_view name) {
  std::string best;
  size_t best_distance = std::max<size_t>(3, name.size() / 3) + 1;
  for (const FieldClass& cls : field_classes()) {
    for (size_t i = 0; i < cls.count; ++i) {
      size_t d = edit_distance(name, cls.fields[i].name);
      if (d < best_distance) {
        best_distance = d;
        best = cls.fields[i].name;
      }
    }
  }
  return best;
}

}  // namespace sysray
