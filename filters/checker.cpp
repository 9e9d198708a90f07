#include "filters/checker.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <bit>
#include <charconv>

#include "filters/filter_error.h"

namespace sysray {
namespace {

bool is_string_type(ParamType t) {
  switch (t) {
    case ParamType::CHARBUF: case ParamType::BYTEBUF: case ParamType::FSPATH: case ParamType::FSRELPATH:
    case ParamType::CHARBUFARRAY: case ParamType::CHARBUF_PAIR_ARRAY: case ParamType::SOCKADDR:
    case ParamType::SOCKTUPLE: case ParamType::FDLIST:
      return true;
    default:
      return false;
  }
}

bool is_unsigned_type(ParamType t) {
  switch (t) {
    case ParamType::UINT8: case ParamType::UINT16: case ParamType::UINT32: case ParamType::UINT64:
    case ParamType::RELTIME: case ParamType::ABSTIME: case ParamType::PORT: case ParamType::FLAGS8:
    case ParamType::FLAGS16: case ParamType::FLAGS32: case ParamType::UID: case ParamType::GID:
    case ParamType::MODE: case ParamType::SIGSET:
      return true;
    default:
      return false;
  }
}

OperandKind kind_of(ParamType t) {
  switch (t) {
    case ParamType::BOOL: return OperandKind::Bool;
    case ParamType::IPV4ADDR: case ParamType::IPV6ADDR: case ParamType::IPADDR: return OperandKind::IpAddress;
    case ParamType::IPV4NET: case ParamType::IPV6NET: case ParamType::IPNET: return OperandKind::IpNetwork;
    default: return is_string_type(t) ? OperandKind::String : OperandKind::Number;
  }
}

bool is_string_operator(CompareOp op) {
  return op == CompareOp::Contains || op == CompareOp::IContains || op == CompareOp::StartsWith ||
         op == CompareOp::EndsWith || op == CompareOp::Glob || op == CompareOp::PMatch;
}

bool parse_number(std::string_view s, bool is_unsigned, int64_t* out) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  if (is_unsigned && s[0] != '-') {
    uint64_t u;
    auto r = std::from_chars(s.data(), end, u);
    *out = int64_t(u);
    return r.ec == std::errc() && r.ptr == end;
  }
  auto r = std::from_chars(s.data(), end, *out);
  return r.ec == std::errc() && r.ptr == end;
}

bool parse_double(std::string_view s, int64_t* bits) {
  double d;
  auto r = std::from_chars(s.data(), s.data() + s.size(), d);
  *bits = std::bit_cast<int64_t>(d);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parse_ip(std::string_view s, IpOperand* out) {
  std::string text(s);
  if (inet_pton(AF_INET, text.c_str(), out->bytes) == 1) return true;
  out->v6 = true;
  return inet_pton(AF_INET6, text.c_str(), out->bytes) == 1;
}

bool parse_network(std::string_view s, IpOperand* out) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos || !parse_ip(s.substr(0, slash), out)) return false;
  std::string_view bits = s.substr(slash + 1);
  auto r = std::from_chars(bits.data(), bits.data() + bits.size(), out->prefix_bits);
  return r.ec == std::errc() && r.ptr == bits.data() + bits.size() && out->prefix_bits >= 0 &&
         out->prefix_bits <= (out->v6 ? 128 : 32);
}

class CompareChecker {
 public:
  CompareChecker(const AstNode& node, std::string_view text) : node_(node), text_(text) {}

  CheckedCompare run() {
    const FieldDef& def = node_.field.def();
    ParamType type = def.type;
    std::string_view name = def.name;
    if (name == "evt.arg" || name == "evt.rawarg") type = check_event_arg(name == "evt.rawarg", type);

    out_.kind = name == "evt.type" ? OperandKind::EventType : kind_of(type);
    out_.is_unsigned = is_unsigned_type(type);
    out_.is_double = type == ParamType::DOUBLE;
    if (is_string_operator(node_.op) && out_.kind != OperandKind::String && out_.kind != OperandKind::EventType) {
      // sysdig complains about a non-boolean value before the operator.
      if (out_.kind == OperandKind::Bool) {
        for (const AstValue& v : node_.values) add_value(v);
      }
      fail(node_.op_column, fmt::format("'{}' is not supported for {} fields like {}", compare_op_name(node_.op),
                                        kind_name(), node_.field.text()));
    }
    if (node_.op == CompareOp::PMatch && out_.kind != OperandKind::String) {
      fail(node_.op_column, "'pmatch' needs a string field");
    }
    if (out_.kind == OperandKind::IpAddress || out_.kind == OperandKind::IpNetwork) {
      if (node_.op != CompareOp::Eq && node_.op != CompareOp::Ne && node_.op != CompareOp::In &&
          node_.op != CompareOp::Exists) {
        fail(node_.op_column, fmt::format("'{}' is not supported for IP fields like {}", compare_op_name(node_.op),
                                          node_.field.text()));
      }
    }
    for (const AstValue& v : node_.values) add_value(v);
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(size_t column, const std::string& message) { throw FilterError(text_, column, message); }

  const char* kind_name() const {
    switch (out_.kind) {
      case OperandKind::Number: return "numeric";
      case OperandKind::Bool: return "boolean";
      default: return "IP";
    }
  }

  // evt.arg.NAME and evt.rawarg.NAME: the name must be some event's
  // parameter; evt.rawarg takes that parameter's type.
  ParamType check_event_arg(bool raw, ParamType declared) {
    const FieldArgValue& arg = node_.field.arg();
    if (arg.has_index) {
      if (raw) fail(node_.field_column, "evt.rawarg takes a parameter name, e.g. evt.rawarg.res");
      return declared;
    }
    ParamType type;
    if (!event_param_type(arg.name, &type)) {
      fail(node_.field_column, fmt::format("no event has a parameter called '{}'", arg.name));
    }
    return raw ? type : declared;
  }

  void add_value(const AstValue& v) {
    switch (out_.kind) {
      case OperandKind::Number: {
        int64_t n;
        bool ok = out_.is_double ? parse_double(v.text, &n) : parse_number(v.text, out_.is_unsigned, &n);
        if (!ok) {
          fail(v.column, fmt::format("value '{}' is not a number for field {}", v.text, node_.field.text()));
        }
        out_.numbers.push_back(n);
        return;
      }
      case OperandKind::Bool:
        if (v.text != "true" && v.text != "false") {
          fail(v.column, fmt::format("value '{}' is not a boolean (true or false) for field {}", v.text,
                                     node_.field.text()));
        }
        out_.numbers.push_back(v.text == "true");
        return;
      case OperandKind::EventType:
        if (!is_event_type_name(v.text)) fail(v.column, fmt::format("unknown event type '{}'", v.text));
        out_.strings.push_back(v.text);
        return;
      case OperandKind::IpAddress: {
        IpOperand ip;
        if (!parse_ip(v.text, &ip)) fail(v.column, fmt::format("value '{}' is not an IP address", v.text));
        out_.ips.push_back(ip);
        return;
      }
      case OperandKind::IpNetwork: {
        IpOperand net;
        if (!parse_network(v.text, &net)) {
          fail(v.column, fmt::format("value '{}' is not an IP network like 10.0.0.0/8", v.text));
        }
        out_.ips.push_back(net);
        return;
      }
      case OperandKind::String:
        out_.strings.push_back(v.text);
        return;
    }
  }

  const AstNode& node_;
  std::string_view text_;
  CheckedCompare out_;
};

}  // namespace

bool event_param_type(std::string_view name, ParamType* type) {
  for (uint16_t id = 0; id < kEventMax; ++id) {
    const EventInfo& info = event_info(id);
    const ParamInfo* params = info.display_params();
    for (uint8_t i = 0; i < info.display_nparams(); ++i) {
      if (name == params[i].name) {
        *type = params[i].type;
        return true;
      }
    }
  }
  return false;
}

bool is_event_type_name(std::string_view name) {
  for (uint16_t id = 0; id < kEventMax; ++id) {
    if (name == event_info(id).display_name()) return true;
  }
  for (size_t sc = 0; sc < k_syscall_count; ++sc) {
    const char* s = syscall_name(uint16_t(sc));
    if (s && name == s) return true;
  }
  return false;
}

CheckedCompare check_compare(const AstNode& compare, std::string_view text) {
  return CompareChecker(compare, text).run();
}

void check_filter(const AstNode& root, std::string_view text) {
  if (root.kind == AstNode::Kind::Compare) {
    check_compare(root, text);
    return;
  }
  for (const auto& child : root.children) check_filter(*child, text);
}

}  // namespace sysray
