// sysray: strace meets tcpdump. See README.md and docs/user-guide.md.
#include <cstdio>
#include <iostream>
#include <memory>

#include "chisel/chisel_list.h"
#include "cli/event_list.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "fields/field_list.h"
#include "source/scap_reader.h"

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
    std::fprintf(stderr, "sysray: live capture is not available in this build yet; use -r FILE\n");
    return 1;
  }
  sysray::ScapReader reader(opts.read_file);
  return sysray::run_pipeline(opts, reader);
}
