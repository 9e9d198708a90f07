// --from/--to: parsing, and reading a time range of a .sray file through
// its index (earlier blocks are never decompressed) or of a .scap file.
#include <gtest/gtest.h>

#include <sstream>

#include "support/run_sysray.h"
#include "trace/time_bound.h"
#include "trace/trace_layout.h"
#include "trace_test_support.h"

namespace sysray::test {
namespace {

using trace::parse_time_bound;

TEST(TimeBound, RelativeForms) {
  EXPECT_EQ(parse_time_bound("90")->ns, 90'000'000'000ull);
  EXPECT_TRUE(parse_time_bound("90")->relative);
  EXPECT_EQ(parse_time_bound("+1.5s")->ns, 1'500'000'000ull);
  EXPECT_EQ(parse_time_bound("200ms")->ns, 200'000'000ull);
  EXPECT_EQ(parse_time_bound("7us")->ns, 7'000ull);
  EXPECT_EQ(parse_time_bound("12ns")->ns, 12ull);
  EXPECT_EQ(parse_time_bound("2m")->ns, 120'000'000'000ull);
  EXPECT_EQ(parse_time_bound("0.000000001")->ns, 1ull);
}

TEST(TimeBound, AbsoluteForms) {
  auto a = parse_time_bound("2022-03-16 10:11:12.5");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->relative);
  EXPECT_EQ(a->ns, 1647425472'500'000'000ull);
  EXPECT_EQ(parse_time_bound("2022-03-16T10:11:12Z")->ns, 1647425472'000'000'000ull);
  EXPECT_EQ(parse_time_bound("@1647425472.25")->ns, 1647425472'250'000'000ull);
  EXPECT_FALSE(parse_time_bound("@1647425472.25")->relative);
}

TEST(TimeBound, Rejects) {
  for (const char* bad : {"", "abc", "1.2.3", "5 s", "-3", "2022-13-45", "2022-03-16 10:11", "@", "s", "+"})
    EXPECT_FALSE(parse_time_bound(bad)) << bad;
}

const char* kFormat = "*%evt.num %evt.rawtime %proc.name %evt.dir %evt.type %fd.name";

uint64_t rawtime_of(const std::string& line) { return std::stoull(line.substr(line.find(' ') + 1)); }

class TimeRangeRead : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.file("t.sray");
    write_trace_from_scap(capture("ping_sendto"), path_, {.block_bytes = 4096});
    trace::TraceInput in = trace::TraceInput::open_file(path_);
    layout_ = trace::read_layout(in, path_);
    ASSERT_GT(layout_.blocks.size(), 10u);
    start_ = layout_.blocks[0].first_ts;
    full_ = lines_of(run_sysray({"-r", path_, "-p", kFormat}).out);
    ASSERT_FALSE(full_.empty());
  }
  // The lines of the full output whose time is in [from, to].
  std::vector<std::string> expected(uint64_t from, uint64_t to) const {
    std::vector<std::string> out;
    for (const std::string& l : full_)
      if (rawtime_of(l) >= from && rawtime_of(l) <= to) out.push_back(l);
    return out;
  }

  ScratchDir dir_;
  std::string path_;
  trace::TraceLayout layout_;
  uint64_t start_ = 0;
  std::vector<std::string> full_;
};

TEST_F(TimeRangeRead, RelativeFromAndToSelectTheSameLinesAsTheFullOutput) {
  const uint64_t from = start_ + 4'000'000'000ull, to = start_ + 7'500'000'000ull;
  RunResult r = run_sysray({"-r", path_, "-p", kFormat, "--from", "4s", "--to", "7500ms"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::vector<std::string> want = expected(from, to);
  ASSERT_FALSE(want.empty());
  ASSERT_LT(want.size(), full_.size());
  EXPECT_EQ(lines_of(r.out), want);  // evt.num and fd names included: the snapshot held the state
}

TEST_F(TimeRangeRead, AbsoluteBoundsWork) {
  const uint64_t from = start_ + 2'000'000'000ull;
  RunResult r = run_sysray({"-r", path_, "-p", kFormat, "--from", "@" + std::to_string(from / 1'000'000'000ull) +
                                                            "." + std::to_string(from % 1'000'000'000ull + 1'000'000'000ull).substr(1)});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines_of(r.out), expected(from, UINT64_MAX));
}

TEST_F(TimeRangeRead, EarlierBlocksAreNeverDecompressed) {
  // Damage the first two event blocks: a read from later on must not notice.
  std::vector<uint8_t> bytes = file_bytes(path_);
  for (size_t i : {0, 1}) bytes[layout_.blocks[i].offset + trace::kRecordHeaderSize + 12] ^= 0xff;
  write_bytes(path_, bytes.data(), bytes.size());
  const trace::IndexEntry& third = layout_.blocks[2];
  const uint64_t from = third.last_ts + 1;
  RunResult r = run_sysray({"-r", path_, "-p", kFormat, "--from", std::to_string(from - start_) + "ns"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(lines_of(r.out), expected(from, UINT64_MAX));
  // Without --from the damage is found.
  EXPECT_EQ(run_sysray({"-r", path_}).status, 1);
}

TEST_F(TimeRangeRead, ScapFilesTakeTheSameRange) {
  RunResult sray = run_sysray({"-r", path_, "-p", kFormat, "--from", "3s", "--to", "6s"});
  RunResult scap = run_sysray({"-r", capture("ping_sendto"), "-p", kFormat, "--from", "3s", "--to", "6s"});
  ASSERT_EQ(scap.status, 0) << scap.err;
  EXPECT_EQ(sray.out, scap.out);
  EXPECT_FALSE(scap.out.empty());
}

TEST(TimeRangeCli, BadTimeIsAUsageError) {
  RunResult r = run_sysray({"-r", capture("cat_write"), "--from", "yesterday"});
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("not a time"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sysray::test
