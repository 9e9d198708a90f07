// A snapshot taken between two events (a block boundary for --from, or a
// rotated file's start) is the state the next event finds: an fd closed or
// a thread ended by the last event is gone, although State itself drops
// them only when that next event comes.
#include <gtest/gtest.h>

#include <set>

#include "trace/state_codec.h"
#include "trace_test_support.h"

namespace sysray::test {
namespace {

std::set<int64_t> tids_of(const State& s) {
  std::set<int64_t> tids;
  for (const auto& [tid, t] : s.threads()) tids.insert(tid);
  return tids;
}

std::set<int64_t> fds_of(const State& s, int64_t tid) {
  std::set<int64_t> fds;
  if (const ThreadInfo* t = s.find_thread(tid))
    for (const auto& [fd, info] : s.fd_owner(*t).fds) fds.insert(fd);
  return fds;
}

TEST(SnapshotDeferred, LeavesOutWhatTheLastEventClosedOrEnded) {
  size_t closes = 0, exits = 0;
  for (const std::string& name : kCaptures) {
    ScapReader reader(capture(name));
    State state;
    reader.open(state);
    Event e;
    EventContext ctx;
    while (reader.next(e)) {
      state.process_event(e, ctx);
      const int64_t gone_tid = state.pending_thread_removal();
      const int64_t closer = state.pending_fd_close_tid();
      if (gone_tid < 0 && closer < 0) continue;
      const trace::Bytes bytes = trace::encode_state(state);
      State snap;
      trace::decode_state(bytes.data(), bytes.size(), snap);
      std::set<int64_t> want = tids_of(state);
      if (gone_tid >= 0) {
        want.erase(gone_tid);
        ++exits;
      }
      ASSERT_EQ(tids_of(snap), want) << name << " event " << e.num;
      if (closer >= 0 && state.find_thread(closer) && closer != gone_tid) {
        std::set<int64_t> fds = fds_of(state, closer);
        fds.erase(state.pending_fd_close_fd());
        ASSERT_EQ(fds_of(snap, closer), fds) << name << " event " << e.num;
        ++closes;
      }
    }
  }
  // The samples close fds and end threads often enough to test both.
  EXPECT_GT(closes, 50u);
  EXPECT_GT(exits, 0u);
}

}  // namespace
}  // namespace sysray::test
