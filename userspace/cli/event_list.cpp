#include "cli/event_list.h"

#include <string>

#include "event/event_table.h"

namespace sysray {
namespace {

const char* type_name(ParamType t) {
  static const char* const names[] = {
      "NONE", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64",
      "CHARBUF", "BYTEBUF", "ERRNO", "SOCKADDR", "SOCKTUPLE", "FD", "PID", "FDLIST",
      "FSPATH", "SYSCALLID", "SIGTYPE", "RELTIME", "ABSTIME", "PORT", "L4PROTO",
      "SOCKFAMILY", "BOOL", "IPV4ADDR", "DYNAMIC", "FLAGS8", "FLAGS16", "FLAGS32", "UID",
      "GID", "DOUBLE", "SIGSET", "CHARBUFARRAY", "CHARBUF_PAIR_ARRAY", "IPV4NET",
      "IPV6ADDR", "IPV6NET", "IPADDR", "IPNET", "MODE", "FSRELPATH", "ENUMFLAGS8",
      "ENUMFLAGS16", "ENUMFLAGS32", "FD32", "PID32",
  };
  return names[size_t(t)];
}

}  // namespace

// Same rules as sysdig -L: skip unused, superseded and internal events. Ids
// sysdig 0.29.3 knows are listed with its layout, newer ones after them.
void print_event_list(FILE* out) {
  std::string line;
  for (uint16_t id = 0; id < kEventMax; ++id) {
    const EventInfo& info = event_info(id);
    const uint32_t flags = info.display_flags();
    if ((flags & (EF_UNUSED | EF_OLD_VERSION)) ||
        EventClass(info.display_category() & EC_CLASS_MASK) == EC_INTERNAL) {
      continue;
    }
    line = (id % 2 == 0) ? "> " : "< ";
    line += info.display_name();
    line += '(';
    for (uint8_t i = 0; i < info.display_nparams(); ++i) {
      if (i) line += ", ";
      line += type_name(info.display_params()[i].type);
      line += ' ';
      line += info.display_params()[i].name;
    }
    line += ")\n";
    std::fputs(line.c_str(), out);
  }
}

}  // namespace sysray
