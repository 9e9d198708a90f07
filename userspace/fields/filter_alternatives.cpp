// Filter-only fields that stand for several ordinary ones.
#include <string_view>

#include "fields/field.h"

namespace sysray {
namespace {


// Fields that compare both ends of a socket: the same field, bound once
// per end (index 0: client, 1: server).
constexpr std::string_view kEitherEnd[] = {"fd.ip", "fd.port", "fd.net", "fd.proto"};

}  // namespace

FieldAlternatives filter_alternatives(const BoundField& field) {
  FieldAlternatives out;
  std::string_view name = field.def().name;
  for (std::string_view either : kEitherEnd) {
    if (name != either) continue;
    for (int64_t end = 0; end < 2; ++end) {
      FieldArgValue arg;
      arg.has_index = true;
      arg.index = end;
      out.fields.emplace_back(&field.def(), arg);
    }
    out.ne_needs_all = true;
    return out;
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
    out.ancestors = true;
    return out;
  }
  out.fields = {field};
  return out;
}

}  // namespace sysray
