// sysray: strace meets tcpdump. See README.md and docs/user-guide.md.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/event_list.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "fields/field_list.h"
#include "trace/open_capture.h"

int main(int argc, char** argv) {
  sysray::Options opts;
  int status = sysray::parse_options(argc, argv, opts);
  if (status >= 0) return status;

  if (opts.list_fields) {
    sysray::print_field_list(std::cout, opts.verbose);
    return 0;
  }
  if (opts.list_events) {
    sysray::print_event_list(stdout);
    return 0;
  }
  if (opts.read_file.empty()) {
    std::fprintf(stderr, "sysray: live capture is not available in this build yet; use -r FILE\n");
    return 1;
  }
  // The format comes from the file's first bytes (.sray or .scap).
  auto source = sysray::trace::open_capture(opts.read_file, {.from = opts.from, .to = opts.to});
  return sysray::run_pipeline(opts, *source);
}
