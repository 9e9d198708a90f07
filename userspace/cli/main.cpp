// sysray: strace meets tcpdump. See README.md and docs/user-guide.md.
#include <cstdio>
#include <iostream>
#include <memory>

#include "chisel/chisel_list.h"
#include "cli/chisel_setup.h"
#include "cli/event_list.h"
#include "cli/kernel_plan.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "fields/field_list.h"
#include "live/live_source.h"
#include "trace/open_capture.h"

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
  // Chisels load and run on_init before the capture opens (sysdig's order);
  // their filters are part of what the kernel may drop.
  std::unique_ptr<sysray::ChiselRunner> chisels;
  if (!opts.chisel.chisels.empty() && !(chisels = sysray::start_chisels(opts))) return 1;
  if (opts.read_file.empty()) {
    sysray::LiveOptions live;
    live.snaplen = opts.snaplen;
    live.buffer_bytes_per_cpu = opts.buffer_bytes;
    live.pushdown = sysray::kernel_plan(opts, chisels.get());
    live.sched_switch = opts.sched_switch;
    live.page_faults = opts.page_faults;
    live.verbose = opts.verbose;
    sysray::LiveSource source(live);
    return sysray::run_pipeline(opts, source, std::move(chisels));
  }
  // The format comes from the file's first bytes (.sray or .scap).
  auto source = sysray::trace::open_capture(opts.read_file, {.from = opts.from, .to = opts.to});
  return sysray::run_pipeline(opts, *source, std::move(chisels));
}
