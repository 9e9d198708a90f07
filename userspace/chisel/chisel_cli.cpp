#include "chisel/chisel_cli.h"

#include "chisel/chisel.h"

namespace sysray {
namespace {

// True when words (the rest of the command line) compile as a filter.
bool is_filter(const std::vector<std::string>& words, size_t from) {
  std::string text;
  for (size_t i = from; i < words.size(); ++i) {
    if (!words[i].empty() && words[i][0] == '-') break;
    if (!text.empty()) text += ' ';
    text += words[i];
  }
  if (text.empty()) return false;
  try {
    compile_filter(text);
    return true;
  } catch (const FilterError&) {
    return false;
  }
}

// Handles "-c NAME [WORD]" with NAME at args[i]; erases what it consumes.
std::string take_chisel(std::vector<std::string>& args, size_t i, ChiselCommandLine& out) {
  ChiselRequest request;
  request.name = args[i];
  args.erase(args.begin() + long(i));

  ChiselEnvironment env;
  Chisel chisel(env);
  try {
    chisel.load(request.name);
  } catch (const ChiselError& e) {
    return e.what();
  }
  const ChiselDescription& d = chisel.description();
  if (!d.has_args) return "Failed to load chisel " + request.name + ": args table missing";

  size_t required = 0;
  for (const auto& a : d.args) required += a.optional ? 0 : 1;
  bool take_word = false;
  if (d.args.empty()) {
    take_word = false;
  } else if (required > 0) {
    if (i >= args.size()) return "missing arguments for chisel " + request.name;
    take_word = true;
  } else if (i < args.size()) {
    // An option is never a chisel's argument word (sysdig -c ps -r FILE).
    const std::string& word = args[i];
    bool is_option = !word.empty() && word[0] == '-';
    if (is_option) take_word = false;
    else if (d.args.size() == 1 && d.args[0].argtype == "filter") take_word = true;
    else take_word = !is_filter(args, i);
  }
  if (take_word) {
    if (!split_chisel_args(args[i], request.args)) return "corrupted parameters for chisel " + request.name;
    args.erase(args.begin() + long(i));
  }
  std::string error = check_chisel_arg_count(request.name, d.args, request.args.size());
  if (!error.empty()) return error;
  out.chisels.push_back(std::move(request));
  return "";
}

}  // namespace

std::string take_chisel_options(std::vector<std::string>& args, ChiselCommandLine& out) {
  size_t i = 0;
  while (i < args.size()) {
    const std::string& a = args[i];
    if (a == "-cl" || a == "--list-chisels") {
      out.list = true;
      args.erase(args.begin() + long(i));
    } else if (a == "-i" || a == "--chisel-info") {
      // An empty name would otherwise read as "no -i" and run a capture.
      if (i + 1 >= args.size() || args[i + 1].empty()) return a + " needs the name of a chisel";
      out.info = args[i + 1];
      args.erase(args.begin() + long(i), args.begin() + long(i) + 2);
    } else if (a.starts_with("--chisel-info=")) {
      if (a.size() == 14) return "--chisel-info needs the name of a chisel";
      out.info = a.substr(14);
      args.erase(args.begin() + long(i));
    } else if (a == "-c" || a == "--chisel") {
      if (i + 1 >= args.size()) return a + " needs the name of a chisel";
      args.erase(args.begin() + long(i));
      std::string error = take_chisel(args, i, out);
      if (!error.empty()) return error;
    } else if (a.starts_with("--chisel=") || (a.starts_with("-c") && a.size() > 2 && a[2] != '-')) {
      args[i] = a.substr(a[1] == '-' ? 9 : 2);
      std::string error = take_chisel(args, i, out);
      if (!error.empty()) return error;
    } else {
      ++i;
    }
  }
  return "";
}

}  // namespace sysray
