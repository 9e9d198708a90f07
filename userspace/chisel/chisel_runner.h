// The chisel sink: runs the -c chisels over the events the pipeline hands
// it, in sysdig's order (load, on_set_arg, on_init, open, on_capture_start,
// per event: on_interval, the chisel's filter, on_event and its formatter,
// then on_capture_end).
//
// A chisel error is printed at once ("name: file:line: message"); the
// capture stops, every chisel still gets on_capture_end, and failed()
// tells the pipeline to exit 1.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chisel/chisel.h"
#include "chisel/chisel_cli.h"

namespace sysray {

class ChiselRunner {
 public:
  explicit ChiselRunner(ChiselEnvironment env) : env_(std::move(env)) {}

  // Loads every chisel, gives it its arguments and runs on_init, following
  // chisel.exec hand-overs. False (error printed) when one fails.
  bool start(const std::vector<ChiselRequest>& requests);
  // The capture is open: state and stream are the pipeline's.
  bool capture_start(const State& state, StreamInfo& stream);
  // One event (after the command-line filter). False once the capture
  // should stop (an error, or sysdig.end_capture()).
  bool deliver(const FieldInput& in) {
    note_container(in.event);
    if (env_.first_ts == 0) env_.first_ts = in.event.ts;
    env_.last_ts = in.event.ts;
    // The latest event stays current after delivery: sysdig lets
    // on_capture_end read fields of the capture's last event.
    last_event_.emplace(in);
    env_.current = &*last_event_;
    bool ok = true;
    for (auto& chisel : chisels_) {
      try {
        chisel->deliver(in, out_);
      } catch (const ChiselError& e) {
        report(e);
        ok = false;
        break;
      }
      if (!out_.empty()) flush_formatted();
    }
    return ok && !env_.end_capture;
  }
  // A container event, including those the pipeline keeps from the chisels
  // (the capture's leading ones): sysdig.get_container_table() lists them.
  void note_container(const Event& event) { env_.containers.note(event); }
  // on_capture_end for every chisel, even after an error.
  void capture_end();
  bool failed() const { return failed_; }
  ChiselEnvironment& env() { return env_; }
  const ChiselEnvironment& env() const { return env_; }
  // After start(): the events some chisel may be given (the union of
  // Chisel::events_wanted), for the kernel pushdown plan.
  PushdownPlan events_wanted() const;
  // sysdig.run_app(): the words to run sysray with once this run is over.
  std::vector<std::string> run_app_words() const;

 private:
  void report(const ChiselError& e);
  void flush_formatted();

  ChiselEnvironment env_;
  std::vector<std::unique_ptr<Chisel>> chisels_;
  std::string out_;  // formatter text of the current event
  std::optional<FieldInput> last_event_;  // refers to the pipeline's event, alive until capture_end
  bool failed_ = false;
};

}  // namespace sysray
