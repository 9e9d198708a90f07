// TraceReader against the scap reader on the sample captures, and on .sray
// files cut short (a crash) or damaged.
#include "trace/trace_reader.h"

#include <gtest/gtest.h>

#include <random>

#include "support/run_sysray.h"
#include "trace/record.h"
#include "trace/trace_layout.h"
#include "trace_test_support.h"

namespace sysray::test {
namespace {

using trace::TraceReader;
using trace::TraceReaderOptions;

// Small blocks, so that every sample becomes many blocks with snapshots.
constexpr trace::TraceWriterOptions kSmallBlocks{.block_bytes = 4096};

std::vector<EventRecord> scap_events(const std::string& name) {
  ScapReader reader(capture(name));
  return read_all(reader);
}

struct ReadResult {
  std::vector<EventRecord> events;
  std::vector<std::string> warnings;
  std::string error;
};

ReadResult read_trace_bytes(const std::vector<uint8_t>& bytes, bool prefetch = true) {
  ReadResult r;
  TraceReaderOptions options;
  options.prefetch = prefetch;
  options.warn = [&](const std::string& w) { r.warnings.push_back(w); };
  TraceReader reader("t.sray", std::span<const uint8_t>(bytes), options);
  State state;
  try {
    reader.open(state);
    Event e;
    EventContext ctx;
    while (reader.next(e)) {
      state.process_event(e, ctx);
      r.events.push_back(record_of(e));
    }
  } catch (const SourceError& e) {
    r.error = e.what();
  }
  return r;
}

TEST(TraceReader, SameEventsAsTheScapReaderInOneOrManyBlocks) {
  for (const std::string& name : kCaptures) {
    const std::vector<EventRecord> want = scap_events(name);
    for (bool small : {false, true}) {
      ScratchDir dir;
      const std::string path = dir.file("t.sray");
      EXPECT_EQ(write_trace_from_scap(capture(name), path, small ? kSmallBlocks : trace::TraceWriterOptions{}),
                want.size());
      for (bool prefetch : {true, false}) {
        ReadResult got = read_trace_bytes(file_bytes(path), prefetch);
        EXPECT_EQ(got.error, "") << name;
        EXPECT_TRUE(got.warnings.empty()) << name;
        ASSERT_EQ(got.events.size(), want.size()) << name;
        for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got.events[i], want[i]) << name << " event " << i + 1;
      }
    }
  }
}

TEST(TraceReader, IndexListsEveryBlockWithItsTimeRange) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  const uint64_t n = write_trace_from_scap(capture("ping_sendto"), path, kSmallBlocks);
  trace::TraceInput in = trace::TraceInput::open_file(path);
  trace::TraceLayout layout = trace::read_layout(in, path);
  EXPECT_TRUE(layout.finished);
  ASSERT_GT(layout.blocks.size(), 10u);
  uint64_t events = 0;
  for (size_t i = 0; i < layout.blocks.size(); ++i) {
    const trace::IndexEntry& b = layout.blocks[i];
    EXPECT_EQ(b.first_event, events);
    EXPECT_LE(b.first_ts, b.last_ts);
    // The first block starts from the header's state, later ones from a snapshot just before them.
    if (i == 0) {
      EXPECT_EQ(b.state_offset, trace::kFileHeaderSize);
    } else {
      EXPECT_GT(b.state_offset, layout.blocks[i - 1].offset);
    }
    events += b.event_count;
  }
  EXPECT_EQ(events, n);
}

// A crash can stop the writer anywhere: at a block boundary, inside a
// block, inside the index or the footer. The reader must yield exactly the
// events of the complete blocks, warn once, and never throw.
TEST(TraceReader, FileCutAnywhereReadsUpToItsLastCompleteBlock) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  write_trace_from_scap(capture("curl_google"), path, kSmallBlocks);
  const std::vector<uint8_t> whole = file_bytes(path);
  const std::vector<EventRecord> all = read_trace_bytes(whole).events;
  trace::TraceInput in = trace::TraceInput::from_memory(whole);
  const trace::TraceLayout layout = trace::read_layout(in, "t.sray");
  ASSERT_GT(layout.blocks.size(), 5u);

  // Cut points: every block start, a few bytes into it, its middle, and the
  // last byte before the next record; then inside the index and footer.
  std::vector<std::pair<size_t, uint64_t>> cuts;  // (file size, events expected)
  for (const trace::IndexEntry& b : layout.blocks) {
    uint8_t raw[trace::kRecordHeaderSize];
    in.read_at(b.offset, raw, sizeof raw);
    const size_t end = b.offset + trace::kRecordHeaderSize + trace::parse_record_header(raw).payload_len;
    for (size_t cut : {size_t(b.offset), size_t(b.offset) + 1, size_t(b.offset) + trace::kRecordHeaderSize,
                       (size_t(b.offset) + end) / 2, end - 1})
      cuts.push_back({cut, b.first_event});
  }
  for (size_t cut = whole.size() - trace::kFooterSize - 5; cut < whole.size(); cut += 3)
    cuts.push_back({cut, all.size()});

  for (const auto& [size, expected] : cuts) {
    std::vector<uint8_t> cut(whole.begin(), whole.begin() + ptrdiff_t(size));
    ReadResult r = read_trace_bytes(cut);
    EXPECT_EQ(r.error, "") << "cut at " << size;
    ASSERT_EQ(r.events.size(), expected) << "cut at " << size;
    for (size_t i = 0; i < expected; ++i) ASSERT_EQ(r.events[i], all[i]) << "cut at " << size;
    ASSERT_EQ(r.warnings.size(), 1u) << "cut at " << size;
    EXPECT_NE(r.warnings[0].find("offset"), std::string::npos) << r.warnings[0];
  }
}

TEST(TraceReader, CutInsideTheInitialStateIsAnError) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  write_trace_from_scap(capture("cat_write"), path);
  std::vector<uint8_t> bytes = file_bytes(path);
  for (size_t size : {size_t(0), size_t(5), trace::kFileHeaderSize, trace::kFileHeaderSize + 40}) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + ptrdiff_t(size));
    ReadResult r = read_trace_bytes(cut);
    EXPECT_NE(r.error, "") << size;
    EXPECT_TRUE(r.events.empty());
  }
}

TEST(TraceReader, DamagedBlockIsAnErrorAfterTheGoodBlocks) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  write_trace_from_scap(capture("connect_localhost"), path, kSmallBlocks);
  std::vector<uint8_t> bytes = file_bytes(path);
  trace::TraceInput in = trace::TraceInput::from_memory(bytes);
  const trace::TraceLayout layout = trace::read_layout(in, "t.sray");
  ASSERT_GT(layout.blocks.size(), 3u);
  const trace::IndexEntry& victim = layout.blocks[2];
  bytes[victim.offset + trace::kRecordHeaderSize + 20] ^= 0x5a;  // inside the zstd frame
  ReadResult r = read_trace_bytes(bytes);
  EXPECT_EQ(r.events.size(), victim.first_event);
  EXPECT_EQ(r.error.rfind("t.sray: offset " + std::to_string(victim.offset) + ": event block 3: ", 0), 0u)
      << r.error;
}

TEST(TraceReader, NewerMajorVersionSaysSoInOneLine) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  write_trace_from_scap(capture("cat_write"), path);
  std::vector<uint8_t> bytes = file_bytes(path);
  bytes[8] = 5;  // major
  bytes[10] = 3;  // minor
  write_bytes(path, bytes.data(), bytes.size());
  RunResult r = run_sysray({"-r", path});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "sysray: " + path + ": trace format 5.3 is newer than this sysray reads (4.x); upgrade sysray\n");
}

TEST(TraceReader, ReadsOlderFormats) {
  // 1.0 (no built-in prefix for the state), 2.0 (the state coded without
  // 3.0's predictions) and 3.0 (event blocks compressed on their own),
  // written the way those versions wrote them, still replay the same,
  // snapshots and --from included, and each version is smaller than the
  // one before.
  for (const char* name : {"curl_google", "cat_write", "connect_localhost"}) {
    ScratchDir dir;
    const std::string scap_out = run_sysray({"-r", capture(name)}).out;
    const std::string chisel_out = run_sysray({"-r", capture(name), "-c", "lsof"}).out;
    std::vector<size_t> sizes;
    std::string from_out;
    for (uint16_t major : {1, 2, 3, 4}) {
      trace::TraceWriterOptions options = kSmallBlocks;
      options.format_major = major;
      const std::string path = dir.file("v" + std::to_string(major) + ".sray");
      write_trace_from_scap(capture(name), path, options);
      const std::vector<uint8_t> bytes = file_bytes(path);
      ASSERT_EQ(bytes[8], major);
      EXPECT_EQ(run_sysray({"-r", path}).out, scap_out) << name << " " << major;
      EXPECT_EQ(run_sysray({"-r", path, "-c", "lsof"}).out, chisel_out) << name << " " << major;
      const std::string from = run_sysray({"-r", path, "--from", "30ms"}).out;
      if (major == 1) from_out = from;
      EXPECT_EQ(from, from_out) << name << " " << major;
      sizes.push_back(bytes.size());
    }
    EXPECT_LT(sizes[1], sizes[0]) << name;
    EXPECT_LT(sizes[2], sizes[1]) << name;
    EXPECT_LT(sizes[3], sizes[2]) << name;
  }
}

TEST(TraceReader, CutFileOnTheCommandLineWarnsAndSucceeds) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  write_trace_from_scap(capture("curl_google"), path, kSmallBlocks);
  const std::string full = run_sysray({"-r", path}).out;
  std::vector<uint8_t> bytes = file_bytes(path);
  std::filesystem::resize_file(path, bytes.size() * 2 / 3);
  RunResult r = run_sysray({"-r", path});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("sysray: warning: " + path + ": offset ", 0), 0u) << r.err;
  EXPECT_FALSE(r.out.empty());
  EXPECT_LT(r.out.size(), full.size());
  EXPECT_EQ(full.compare(0, r.out.size(), r.out), 0) << "not a prefix of the full output";
}

TEST(TraceReader, DropsAreKeptInTheFooter) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  {
    ScapReader reader(capture("cat_write"));
    State state;
    reader.open(state);
    trace::TraceWriter writer(path, state);
    Event e;
    while (reader.next(e)) writer.write(e);
    writer.close({.events = 0, .drops = 1234});
  }
  TraceReader reader(path);
  std::vector<EventRecord> events = read_all(reader);
  EXPECT_FALSE(events.empty());
  EXPECT_EQ(reader.stats().drops, 1234u);
  EXPECT_EQ(reader.stats().events, events.size());
}

// What the fuzzer does, in small and deterministic: flipped bits and cut
// tails anywhere give events, a warning or one error, never a crash (the
// sanitizer build turns a bad read into a failure).
TEST(TraceReader, RandomDamageIsAnErrorOrAWarningNeverACrash) {
  ScratchDir dir;
  const std::string path = dir.file("t.sray");
  const uint64_t total = write_trace_from_scap(capture("cat_write"), path, {.block_bytes = 2048});
  const std::vector<uint8_t> whole = file_bytes(path);
  std::mt19937 rng(6);
  int errors = 0;
  for (int round = 0; round < 1500; ++round) {
    std::vector<uint8_t> bytes = whole;
    for (uint32_t flips = 1 + rng() % 3; flips > 0; --flips) bytes[rng() % bytes.size()] ^= uint8_t(1u << (rng() % 8));
    if (round % 5 == 0) bytes.resize(rng() % bytes.size());
    ReadResult r = read_trace_bytes(bytes, round % 2 == 0);
    EXPECT_LE(r.events.size(), total);
    EXPECT_LE(r.warnings.size() + (r.error.empty() ? 0 : 1), 1u);
    errors += !r.error.empty();
  }
  EXPECT_GT(errors, 100);  // the damage was noticed, not silently read
}

TEST(TraceReader, GarbageIsNotATrace) {
  const std::string text = "\x89SRAY\r\n\x1a but then nothing sensible at all, just text";
  std::vector<uint8_t> bytes(text.begin(), text.end());
  ReadResult r = read_trace_bytes(bytes);
  EXPECT_NE(r.error, "");
  EXPECT_TRUE(r.events.empty());
}

}  // namespace
}  // namespace sysray::test
