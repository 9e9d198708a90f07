// PL blocks V1..V9: one entry per thread; each version appends fields
// (scap-format.md §1.5).
#include <fmt/format.h>

#include "source/scap_metadata.h"

namespace sysray::scap {

namespace {

constexpr size_t kMaxPathLen = 1024;  // comm, exe, exepath, cwd, root
constexpr size_t kMaxListLen = 4096;  // args, env, cgroups

std::string_view bounded_string(FieldReader& r, const char* field, size_t max_len) {
  uint64_t at = r.stream_offset();
  std::string_view s = r.str16(field);
  if (s.size() > max_len)
    throw FieldError(at, fmt::format("{}: field '{}' is {} bytes long, at most {} are allowed", r.context(), field,
                                     s.size(), max_len));
  return s;
}

// "a\0b\0" -> {"a", "b"}: the lists are NUL-separated and usually end in NUL.
std::vector<std::string> split_nul_list(std::string_view s) {
  std::vector<std::string> items;
  while (!s.empty()) {
    size_t nul = s.find('\0');
    items.emplace_back(s.substr(0, nul));
    if (nul == std::string_view::npos) break;
    s.remove_prefix(nul + 1);
  }
  return items;
}

std::vector<std::string> read_list(FieldReader& r, const char* field) {
  return split_nul_list(bounded_string(r, field, kMaxListLen));
}

std::string read_path(FieldReader& r, const char* field) { return std::string(bounded_string(r, field, kMaxPathLen)); }

// V9's optional tail: present field by field as the entry length allows.
// libs 0.10 inserted pidns_init_start_ts and tty *before* loginuid, so a
// short tail (sysdig-era: loginuid only) is read without them.
void read_v9_tail(FieldReader& r, ThreadInfo& t) {
  constexpr size_t kShortestTailWithTty = 30;
  if (r.remaining() >= kShortestTailWithTty) {
    r.u64("pidns_init_start_ts");
    t.tty = r.u32("tty");
  }
  if (r.remaining() >= sizeof(uint32_t)) t.loginuid = r.u32("loginuid");
  // The capability, overlay and exe inode fields have no home in ThreadInfo.
}

ThreadInfo read_thread(FieldReader& r, int version) {
  ThreadInfo t;
  t.tid = r.i64("tid");
  t.pid = r.i64("pid");
  t.ptid = r.i64("ptid");
  if (version >= 6) t.sid = r.i64("sid");
  if (version >= 8) t.vpgid = r.i64("vpgid");
  t.comm = read_path(r, "comm");
  t.exe = read_path(r, "exe");
  if (version >= 7) t.exepath = read_path(r, "exepath");
  t.args = read_list(r, "args");
  t.cwd = read_path(r, "cwd");  // State::add_thread appends the trailing '/'
  t.fdlimit = r.i64("fdlimit");
  t.flags = r.u32("flags");
  t.uid = r.u32("uid");
  t.gid = r.u32("gid");
  if (version >= 2) {
    t.vmsize_kb = r.u32("vmsize_kb");
    t.vmrss_kb = r.u32("vmrss_kb");
    t.vmswap_kb = r.u32("vmswap_kb");
    t.pfmajor = r.u64("pfmajor");
    t.pfminor = r.u64("pfminor");
  }
  if (version >= 3) t.env = read_list(r, "env");
  if (version >= 4) {
    t.vtid = r.i64("vtid");
    t.vpid = r.i64("vpid");
    t.cgroups = read_list(r, "cgroups");
  } else {
    t.vtid = t.tid;  // before namespaces were recorded, ids were global
    t.vpid = t.pid;
  }
  if (version >= 5) t.root = read_path(r, "root");
  return t;
}

}  // namespace

void load_process_list(FieldReader body, int version, State& state) {
  while (body.remaining() >= sizeof(uint32_t)) {
    if (version < 9) {
      state.add_thread(read_thread(body, version));
      continue;
    }
    FieldReader entry = body.length_prefixed_entry(true, "process entry");
    ThreadInfo t = read_thread(entry, version);
    read_v9_tail(entry, t);
    state.add_thread(std::move(t));
  }
}

}  // namespace sysray::scap
