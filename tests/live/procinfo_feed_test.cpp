// ProcinfoFeed: when sysdig's schedule asks for a thread list, and the
// procinfo events built from one (no probe needed: the list is given).
#include "live/procinfo_feed.h"
#include "live/task_cpu_times.h"

#include <gtest/gtest.h>

namespace sysray {
namespace {

constexpr uint64_t kSecond = 1000000000ull;
uint64_t fake_wall = 0;
uint64_t fake_clock() { return fake_wall; }

TEST(ProcinfoFeed, ListsWhenEventTimeEntersANewSecondAtMostEveryHalfSecondOfWallTime) {
  ProcinfoFeed feed(fake_clock);
  fake_wall = 100 * kSecond;
  const uint64_t t0 = 1700000000 * kSecond + 300'000'000;
  EXPECT_FALSE(feed.due(t0));                  // the first event only starts the clock
  EXPECT_FALSE(feed.due(t0 + 500'000'000));    // same second
  fake_wall += kSecond;
  EXPECT_TRUE(feed.due(t0 + 800'000'000));     // entered the next second
  feed.queue({{42, 7, 3}});
  Event ev;
  ASSERT_TRUE(feed.pop(ev));
  EXPECT_EQ(ev.ts, 1700000001 * kSecond - 1);  // 1 ns before that second, as sysdig stamps them
  EXPECT_FALSE(feed.due(t0 + 900'000'000));
  // A backlog crosses seconds faster than the wall clock runs: skipped.
  fake_wall += kSecond / 4;
  EXPECT_FALSE(feed.due(t0 + 2 * kSecond));
  fake_wall += kSecond / 2;
  EXPECT_TRUE(feed.due(t0 + 3 * kSecond));
}

TEST(ProcinfoFeed, BuildsOneProcinfoEventPerThread) {
  ProcinfoFeed feed(fake_clock);
  fake_wall = 200 * kSecond;
  feed.due(5 * kSecond);
  fake_wall += kSecond;
  ASSERT_TRUE(feed.due(6 * kSecond + 10));
  feed.queue({{1, 120, 30}, {77, 0, 5}});
  Event ev;
  ASSERT_TRUE(feed.pop(ev));
  EXPECT_EQ(ev.type, PPME_PROCINFO_E);
  EXPECT_EQ(ev.tid, 1);
  EXPECT_EQ(ev.ts, 6 * kSecond - 1);
  ASSERT_EQ(ev.nparams, 2u);
  EXPECT_EQ(ev.param_int<uint64_t>(0), 120u);  // cpu_usr
  EXPECT_EQ(ev.param_int<uint64_t>(1), 30u);   // cpu_sys
  ASSERT_TRUE(feed.pop(ev));
  EXPECT_EQ(ev.tid, 77);
  EXPECT_EQ(ev.param_int<uint64_t>(1), 5u);
  EXPECT_FALSE(feed.pop(ev));
  EXPECT_TRUE(feed.empty());
}

// The kernel's cputime_adjust, as /proc applies it.
TEST(TaskCpuTimes, SplitsTheRunTimeInTheSampledRatioAndNeverGoesBack) {
  SplitTime prev;
  SplitTime a = split_runtime(300, 100, 1000, prev);  // 3:1
  EXPECT_EQ(a.stime, 250u);
  EXPECT_EQ(a.utime, 750u);
  SplitTime b = split_runtime(300, 300, 1200, prev);  // 1:1 would make utime 600 < 750
  EXPECT_EQ(b.utime, 750u);
  EXPECT_EQ(b.stime, 450u);
  SplitTime c = split_runtime(0, 0, 1100, prev);  // no more run time than reported: unchanged
  EXPECT_EQ(c.utime, 750u);
  EXPECT_EQ(c.stime, 450u);
  SplitTime fresh;
  EXPECT_EQ(split_runtime(0, 0, 500, fresh).utime, 500u);  // nothing sampled yet: all user
}

}  // namespace
}  // namespace sysray
