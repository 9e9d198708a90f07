// Fields: the only way to ask about an event.
//
// A field (evt.type, proc.name, fd.name, evt.arg.fd, proc.aname[2], ...) is
// a name, a type, a description and an extractor. Filters, -p formats, JSON
// output and chisels all go through here; nobody re-derives fd.name alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "event/event.h"
#include "fields/param_render.h"
#include "state/state.h"

namespace sysray {

// How a field takes an argument.
enum class FieldArg : uint8_t {
  None,         // proc.name
  Index,        // proc.aname[2] (optional unless arg_required)
  Name,         // thread.cgroup.cpuacct, evt.arg.fd
  IndexOrName,  // evt.arg[1] or evt.arg.fd
};

enum FieldFlag : uint32_t {
  FF_FILTER_ONLY = 1u << 0,  // usable in filters, not in -p (fd.ip, evt.around)
  FF_ARG_REQUIRED = 1u << 1,
  FF_HIDDEN = 1u << 2,  // not listed by -l
  // The value is relative to the previous event this use of the field saw
  // (evt.deltatime): sysdig keeps that memory per use, so a filter's
  // evt.deltatime and a -p format's count from different events.
  FF_SINCE_LAST_USE = 1u << 3,
  // Reading the value changes the state (thread.cpu remembers the ticks it
  // read): whether the field is read must not depend on the filter's order.
  FF_READ_CHANGES_STATE = 1u << 4,
  // The value depends on nothing but the event's type (evt.dir, evt.is_io):
  // a filter check on it is decided once per type, when compiled.
  FF_TYPE_ONLY = 1u << 5,
};

// Whether reading the field has an effect a later read can see.
inline bool field_has_side_effects(uint32_t flags) {
  return (flags & (FF_SINCE_LAST_USE | FF_READ_CHANGES_STATE)) != 0;
}

// The value of a field for one event. Strings point into the event, the
// state, or the BoundField's scratch buffer: valid until the next extract.
// IP fields (types IPV4ADDR, IPV6ADDR, IPADDR and the *NET ones) keep the
// address's 4 or 16 bytes, in network order, in str with is_string false.
// DOUBLE fields keep the double's bits in num.
struct FieldValue {
  bool present = false;
  bool is_string = false;
  int64_t num = 0;  // integers, bools (0/1), times in ns; uint64 stored bitwise
  std::string_view str;
};

// Per-stream facts that some fields need beyond one event.
struct StreamInfo {
  uint64_t first_ts = 0;      // first event of the capture (evt.reltime)
  uint64_t prev_ts = 0;       // FF_SINCE_LAST_USE fields: the event this use of the field saw before
  RenderOptions render;       // buffer format for evt.arg/evt.info
};

// Everything an extractor may look at.
struct FieldInput {
  const State& state;
  const Event& event;
  const EventContext& ctx;
  const StreamInfo& stream;
};

struct FieldArgValue {
  bool has_index = false;
  int64_t index = 0;
  std::string name;
};

using FieldExtractor = bool (*)(const FieldInput& in, const FieldArgValue& arg, std::string& scratch,
                                FieldValue& out);

struct FieldDef {
  const char* name;      // "proc.name"
  ParamType type;        // the value's type, with scap's PT_* meaning (CHARBUF for strings)
  PrintFormat format;    // how numbers print (DEC, HEX, ...)
  FieldArg arg;
  uint32_t flags;
  const char* description;
  FieldExtractor extract;
};

// A field name with its argument, resolved against the registry once.
class BoundField {
 public:
  BoundField() = default;
  BoundField(const FieldDef* def, FieldArgValue arg) : def_(def), arg_(std::move(arg)) {}
  const FieldDef& def() const { return *def_; }
  const FieldArgValue& arg() const { return arg_; }
  // Extracts the value; false (and out.present == false) when the event has none.
  // Inline: filters call it for every check of every event.
  bool extract(const FieldInput& in, FieldValue& out) const {
    if (def_->flags & FF_SINCE_LAST_USE) return extract_since_last_use(in, out);
    out = FieldValue{};
    out.present = def_->extract(in, arg_, scratch_, out);
    return out.present;
  }
  // Appends the value as -p prints it; false when absent (nothing appended).
  bool append_string(const FieldInput& in, std::string& out) const;
  // The full text of the field as written, e.g. "evt.arg.fd".
  std::string text() const;

 private:
  bool extract_since_last_use(const FieldInput& in, FieldValue& out) const;

  const FieldDef* def_ = nullptr;
  FieldArgValue arg_;
  mutable std::string scratch_;
  mutable uint64_t last_use_ts_ = 0;  // FF_SINCE_LAST_USE
};

// A field class: "evt", "process", "fd"... as -l groups them.
struct FieldClass {
  const char* name;
  const char* description;
  const FieldDef* fields;
  size_t count;
  const char* scope;  // shown after the name by -l, e.g. "Syscall events only"; may be nullptr
};

// All field classes, in -l order.
const std::vector<FieldClass>& field_classes();

// Parses a field reference at text[pos...] (longest known field name, then
// its argument: "[N]" or ".name"). On success sets *consumed and returns the
// bound field. On failure returns false with *error (and *error_pos, an
// offset into text) set.
bool parse_field(std::string_view text, size_t pos, BoundField& out, size_t* consumed, std::string* error,
                 size_t* error_pos);

// What a filter tries for a field: a filter-only field may stand for several
// (fd.ip for fd.cip and fd.sip; proc.aname without an index for every
// ancestor); a filter check matches when any of them does. Ordinary fields
// stand for themselves.
struct FieldAlternatives {
  std::vector<BoundField> fields;
  bool stop_at_first_absent = false;  // ancestors end at the first missing one
  bool ne_needs_all = false;  // "!=" holds only if every field differs (fd.ip: neither end)
  bool ancestors = false;     // fields[i] is ancestor i + 1: see for_each_ancestor_value
};
FieldAlternatives filter_alternatives(const BoundField& field);

// The deepest ancestor "proc.aname=bash" looks at; process trees are shallow.
constexpr int64_t kMaxAncestorDepth = 64;

// What the ancestor alternatives (proc.aname, proc.apid without index) give,
// in one walk up the process tree instead of one walk per level: calls
// visit(value) for the parent, grandparent... up to max_depth while they
// exist, until visit returns true; returns whether it did.
template <class Visit>
bool for_each_ancestor_value(const FieldInput& in, const FieldDef& def, int64_t max_depth, Visit&& visit);
// The ancestor walk's pieces: the process of the event's thread (level 0),
// one step up (nullptr at the top), the field's value for an ancestor.
const ThreadInfo* ancestor_start(const FieldInput& in);
const ThreadInfo* ancestor_parent(const FieldInput& in, const ThreadInfo& t);
void ancestor_value(const FieldDef& def, const ThreadInfo& ancestor, FieldValue& out);

template <class Visit>
bool for_each_ancestor_value(const FieldInput& in, const FieldDef& def, int64_t max_depth, Visit&& visit) {
  const ThreadInfo* t = ancestor_start(in);
  for (int64_t level = 1; t && level <= max_depth; ++level) {
    t = ancestor_parent(in, *t);
    if (!t) return false;
    FieldValue v;
    ancestor_value(def, *t, v);
    if (visit(v)) return true;
  }
  return false;
}

// The known field closest to name (for "did you mean" messages), or "".
std::string closest_field_name(std::string_view name);

// Appends a field value as text (numbers by the field's type and format).
void append_field_value(const FieldDef& def, const FieldValue& v, std::string& out);

}  // namespace sysray
