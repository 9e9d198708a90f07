#include "live/proc_scan.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "live/probe_loader.h"

namespace sysray {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string read_link(const std::string& path) {
  char buf[4096];
  ssize_t n = readlink(path.c_str(), buf, sizeof buf);
  return n < 0 ? std::string() : std::string(buf, size_t(n));
}

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\0', start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<int64_t> numeric_entries(const std::string& dir) {
  std::vector<int64_t> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    char* end = nullptr;
    long long v = strtoll(e->d_name, &end, 10);
    if (end != e->d_name && *end == '\0') out.push_back(v);
  }
  closedir(d);
  return out;
}

// "Key:\tvalue" lines of /proc/<pid>/status.
std::string status_field(const std::string& status, const char* key) {
  std::string k = std::string("\n") + key + ":";
  size_t pos = status.find(k);
  if (pos == std::string::npos) {
    if (status.rfind(std::string(key) + ":", 0) != 0) return {};
    pos = 0;
    k = std::string(key) + ":";
  }
  size_t start = pos + k.size();
  size_t end = status.find('\n', start);
  std::string v = status.substr(start, end == std::string::npos ? std::string::npos : end - start);
  size_t first = v.find_first_not_of(" \t");
  return first == std::string::npos ? std::string() : v.substr(first);
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

int64_t to_i64(const std::string& s, int64_t fallback = 0) {
  char* end = nullptr;
  long long v = strtoll(s.c_str(), &end, 10);
  return end == s.c_str() ? fallback : v;
}

// The cgroup v2 controllers, which sysdig lists one by one for the
// unified hierarchy.
const std::vector<std::string>& unified_controllers() {
  static const std::vector<std::string> controllers = words(read_file("/sys/fs/cgroup/cgroup.controllers"));
  return controllers;
}

std::vector<std::string> read_cgroups(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    size_t c1 = line.find(':');
    size_t c2 = line.find(':', c1 + 1);
    if (c1 == std::string::npos || c2 == std::string::npos) continue;
    std::string subsystems = line.substr(c1 + 1, c2 - c1 - 1);
    std::string cgpath = line.substr(c2 + 1);
    if (subsystems.empty()) {
      for (const auto& ctl : unified_controllers()) out.push_back(ctl + "=" + cgpath);
      continue;
    }
    std::istringstream subs(subsystems);
    std::string sub;
    while (std::getline(subs, sub, ',')) {
      if (sub.rfind("name=", 0) == 0) sub = sub.substr(5);
      out.push_back(sub + "=" + cgpath);
    }
  }
  return out;
}

// --- sockets ---

std::string ip_port(bool v6, const uint8_t* addr, uint16_t port) {
  char buf[INET6_ADDRSTRLEN] = {};
  bool mapped = v6 && std::memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0;
  if (!v6 || mapped)
    inet_ntop(AF_INET, mapped ? addr + 12 : addr, buf, sizeof buf);
  else
    inet_ntop(AF_INET6, addr, buf, sizeof buf);
  return std::string(buf) + ":" + std::to_string(port);
}

// "0100007F:0050" -> address bytes in network order and a host-order port.
// The kernel prints each 32-bit word of the address as a host-order hex int.
bool parse_hex_endpoint(const std::string& s, bool v6, uint8_t* addr, uint16_t* port) {
  size_t colon = s.find(':');
  size_t hexlen = v6 ? 32 : 8;
  if (colon != hexlen) return false;
  for (size_t w = 0; w < hexlen / 8; w++) {
    uint32_t word = uint32_t(strtoul(s.substr(w * 8, 8).c_str(), nullptr, 16));
    std::memcpy(addr + 4 * w, &word, 4);
  }
  *port = uint16_t(strtoul(s.c_str() + colon + 1, nullptr, 16));
  return true;
}

void read_inet_table(const std::string& path, bool v6, L4Proto proto, SocketTable& out) {
  std::istringstream in(read_file(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f = words(line);
    if (f.size() < 10) continue;
    FdInfo fd;
    uint8_t lip[16] = {}, rip[16] = {};
    uint16_t lport = 0, rport = 0;
    if (!parse_hex_endpoint(f[1], v6, lip, &lport) || !parse_hex_endpoint(f[2], v6, rip, &rport)) continue;
    uint64_t ino = strtoull(f[9].c_str(), nullptr, 10);
    if (ino == 0) continue;
    bool listening = proto == L4Proto::Tcp && f[3] == "0A";
    fd.l4proto = proto;
    fd.ino = ino;
    std::memcpy(fd.sip, lip, 16);
    fd.sport = lport;
    if (listening) {
      fd.type = v6 ? FdType::Ipv6ServSock : FdType::Ipv4ServSock;
      fd.role = FdRole::Server;
      fd.name = ip_port(v6, lip, lport);
    } else {
      fd.type = v6 ? FdType::Ipv6Sock : FdType::Ipv4Sock;
      std::memcpy(fd.dip, rip, 16);
      fd.dport = rport;
      fd.name = ip_port(v6, lip, lport) + "->" + ip_port(v6, rip, rport);
    }
    out[ino] = std::move(fd);
  }
}

void read_unix_table(const std::string& path, SocketTable& out) {
  std::istringstream in(read_file(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f = words(line);
    if (f.size() < 7) continue;
    FdInfo fd;
    fd.type = FdType::UnixSock;
    fd.l4proto = L4Proto::NotApplicable;
    fd.unix_source = strtoull(f[0].c_str(), nullptr, 16);  // "ffff...:" the kernel socket
    fd.ino = strtoull(f[6].c_str(), nullptr, 10);
    if (f.size() >= 8) fd.name = f[7];
    out[fd.ino] = std::move(fd);
  }
}

// "anon_inode:[eventfd]" and friends -> fd type.
FdType anon_inode_type(const std::string& link) {
  struct {
    const char* marker;
    FdType type;
  } kinds[] = {
      {"eventfd", FdType::Event},        {"signalfd", FdType::SignalFd}, {"eventpoll", FdType::EventPoll},
      {"inotify", FdType::Inotify},      {"timerfd", FdType::TimerFd},   {"bpf", FdType::Bpf},
      {"userfaultfd", FdType::UserFaultFd}, {"io_uring", FdType::IoUring}, {"pidfd", FdType::PidFd},
  };
  for (const auto& k : kinds)
    if (link.find(k.marker) != std::string::npos) return k.type;
  return FdType::Unsupported;
}

uint32_t encode_dev(dev_t dev) {
  uint32_t maj = major(dev), min = minor(dev);
  return (min & 0xff) | (maj << 8) | ((min & ~0xffu) << 12);
}

}  // namespace

uint32_t ppm_open_flags(uint32_t f) {
  uint32_t r = 0;
  switch (f & O_ACCMODE) {
    case O_WRONLY: r |= 1u << 1; break;
    case O_RDWR: r |= 3; break;
    default: r |= 1; break;
  }
  if (f & O_CREAT) r |= 1u << 2;
  if (f & O_APPEND) r |= 1u << 3;
  if ((f & O_SYNC) == O_SYNC) r |= 1u << 7;
  else if (f & O_DSYNC) r |= 1u << 4;
  if (f & O_EXCL) r |= 1u << 5;
  if (f & O_NONBLOCK) r |= 1u << 6;
  if (f & O_TRUNC) r |= 1u << 8;
  if (f & O_DIRECT) r |= 1u << 9;
  if ((f & O_TMPFILE) == O_TMPFILE) r |= 1u << 13;
  else if (f & O_DIRECTORY) r |= 1u << 10;
  if (f & O_LARGEFILE) r |= 1u << 11;
  if (f & O_CLOEXEC) r |= 1u << 12;
  return r;
}

SocketTable read_socket_table(const std::string& dir) {
  SocketTable table;
  read_inet_table(dir + "/tcp", false, L4Proto::Tcp, table);
  read_inet_table(dir + "/tcp6", true, L4Proto::Tcp, table);
  read_inet_table(dir + "/udp", false, L4Proto::Udp, table);
  read_inet_table(dir + "/udp6", true, L4Proto::Udp, table);
  read_unix_table(dir + "/unix", table);
  return table;
}

bool thread_exists(int64_t tid) {
  if (tid <= 0) return false;
  struct stat st {};
  return ::stat(("/proc/" + std::to_string(tid)).c_str(), &st) == 0;
}

bool read_thread(int64_t pid, int64_t tid, ThreadInfo& t) {
  std::string pdir = "/proc/" + std::to_string(pid);
  std::string tdir = pdir + "/task/" + std::to_string(tid);
  std::string status = read_file(tdir + "/status");
  if (status.empty()) return false;

  t.tid = tid;
  t.pid = to_i64(status_field(status, "Tgid"), pid);
  t.ptid = to_i64(status_field(status, "PPid"), -1);
  t.comm = trim_newline(read_file(tdir + "/comm"));
  std::vector<std::string> argv = split_nul(read_file(pdir + "/cmdline"));
  if (!argv.empty()) {
    t.exe = argv[0];
    t.args.assign(argv.begin() + 1, argv.end());
  } else {
    t.exe = t.comm;  // kernel threads have no command line
  }
  t.exepath = read_link(pdir + "/exe");
  t.env = split_nul(read_file(pdir + "/environ"));
  t.cwd = read_link(pdir + "/cwd");
  t.root = read_link(pdir + "/root");
  t.cgroups = read_cgroups(pdir + "/cgroup");

  std::vector<std::string> uids = words(status_field(status, "Uid"));
  std::vector<std::string> gids = words(status_field(status, "Gid"));
  if (uids.size() > 1) t.uid = uint32_t(to_i64(uids[1]));  // effective, as sysdig
  if (gids.size() > 1) t.gid = uint32_t(to_i64(gids[1]));
  std::string loginuid = trim_newline(read_file(pdir + "/loginuid"));
  if (!loginuid.empty()) t.loginuid = uint32_t(strtoul(loginuid.c_str(), nullptr, 10));
  std::vector<std::string> nspid = words(status_field(status, "NSpid"));
  std::vector<std::string> nstgid = words(status_field(status, "NStgid"));
  t.vtid = nspid.empty() ? tid : to_i64(nspid.back());
  t.vpid = nstgid.empty() ? t.pid : to_i64(nstgid.back());
  t.vmsize_kb = uint32_t(to_i64(status_field(status, "VmSize")));
  t.vmrss_kb = uint32_t(to_i64(status_field(status, "VmRSS")));
  t.vmswap_kb = uint32_t(to_i64(status_field(status, "VmSwap")));
  if (tid != t.pid) t.flags |= 1u << 13;  // PPM_CL_CLONE_THREAD

  // stat: "pid (comm) state ppid pgrp session tty ... minflt cminflt majflt"
  std::string stat = read_file(tdir + "/stat");
  size_t paren = stat.rfind(')');
  if (paren != std::string::npos) {
    std::vector<std::string> f = words(stat.substr(paren + 1));
    if (f.size() > 9) {
      t.vpgid = to_i64(f[2]);
      t.sid = to_i64(f[3]);
      t.tty = uint32_t(to_i64(f[4]));
      t.pfminor = uint64_t(to_i64(f[7]));
      t.pfmajor = uint64_t(to_i64(f[9]));
    }
  }
  std::istringstream limits(read_file(pdir + "/limits"));
  std::string line;
  while (std::getline(limits, line)) {
    if (line.rfind("Max open files", 0) == 0) {
      std::vector<std::string> f = words(line.substr(14));
      if (!f.empty()) t.fdlimit = to_i64(f[0]);
    }
  }
  return true;
}

bool read_fd(int64_t pid, int64_t fdnum, const SocketTable& sockets, FdInfo& fd) {
  std::string pdir = "/proc/" + std::to_string(pid);
  std::string link = read_link(pdir + "/fd/" + std::to_string(fdnum));
  if (link.empty()) return false;
  fd = FdInfo{};
  if (link.rfind("socket:[", 0) == 0) {
    uint64_t ino = strtoull(link.c_str() + 8, nullptr, 10);
    auto it = sockets.find(ino);
    if (it == sockets.end()) return false;  // netlink, packet, ...: not described
    fd = it->second;
    return true;
  }
  if (link.rfind("pipe:[", 0) == 0) {
    fd.type = FdType::Fifo;
    fd.ino = strtoull(link.c_str() + 6, nullptr, 10);
    fd.name = link;
    return true;
  }
  if (link.rfind("anon_inode:", 0) == 0) {
    fd.type = anon_inode_type(link);
    fd.name = link;
    return true;
  }
  if (link.rfind("/memfd:", 0) == 0) {
    fd.type = FdType::MemFd;
    fd.name = link;
    return true;
  }
  struct stat st{};
  std::string fdpath = pdir + "/fd/" + std::to_string(fdnum);
  if (stat(fdpath.c_str(), &st) == 0) {
    fd.ino = st.st_ino;
    fd.dev = encode_dev(st.st_dev);
  }
  std::istringstream fdinfo(read_file(pdir + "/fdinfo/" + std::to_string(fdnum)));
  std::string line;
  while (std::getline(fdinfo, line)) {
    if (line.rfind("flags:", 0) == 0) fd.open_flags = ppm_open_flags(uint32_t(strtoul(line.c_str() + 6, nullptr, 8)));
  }
  fd.type = S_ISDIR(st.st_mode) ? FdType::Directory : FdType::FileV2;
  fd.name = link;
  return true;
}

namespace {

void scan_users(State& state) {
  std::istringstream passwd(read_file("/etc/passwd"));
  std::string line;
  while (std::getline(passwd, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, ':')) f.push_back(field);
    if (f.size() < 7) continue;
    UserInfo u;
    u.name = f[0];
    u.uid = uint32_t(to_i64(f[2]));
    u.gid = uint32_t(to_i64(f[3]));
    u.homedir = f[5];
    u.shell = f[6];
    state.add_user(std::move(u));
  }
  std::istringstream group(read_file("/etc/group"));
  while (std::getline(group, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, ':')) f.push_back(field);
    if (f.size() < 3) continue;
    GroupInfo g;
    g.name = f[0];
    g.gid = uint32_t(to_i64(f[2]));
    state.add_group(std::move(g));
  }
}

void scan_machine(State& state) {
  MachineInfo& m = state.machine;
  m.num_cpus = uint32_t(sysconf(_SC_NPROCESSORS_ONLN));
  m.memory_size_bytes = uint64_t(sysconf(_SC_PHYS_PAGES)) * uint64_t(sysconf(_SC_PAGESIZE));
  m.max_pid = uint64_t(to_i64(read_file("/proc/sys/kernel/pid_max")));
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  m.hostname = host;
  m.boot_ts = boot_time_ns();
}

}  // namespace

void scan_proc(State& state) {
  scan_machine(state);
  scan_users(state);
  SocketTable sockets = read_socket_table();
  for (int64_t pid : numeric_entries("/proc")) {
    std::string pdir = "/proc/" + std::to_string(pid);
    bool main_added = false;
    for (int64_t tid : numeric_entries(pdir + "/task")) {
      ThreadInfo t;
      if (!read_thread(pid, tid, t)) continue;
      state.add_thread(std::move(t));
      if (tid == pid) main_added = true;
    }
    if (!main_added) continue;
    // Threads share the process's fd table: load it once, on the main thread.
    for (int64_t fdnum : numeric_entries(pdir + "/fd")) {
      FdInfo fd;
      if (read_fd(pid, fdnum, sockets, fd)) state.add_fd(pid, fdnum, std::move(fd));
    }
  }
}

}  // namespace sysray
