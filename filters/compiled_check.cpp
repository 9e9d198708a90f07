#include "filters/compiled_check.h"

#include <fnmatch.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstring>

namespace sysray {
namespace {

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// sysdig's pmatch: the pattern is the value or one of its parent directories.
bool path_has_prefix(std::string_view path, std::string_view prefix) {
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || prefix.back() == '/' || path[prefix.size()] == '/';
}

template <class T>
bool ordered_compare(CompareOp op, const T& a, const T& b) {
  switch (op) {
    case CompareOp::Eq: return a == b;
    case CompareOp::Ne: return a != b;
    case CompareOp::Lt: return a < b;
    case CompareOp::Le: return a <= b;
    case CompareOp::Gt: return a > b;
    case CompareOp::Ge: return a >= b;
    default: return false;
  }
}

bool in_network(std::string_view addr, const IpOperand& net) {
  size_t len = net.v6 ? 16 : 4;
  if (addr.size() != len) return false;
  const auto* a = reinterpret_cast<const uint8_t*>(addr.data());
  int bits = net.prefix_bits;
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : uint8_t(0xff << (8 - bits));
    if ((a[i] & mask) != (net.bytes[i] & mask)) return false;
  }
  return true;
}

bool same_address(std::string_view addr, const IpOperand& ip) {
  size_t len = ip.v6 ? 16 : 4;
  return addr.size() == len && std::memcmp(addr.data(), ip.bytes, len) == 0;
}

}  // namespace

CompiledCheck::CompiledCheck(const AstNode& compare, CheckedCompare operand)
    : op_(compare.op), operand_(std::move(operand)) {
  FieldAlternatives alternatives = filter_alternatives(compare.field);
  fields_ = std::move(alternatives.fields);
  stop_at_first_absent_ = alternatives.stop_at_first_absent;
  ne_needs_all_ = alternatives.ne_needs_all;
  if (op_ == CompareOp::IContains) {
    for (std::string& s : operand_.strings) s = lowercase(s);
  }
  if (op_ == CompareOp::In) {
    sorted_strings_ = operand_.strings;
    std::sort(sorted_strings_.begin(), sorted_strings_.end());
  }
  is_around_ = std::string_view(field().name) == "evt.around" && op_ == CompareOp::Eq;
  bool type_set_op = op_ == CompareOp::Eq || op_ == CompareOp::Ne || op_ == CompareOp::In;
  if (operand_.kind == OperandKind::EventType && type_set_op) build_event_type_set();
  const bool one_field = fields_.size() == 1 && !ne_needs_all_;
  if (!event_ids_.empty()) {
    mode_ = Mode::EventTypeSet;
  } else if (is_around_) {
    mode_ = Mode::Around;
  } else if (one_field && (field().flags & FF_TYPE_ONLY)) {
    build_type_table();
    mode_ = Mode::TypeTable;
  } else if (one_field && operand_.kind == OperandKind::String && (op_ == CompareOp::Eq || op_ == CompareOp::Ne)) {
    mode_ = Mode::StringEq;
  } else if (alternatives.ancestors && stop_at_first_absent_ && !ne_needs_all_) {
    mode_ = Mode::Ancestors;
  } else {
    mode_ = one_field ? Mode::Single : Mode::Several;
  }
}

// The field's value is a function of the event type alone, so the check's
// result is too: decide it once per type on an event with no parameters,
// no thread and no fd.
void CompiledCheck::build_type_table() {
  static const State empty_state;
  const EventContext no_context;
  const StreamInfo no_stream;
  type_table_.assign(kEventMax, 0);
  for (uint16_t id = 0; id < kEventMax; ++id) {
    Event e;
    e.type = id;
    e.nparams = 0;
    type_table_[id] = matches_general(FieldInput{empty_state, e, no_context, no_stream});
  }
}

bool CompiledCheck::has_side_effects() const {
  return std::any_of(fields_.begin(), fields_.end(),
                     [](const BoundField& f) { return field_has_side_effects(f.def().flags); });
}

void CompiledCheck::build_event_type_set() {
  event_ids_.assign(kEventMax, 0);
  generic_syscalls_.assign(k_syscall_count, 0);
  for (const std::string& name : operand_.strings) {
    bool has_own_event = false;
    for (uint16_t id = 0; id < kEventMax; ++id) {
      if (id != PPME_GENERIC_E && id != PPME_GENERIC_X && name == event_info(id).display_name()) {
        event_ids_[id] = 1;
        has_own_event = true;
      }
    }
    // A syscall with its own event never comes as a generic one.
    if (has_own_event) continue;
    for (size_t sc = 0; sc < k_syscall_count; ++sc) {
      const char* s = syscall_name(uint16_t(sc));
      if (s && name == s) generic_syscalls_[sc] = 1;
    }
  }
}

bool CompiledCheck::has_generic_syscall() const {
  return std::find(generic_syscalls_.begin(), generic_syscalls_.end(), 1) != generic_syscalls_.end();
}

bool CompiledCheck::matches_event_type(const Event& e) const {
  bool in_set;
  if (e.type == PPME_GENERIC_E || e.type == PPME_GENERIC_X) {
    uint16_t sc = e.param_int<uint16_t>(0);
    in_set = sc < generic_syscalls_.size() && generic_syscalls_[sc];
  } else {
    in_set = e.type < event_ids_.size() && event_ids_[e.type];
  }
  return op_ == CompareOp::Ne ? !in_set : in_set;
}

// evt.around[T]=D: the event is within D milliseconds of the time T.
bool CompiledCheck::matches_around(const Event& e) const {
  uint64_t center = uint64_t(fields_.front().arg().index);
  uint64_t delta = uint64_t(operand_.numbers[0]) * 1000000ull;
  uint64_t distance = e.ts > center ? e.ts - center : center - e.ts;
  return distance <= delta;
}

bool CompiledCheck::matches(const FieldInput& in) const {
  switch (mode_) {
    case Mode::EventTypeSet:
      return matches_event_type(in.event);
    case Mode::Around:
      return matches_around(in.event);
    case Mode::TypeTable:
      if (in.event.type < type_table_.size()) return type_table_[in.event.type];
      return matches_general(in);
    case Mode::StringEq: {
      // Sizes first: most values differ in length from the operand.
      FieldValue v;
      if (!fields_.front().extract(in, v) || !v.is_string) return false;
      const std::string& want = operand_.strings.front();
      const bool equal = v.str.size() == want.size() && std::memcmp(v.str.data(), want.data(), want.size()) == 0;
      return equal == (op_ == CompareOp::Eq);
    }
    case Mode::Single: {
      FieldValue v;
      if (!fields_.front().extract(in, v)) return false;
      return op_ == CompareOp::Exists || matches_value(v);
    }
    case Mode::Ancestors:
      return matches_ancestors(in);
    case Mode::Several:
      break;
  }
  return matches_general(in);
}

// The same as trying fields_ in turn, in one walk up the tree. Out of
// line: inlined, the walk makes matches() slower for every other check.
[[gnu::noinline]] bool CompiledCheck::matches_ancestors(const FieldInput& in) const {
  return for_each_ancestor_value(in, field(), int64_t(fields_.size()), [this](const FieldValue& v) {
    return v.present && (op_ == CompareOp::Exists || matches_value(v));
  });
}

// The path every check can take (type tables are built with it).
bool CompiledCheck::matches_general(const FieldInput& in) const {
  FieldValue v;
  if (fields_.size() == 1 && !ne_needs_all_) {  // the usual case: one field
    if (!fields_.front().extract(in, v)) return false;
    return op_ == CompareOp::Exists || matches_value(v);
  }
  if (op_ == CompareOp::Ne && ne_needs_all_) {
    bool any = false;
    for (const BoundField& f : fields_) {
      if (!f.extract(in, v)) continue;
      if (!matches_value(v)) return false;
      any = true;
    }
    return any;
  }
  for (const BoundField& f : fields_) {
    if (!f.extract(in, v)) {
      if (stop_at_first_absent_) break;
      continue;
    }
    if (op_ == CompareOp::Exists || matches_value(v)) return true;
  }
  return false;
}

bool CompiledCheck::matches_value(const FieldValue& v) const {
  switch (operand_.kind) {
    case OperandKind::Number:
    case OperandKind::Bool:
      return !v.is_string && matches_number(v.num);
    case OperandKind::IpAddress:
    case OperandKind::IpNetwork:
      return !v.is_string && matches_ip(v.str);
    case OperandKind::String:
    case OperandKind::EventType:
      return v.is_string && matches_string(v.str);
  }
  return false;
}

bool CompiledCheck::matches_number(int64_t n) const {
  const std::vector<int64_t>& values = operand_.numbers;
  if (op_ == CompareOp::In) return std::find(values.begin(), values.end(), n) != values.end();
  if (operand_.is_double) return ordered_compare(op_, std::bit_cast<double>(n), std::bit_cast<double>(values[0]));
  if (operand_.is_unsigned) return ordered_compare(op_, uint64_t(n), uint64_t(values[0]));
  return ordered_compare(op_, n, values[0]);
}

bool CompiledCheck::matches_string(std::string_view s) const {
  const std::vector<std::string>& values = operand_.strings;
  switch (op_) {
    case CompareOp::In:
      return std::binary_search(sorted_strings_.begin(), sorted_strings_.end(), s);
    case CompareOp::PMatch:
      return std::any_of(values.begin(), values.end(), [&](const std::string& p) { return path_has_prefix(s, p); });
    case CompareOp::Contains:
      return s.find(values[0]) != std::string_view::npos;
    case CompareOp::IContains:  // the operand is lowercased already
      return std::search(s.begin(), s.end(), values[0].begin(), values[0].end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
             }) != s.end();
    case CompareOp::StartsWith:
      return s.substr(0, values[0].size()) == values[0];
    case CompareOp::EndsWith:
      return s.size() >= values[0].size() && s.substr(s.size() - values[0].size()) == values[0];
    case CompareOp::Glob: {
      thread_local std::string subject;
      subject.assign(s);
      return fnmatch(values[0].c_str(), subject.c_str(), 0) == 0;
    }
    default:
      return ordered_compare(op_, s, std::string_view(values[0]));
  }
}

bool CompiledCheck::matches_ip(std::string_view bytes) const {
  bool network = operand_.kind == OperandKind::IpNetwork;
  auto match_one = [&](const IpOperand& ip) { return network ? in_network(bytes, ip) : same_address(bytes, ip); };
  if (op_ == CompareOp::In) return std::any_of(operand_.ips.begin(), operand_.ips.end(), match_one);
  bool hit = match_one(operand_.ips[0]);
  return op_ == CompareOp::Ne ? !hit : hit;
}

}  // namespace sysray
