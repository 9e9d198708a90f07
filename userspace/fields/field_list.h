// The field catalogue as text: `sysray -l` / `-lv`, and docs/fields.md.
#pragma once

#include <ostream>

namespace sysray {

// sysdig's -l layout: one block per class, one line per field with its
// description wrapped at 120 columns. verbose (-lv) adds each field's type
// and how it takes an argument.
void print_field_list(std::ostream& out, bool verbose);

// The same catalogue as Markdown, for docs/fields.md.
void print_field_markdown(std::ostream& out);

}  // namespace sysray
