#include "state/path_join.h"

namespace sysray {
namespace {

// Appends one component of a path being normalized. root is where the
// components start in out (just after the leading '/' of an absolute path).
void push_component(std::string_view component, size_t root, bool absolute, std::string& out) {
  if (component.empty() || component == ".") return;
  if (component == "..") {
    if (out.size() > root) {  // drop the last component
      const size_t slash = out.rfind('/');
      out.resize(slash != std::string::npos && slash >= root ? slash : root);
      return;
    }
    if (absolute) return;  // ".." of "/" is "/"; a relative path keeps it
  }
  if (out.size() > root) out.push_back('/');
  out.append(component);
}

void push_components(std::string_view path, size_t root, bool absolute, std::string& out) {
  while (!path.empty()) {
    const size_t slash = path.find('/');
    push_component(path.substr(0, slash), root, absolute, out);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
}

}  // namespace

void append_joined_path(std::string_view base, std::string_view path, std::string& out) {
  const size_t start = out.size();
  const bool absolute = !base.empty() ? base.front() == '/' : (!path.empty() && path.front() == '/');
  if (absolute) out.push_back('/');
  const size_t root = out.size();
  push_components(base, root, absolute, out);
  push_components(path, root, absolute, out);
  if (out.size() == start) out.push_back('.');
}

}  // namespace sysray
