// Resolving the relative paths of PT_FSPATH/PT_FSRELPATH parameters.
#pragma once

#include <string>
#include <string_view>

namespace sysray {

// Appends base + path, normalized: "." and empty components dropped, ".."
// removing the component before it (never above "/"), no trailing '/'.
// base is a directory, with or without its trailing '/'. A joined path that
// is not absolute (e.g. "<UNKNOWN>" + "a/b") keeps its first component as is.
void append_joined_path(std::string_view base, std::string_view path, std::string& out);

}  // namespace sysray
