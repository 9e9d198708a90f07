#include "chisel/chisel_runner.h"

#include <cstdio>

namespace sysray {

void ChiselRunner::report(const ChiselError& e) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s\n", e.what());
  failed_ = true;
}

void ChiselRunner::flush_formatted() {
  std::fwrite(out_.data(), 1, out_.size(), stdout);
  out_.clear();
}

bool ChiselRunner::start(const std::vector<ChiselRequest>& requests) {
  try {
    for (const auto& request : requests) {
      auto chisel = std::make_unique<Chisel>(env_);
      chisel->load(request.name);
      chisel->set_args(request.args);
      chisel->init();
      // chisel.exec: the named chisel takes this one's place, with the
      // arguments re-joined and split as one command-line word.
      while (!chisel->exec_request().empty()) {
        std::vector<std::string> request_words = chisel->exec_request();
        std::vector<std::string> values(request_words.begin() + 1, request_words.end());
        std::vector<std::string> args;
        split_chisel_args(join_chisel_args(values), args);
        auto next = std::make_unique<Chisel>(env_);
        // A chisel run by path finds the chisel it hands over to beside it.
        next->load(request_words[0], directory_of(chisel->description().path));
        std::string error = check_chisel_arg_count(next->name(), next->description().args, args.size());
        if (!error.empty()) throw ChiselError(error);
        next->set_args(args);
        next->init();
        chisel = std::move(next);
      }
      chisels_.push_back(std::move(chisel));
    }
  } catch (const ChiselError& e) {
    report(e);
    return false;
  }
  return true;
}

PushdownPlan ChiselRunner::events_wanted() const {
  if (chisels_.empty()) return {};
  PushdownPlan plan = chisels_[0]->events_wanted();
  for (size_t i = 1; i < chisels_.size(); i++) plan = plan_union(plan, chisels_[i]->events_wanted());
  return plan;
}

bool ChiselRunner::capture_start(const State& state, StreamInfo& stream) {
  env_.state = &state;
  env_.stream = &stream;
  env_.capture_open = true;
  if (env_.buffer_format) stream.render.buffers = *env_.buffer_format;
  // Chisels see whole data buffers (as captured), not 80-character cuts.
  stream.render.max_bytebuf_len = 0;
  try {
    for (auto& chisel : chisels_) chisel->capture_start();
  } catch (const ChiselError& e) {
    report(e);
    return false;
  }
  return true;
}

void ChiselRunner::capture_end() {
  for (auto& chisel : chisels_) {
    try {
      chisel->capture_end(env_.last_ts, env_.first_ts);
    } catch (const ChiselError& e) {
      report(e);
    }
  }
  std::fflush(stdout);
}

std::vector<std::string> ChiselRunner::run_app_words() const {
  // Split on spaces; double quotes group words and are removed.
  std::vector<std::string> words;
  std::string current;
  bool quoted = false, has_word = false;
  for (char c : env_.run_app) {
    if (c == '"') {
      quoted = !quoted;
      has_word = true;
    } else if (c == ' ' && !quoted) {
      if (has_word) words.push_back(current);
      current.clear();
      has_word = false;
    } else {
      current += c;
      has_word = true;
    }
  }
  if (has_word) words.push_back(current);
  return words;
}

}  // namespace sysray
