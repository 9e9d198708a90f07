// The compiled filter on hand-built events and state.
#include <gtest/gtest.h>

#include "support/event_builder.h"
#include "support/filter_world.h"
#include "filters/filter.h"

namespace sysray {
namespace {

using test::EventBuilder;
using test::FilterWorld;

class Evaluator : public ::testing::Test {
 protected:
  // An open exit of "cat" (tid 100) returning fd (or an error).
  void open_exit(int64_t res, const std::string& path, uint64_t num = 7) {
    built_ = EventBuilder(PPME_SYSCALL_OPEN_X, 100).i64(res).str(path).u32(1).u32(0).build();
    built_.event.num = num;
    fd_ = res;
  }
  void read_enter(int64_t fd, uint64_t num = 8) {
    built_ = EventBuilder(PPME_SYSCALL_READ_E, 100).i64(fd).u32(100).build();
    built_.event.num = num;
    fd_ = fd;
  }
  bool match(const char* filter) {
    FieldInput in = world_.input(built_.event, fd_);
    return compile_filter(filter)->matches(in);
  }

  FilterWorld world_;
  int64_t fd_ = -1;
  test::BuiltEvent built_;
};

TEST_F(Evaluator, EventTypeAndDirection) {
  open_exit(3, "/etc/passwd");
  EXPECT_TRUE(match("evt.type=open"));
  EXPECT_FALSE(match("evt.type=close"));
  EXPECT_TRUE(match("evt.type!=close"));
  EXPECT_TRUE(match("evt.type in (close, open)"));
  EXPECT_TRUE(match("evt.type<read"));  // other operators compare the name
  EXPECT_TRUE(match("evt.dir=<"));
  EXPECT_FALSE(match("evt.dir=>"));
}

TEST_F(Evaluator, NumbersCompareAsNumbers) {
  open_exit(3, "/etc/passwd", 42);
  EXPECT_TRUE(match("evt.num=42"));
  EXPECT_TRUE(match("evt.num>9"));  // a string compare would say "42" < "9"
  EXPECT_TRUE(match("evt.num>=42 and evt.num<=42"));
  EXPECT_FALSE(match("evt.num<42"));
  EXPECT_TRUE(match("evt.num in (1, 42)"));
  EXPECT_TRUE(match("evt.rawarg.fd=3"));
  EXPECT_TRUE(match("evt.rawarg.name=/etc/passwd"));
}

TEST_F(Evaluator, ResultsAndFailures) {
  open_exit(-2, "/nope");
  EXPECT_TRUE(match("evt.failed=true"));
  EXPECT_TRUE(match("evt.res=ENOENT"));
  EXPECT_TRUE(match("evt.rawres<0"));
  EXPECT_TRUE(match("evt.rawarg.fd<0"));
  open_exit(3, "/etc/passwd");
  EXPECT_TRUE(match("evt.failed=false"));
  EXPECT_TRUE(match("evt.res=SUCCESS"));
}

TEST_F(Evaluator, StringOperators) {
  open_exit(3, "/etc/passwd");
  EXPECT_TRUE(match("fd.name contains pass"));
  EXPECT_FALSE(match("fd.name contains PASS"));
  EXPECT_TRUE(match("fd.name icontains PASS"));
  EXPECT_TRUE(match("fd.name startswith /etc/"));
  EXPECT_TRUE(match("fd.name endswith wd"));
  EXPECT_TRUE(match("fd.name glob /etc/*"));
  EXPECT_TRUE(match("fd.name glob '/e?c/pass*'"));
  EXPECT_TRUE(match("fd.name pmatch (/usr, /etc)"));
  EXPECT_FALSE(match("fd.name pmatch (/et)"));  // whole path components only
  EXPECT_TRUE(match("fd.name in (/etc/passwd, /etc/shadow)"));
  EXPECT_TRUE(match("fd.directory=/etc and fd.filename=passwd"));
  EXPECT_TRUE(match("proc.name==cat") == false);  // "==" compares with "=cat", as sysdig
}

// sysdig: a comparison on a field the event lacks is false, even '!='.
TEST_F(Evaluator, AbsentFieldsNeverMatch) {
  open_exit(-2, "/nope");  // failed: no fd, so no fd.type
  EXPECT_FALSE(match("fd.type=file"));
  EXPECT_FALSE(match("fd.type!=file"));
  EXPECT_FALSE(match("fd.type exists"));
  EXPECT_TRUE(match("not fd.type=file"));
  EXPECT_TRUE(match("not fd.type exists"));
  // ...but the failed call still names what it tried to open, and fd.num
  // is the thread's current fd (none: -1).
  EXPECT_TRUE(match("fd.name=/nope"));
  EXPECT_TRUE(match("fd.num=-1"));
}

TEST_F(Evaluator, ShortCircuitAndNot) {
  open_exit(3, "/etc/passwd");
  EXPECT_TRUE(match("proc.name=cat and (evt.num=1 or fd.num=3)"));
  EXPECT_FALSE(match("not proc.name=cat and fd.num=3"));
  EXPECT_TRUE(match("not not proc.name=bash"));  // sysdig: "not not x" is "not x"
  EXPECT_FALSE(match("not (not proc.name=bash)"));
}

TEST_F(Evaluator, Ancestors) {
  open_exit(3, "/etc/passwd");
  EXPECT_TRUE(match("proc.aname=bash"));
  EXPECT_TRUE(match("proc.aname=sshd"));
  EXPECT_FALSE(match("proc.aname=cat"));  // any ancestor, not the process itself
  EXPECT_TRUE(match("proc.aname[0]=cat"));
  EXPECT_TRUE(match("proc.aname[2]=sshd"));
  EXPECT_TRUE(match("proc.apid=50"));
  EXPECT_TRUE(match("proc.pname=bash and proc.ppid=50"));
}

TEST_F(Evaluator, SocketAddressesPortsAndNetworks) {
  read_enter(4);
  EXPECT_TRUE(match("fd.ip=10.1.2.3"));
  EXPECT_TRUE(match("fd.ip=127.0.0.1"));
  EXPECT_TRUE(match("fd.sip=10.1.2.3 and fd.cip=127.0.0.1"));
  EXPECT_FALSE(match("fd.sip=127.0.0.1"));
  EXPECT_TRUE(match("fd.net=10.0.0.0/8"));
  EXPECT_TRUE(match("fd.snet=10.1.0.0/16"));
  EXPECT_FALSE(match("fd.cnet=10.0.0.0/8"));
  EXPECT_TRUE(match("fd.port=80"));
  EXPECT_TRUE(match("fd.port=40000"));
  EXPECT_TRUE(match("fd.sport=80 and fd.cport>1024"));
  EXPECT_TRUE(match("fd.ip in (1.2.3.4, 10.1.2.3)"));
  EXPECT_TRUE(match("fd.l4proto=tcp and fd.type=ipv4"));
  read_enter(3);
  EXPECT_FALSE(match("fd.ip=10.1.2.3"));
  EXPECT_FALSE(match("fd.port exists"));
}

TEST_F(Evaluator, Around) {
  open_exit(3, "/etc/passwd");  // ts 1000 ns
  EXPECT_TRUE(match("evt.around[1000]=0"));
  EXPECT_TRUE(match("evt.around[2000000]=2"));
  EXPECT_FALSE(match("evt.around[5000000]=2"));
}

}  // namespace
}  // namespace sysray
