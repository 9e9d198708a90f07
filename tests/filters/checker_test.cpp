// Values checked against field types, with sysdig 0.29.3's rules.
#include "filters/checker.h"

#include <gtest/gtest.h>

#include "filters/filter.h"

namespace sysray {
namespace {

struct Rejected {
  size_t column;
  std::string message;
};

Rejected reject(const char* text) {
  try {
    compile_filter(text);
  } catch (const FilterError& e) {
    return {e.column(), e.message()};
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

TEST(Checker, NumericFieldsNeedNumbers) {
  Rejected r = reject("fd.num>abc");
  EXPECT_EQ(r.column, 7u);
  EXPECT_EQ(r.message, "value 'abc' is not a number for field fd.num");
  EXPECT_EQ(reject("evt.num=131abc").column, 8u);
  EXPECT_EQ(reject("evt.num=0x83").column, 8u);
  EXPECT_EQ(reject("evt.num==131").column, 8u);  // the value is "=131"
  EXPECT_EQ(reject("evt.num in (1, x)").column, 15u);
  EXPECT_NO_THROW(compile_filter("evt.rawres=-2"));
}

TEST(Checker, StringOperatorsNeedStringFields) {
  Rejected r = reject("evt.num contains 3");
  EXPECT_EQ(r.column, 8u);
  EXPECT_NE(r.message.find("numeric"), std::string::npos);
  EXPECT_EQ(reject("fd.ip startswith 10").column, 6u);
  EXPECT_EQ(reject("evt.num pmatch (1)").column, 8u);
}

TEST(Checker, BooleansAreTrueOrFalse) {
  EXPECT_NO_THROW(compile_filter("evt.failed=true"));
  EXPECT_NO_THROW(compile_filter("evt.failed!=false"));
  EXPECT_NE(reject("evt.failed=1").message.find("not a boolean"), std::string::npos);
  EXPECT_NE(reject("evt.failed contains t").message.find("not a boolean"), std::string::npos);
}

TEST(Checker, EventTypesMustExist) {
  EXPECT_NO_THROW(compile_filter("evt.type in (open, openat, execve)"));
  Rejected r = reject("evt.type in (open, foo)");
  EXPECT_EQ(r.column, 19u);
  EXPECT_EQ(r.message, "unknown event type 'foo'");
  EXPECT_EQ(reject("evt.type=").column, 9u);
  EXPECT_EQ(reject("evt.type contains ope").column, 18u);
}

TEST(Checker, AddressesAndNetworks) {
  EXPECT_NO_THROW(compile_filter("fd.ip=::1 or fd.sip=10.0.0.1"));
  EXPECT_NE(reject("fd.ip=localhost").message.find("not an IP address"), std::string::npos);
  EXPECT_NE(reject("fd.sip=127.0.0.0/8").message.find("not an IP address"), std::string::npos);
  EXPECT_NE(reject("fd.net=127.0.0.1").message.find("not an IP network"), std::string::npos);
  EXPECT_NE(reject("fd.net=10.0.0.0/33").message.find("not an IP network"), std::string::npos);
}

TEST(Checker, EventArguments) {
  EXPECT_NO_THROW(compile_filter("evt.arg.name contains x and evt.rawarg.res<0 and evt.arg[1]=x"));
  Rejected r = reject("evt.rawarg.nonexist=3");
  EXPECT_EQ(r.column, 0u);
  EXPECT_NE(r.message.find("nonexist"), std::string::npos);
  EXPECT_NE(reject("evt.arg.nonexist=3").message.find("nonexist"), std::string::npos);
  EXPECT_NE(reject("evt.rawarg[0]=3").message.find("evt.rawarg"), std::string::npos);
  // evt.rawarg takes the parameter's type: res is a number, name a string.
  EXPECT_NE(reject("evt.rawarg.res=abc").message.find("not a number"), std::string::npos);
  EXPECT_NO_THROW(compile_filter("evt.rawarg.name=abc"));
}

TEST(Checker, ArgumentsRequiredWhereNeeded) {
  EXPECT_NE(reject("thread.cgroup=x").message.find("requires an argument"), std::string::npos);
  EXPECT_NO_THROW(compile_filter("thread.cgroup.cpuacct=/"));
  EXPECT_NO_THROW(compile_filter("proc.aname=bash and proc.aname[3]=init"));
}

}  // namespace
}  // namespace sysray
