// --from/--to over a source without an index (a .scap file): events before
// `from` still go through state but are marked state-only, so they are
// never shown; the source ends at the first event after `to`.
#pragma once

#include <memory>
#include <optional>

#include "source/event_source.h"
#include "trace/time_bound.h"

namespace sysray::trace {

class TimeRangeSource : public EventSource {
 public:
  TimeRangeSource(std::unique_ptr<EventSource> inner, std::optional<TimeBound> from, std::optional<TimeBound> to)
      : inner_(std::move(inner)), from_(from), to_(to) {}

  void open(State& state) override { inner_->open(state); }
  bool next(Event& event) override;
  SourceStats stats() const override { return inner_->stats(); }

 private:
  std::unique_ptr<EventSource> inner_;
  std::optional<TimeBound> from_, to_;
  bool started_ = false;
  uint64_t from_ns_ = 0, to_ns_ = UINT64_MAX;
  bool done_ = false;
};

}  // namespace sysray::trace
