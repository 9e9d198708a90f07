#include "trace/state_codec.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>

#include "state/names.h"
#include "trace/column_set.h"
#include "trace/trace_format.h"

namespace sysray::trace {
namespace {

enum Column : size_t {
  kCounts, kMachine, kTid, kPid, kPtid, kSid, kVpgid, kVtid, kVpid,
  kComm, kExe, kExepath, kCwd, kRoot, kArgs, kEnv, kCgroups, kStrLen, kStrData,
  kLimits, kIds, kMemory, kFaults, kClone, kLastEvent, kBlobs,
  kFdCount, kFdNum, kFdKind, kFdFlags, kFdIno, kFdName, kFdAddr, kFdPort, kFdUnix,
  kUserIds, kUserNames, kIfaces, kListCount,
  kCgroupPath,  // 3.0
  kColumnCount
};

constexpr std::array<const char*, kColumnCount> kNames = {
    "counts", "machine", "tid", "pid", "ptid", "sid", "vpgid", "vtid", "vpid",
    "comm", "exe", "exepath", "cwd", "root", "args", "env", "cgroups", "string lengths", "string bytes",
    "limits", "ids", "memory", "faults", "clone", "last event", "blobs",
    "fd count", "fd number", "fd kind", "fd flags", "fd inode", "fd name", "fd address", "fd port", "fd unix",
    "user ids", "user names", "interfaces", "list lengths", "cgroup paths"};
// Files before 3.0 have no cgroup paths column.
constexpr size_t kColumnsBefore3 = kColumnCount - 1;

constexpr uint64_t kMaxItems = 1u << 24;     // threads, fds, users: far above any real system
constexpr uint64_t kMaxString = 1u << 20;
constexpr uint64_t kMaxBlob = 64u << 20;

// Per-column string dictionary. A reference is 0 = the expected string
// (the previous value of this column; for list items, the item at the same
// place in the previous list), 1 = a new NUL-terminated string in the
// string bytes column, 2 = a new string holding a NUL (its length is in the
// string lengths column), k >= 3 = the dictionary entry k-3.
// Threads of one process repeat every string and processes share most of
// their environment, so most references are one zero byte.
struct Dict {
  std::unordered_map<std::string, uint64_t> ids;
  std::vector<std::string> values;
  std::string last;
  std::vector<std::string> last_list;
};

// 3.0: a cgroup entry "controller=path" is coded as "controller=" and
// "path" (an entry without '=' is all controller). Under cgroup v1 a
// process sits at the same path in most of its ~12 controllers, so the
// path is expected to be the previous entry's and costs nothing.
std::pair<std::string, std::string> split_cgroup(const std::string& s) {
  const size_t eq = s.find('=');
  if (eq == std::string::npos) return {s, std::string()};
  return {s.substr(0, eq + 1), s.substr(eq + 1)};
}

// A cgroup list split into controllers and paths.
struct CgroupSplit {
  std::vector<std::string> ctrls, paths;
  explicit CgroupSplit(const std::vector<std::string>& items) {
    for (const std::string& item : items) {
      auto [ctrl, path] = split_cgroup(item);
      ctrls.push_back(std::move(ctrl));
      paths.push_back(std::move(path));
    }
  }
};

// 3.0: the inodes of one fd type seen so far in the state, ranked by last
// use (0 = the latest, move-to-front), each with the last fd that had it.
// An fd whose inode was seen is usually the same open file or socket
// shared by another process (an inherited stdout, a listening socket, a
// journal stream), so every other field is predicted from that fd; a
// child's fds were its parent's a few tables before, hence small ranks.
// A Fenwick tree over use slots (1 = an inode's latest use) gives ranks in
// O(log n) both ways.
class InodeSet {
 public:
  size_t size() const { return live_; }
  std::optional<uint64_t> rank(uint64_t ino) const {
    const auto it = entries_.find(ino);
    if (it == entries_.end()) return std::nullopt;
    return live_ - prefix(it->second.slot);
  }
  uint64_t at_rank(uint64_t k) const {  // k < size()
    uint64_t want = live_ - k;            // the want-th live slot from the start
    size_t pos = 0, step = 1;
    while (step * 2 < tree_.size()) step *= 2;
    for (; step > 0; step /= 2) {
      if (pos + step < tree_.size() && uint64_t(tree_[pos + step]) < want) {
        pos += step;
        want -= uint64_t(tree_[pos]);
      }
    }
    return slot_ino_[pos + 1];
  }
  const FdInfo* last_fd(uint64_t ino) const {
    const auto it = entries_.find(ino);
    return it == entries_.end() ? nullptr : &it->second.fd;
  }
  void use(const FdInfo& fd) {
    auto it = entries_.find(fd.ino);
    if (it != entries_.end()) {
      add(it->second.slot, -1);
    } else {
      ++live_;
      it = entries_.emplace(fd.ino, Entry{}).first;
    }
    // Append slot i = tree_.size(), which covers (i - lowbit(i), i].
    const size_t i = tree_.size();
    tree_.push_back(1 + prefix(i - 1) - prefix(i - (i & -i)));
    slot_ino_.push_back(fd.ino);
    it->second = Entry{i, fd};
  }

 private:
  struct Entry {
    size_t slot = 0;
    FdInfo fd;
  };
  int64_t prefix(size_t i) const {
    int64_t sum = 0;
    for (; i > 0; i -= i & -i) sum += tree_[i];
    return sum;
  }
  void add(size_t i, int64_t d) {
    for (; i < tree_.size(); i += i & -i) tree_[i] += d;
  }
  std::vector<int64_t> tree_{0};      // 1-based
  std::vector<uint64_t> slot_ino_{0};  // 1-based
  std::unordered_map<uint64_t, Entry> entries_;
  uint64_t live_ = 0;
};

struct FdContext {
  std::array<InodeSet, 22> by_type;  // FdType values 0..21
  // Sockets, pipes and netlink take inode numbers from one kernel counter
  // (get_next_ino), so a new one is close to the previous new one: class
  // 22 holds them all, the others are per type.
  std::array<uint64_t, 23> last_new_ino{};
  uint64_t last_unix_source = 0;  // of the previous new unix socket
  FdInfo last_unix;               // before 3.0: the previous unix socket
};

size_t inode_class(FdType t) {
  switch (t) {
    case FdType::Ipv4Sock: case FdType::Ipv6Sock: case FdType::Ipv4ServSock: case FdType::Ipv6ServSock:
    case FdType::Fifo: case FdType::UnixSock: case FdType::Netlink: return 22;
    default: return size_t(t);
  }
}

class Encoder {
 public:
  ColumnSet<kColumnCount> cols;

  template <class T>
  void integer(size_t col, const T& v, T predicted) {
    put_svarint(cols[col], int64_t(uint64_t(v) - uint64_t(predicted)));
  }
  void string(size_t col, const std::string& s) {
    Dict& d = dicts_[col];
    reference(col, s, d.values.empty() ? nullptr : &d.last);
    d.last = s;
  }
  void string(size_t col, const std::string& s, const std::string& expected) { reference(col, s, &expected); }
  // 3.0 (same_code): the count is 0 for a list equal to the previous one
  // (threads of one process, children that inherit their environment),
  // else item count + 1.
  // expected: the list to predict from (3.0: the base thread's), else the
  // previous list of this column.
  void list(size_t col, std::vector<std::string>& items, bool same_code,
            const std::vector<std::string>* expected = nullptr) {
    Dict& d = dicts_[col];
    const std::vector<std::string>& e = expected ? *expected : d.last_list;
    if (same_code && items == e) {
      put_varint(cols[kListCount], 0);
      return;
    }
    put_varint(cols[kListCount], items.size() + (same_code ? 1 : 0));
    for (size_t i = 0; i < items.size(); ++i) reference(col, items[i], i < e.size() ? &e[i] : nullptr);
    d.last_list = items;
  }
  void reference(size_t col, const std::string& s, const std::string* expected) {
    Dict& d = dicts_[col];
    if (expected && s == *expected) {
      put_varint(cols[col], 0);
      return;
    }
    auto [it, inserted] = d.ids.try_emplace(s, d.values.size());
    if (!inserted) {
      put_varint(cols[col], it->second + 3);
      return;
    }
    d.values.push_back(s);
    // NUL-terminated unless the string holds a NUL itself.
    const bool has_nul = s.find('\0') != std::string::npos;
    put_varint(cols[col], has_nul ? 2 : 1);
    if (has_nul) put_varint(cols[kStrLen], s.size());
    put_bytes(cols[kStrData], s.data(), s.size());
    if (!has_nul) cols[kStrData].push_back(0);
  }
  // 0: v == a, 1: v == b, else 2 + zigzag(v - a) (modulo 2^64, which the
  // decoder undoes exactly).
  template <class T>
  void choice(size_t col, const T& v, T a, T b) {
    if (v == a)
      put_varint(cols[col], 0);
    else if (v == b)
      put_varint(cols[col], 1);
    else
      put_varint(cols[col], 2 + zigzag(int64_t(uint64_t(v) - uint64_t(a))));
  }
  void blob(size_t col, std::vector<uint8_t>& b) {
    put_varint(cols[col], b.size());
    put_bytes(cols[col], b.data(), b.size());
  }
  // An address array: only as many bytes as are in use (0, 4 or 16).
  void address(size_t col, uint8_t (&a)[16]) {
    size_t used = 16;
    while (used > 0 && a[used - 1] == 0) --used;
    const uint8_t n = used == 0 ? 0 : used <= 4 ? 4 : 16;
    cols[col].push_back(n);
    put_bytes(cols[col], a, n);
  }
  template <class E>
  void enumeration(size_t col, E& v, E) {
    put_varint(cols[col], uint64_t(v));
  }
  uint64_t count(size_t col, uint64_t n) {
    put_varint(cols[col], n);
    return n;
  }
  // 3.0 forms with a prediction.
  // enum: 0 = expected, k > 0 = the value k - 1.
  template <class E>
  void enum_predicted(size_t col, E& v, E expected, E) {
    put_varint(cols[col], v == expected ? 0 : uint64_t(v) + 1);
  }
  // address: u8 1 = the expected address, else as address().
  void address_predicted(size_t col, uint8_t (&a)[16], const uint8_t (&expected)[16]) {
    if (std::memcmp(a, expected, 16) == 0) {
      cols[col].push_back(1);
      return;
    }
    address(col, a);
  }
  // inode: 0 = p_ino, 1 = 0, 2 = new (svarint from last_new follows),
  // k >= 3 = the set's inode of rank k-3 (0 = the latest used).
  void inode(size_t col, uint64_t& ino, uint64_t p_ino, const InodeSet& set, uint64_t last_new) {
    if (ino == p_ino) {
      put_varint(cols[col], 0);
    } else if (ino == 0) {
      put_varint(cols[col], 1);
    } else if (const std::optional<uint64_t> rank = set.rank(ino)) {
      put_varint(cols[col], 3 + *rank);
    } else {
      put_varint(cols[col], 2);
      put_svarint(cols[col], int64_t(ino - last_new));
    }
  }
  void cgroups(std::vector<std::string>& items, const std::vector<std::string>& expected) {
    if (items == expected) {
      put_varint(cols[kListCount], 0);
      return;
    }
    put_varint(cols[kListCount], items.size() + 1);
    const CgroupSplit e(expected);
    std::vector<std::string> paths;
    for (size_t i = 0; i < items.size(); ++i) {
      auto [ctrl, path] = split_cgroup(items[i]);
      reference(kCgroups, ctrl, i < e.ctrls.size() ? &e.ctrls[i] : nullptr);
      reference(kCgroupPath, path, i > 0 ? &paths[i - 1] : e.paths.empty() ? nullptr : &e.paths[0]);
      paths.push_back(std::move(path));
    }
  }

 private:
  std::array<Dict, kColumnCount> dicts_;
};

class Decoder {
 public:
  Decoder(const uint8_t* data, size_t size, uint16_t major) {
    // 3.0: the string bytes come first, outside the column table. Taking
    // them checks that they are there (the bound given to bounded() counts
    // the length's own bytes, so it alone is not enough).
    VarintReader text(data, size, "state text");
    VarintReader strings;
    if (major >= 3) {
      const uint64_t text_len = text.bounded(text.remaining(), "string bytes length");
      strings = VarintReader(text.bytes(text_len), text_len, kNames[kStrData]);
    }
    const size_t skip = major >= 3 ? size - text.remaining() : 0;
    in_ = parse_columns<kColumnCount>(data + skip, size - skip, kNames, major >= 3 ? kColumnCount : kColumnsBefore3);
    if (major >= 3) in_[kStrData] = strings;
  }

  template <class T>
  void integer(size_t col, T& v, T predicted) {
    v = T(uint64_t(predicted) + uint64_t(in_[col].svarint()));
  }
  void string(size_t col, std::string& s) {
    Dict& d = dicts_[col];
    reference(col, s, d.values.empty() ? nullptr : &d.last);
    d.last = s;
  }
  void string(size_t col, std::string& s, const std::string& expected) { reference(col, s, &expected); }
  void list(size_t col, std::vector<std::string>& items, bool same_code,
            const std::vector<std::string>* expected = nullptr) {
    Dict& d = dicts_[col];
    const std::vector<std::string> e = expected ? *expected : d.last_list;  // a copy: items may be d.last_list
    uint64_t n = in_[kListCount].bounded(kMaxItems + 1, "list length");
    if (same_code) {
      if (n == 0) {
        items = e;
        return;
      }
      --n;
    }
    if (n > in_[col].remaining()) in_[col].fail("ends before a list of " + std::to_string(n) + " items");
    items.resize(n);
    for (size_t i = 0; i < n; ++i) reference(col, items[i], i < e.size() ? &e[i] : nullptr);
    d.last_list = items;
  }
  void reference(size_t col, std::string& s, const std::string* expected) {
    Dict& d = dicts_[col];
    const uint64_t ref = in_[col].varint();
    if (ref == 0) {
      if (!expected) in_[col].fail("refers to an expected string where there is none");
      s = *expected;
    } else if (ref == 1) {
      s = in_[kStrData].cstr();
      d.values.push_back(s);
    } else if (ref == 2) {
      const uint64_t len = in_[kStrLen].bounded(kMaxString, "string length");
      s = in_[kStrData].str(len);
      d.values.push_back(s);
    } else {
      if (ref - 3 >= d.values.size()) in_[col].fail("refers to string " + std::to_string(ref - 3) + " of " +
                                                    std::to_string(d.values.size()));
      s = d.values[ref - 3];
    }
  }
  template <class T>
  void choice(size_t col, T& v, T a, T b) {
    const uint64_t code = in_[col].varint();
    v = code == 0 ? a : code == 1 ? b : T(uint64_t(a) + uint64_t(unzigzag(code - 2)));
  }
  void blob(size_t col, std::vector<uint8_t>& b) {
    const uint64_t n = in_[col].bounded(kMaxBlob, "blob length");
    const uint8_t* p = in_[col].bytes(n);
    b.assign(p, p + n);
  }
  void address(size_t col, uint8_t (&a)[16]) {
    const uint8_t n = *in_[col].bytes(1);
    if (n != 0 && n != 4 && n != 16) in_[col].fail("has an address of " + std::to_string(n) + " bytes");
    std::memcpy(a, in_[col].bytes(n), n);
  }
  // max: the largest valid value of the enum.
  template <class E>
  void enumeration(size_t col, E& v, E max) {
    const uint64_t raw = in_[col].bounded(uint64_t(max), "enum value");
    v = E(raw);
  }
  uint64_t count(size_t col, uint64_t) { return in_[col].bounded(kMaxItems, "count"); }
  template <class E>
  void enum_predicted(size_t col, E& v, E expected, E max) {
    const uint64_t k = in_[col].bounded(uint64_t(max) + 1, "enum value");
    v = k == 0 ? expected : E(k - 1);
  }
  void address_predicted(size_t col, uint8_t (&a)[16], const uint8_t (&expected)[16]) {
    const uint8_t n = *in_[col].bytes(1);
    if (n == 1) {
      std::memcpy(a, expected, 16);
      return;
    }
    if (n != 0 && n != 4 && n != 16) in_[col].fail("has an address of " + std::to_string(n) + " bytes");
    std::memcpy(a, in_[col].bytes(n), n);
  }
  void inode(size_t col, uint64_t& ino, uint64_t p_ino, const InodeSet& set, uint64_t last_new) {
    const uint64_t k = in_[col].varint();
    if (k == 0) {
      ino = p_ino;
    } else if (k == 1) {
      ino = 0;
    } else if (k == 2) {
      ino = last_new + uint64_t(in_[col].svarint());
    } else {
      if (k - 3 >= set.size()) in_[col].fail("refers to inode " + std::to_string(k - 3) + " of " +
                                             std::to_string(set.size()));
      ino = set.at_rank(k - 3);
    }
  }
  void cgroups(std::vector<std::string>& items, const std::vector<std::string>& expected) {
    uint64_t n = in_[kListCount].bounded(kMaxItems + 1, "list length");
    if (n == 0) {
      items = expected;
      return;
    }
    --n;
    if (n > in_[kCgroups].remaining()) in_[kCgroups].fail("ends before a list of " + std::to_string(n) + " items");
    const CgroupSplit e(expected);
    items.resize(n);
    std::vector<std::string> ctrls(n), paths(n);
    for (size_t i = 0; i < n; ++i) {
      reference(kCgroups, ctrls[i], i < e.ctrls.size() ? &e.ctrls[i] : nullptr);
      reference(kCgroupPath, paths[i], i > 0 ? &paths[i - 1] : e.paths.empty() ? nullptr : &e.paths[0]);
      items[i] = ctrls[i] + paths[i];
    }
  }

 private:
  std::array<VarintReader, kColumnCount> in_;
  std::array<Dict, kColumnCount> dicts_;
};

// One description of each record serves both directions, so the encoder
// and the decoder cannot drift apart.
template <class C>
void code_machine(C& c, MachineInfo& m) {
  c.integer(kMachine, m.num_cpus, 0u);
  c.integer(kMachine, m.memory_size_bytes, uint64_t(0));
  c.integer(kMachine, m.max_pid, uint64_t(0));
  c.integer(kMachine, m.boot_ts, uint64_t(0));
  c.string(kMachine, m.hostname);
}

// The name sysdig gives an IP socket from its endpoints ("a:p->b:q", or
// "a:p" for a listening one); empty for other fds.
std::string socket_name(const FdInfo& fd) {
  std::string name;
  switch (fd.type) {
    case FdType::Ipv4Sock: append_ip_tuple(false, fd.sip, fd.sport, fd.dip, fd.dport, name); break;
    case FdType::Ipv6Sock: append_ip_tuple(true, fd.sip, fd.sport, fd.dip, fd.dport, name); break;
    case FdType::Ipv4ServSock: append_ip_endpoint(false, fd.sip, fd.sport, name); break;
    case FdType::Ipv6ServSock: append_ip_endpoint(true, fd.sip, fd.sport, name); break;
    default: break;
  }
  return name;
}

// prev: the fd at the same place in the previous fd table (processes
// inherit 0, 1, 2 and more from their parent); last_unix: the previous unix
// socket (kernel addresses sit close together).
template <class C>
void code_fd_v2(C& c, FdInfo& fd, const FdInfo& prev, const FdInfo& last_unix) {
  c.enumeration(kFdKind, fd.type, FdType::PidFd);
  c.enumeration(kFdKind, fd.l4proto, L4Proto::Raw);
  c.enumeration(kFdKind, fd.role, FdRole::Server);
  c.integer(kFdKind, fd.connected, false);
  c.integer(kFdFlags, fd.open_flags, prev.open_flags);
  c.integer(kFdFlags, fd.dev, prev.dev);
  c.choice(kFdIno, fd.ino, prev.ino, uint64_t(0));
  c.address(kFdAddr, fd.sip);
  c.address(kFdAddr, fd.dip);
  c.integer(kFdPort, fd.sport, uint16_t(0));
  c.integer(kFdPort, fd.dport, uint16_t(0));
  // A socket's name is usually its tuple, which the fields above give.
  const std::string derived = socket_name(fd);
  c.reference(kFdName, fd.name, derived.empty() ? &prev.name : &derived);
  const bool unix_sock = fd.type == FdType::UnixSock;
  c.integer(kFdUnix, fd.unix_source, unix_sock ? last_unix.unix_source : uint64_t(0));
  c.integer(kFdUnix, fd.unix_dest, unix_sock ? fd.unix_source : uint64_t(0));
}

// 3.0: the inode comes right after the type; if another fd of that type
// already had it, that fd (the same open file or socket, shared) predicts
// every other field, else prev does as in 2.0.
template <class C>
void code_fd_v3(C& c, FdInfo& fd, const FdInfo& prev, FdContext& ctx) {
  c.enumeration(kFdKind, fd.type, FdType::PidFd);
  InodeSet& set = ctx.by_type[size_t(fd.type)];
  uint64_t& last_new = ctx.last_new_ino[inode_class(fd.type)];
  c.inode(kFdIno, fd.ino, prev.ino, set, last_new);
  const FdInfo* seen = set.last_fd(fd.ino);
  const bool found = seen != nullptr;
  const FdInfo& p = found ? *seen : prev;
  c.enum_predicted(kFdKind, fd.l4proto, p.l4proto, L4Proto::Raw);
  c.enum_predicted(kFdKind, fd.role, p.role, FdRole::Server);
  c.integer(kFdKind, fd.connected, p.connected);
  c.integer(kFdFlags, fd.open_flags, p.open_flags);
  c.integer(kFdFlags, fd.dev, p.dev);
  c.address_predicted(kFdAddr, fd.sip, p.sip);
  c.address_predicted(kFdAddr, fd.dip, p.dip);
  c.integer(kFdPort, fd.sport, found ? p.sport : uint16_t(0));
  c.integer(kFdPort, fd.dport, found ? p.dport : uint16_t(0));
  const std::string derived = socket_name(fd);
  c.reference(kFdName, fd.name, derived.empty() ? &p.name : &derived);
  // A new unix socket's kernel address is close to the previous new one's
  // (slab allocations). Its peer's is 0 unless an event connected it
  // (/proc and scap fd lists give none), and then unrelated to its own:
  // 2.0 predicted its own, which cost 7 bytes for nearly every socket.
  const bool unix_sock = fd.type == FdType::UnixSock;
  c.integer(kFdUnix, fd.unix_source, found ? p.unix_source : unix_sock ? ctx.last_unix_source : uint64_t(0));
  c.integer(kFdUnix, fd.unix_dest, found ? p.unix_dest : uint64_t(0));
  if (!found) {
    if (fd.ino != 0) last_new = fd.ino;
    if (unix_sock) ctx.last_unix_source = fd.unix_source;
  }
  set.use(fd);  // last: p may point into the set
}

template <class C>
void code_fd(C& c, FdInfo& fd, const FdInfo& prev, FdContext& ctx, uint16_t major) {
  if (major >= 3) {
    code_fd_v3(c, fd, prev, ctx);
    return;
  }
  code_fd_v2(c, fd, prev, ctx.last_unix);
  if (fd.type == FdType::UnixSock) ctx.last_unix = fd;
}

// coded: the threads coded so far by tid (3.0 predicts a new process from
// its parent).
template <class C>
void code_thread_v3(C& c, ThreadInfo& t, const ThreadInfo& prev, const std::unordered_map<int64_t, ThreadInfo>& coded);

// The ids, the same way in every version: a main thread, or another
// thread of the previous one's process.
template <class C>
void code_thread_ids(C& c, ThreadInfo& t, const ThreadInfo& prev) {
  c.integer(kTid, t.tid, prev.tid);
  c.choice(kPid, t.pid, t.tid, prev.pid);
  c.choice(kPtid, t.ptid, prev.ptid, prev.pid);
  c.choice(kSid, t.sid, prev.sid, t.pid);
  c.choice(kVpgid, t.vpgid, prev.vpgid, t.pid);
  c.choice(kVtid, t.vtid, t.tid, prev.vtid);
  c.choice(kVpid, t.vpid, t.pid, prev.vpid);
}

// The fields every version codes the same way: counters, and what the
// thread was doing when the snapshot was taken, so that an exit event right
// after it still finds its enter event; from 2.0 also what evt.latency, a
// context switch's latency and thread.cpu need from the events before it.
template <class C>
void code_thread_activity(C& c, ThreadInfo& t, int major) {
  c.integer(kFaults, t.pfmajor, uint64_t(0));
  c.integer(kFaults, t.pfminor, uint64_t(0));
  c.integer(kClone, t.clone_ts, uint64_t(0));
  c.integer(kClone, t.nchilds, uint64_t(0));
  c.integer(kLastEvent, t.last_event_type, uint16_t(0xffff));
  c.integer(kLastEvent, t.last_event_ts, uint64_t(0));
  c.integer(kLastEvent, t.last_event_fd, int64_t(-1));
  c.integer(kLastEvent, t.prev_exit_ts, uint64_t(0));
  c.blob(kBlobs, t.last_enter);
  if (major < 2) return;
  c.integer(kLastEvent, t.last_enter_ts, t.last_event_ts);
  c.integer(kLastEvent, t.latency, uint64_t(0));
  for (uint64_t& ticks : t.last_cpu_ticks) c.integer(kLastEvent, ticks, uint64_t(0));
}

template <class C>
void code_thread(C& c, ThreadInfo& t, const ThreadInfo& prev, uint16_t major,
                 const std::unordered_map<int64_t, ThreadInfo>& coded) {
  if (major >= 3) {
    code_thread_v3(c, t, prev, coded);
    return;
  }
  code_thread_ids(c, t, prev);
  c.string(kComm, t.comm);
  c.string(kExe, t.exe);
  c.string(kExepath, t.exepath);
  c.string(kCwd, t.cwd);
  c.string(kRoot, t.root);
  c.list(kArgs, t.args, false);
  c.list(kEnv, t.env, false);
  c.list(kCgroups, t.cgroups, false);
  c.integer(kLimits, t.fdlimit, prev.fdlimit);
  c.integer(kLimits, t.flags, prev.flags);
  c.integer(kIds, t.uid, prev.uid);
  c.integer(kIds, t.gid, prev.gid);
  c.integer(kIds, t.loginuid, prev.loginuid);
  c.integer(kIds, t.tty, prev.tty);
  c.integer(kMemory, t.vmsize_kb, prev.vmsize_kb);
  c.integer(kMemory, t.vmrss_kb, prev.vmrss_kb);
  c.integer(kMemory, t.vmswap_kb, prev.vmswap_kb);
  code_thread_activity(c, t, major);
}

// 3.0. base: the thread most fields are predicted from: the previous one
// for another thread of its process; for the first thread of a process
// (or one whose process came earlier) its main thread if coded, else its
// parent, which it inherited its environment, cwd, cgroups, ids and limits
// from (and, forked without exec, its command line and memory); else the
// previous thread.
template <class C>
void code_thread_v3(C& c, ThreadInfo& t, const ThreadInfo& prev, const std::unordered_map<int64_t, ThreadInfo>& coded) {
  code_thread_ids(c, t, prev);
  const ThreadInfo* base = &prev;
  if (t.pid != prev.pid) {
    auto it = t.tid != t.pid ? coded.find(t.pid) : coded.end();
    if (it == coded.end()) it = coded.find(t.ptid);
    if (it != coded.end()) base = &it->second;
  }
  const ThreadInfo& b = *base;
  c.string(kComm, t.comm, b.comm);
  c.string(kExe, t.exe, b.exe);
  c.string(kExepath, t.exepath, b.exepath);
  c.string(kCwd, t.cwd, b.cwd);
  c.string(kRoot, t.root, b.root);
  c.list(kArgs, t.args, true, &b.args);
  c.list(kEnv, t.env, true, &b.env);
  c.cgroups(t.cgroups, b.cgroups);
  c.integer(kLimits, t.fdlimit, b.fdlimit);
  c.integer(kLimits, t.flags, b.flags);
  c.integer(kIds, t.uid, b.uid);
  c.integer(kIds, t.gid, b.gid);
  c.integer(kIds, t.loginuid, b.loginuid);
  c.integer(kIds, t.tty, b.tty);
  c.integer(kMemory, t.vmsize_kb, b.vmsize_kb);
  c.integer(kMemory, t.vmrss_kb, b.vmrss_kb);
  c.integer(kMemory, t.vmswap_kb, b.vmswap_kb);
  code_thread_activity(c, t, 3);
}

// The decoded form of the pending enter event that exit parsers use (left
// empty if the bytes are not an event: the exit then finds no parameters).
void rebuild_enter_view(ThreadInfo& t) {
  if (t.last_enter.empty()) return;
  std::string error;
  Event view;
  if (!decode_event(t.last_enter.data(), t.last_enter.size(), view, &error)) return;
  copy_event_view(view, t.last_enter_view);
  t.last_enter_view.raw = nullptr;  // users point it at last_enter
}

// prev_id: the previous user's uid (group's gid) from 3.0, else 0: ids
// are sorted and system accounts are numbered in a row.
template <class C>
void code_user(C& c, UserInfo& u, uint32_t prev_id) {
  c.integer(kUserIds, u.uid, prev_id);
  c.integer(kUserIds, u.gid, u.uid);
  c.string(kUserNames, u.name);
  c.string(kUserNames, u.homedir);
  c.string(kUserNames, u.shell);
}

template <class C>
void code_group(C& c, GroupInfo& g, uint32_t prev_id) {
  c.integer(kUserIds, g.gid, prev_id);
  c.string(kUserNames, g.name);
}

template <class C>
void code_interface(C& c, InterfaceAddress& i) {
  c.integer(kIfaces, i.ipv6, false);
  c.address(kIfaces, i.addr);
  c.address(kIfaces, i.netmask);
  c.address(kIfaces, i.bcast);
  c.integer(kIfaces, i.linkspeed, uint64_t(0));
  c.string(kIfaces, i.name);
}

template <class Map>
std::vector<typename Map::key_type> sorted_keys(const Map& m) {
  std::vector<typename Map::key_type> keys;
  keys.reserve(m.size());
  for (const auto& kv : m) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

Bytes encode_state(const State& state, uint16_t major) {
  Encoder c;
  MachineInfo machine = state.machine;
  code_machine(c, machine);

  // The last event may have closed an fd or ended a thread; State drops
  // them only when the next event comes. The snapshot is the state that
  // next event finds, so it leaves them out.
  std::vector<int64_t> tids = sorted_keys(state.threads());
  std::erase(tids, state.pending_thread_removal());
  int64_t closed_fd_owner = -1;
  if (const ThreadInfo* t = state.find_thread(state.pending_fd_close_tid())) closed_fd_owner = state.fd_owner(*t).tid;

  c.count(kCounts, tids.size());
  ThreadInfo prev;
  std::vector<FdInfo> prev_fds;  // the last non-empty fd table, in fd order
  FdContext fd_context;
  std::unordered_map<int64_t, ThreadInfo> coded;
  for (int64_t tid : tids) {
    ThreadInfo t = state.threads().at(tid);  // a copy: the codec takes mutable refs for both directions
    if (tid == closed_fd_owner) t.fds.erase(state.pending_fd_close_fd());
    code_thread(c, t, prev, major, coded);
    c.count(kFdCount, t.fds.size());
    int64_t prev_fd = -1;
    std::vector<FdInfo> fds;
    for (int64_t fd : sorted_keys(t.fds)) {
      c.integer(kFdNum, fd, prev_fd);
      FdInfo& info = t.fds.at(fd);
      code_fd(c, info, fds.size() < prev_fds.size() ? prev_fds[fds.size()] : FdInfo{}, fd_context, major);
      fds.push_back(info);
      prev_fd = fd;
    }
    if (!fds.empty()) prev_fds = std::move(fds);
    t.fds.clear();
    if (major >= 3) coded[tid] = t;
    prev = std::move(t);
  }
  c.count(kCounts, state.users().size());
  uint32_t prev_id = 0;
  for (uint32_t uid : sorted_keys(state.users())) {
    UserInfo u = state.users().at(uid);
    code_user(c, u, prev_id);
    if (major >= 3) prev_id = uid;
  }
  c.count(kCounts, state.groups().size());
  prev_id = 0;
  for (uint32_t gid : sorted_keys(state.groups())) {
    GroupInfo g = state.groups().at(gid);
    code_group(c, g, prev_id);
    if (major >= 3) prev_id = gid;
  }
  c.count(kCounts, state.interfaces().size());
  for (InterfaceAddress i : state.interfaces()) code_interface(c, i);
  if (major < 3) return c.cols.serialize(kColumnsBefore3);
  // 3.0: the text first, then the numbers: zstd gives each its own
  // literal statistics (state_text_end()).
  Bytes out;
  put_varint(out, c.cols[kStrData].size());
  put_bytes(out, c.cols[kStrData].data(), c.cols[kStrData].size());
  c.cols[kStrData].clear();
  const Bytes table = c.cols.serialize();
  put_bytes(out, table.data(), table.size());
  return out;
}

size_t state_text_end(const Bytes& raw, uint16_t major) {
  if (major < 3) return 0;
  try {
    VarintReader r(raw.data(), raw.size(), "state text");
    r.bytes(r.bounded(r.remaining(), "string bytes length"));
    return raw.size() - r.remaining();
  } catch (const DecodeError&) {
    return 0;
  }
}

void decode_state(const uint8_t* data, size_t size, State& state, uint16_t major) {
  Decoder c(data, size, major);
  code_machine(c, state.machine);

  const uint64_t threads = c.count(kCounts, 0);
  ThreadInfo prev;
  std::vector<FdInfo> prev_fds;
  FdContext fd_context;
  std::unordered_map<int64_t, ThreadInfo> coded;
  for (uint64_t i = 0; i < threads; ++i) {
    ThreadInfo t;
    code_thread(c, t, prev, major, coded);
    rebuild_enter_view(t);
    const uint64_t fds = c.count(kFdCount, 0);
    int64_t fd_num = -1;
    std::vector<FdInfo> table;
    for (uint64_t j = 0; j < fds; ++j) {
      c.integer(kFdNum, fd_num, fd_num);
      FdInfo fd;
      code_fd(c, fd, table.size() < prev_fds.size() ? prev_fds[table.size()] : FdInfo{}, fd_context, major);
      table.push_back(fd);
      t.fds[fd_num] = std::move(fd);
    }
    if (!table.empty()) prev_fds = std::move(table);
    prev = t;
    prev.fds.clear();
    if (major >= 3) coded[prev.tid] = prev;
    state.add_thread(std::move(t));
  }
  const uint64_t users = c.count(kCounts, 0);
  uint32_t prev_id = 0;
  for (uint64_t i = 0; i < users; ++i) {
    UserInfo u;
    code_user(c, u, prev_id);
    if (major >= 3) prev_id = u.uid;
    state.add_user(std::move(u));
  }
  const uint64_t groups = c.count(kCounts, 0);
  prev_id = 0;
  for (uint64_t i = 0; i < groups; ++i) {
    GroupInfo g;
    code_group(c, g, prev_id);
    if (major >= 3) prev_id = g.gid;
    state.add_group(std::move(g));
  }
  const uint64_t ifaces = c.count(kCounts, 0);
  for (uint64_t i = 0; i < ifaces; ++i) {
    InterfaceAddress iface;
    code_interface(c, iface);
    state.add_interface(std::move(iface));
  }
}

}  // namespace sysray::trace
