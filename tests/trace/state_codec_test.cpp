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

}  // namespace
}  // namespace sysray::trace
