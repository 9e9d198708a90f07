// Shared pieces of the live tests: a capture running on a thread that
// keeps a copy of every event, and lookups over what it kept.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "event/event.h"
#include "live/live_source.h"
#include "state/state.h"

namespace sysray::testing {

// The reason live tests cannot run here, or empty when they can.
inline std::string live_skip_reason() {
  if (geteuid() != 0) return "live capture tests need root";
  if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) return "no kernel BTF (/sys/kernel/btf/vmlinux)";
  return {};
}

struct CapturedEvent {
  std::vector<uint8_t> bytes;
  Event event;  // decoded over bytes
};

class Capture {
 public:
  explicit Capture(LiveOptions options = {}) : source_(options) {}

  void start() {
    source_.open(state_);
    thread_ = std::thread([this] {
      Event ev;
      try {
        while (source_.next(ev)) keep(ev);
      } catch (const std::exception& e) {
        error_ = e.what();
      }
    });
  }
  void stop() {
    source_.stop();
    if (thread_.joinable()) thread_.join();
  }
  ~Capture() { stop(); }

  LiveSource& source() { return source_; }
  State& state() { return state_; }
  const std::string& error() const { return error_; }
  // Every event whose thread belongs to one of `tids`.
  std::vector<const CapturedEvent*> of_threads(const std::vector<int64_t>& tids) const {
    std::vector<const CapturedEvent*> out;
    for (const auto& c : events_)
      for (int64_t t : tids)
        if (c.event.tid == t) out.push_back(&c);
    return out;
  }
  const std::vector<CapturedEvent>& events() const { return events_; }

 private:
  void keep(const Event& ev) {
    CapturedEvent c;
    c.bytes.assign(ev.raw, ev.raw + ev.raw_len);
    std::string err;
    decode_event(c.bytes.data(), c.bytes.size(), c.event, &err);
    c.event.cpu = ev.cpu;
    events_.push_back(std::move(c));
  }

  LiveSource source_;
  State state_;
  std::thread thread_;
  std::vector<CapturedEvent> events_;
  std::string error_;
};

// The first event of `type` among `events` that satisfies `pred`.
inline const Event* find_event(const std::vector<const CapturedEvent*>& events, uint16_t type,
                               const std::function<bool(const Event&)>& pred = nullptr) {
  for (const auto* c : events)
    if (c->event.type == type && (!pred || pred(c->event))) return &c->event;
  return nullptr;
}

}  // namespace sysray::testing
