// What a live capture may leave in the kernel: the pushdown plan of
// everything the run needs to see.
#pragma once

#include <optional>

#include "chisel/chisel_runner.h"
#include "cli/options.h"
#include "filters/pushdown.h"

namespace sysray {

// The command-line filter's plan (or sysdig.set_filter()'s, which replaces
// it), narrowed further by the chisels' own filters: a chisel's on_event
// sees only what passes both, so the run needs the union over chisels.
// Nothing narrows when some consumer takes every event that passes the
// command-line filter: -w, -n (it counts them), a chisel without a filter
// or with on_interval. No plan with -d (it sees every event) or a bad
// filter (the pipeline reports it); nullopt also when nothing narrows.
// `chisels` is null without -c, else after on_init.
std::optional<PushdownPlan> kernel_plan(const Options& opts, const ChiselRunner* chisels);

}  // namespace sysray
