// The -c chisels as the consumer of a run: they see every event that passes
// the gate (hidden ones too) and the capture's leading container events;
// while they run, nothing else prints a line.
#pragma once

#include <memory>
#include <string>

#include "chisel/chisel_runner.h"

namespace sysray {

class ChiselSink {
 public:
  // `runner`: the chisels after on_init (cli/chisel_setup.h).
  explicit ChiselSink(std::unique_ptr<ChiselRunner> runner) : runner_(std::move(runner)) {}

  // The filter a chisel set with sysdig.set_filter(), which replaces the
  // command line's; null if none did.
  const std::string* filter() const {
    const auto& filter = runner_->env().global_filter;
    return filter ? &*filter : nullptr;
  }

  // on_capture_start, once the source is open. False (error printed, and
  // on_capture_end run) if a chisel failed: the run ends with status 1.
  bool begin(const State& state, StreamInfo& stream);

  // A leading container event: no chisel sees it as an event, but
  // sysdig.get_container_table() lists it.
  void container(const Event& event) { runner_->note_container(event); }

  // An event that passed the gate; false once the capture should stop (an
  // error, or sysdig.end_capture()).
  bool event(const FieldInput& in) { return runner_->deliver(in); }

  // on_capture_end, then the exit status given the run's `status` (or,
  // for sysdig.run_app(), sysray again: cli/chisel_setup.h).
  int end(int status);

 private:
  std::unique_ptr<ChiselRunner> runner_;
};

}  // namespace sysray
