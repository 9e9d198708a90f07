// Wiring the -c chisels into a run: their environment from the command
// line, and what happens once the run is over (sysdig.run_app).
#pragma once

#include <memory>

#include "chisel/chisel_runner.h"
#include "cli/options.h"

namespace sysray {

// Loads the chisels and runs their on_init; nullptr (error printed) on failure.
std::unique_ptr<ChiselRunner> start_chisels(const Options& opts);

// After on_capture_end: the exit status, or never returns when a chisel
// asked (sysdig.run_app) to run sysray again with other arguments.
int finish_chisels(ChiselRunner& chisels, int status);

}  // namespace sysray
