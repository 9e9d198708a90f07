// The state snapshot codec on hand-built states with the awkward values a
// real one can hold: NULs in names, empty lists against [""], negative
// ids, IPv6 addresses, a pending enter event.
#include "trace/state_codec.h"

#include <gtest/gtest.h>

#include "trace/varint.h"

namespace sysray::trace {
namespace {

State awkward_state() {
  State s;
  s.machine = {.num_cpus = 8, .memory_size_bytes = 1ull << 40, .max_pid = 4194304, .hostname = "box", .boot_ts = 42};
  ThreadInfo main;
  main.tid = main.pid = 100;
  main.ptid = 1;
  main.comm = std::string("we\0ird", 6);
  main.exe = "/bin/x";
  main.args = {"", "-v", ""};
  main.env = {};
  main.cgroups = {"cpu=/"};
  main.cwd = "/tmp/";
  main.uid = 0xffffffff;
  main.vtid = -1;
  main.last_event_type = 2;
  main.last_enter = {1, 2, 3, 0, 255};
  FdInfo sock;
  sock.type = FdType::Ipv6Sock;
  sock.l4proto = L4Proto::Tcp;
  sock.role = FdRole::Server;
  sock.name = "::1:80->::1:5000";
  for (int i = 0; i < 16; ++i) sock.sip[i] = uint8_t(i + 1);
  sock.sport = 80;
  main.fds[-1] = FdInfo{};
  main.fds[3] = sock;
  FdInfo unix_fd;
  unix_fd.type = FdType::UnixSock;
  unix_fd.unix_source = 0xffff8880deadbeefull;
  main.fds[7] = unix_fd;
  s.add_thread(main);
  ThreadInfo thread = main;
  thread.tid = 101;
  thread.fds.clear();
  thread.args = {""};
  thread.last_enter.clear();
  s.add_thread(thread);
  s.add_user({.uid = 0, .gid = 0, .name = "root", .homedir = "/root", .shell = "/bin/sh"});
  s.add_group({.gid = 5, .name = "tty"});
  InterfaceAddress lo;
  lo.name = "lo";
  lo.addr[0] = 127;
  lo.addr[3] = 1;
  s.add_interface(lo);
  return s;
}

void expect_same(const ThreadInfo& a, const ThreadInfo& b) {
  EXPECT_EQ(a.tid, b.tid);
  EXPECT_EQ(a.pid, b.pid);
  EXPECT_EQ(a.ptid, b.ptid);
  EXPECT_EQ(a.vtid, b.vtid);
  EXPECT_EQ(a.comm, b.comm);
  EXPECT_EQ(a.exe, b.exe);
  EXPECT_EQ(a.args, b.args);
  EXPECT_EQ(a.env, b.env);
  EXPECT_EQ(a.cgroups, b.cgroups);
  EXPECT_EQ(a.cwd, b.cwd);
  EXPECT_EQ(a.uid, b.uid);
  EXPECT_EQ(a.last_event_type, b.last_event_type);
  EXPECT_EQ(a.last_enter, b.last_enter);
  ASSERT_EQ(a.fds.size(), b.fds.size());
  for (const auto& [num, fd] : a.fds) {
    const FdInfo& other = b.fds.at(num);
    EXPECT_EQ(fd.type, other.type);
    EXPECT_EQ(fd.role, other.role);
    EXPECT_EQ(fd.name, other.name);
    EXPECT_EQ(0, std::memcmp(fd.sip, other.sip, 16));
    EXPECT_EQ(fd.sport, other.sport);
    EXPECT_EQ(fd.unix_source, other.unix_source);
  }
}

TEST(StateCodec, RoundTripsAwkwardValues) {
  const State original = awkward_state();
  Bytes encoded = encode_state(original);
  State decoded;
  decode_state(encoded.data(), encoded.size(), decoded);
  EXPECT_EQ(decoded.machine.hostname, "box");
  EXPECT_EQ(decoded.machine.memory_size_bytes, 1ull << 40);
  ASSERT_EQ(decoded.threads().size(), 2u);
  for (const auto& [tid, t] : original.threads()) expect_same(t, decoded.threads().at(tid));
  ASSERT_NE(decoded.find_user(0), nullptr);
  EXPECT_EQ(decoded.find_user(0)->shell, "/bin/sh");
  EXPECT_EQ(decoded.find_group(5)->name, "tty");
  ASSERT_EQ(decoded.interfaces().size(), 1u);
  EXPECT_EQ(decoded.interfaces()[0].addr[3], 1);
  // Encoding is deterministic: the same state gives the same bytes.
  EXPECT_EQ(encode_state(decoded), encoded);
}

TEST(StateCodec, EveryTruncationIsADecodeErrorNotACrash) {
  Bytes encoded = encode_state(awkward_state());
  for (size_t n = 0; n < encoded.size(); ++n) {
    State s;
    EXPECT_THROW(decode_state(encoded.data(), n, s), DecodeError) << n;
  }
}

// What 3.0's predictions lean on, with the cases where they miss: cgroup
// entries without '=' or with an empty path, fds sharing an inode across
// processes but differing in other fields, a unix socket with a peer, a
// child listed before its parent, and ids out of order.
State shared_state() {
  State s = awkward_state();
  ThreadInfo child;  // tid 50 < its parent 100: the parent is not coded yet
  child.tid = child.pid = 50;
  child.ptid = 100;
  child.cgroups = {"cpu,cpuacct=/a", "memory=/a", "name=systemd=/a", "noequals", "pids="};
  child.env = {"A=1", "B=2"};
  FdInfo shared_unix;
  shared_unix.type = FdType::UnixSock;
  shared_unix.ino = 9301;
  shared_unix.unix_source = 0xffff8800d9b00b40ull;
  shared_unix.unix_dest = 0xffff8800d9b02580ull;
  shared_unix.name = "/run/x\n";
  child.fds[0] = shared_unix;
  FdInfo pipe;
  pipe.type = FdType::Fifo;
  pipe.ino = 9299;
  pipe.name = "pipe:[9299]";
  child.fds[1] = pipe;
  s.add_thread(child);
  ThreadInfo other;  // another process sharing both fds, one with other flags
  other.tid = other.pid = 200;
  other.ptid = 50;
  other.cgroups = {"cpu,cpuacct=/b", "memory=/a", "noequals"};
  other.env = {"A=1", "B=2"};
  other.fds[4] = shared_unix;
  other.fds[5] = pipe;
  other.fds[5].open_flags = 2;
  other.fds[6] = shared_unix;
  other.fds[6].ino = 9400;  // new socket: its address is a delta from the last new one
  other.fds[6].unix_source = 0xffff8800d9b00780ull;
  other.fds[6].unix_dest = 0;
  s.add_thread(other);
  s.add_user({.uid = 1000, .gid = 1000, .name = "me", .homedir = "/home/me", .shell = "/bin/sh"});
  s.add_user({.uid = 3, .gid = 7, .name = "sys", .homedir = "/dev", .shell = "/bin/false"});
  s.add_group({.gid = 1000, .name = "me"});
  return s;
}

void expect_same_state(const State& a, const State& b) {
  ASSERT_EQ(a.threads().size(), b.threads().size());
  for (const auto& [tid, t] : a.threads()) {
    const ThreadInfo& u = b.threads().at(tid);
    expect_same(t, u);
    for (const auto& [num, fd] : t.fds) {
      EXPECT_EQ(fd.ino, u.fds.at(num).ino);
      EXPECT_EQ(fd.open_flags, u.fds.at(num).open_flags);
      EXPECT_EQ(fd.unix_dest, u.fds.at(num).unix_dest);
    }
  }
  for (uint32_t uid : {0u, 3u, 1000u}) EXPECT_EQ(a.find_user(uid)->gid, b.find_user(uid)->gid);
  EXPECT_EQ(b.find_group(1000)->name, "me");
}

TEST(StateCodec, PredictionsMissWithoutLoss) {
  const State original = shared_state();
  for (uint16_t major : {1, 2, 3}) {
    const Bytes encoded = encode_state(original, major);
    State decoded;
    decode_state(encoded.data(), encoded.size(), decoded, major);
    expect_same_state(original, decoded);
    EXPECT_EQ(encode_state(decoded, major), encoded) << major;
  }
  // 3.0 text first, then the table: the writer's zstd block boundary.
  const Bytes v3 = encode_state(original);
  EXPECT_GT(state_text_end(v3), 0u);
  EXPECT_LT(state_text_end(v3), v3.size());
  EXPECT_EQ(state_text_end(encode_state(original, 2), 2), 0u);
}

TEST(StateCodec, EveryTruncationOfA3StateIsADecodeError) {
  const Bytes encoded = encode_state(shared_state());
  for (size_t n = 0; n < encoded.size(); ++n) {
    State s;
    EXPECT_THROW(decode_state(encoded.data(), n, s), DecodeError) << n;
  }
}

}  // namespace
}  // namespace sysray::trace
