#include "fields/field_list.h"

#include <string>
#include <string_view>

#include "fields/field.h"

namespace sysray {
namespace {

constexpr size_t kNameColumn = 30;
constexpr size_t kLineWidth = 120;

// The type names sysdig's -lv shows.
const char* type_name(ParamType t) {
  static constexpr const char* kNames[] = {
      "NONE",    "INT8",    "INT16",    "INT32",    "INT64",  "UINT8",     "UINT16",    "UINT32",
      "UINT64",  "CHARBUF", "BYTEBUF",  "ERRNO",    "SOCKADDR", "SOCKTUPLE", "FD",      "PID",
      "FDLIST",  "FSPATH",  "SYSCALLID", "SIGTYPE", "RELTIME", "ABSTIME",   "PORT",      "L4PROTO",
      "SOCKFAMILY", "BOOL", "IPV4ADDR", "DYNAMIC",  "FLAGS8", "FLAGS16",   "FLAGS32",   "UID",
      "GID",     "DOUBLE",  "SIGSET",   "CHARBUFARRAY", "CHARBUF_PAIR_ARRAY", "IPV4NET", "IPV6ADDR", "IPV6NET",
      "IPADDR",  "IPNET",   "MODE",     "FSRELPATH", "ENUMFLAGS8", "ENUMFLAGS16", "ENUMFLAGS32", "FD32",
      "PID32",
  };
  size_t i = size_t(t);
  return i < std::size(kNames) ? kNames[i] : "UNKNOWN";
}

const char* argument_text(const FieldDef& def) {
  switch (def.arg) {
    case FieldArg::None: return nullptr;
    case FieldArg::Index: return "[N]";
    case FieldArg::Name: return ".NAME";
    case FieldArg::IndexOrName: return "[N] or .NAME";
  }
  return nullptr;
}

// Appends text word by word, wrapping at kLineWidth with lines indented to
// kNameColumn; every word is followed by a space, as in sysdig's listing.
void append_wrapped(std::string_view text, size_t& column, std::string& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (column + word.size() + 1 > kLineWidth && column > kNameColumn) {
      out += '\n';
      out.append(kNameColumn, ' ');
      column = kNameColumn;
    }
    out += word;
    out += ' ';
    column += word.size() + 1;
  }
}

// "name" padded to the description column, or on its own line when too long.
void append_label(std::string_view label, std::string& out) {
  out += label;
  if (label.size() >= kNameColumn) {
    out += '\n';
    out.append(kNameColumn, ' ');
  } else {
    out.append(kNameColumn - label.size(), ' ');
  }
}

std::string description_of(const FieldDef& def, bool verbose) {
  std::string text;
  if (verbose) {
    text += "(Type: ";
    text += type_name(def.type);
    text += ") ";
    if (const char* arg = argument_text(def)) {
      text += (def.flags & FF_ARG_REQUIRED) ? "(Argument: " : "(Optional argument: ";
      text += arg;
      text += ") ";
    }
  }
  if (def.flags & FF_FILTER_ONLY) text += "(FILTER ONLY) ";
  text += def.description;
  text += '.';
  return text;
}

std::string class_title(const FieldClass& cls) {
  std::string title = cls.name;
  if (cls.scope) {
    title += " (";
    title += cls.scope;
    title += ')';
  }
  return title;
}

}  // namespace

void print_field_list(std::ostream& out, bool verbose) {
  std::string text;
  for (const FieldClass& cls : field_classes()) {
    text += "-------------------------------\n";
    append_label("Field Class:", text);
    text += class_title(cls);
    text += '\n';
    append_label("Description:", text);
    size_t column = kNameColumn;
    append_wrapped(cls.description, column, text);
    text += "\n\n";
    for (size_t i = 0; i < cls.count; ++i) {
      const FieldDef& def = cls.fields[i];
      if (def.flags & FF_HIDDEN) continue;
      append_label(def.name, text);
      column = kNameColumn;
      append_wrapped(description_of(def, verbose), column, text);
      text += '\n';
    }
    text += '\n';
  }
  out << text;
}

void print_field_markdown(std::ostream& out) {
  out << "# sysray fields\n\n"
         "Generated from the field registry (userspace/fields); do not edit by hand. To regenerate:\n"
         "`SYSRAY_UPDATE_DOCS=1 build/tests/test_fields --gtest_filter='FieldDocs.*'`.\n\n"
         "Fields work in filters (`sysray 'proc.name=cat'`) and in output formats (`-p '%proc.name'`), "
         "except those marked filter only. An argument goes in brackets (`proc.aname[2]`) or after a dot "
         "(`evt.arg.fd`).\n";
  for (const FieldClass& cls : field_classes()) {
    out << "\n## " << class_title(cls) << "\n\n" << cls.description << "\n\n";
    out << "| Field | Type | Argument | Description |\n|---|---|---|---|\n";
    for (size_t i = 0; i < cls.count; ++i) {
      const FieldDef& def = cls.fields[i];
      if (def.flags & FF_HIDDEN) continue;
      const char* arg = argument_text(def);
      std::string argument = arg ? std::string(arg) + ((def.flags & FF_ARG_REQUIRED) ? "" : " (optional)") : "";
      std::string description = def.description;
      if (def.flags & FF_FILTER_ONLY) description = "*Filter only.* " + description;
      for (char& c : description) {
        if (c == '|') c = '/';  // keep the table intact
      }
      out << "| `" << def.name << "` | " << type_name(def.type) << " | " << argument << " | " << description
          << " |\n";
    }
  }
}

}  // namespace sysray
