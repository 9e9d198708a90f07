// sysray -r X.scap -w Y.sray, then sysray -r Y.sray prints exactly what
// sysray -r X.scap prints, for every sample capture and output mode.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <sstream>

#include "support/run_sysray.h"
#include "trace/trace_format.h"
#include "trace_test_support.h"

namespace sysray::test {
namespace {

struct Mode {
  std::string name;
  std::vector<std::string> args;
};

const std::vector<Mode> kModes = {
    {"default", {}},
    {"format", {"-p", "%evt.num:%evt.type:%evt.dir:%proc.name:%thread.tid:%fd.name:%evt.res:%evt.latency"}},
    {"state_fields", {"-p", "*%proc.pid %proc.ppid %proc.exe %proc.args %proc.cwd %user.name %fd.num %fd.type "
                            "%fd.sip %fd.sport %proc.env %thread.vmsize"}},
    {"json", {"-j"}},
    {"ascii", {"-A"}},
    {"hex", {"-x"}},
    {"hexascii", {"-X"}},
    {"verbose", {"-v"}},
    {"summary", {"-S", "-q"}},
    {"reltime", {"-t", "r"}},
};

class TraceRoundTrip : public ::testing::TestWithParam<std::tuple<std::string, Mode>> {};

TEST_P(TraceRoundTrip, ReplayPrintsTheSame) {
  const auto& [name, mode] = GetParam();
  ScratchDir dir;
  const std::string sray = dir.file(name + ".sray");
  RunResult w = run_sysray({"-r", capture(name), "-w", sray});
  ASSERT_EQ(w.status, 0) << w.err;
  EXPECT_EQ(w.out, "");
  EXPECT_EQ(w.err, "");

  std::vector<std::string> direct_args = {"-r", capture(name)}, replay_args = {"-r", sray};
  direct_args.insert(direct_args.end(), mode.args.begin(), mode.args.end());
  replay_args.insert(replay_args.end(), mode.args.begin(), mode.args.end());
  RunResult direct = run_sysray(direct_args);
  RunResult replay = run_sysray(replay_args);
  ASSERT_EQ(direct.status, 0) << direct.err;
  EXPECT_EQ(replay.status, 0) << replay.err;
  EXPECT_EQ(replay.err, "");
  EXPECT_FALSE(direct.out.empty());
  EXPECT_EQ(replay.out, direct.out);
}

std::string case_name(const ::testing::TestParamInfo<TraceRoundTrip::ParamType>& info) {
  std::string n = std::get<0>(info.param) + "_" + std::get<1>(info.param).name;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Captures, TraceRoundTrip,
                         ::testing::Combine(::testing::ValuesIn(kCaptures), ::testing::ValuesIn(kModes)), case_name);

TEST(TraceCli, FileIsOwnerOnlyAndStartsWithMagic) {
  ScratchDir dir;
  const std::string sray = dir.file("x.sray");
  ASSERT_EQ(run_sysray({"-r", capture("cat_write"), "-w", sray}).status, 0);
  struct stat st;
  ASSERT_EQ(stat(sray.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::vector<uint8_t> bytes = file_bytes(sray);
  ASSERT_GE(bytes.size(), sizeof trace::kMagic);
  EXPECT_TRUE(std::equal(trace::kMagic, trace::kMagic + sizeof trace::kMagic, bytes.begin()));
}

TEST(TraceCli, FormatComesFromTheBytesNotTheName) {
  ScratchDir dir;
  const std::string disguised = dir.file("looks_like.scap");  // a .sray under a .scap name
  ASSERT_EQ(run_sysray({"-r", capture("curl_google"), "-w", dir.file("t.sray")}).status, 0);
  std::filesystem::rename(dir.file("t.sray"), disguised);
  RunResult direct = run_sysray({"-r", capture("curl_google")});
  RunResult replay = run_sysray({"-r", disguised});
  EXPECT_EQ(replay.status, 0) << replay.err;
  EXPECT_EQ(replay.out, direct.out);
  // And a .scap under a .sray name is still read as scap.
  const std::string scap_named_sray = dir.file("really_scap.sray");
  std::filesystem::copy_file(capture("curl_google"), scap_named_sray);
  RunResult scap = run_sysray({"-r", scap_named_sray});
  EXPECT_EQ(scap.status, 0) << scap.err;
  EXPECT_EQ(scap.out, direct.out);
}

TEST(TraceCli, WritingPrintsNothingWithOrWithoutQ) {
  ScratchDir dir;
  RunResult plain = run_sysray({"-r", capture("cat_write"), "-w", dir.file("a.sray")});
  RunResult quiet = run_sysray({"-r", capture("cat_write"), "-q", "-w", dir.file("b.sray")});
  EXPECT_EQ(plain.status, 0);
  EXPECT_EQ(quiet.status, 0);
  EXPECT_EQ(plain.out + plain.err + quiet.out + quiet.err, "");
}

TEST(TraceCli, UnwritablePathIsOneLineError) {
  RunResult r = run_sysray({"-r", capture("cat_write"), "-w", "/nonexistent-dir/x.sray"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "sysray: /nonexistent-dir/x.sray: cannot create: No such file or directory\n");
}

TEST(TraceCli, FullDiskIsOneLineErrorAndLeavesDevicesAlone) {
  struct stat before;
  ASSERT_EQ(stat("/dev/full", &before), 0);
  RunResult r = run_sysray({"-r", capture("cat_write"), "-w", "/dev/full"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "sysray: /dev/full: write failed at offset 0: No space left on device\n");
  struct stat after;
  ASSERT_EQ(stat("/dev/full", &after), 0);
  EXPECT_EQ(after.st_mode, before.st_mode);
}

TEST(TraceCli, RefusesToOverwriteTheFileBeingRead) {
  ScratchDir dir;
  const std::string path = dir.file("x.sray");
  ASSERT_EQ(run_sysray({"-r", capture("cat_write"), "-w", path}).status, 0);
  const std::vector<uint8_t> before = file_bytes(path);
  RunResult r = run_sysray({"-r", path, "-w", path});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "sysray: -w " + path + " would overwrite the file being read\n");
  EXPECT_EQ(file_bytes(path), before);
}

// Every line but its first word (evt.num, which a filtered file renumbers).
std::vector<std::string> without_numbers(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line.substr(line.find(' ') + 1));
  return lines;
}

TEST(TraceCli, FilteredWriteKeepsMatchesAndTheStateTheyNeed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"cat_write", "evt.type=mmap"},
      {"curl_google", "evt.type=read or evt.type=clock_gettime"},
      {"connect_localhost", "evt.type=connect"},
      {"open-multiple-files", "evt.type=fstat and evt.dir=<"},
  };
  for (const auto& [name, filter] : cases) {
    ScratchDir dir;
    const std::string all = dir.file("all.sray"), some = dir.file("some.sray");
    ASSERT_EQ(run_sysray({"-r", capture(name), "-w", all}).status, 0);
    RunResult w = run_sysray({"-r", capture(name), "-w", some, filter});
    ASSERT_EQ(w.status, 0) << w.err;
    RunResult direct = run_sysray({"-r", capture(name), filter});
    RunResult replay = run_sysray({"-r", some, filter});
    ASSERT_EQ(replay.status, 0) << replay.err;
    ASSERT_FALSE(direct.out.empty()) << filter;
    EXPECT_EQ(without_numbers(replay.out), without_numbers(direct.out)) << name << ": " << filter;
    // connect_localhost's events are nearly all state events (kept).
    if (name == "connect_localhost")
      EXPECT_LE(file_bytes(some).size(), file_bytes(all).size());
    else
      EXPECT_LT(file_bytes(some).size(), file_bytes(all).size()) << name << ": " << filter;
  }
}

}  // namespace
}  // namespace sysray::test
