#include "trace/trace_sink.h"

#include "state/event_families.h"

namespace sysray::trace {

TraceSink::TraceSink(std::unique_ptr<EventWriter> writer, bool filtered)
    : writer_(std::move(writer)), filtered_(filtered) {}

bool TraceSink::changes_state(const Event& e) const {
  if (event_family(e.type) != EventFamily::None) return true;
  if ((e.dump_flags & kEventFlagStateOnly) != 0) return true;
  return EventClass(e.info().display_category() & EC_CLASS_MASK) == EC_INTERNAL;
}

void TraceSink::add(const Event& e, bool matched) {
  if (!filtered_) {
    writer_->write(e);
    return;
  }
  const bool keep = matched || changes_state(e);
  if (!keep) {
    if (e.is_enter()) {
      HeldEnter& h = held_[e.tid];
      h.raw.clear();
      append_v2(e, h.raw);
      h.type = e.type;
      h.cpu = e.cpu;
      h.flags = e.dump_flags;
      h.num = e.num;
    }
    return;
  }
  auto it = held_.find(e.tid);
  if (it != held_.end()) {
    const HeldEnter& h = it->second;
    if (!e.is_enter() && h.type == uint16_t(e.type - 1)) {
      Event enter;
      std::string error;
      if (decode_event(h.raw.data(), h.raw.size(), enter, &error)) {
        enter.cpu = h.cpu;
        enter.dump_flags = h.flags;
        enter.num = h.num;
        writer_->write(enter);
      }
    }
    held_.erase(it);
  }
  writer_->write(e);
}

}  // namespace sysray::trace
