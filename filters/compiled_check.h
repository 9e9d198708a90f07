// One comparison of a compiled filter, ready to run on events: the field is
// bound, the values are typed, sets are built; nothing is parsed per event.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filters/ast.h"
#include "filters/checker.h"

namespace sysray {

class CompiledCheck {
 public:
  CompiledCheck(const AstNode& compare, CheckedCompare operand);

  // As sysdig: an event without the field never matches, whatever the
  // operator (so "fd.name != x" is false for events without an fd).
  bool matches(const FieldInput& in) const;

  const FieldDef& field() const { return fields_.front().def(); }
  const BoundField& bound_field() const { return fields_.front(); }
  CompareOp op() const { return op_; }
  const CheckedCompare& operand() const { return operand_; }
  // For evt.type = / != / in: whether an event id (non-generic) is in the set.
  bool is_event_type_set() const { return !event_ids_.empty(); }
  bool has_event_id(uint16_t id) const { return id < event_ids_.size() && event_ids_[id]; }
  // Whether the set names a syscall that generic events carry.
  bool has_generic_syscall() const;
  // Whether evaluating the check can change what a later evaluation sees
  // (evt.deltatime, thread.cpu): such checks keep their place in the filter.
  bool has_side_effects() const;

 private:
  // How matches() decides, picked once when compiled: the common shapes
  // skip the general path's switches.
  enum class Mode : uint8_t {
    EventTypeSet,  // evt.type = / != / in
    Around,        // evt.around
    TypeTable,     // a field that depends on the event type only
    StringEq,      // one string field = / != one string
    Single,        // one field, any operator
    Ancestors,     // proc.aname / proc.apid without index: every ancestor
    Several,       // a filter-only field that stands for several
  };
  bool matches_general(const FieldInput& in) const;
  bool matches_ancestors(const FieldInput& in) const;
  void build_type_table();
  bool matches_value(const FieldValue& v) const;
  bool matches_number(int64_t n) const;
  bool matches_string(std::string_view s) const;
  bool matches_ip(std::string_view bytes) const;
  bool matches_event_type(const Event& e) const;
  bool matches_around(const Event& e) const;
  void build_event_type_set();

  // A filter-only field (fd.ip, proc.aname without index) stands for
  // several; the check matches when any of them does.
  std::vector<BoundField> fields_;
  bool stop_at_first_absent_ = false;
  bool ne_needs_all_ = false;
  bool is_around_ = false;
  CompareOp op_;
  CheckedCompare operand_;
  std::vector<std::string> sorted_strings_;  // for in
  std::vector<uint8_t> event_ids_;           // evt.type: ids named by the values
  std::vector<uint8_t> generic_syscalls_;    // evt.type: PPM_SC codes of generic events
  std::vector<uint8_t> type_table_;          // TypeTable: the result for each event type
  Mode mode_ = Mode::Single;
};

}  // namespace sysray
