// sysray: strace meets tcpdump. See README.md and docs/user-guide.md.
#include <cstdio>
#include <iostream>
#include <memory>

#include "chisel/chisel_list.h"
#include "cli/event_list.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "fields/field_list.h"
#include "filters/filter.h"
#include "filters/pushdown.h"
#include "live/live_source.h"
#include "trace/open_capture.h"

namespace {

// What the kernel may decide of the filter: the syscalls, commands and
// processes that can match. A display filter (-d) sees every event, and a
// bad filter is reported by the pipeline, so neither gets a plan.
std::optional<sysray::PushdownPlan> kernel_plan(const sysray::Options& opts) {
  if (opts.filter.empty() || opts.display_filter) return std::nullopt;
  try {
    return sysray::plan_pushdown(*sysray::compile_filter(opts.filter));
  } catch (const sysray::FilterError&) {
    return std::nullopt;
  }
}

}  // namespace

int main(int argc, char** argv) {
  sysray::Options opts;
  int status = sysray::parse_options(argc, argv, opts);
  if (status >= 0) return status;

  if (opts.list_fields) {
    sysray::print_field_list(std::cout, opts.verbose);
    return 0;
  }
  if (opts.chisel.list) {
    std::fputs(sysray::chisel_list_text().c_str(), stdout);
    return 0;
  }
  if (!opts.chisel.info.empty()) {
    std::string info = sysray::chisel_info_text(opts.chisel.info);
    if (info.empty()) {
      std::fprintf(stderr, "chisel %s not found - use -cl to list them.\n", opts.chisel.info.c_str());
      return 1;
    }
    std::fputs(info.c_str(), stdout);
    return 0;
  }
  if (opts.list_events) {
    sysray::print_event_list(stdout);
    return 0;
  }
  if (opts.read_file.empty()) {
    sysray::LiveOptions live;
    live.snaplen = opts.snaplen;
    live.buffer_bytes_per_cpu = opts.buffer_bytes;
    live.pushdown = kernel_plan(opts);
    live.sched_switch = opts.sched_switch;
    live.page_faults = opts.page_faults;
    sysray::LiveSource source(live);
    return sysray::run_pipeline(opts, source);
  }
  // The format comes from the file's first bytes (.sray or .scap).
  auto source = sysray::trace::open_capture(opts.read_file, {.from = opts.from, .to = opts.to});
  return sysray::run_pipeline(opts, *source);
}
