// Filter-only fields that stand for several ordinary ones.
#include <string_view>

#include "fields/field.h"

namespace sysray {
namespace {

// The deepest ancestor "proc.aname=bash" looks at; process trees are shallow.
constexpr int64_t kMaxAncestorDepth = 64;

struct EitherSide {
  std::string_view field;
  std::string_view client, server;
};
constexpr EitherSide kEitherSide[] = {
    {"fd.ip", "fd.cip", "fd.sip"},
    {"fd.port", "fd.cport", "fd.sport"},
    {"fd.net", "fd.cnet", "fd.snet"},
    {"fd.proto", "fd.cproto", "fd.sproto"},
};

// Adds the field called name to out (every name in kEitherSide is registered).
void add_field(std::string_view name, std::vector<BoundField>& out) {
  BoundField field;
  size_t consumed, error_pos;
  std::string error;
  if (parse_field(name, 0, field, &consumed, &error, &error_pos)) out.push_back(std::move(field));
}

}  // namespace

FieldAlternatives filter_alternatives(const BoundField& field) {
  FieldAlternatives out;
  std::string_view name = field.def().name;
  for (const EitherSide& e : kEitherSide) {
    if (name == e.field) {
      add_field(e.client, out.fields);
      add_field(e.server, out.fields);
      return out;
    }
  }
  bool any_ancestor = (name == "proc.apid" || name == "proc.aname") && !field.arg().has_index;
  if (any_ancestor) {
    for (int64_t level = 1; level <= kMaxAncestorDepth; ++level) {
      FieldArgValue arg;
      arg.has_index = true;
      arg.index = level;
      out.fields.emplace_back(&field.def(), arg);
    }
    out.stop_at_first_absent = true;
    return out;
  }
  out.fields = {field};
  return out;
}

}  // namespace sysray
