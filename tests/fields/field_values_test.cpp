// Field values on hand-built events, where sysdig 0.29.3 showed what they
// should be on the sample captures.
#include <gtest/gtest.h>

#include "support/event_builder.h"
#include "support/filter_world.h"

namespace sysray {
namespace {

using test::EventBuilder;
using test::FilterWorld;

class FieldValues : public ::testing::Test {
 protected:
  std::string field(const char* name, int64_t fd = -1) { return world_.field(name, built_.event, fd); }
  void build(const EventBuilder& b) {
    built_ = b.build();
    built_.event.num = 9;
  }

  FilterWorld world_;
  test::BuiltEvent built_;
};

TEST_F(FieldValues, LatencyHumanTruncatesToTwoDecimals) {
  EventBuilder b(PPME_SYSCALL_WRITE_X, 100, 10000 + 4676);
  b.i64(5).raw("hello");
  build(b);
  EventContext ctx;  // with the latency the state computes from the enter
  ctx.thread = world_.state.find_thread(100);
  ctx.latency = 4676;
  BoundField f;
  size_t consumed, pos;
  std::string error, out;
  ASSERT_TRUE(parse_field("evt.latency.human", 0, f, &consumed, &error, &pos));
  f.append_string(FieldInput{world_.state, built_.event, ctx, world_.stream}, out);
  EXPECT_EQ(out, "4.67us");  // sysdig: 4676 ns -> 4.67us
}

TEST_F(FieldValues, IoEventsTakeTheirFdsCategory) {
  EventBuilder b(PPME_SYSCALL_READ_E, 100, 5000);
  b.i64(3).u32(10);
  build(b);
  EXPECT_EQ(field("evt.category", 3), "file");
  EXPECT_EQ(field("evt.category", 4), "net");
  EXPECT_EQ(field("evt.category"), "unknown");
  EXPECT_EQ(field("evt.is_io_read", 3), "true");
  EXPECT_EQ(field("evt.io_dir", 3), "read");
  EXPECT_EQ(field("syscall.type"), "read");
}

TEST_F(FieldValues, FdFields) {
  EventBuilder b(PPME_SYSCALL_READ_E, 100, 5000);
  b.i64(4).u32(10);
  build(b);
  EXPECT_EQ(field("fd.cip", 4), "127.0.0.1");
  EXPECT_EQ(field("fd.sip", 4), "10.1.2.3");
  EXPECT_EQ(field("fd.lip", 4), "127.0.0.1");  // the client end is local unless only the server is
  EXPECT_EQ(field("fd.rport", 4), "80");
  EXPECT_EQ(field("fd.sproto", 4), "80");
  EXPECT_EQ(field("fd.uid", 4), "1004");  // tid and fd chained
  EXPECT_EQ(field("fd.connected", 4), "true");
  EXPECT_EQ(field("fd.containername", 3), ":/etc/passwd");  // host: empty container id
  EXPECT_EQ(field("fd.containerdirectory", 3), ":/etc");
  EXPECT_EQ(field("fd.cip", 3), "<absent>");
  world_.state.find_thread(100)->fds[3].dev = 0x563C;
  EXPECT_EQ(field("fd.dev", 3), "563C");
  EXPECT_EQ(field("fd.dev.major", 3), "86");
  EXPECT_EQ(field("fd.dev.minor", 3), "60");
}

TEST_F(FieldValues, ProcessAncestry) {
  EventBuilder b(PPME_SYSCALL_READ_E, 100, 5000);
  b.i64(3).u32(10);
  build(b);
  EXPECT_EQ(field("proc.aname"), "cat");  // without index: the process itself in output
  EXPECT_EQ(field("proc.aname[1]"), "bash");
  EXPECT_EQ(field("proc.apid[2]"), "1");
  EXPECT_EQ(field("proc.aname[3]"), "<absent>");
  EXPECT_EQ(field("proc.loginshellid"), "50");
  EXPECT_EQ(field("proc.pcmdline"), "bash");
  EXPECT_EQ(field("proc.nthreads"), "1");
  EXPECT_EQ(field("proc.nchilds"), "0");
  EXPECT_EQ(field("proc.fdusage"), "0.0");
}

TEST_F(FieldValues, ContainersFromCgroups) {
  EventBuilder b(PPME_SYSCALL_READ_E, 100, 5000);
  b.i64(3).u32(10);
  build(b);
  EXPECT_EQ(field("container.id"), "host");
  EXPECT_EQ(field("container.name"), "host");
  EXPECT_EQ(field("container.image"), "<absent>");
  world_.state.find_thread(100)->cgroups = {
      "cpu=/docker/3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e"};
  EXPECT_EQ(field("container.id"), "3ad7b26ded6d");
  EXPECT_EQ(field("thread.cgroup.cpu"), "/docker/3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e");
  EXPECT_EQ(field("fd.containername", 3), "3ad7b26ded6d:/etc/passwd");
}

TEST_F(FieldValues, SyslogFromWritesToDevLog) {
  FdInfo log;
  log.type = FdType::UnixSock;
  log.name = "/dev/log";
  world_.state.add_fd(100, 5, log);
  EventBuilder b(PPME_SYSCALL_WRITE_X, 100, 5000);
  b.i64(20).raw("<11>myapp: disk full");
  build(b);
  EXPECT_EQ(field("evt.is_syslog", 5), "true");
  EXPECT_EQ(field("syslog.facility", 5), "1");
  EXPECT_EQ(field("syslog.facility.str", 5), "user");
  EXPECT_EQ(field("syslog.severity.str", 5), "err");
  EXPECT_EQ(field("syslog.message", 5), "myapp: disk full");
  EXPECT_EQ(field("syslog.message", 3), "<absent>");
  EXPECT_EQ(field("evt.buflen", 5), "20");
}

TEST_F(FieldValues, FdListOfPoll) {
  std::string fds;
  auto put = [&fds](const void* p, size_t n) { fds.append(static_cast<const char*>(p), n); };
  uint16_t count = 2;
  put(&count, 2);
  for (int64_t fd : {int64_t(3), int64_t(4)}) {
    int16_t events = 1;
    put(&fd, 8);
    put(&events, 2);
  }
  EventBuilder b(PPME_SYSCALL_POLL_X, 100, 5000);
  b.i64(1).raw(fds);
  build(b);
  EXPECT_EQ(field("fdlist.nums"), "3,4");
  EXPECT_EQ(field("fdlist.names"), "/etc/passwd,127.0.0.1:40000->10.1.2.3:80");
  EXPECT_EQ(field("fdlist.sips"), "10.1.2.3");
  EXPECT_EQ(field("fdlist.cports"), "40000");
  EXPECT_EQ(field("evt.is_wait"), "true");
}

}  // namespace
}  // namespace sysray
