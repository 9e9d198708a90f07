#include "cli/chisel_setup.h"

#include <unistd.h>

#include <cstdio>

namespace sysray {

std::unique_ptr<ChiselRunner> start_chisels(const Options& opts) {
  ChiselEnvironment env;
  env.capture_filter = opts.filter;
  env.source_name = opts.read_file;
  env.live = opts.read_file.empty();
  env.json = opts.json;
  env.buffer_format_forced = opts.json || opts.buffers != BufferFormat::Normal;
  env.printer.time = opts.time;
  auto runner = std::make_unique<ChiselRunner>(std::move(env));
  if (!runner->start(opts.chisel.chisels)) return nullptr;
  return runner;
}

int finish_chisels(ChiselRunner& chisels, int status) {
  if (chisels.failed()) return 1;
  std::vector<std::string> words = chisels.run_app_words();
  if (words.empty() || status != 0) return status;
  std::vector<char*> argv;
  std::string self = "sysray";
  argv.push_back(self.data());
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  execv("/proc/self/exe", argv.data());
  std::perror("sysray: run_app");
  return 1;
}

}  // namespace sysray
