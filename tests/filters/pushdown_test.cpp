#include "filters/pushdown.h"

#include <gtest/gtest.h>

namespace sysray {
namespace {

PushdownPlan plan(const char* text) { return plan_pushdown(*compile_filter(text)); }

std::set<uint16_t> ids(std::initializer_list<uint16_t> list) { return list; }

TEST(Pushdown, EventTypeAndCommNarrow) {
  PushdownPlan p = plan("evt.type=open and proc.name=cat");
  EXPECT_FALSE(p.event_types.any);
  EXPECT_EQ(p.event_types.values, ids({PPME_SYSCALL_OPEN_E, PPME_SYSCALL_OPEN_X}));
  EXPECT_FALSE(p.comms.any);
  EXPECT_EQ(p.comms.values, std::set<std::string>{"cat"});
  EXPECT_TRUE(p.pids.any);
}

TEST(Pushdown, NegationAndUnconstrainedOrGiveEverything) {
  EXPECT_TRUE(plan("not evt.type=open").all_events());
  EXPECT_TRUE(plan("evt.type=open or fd.name contains x").all_events());
  EXPECT_TRUE(plan("evt.type!=open").all_events());
  EXPECT_TRUE(plan("fd.name=/etc/passwd").all_events());
  EXPECT_TRUE(plan("proc.aname=bash").all_events());
}

TEST(Pushdown, OrUnitesAndAndIntersects) {
  PushdownPlan p = plan("evt.type=open or evt.type in (close, open)");
  EXPECT_EQ(p.event_types.values,
            ids({PPME_SYSCALL_OPEN_E, PPME_SYSCALL_OPEN_X, PPME_SYSCALL_CLOSE_E, PPME_SYSCALL_CLOSE_X}));
  p = plan("evt.type in (open, close) and evt.type=close");
  EXPECT_EQ(p.event_types.values, ids({PPME_SYSCALL_CLOSE_E, PPME_SYSCALL_CLOSE_X}));
  p = plan("evt.type=open and evt.type=close");
  EXPECT_FALSE(p.event_types.any);
  EXPECT_TRUE(p.event_types.values.empty());  // nothing can match
  p = plan("(evt.type=open and proc.name=cat) or (evt.type=close and proc.name=ls)");
  EXPECT_EQ(p.comms.values, (std::set<std::string>{"cat", "ls"}));
  p = plan("(evt.type=open and proc.name=cat) or evt.type=close");
  EXPECT_TRUE(p.comms.any);
  EXPECT_FALSE(p.event_types.any);
}

TEST(Pushdown, PidsAndTids) {
  PushdownPlan p = plan("proc.pid in (1, 2) and thread.tid=2");
  EXPECT_EQ(p.pids.values, (std::set<int64_t>{1, 2}));
  EXPECT_EQ(p.tids.values, (std::set<int64_t>{2}));
  EXPECT_TRUE(p.event_types.any);
  EXPECT_TRUE(p.pids.allows(1));
  EXPECT_FALSE(p.pids.allows(3));
}

TEST(Pushdown, GenericSyscallsKeepGenericEvents) {
  PushdownPlan p = plan("evt.type=syncfs");
  EXPECT_TRUE(p.event_types.allows(PPME_GENERIC_E));
  EXPECT_TRUE(p.event_types.allows(PPME_GENERIC_X));
}

}  // namespace
}  // namespace sysray
