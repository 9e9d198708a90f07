#include "chisel/chisel_list.h"

#include <algorithm>
#include <set>
#include <vector>

#include "chisel/chisel.h"
#include "chisel/chisel_search.h"

namespace sysray {
namespace {

constexpr size_t kNameColumn = 16;

// Every listable chisel: the first file of each name, loaded in a fresh
// state; modules, views, hidden chisels and broken files are left out.
std::vector<ChiselDescription> listable_chisels() {
  std::vector<ChiselDescription> found;
  std::set<std::string> names;
  ChiselEnvironment env;
  for (const auto& path : all_chisel_files()) {
    std::string name = path.substr(path.rfind('/') + 1);
    name.resize(name.size() - 4);
    if (!names.insert(name).second) continue;
    try {
      Chisel chisel(env);
      chisel.load_file(path, name);
      const ChiselDescription& d = chisel.description();
      if (!d.has_description || !d.has_short_description || !d.has_args || d.hidden) continue;
      found.push_back(d);
    } catch (const ChiselError&) {
      continue;
    }
  }
  std::sort(found.begin(), found.end(), [](const ChiselDescription& a, const ChiselDescription& b) {
    return a.category != b.category ? a.category < b.category : a.name < b.name;
  });
  return found;
}

// Cuts text every `width` characters (mid-word), joining with "\n" + indent.
std::string hard_wrap(const std::string& text, size_t width, size_t indent) {
  std::string out;
  for (size_t i = 0; i < text.size(); i += width) {
    if (i) out += "\n" + std::string(indent, ' ');
    out += text.substr(i, width);
  }
  return out;
}

void append_category(const std::string& category, std::string& out) {
  std::string title = "Category: " + category;
  out += "\n" + title + "\n" + std::string(title.size(), '-') + "\n";
}

void append_chisel_line(const ChiselDescription& d, std::string& out) {
  out += d.name;
  if (d.name.size() < kNameColumn) out += std::string(kNameColumn - d.name.size(), ' ');
  else out += "\n" + std::string(kNameColumn, ' ');
  out += hard_wrap(d.short_description, 63, kNameColumn);
  out += "\n";
}

}  // namespace

std::string chisel_list_text() {
  std::string out;
  bool first = true;
  std::string category;
  for (const auto& d : listable_chisels()) {
    if (first || d.category != category) append_category(d.category, out);
    first = false;
    category = d.category;
    append_chisel_line(d, out);
  }
  out += "\nUse the -i flag to get detailed information about a specific chisel\n";
  return out;
}

std::string chisel_info_text(const std::string& name) {
  for (const auto& d : listable_chisels()) {
    if (d.name != name) continue;
    std::string out;
    append_category(d.category, out);
    append_chisel_line(d, out);
    out += "\n" + hard_wrap(d.description, 79, 0) + "\n";
    out += "Args:\n";
    if (d.args.empty()) {
      out += "(None)\n";
      return out;
    }
    for (const auto& arg : d.args)
      out += hard_wrap("[" + arg.argtype + "] " + arg.name + " - " + arg.description, 63, kNameColumn) + "\n";
    out += "\n";
    return out;
  }
  return "";
}

}  // namespace sysray
