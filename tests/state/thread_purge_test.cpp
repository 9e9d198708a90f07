// The live thread purge (state/thread_purge.h): threads whose exit never
// came go once they have been idle long enough and the system no longer
// has them; nothing else goes.
#include "state/thread_purge.h"

#include <gtest/gtest.h>

#include <set>

#include "support/event_builder.h"
#include "sysray_event_ids.h"

namespace sysray {
namespace {

constexpr uint64_t kSecond = 1000000000;

ThreadInfo thread(int64_t tid, uint64_t last_event_ts) {
  ThreadInfo t;
  t.tid = t.pid = tid;
  t.comm = "t" + std::to_string(tid);
  t.last_event_ts = last_event_ts;
  return t;
}

// A close() enter/exit pair of thread tid at ts, through the state.
void close_call(State& state, int64_t tid, uint64_t ts) {
  EventContext ctx;
  test::BuiltEvent enter = test::EventBuilder(PPME_SYSCALL_CLOSE_E, tid, ts).i64(3).build();
  state.process_event(enter.event, ctx);
  test::BuiltEvent exit = test::EventBuilder(PPME_SYSCALL_CLOSE_X, tid, ts + 1).i64(0).build();
  state.process_event(exit.event, ctx);
}

TEST(ThreadPurge, RemovesOnlyIdleThreadsTheSystemNoLongerHas) {
  State state;
  state.add_thread(thread(10, 100 * kSecond));  // idle, gone: purged
  state.add_thread(thread(11, 100 * kSecond));  // idle, still there
  state.add_thread(thread(12, 900 * kSecond));  // gone, but active lately
  state.add_thread(thread(13, 0));              // from the /proc scan, never active, gone: purged
  state.add_fd(10, 4, FdInfo{});
  const std::set<int64_t> gone = {10, 12, 13};
  std::vector<int64_t> asked;
  const auto alive = [&](const ThreadInfo& t) {
    asked.push_back(t.tid);
    return !gone.count(t.tid);
  };
  EXPECT_EQ(state.purge_threads(500 * kSecond, alive), 2u);
  EXPECT_EQ(state.find_thread(10), nullptr);
  EXPECT_EQ(state.find_thread(13), nullptr);
  ASSERT_NE(state.find_thread(11), nullptr);
  ASSERT_NE(state.find_thread(12), nullptr);
  // Active threads are not even looked up in /proc.
  EXPECT_EQ(std::count(asked.begin(), asked.end(), 12), 0);
}

TEST(ThreadPurge, RunsOnceAnIntervalOfEventTimeAndCountsWhatItRemoved) {
  State state;
  std::set<int64_t> gone;
  ThreadPurge purge([&](const ThreadInfo& t) { return !gone.count(t.tid); }, 10 * kSecond, 30 * kSecond);
  state.add_thread(thread(20, 0));
  state.add_thread(thread(21, 0));
  purge.before_event(state, 1000 * kSecond);  // starts the clock
  close_call(state, 20, 1000 * kSecond);
  gone = {20, 21};
  purge.before_event(state, 1009 * kSecond);  // not due yet
  EXPECT_EQ(state.threads().size(), 2u);
  purge.before_event(state, 1010 * kSecond);  // due: 21 idle since the start, 20 active 10 s ago
  EXPECT_EQ(state.threads().size(), 1u);
  EXPECT_NE(state.find_thread(20), nullptr);
  EXPECT_EQ(purge.purged(), 1u);
  purge.before_event(state, 1025 * kSecond);  // due again, 20 idle for 25 s only
  EXPECT_NE(state.find_thread(20), nullptr);
  purge.before_event(state, 1035 * kSecond);  // due again: 20 idle for 35 s, gone
  EXPECT_EQ(state.find_thread(20), nullptr);
  EXPECT_EQ(purge.purged(), 2u);
}

TEST(ThreadPurge, APurgedThreadThatShowsUpAgainStartsAfresh) {
  State state;
  ThreadInfo t = thread(30, 0);
  t.comm = "old";
  state.add_thread(std::move(t));
  close_call(state, 30, 10 * kSecond);  // the state's last-thread cache now points at 30
  EXPECT_EQ(state.purge_threads(20 * kSecond, [](const ThreadInfo&) { return false; }), 1u);
  close_call(state, 30, 30 * kSecond);  // a new thread took the id: no stale cache, no old name
  ASSERT_NE(state.find_thread(30), nullptr);
  EXPECT_NE(state.find_thread(30)->comm, "old");
}

}  // namespace
}  // namespace sysray
