// UL blocks: users and groups, to name PT_UID/PT_GID (scap-format.md §1.8).
#include <fmt/format.h>

#include "source/scap_metadata.h"

namespace sysray::scap {

namespace {

constexpr uint8_t kUserEntry = 0;
constexpr uint8_t kGroupEntry = 1;

// Returns false for an unknown entry type (nothing read past the type).
bool read_entry(FieldReader& r, State& state) {
  uint8_t type = r.u8("type");
  if (type == kUserEntry) {
    UserInfo user;
    user.uid = r.u32("uid");
    user.gid = r.u32("gid");
    user.name = r.str16("name");
    user.homedir = r.str16("homedir");
    user.shell = r.str16("shell");
    state.add_user(std::move(user));
    return true;
  }
  if (type == kGroupEntry) {
    GroupInfo group;
    group.gid = r.u32("gid");
    group.name = r.str16("name");
    state.add_group(std::move(group));
    return true;
  }
  return false;
}

}  // namespace

void load_user_list(FieldReader body, int version, State& state) {
  while (body.remaining() >= sizeof(uint32_t)) {
    if (version >= 2) {
      FieldReader entry = body.length_prefixed_entry(true, "user entry");
      read_entry(entry, state);  // unknown V2 types are skipped by their length
      continue;
    }
    uint64_t at = body.stream_offset();
    if (!read_entry(body, state)) throw FieldError(at, fmt::format("{}: unknown entry type", body.context()));
  }
}

}  // namespace sysray::scap
