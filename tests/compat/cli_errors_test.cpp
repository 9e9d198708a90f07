// Bad input on the command line: one clear line on stderr, exit status 1,
// and every good event before damage still printed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "support/run_sysray.h"

namespace sysray::test {
namespace {

const std::string kTraces = std::string(SYSRAY_SHARED_DIR) + "/traces/";

int count_lines(const std::string& s) { return int(std::count(s.begin(), s.end(), '\n')); }

TEST(CliErrors, MissingFile) {
  RunResult r = run_sysray({"-r", "/nonexistent/x.scap"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "sysray: /nonexistent/x.scap: No such file or directory\n");
  EXPECT_EQ(r.out, "");
}

TEST(CliErrors, Directory) {
  RunResult r = run_sysray({"-r", "/tmp"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "sysray: /tmp: is a directory\n");
}

TEST(CliErrors, NotACapture) {
  std::string path = "/tmp/sysray-cli-not-a-capture.txt";
  std::ofstream(path) << "hello, this is not a capture file\n";
  RunResult r = run_sysray({"-r", path});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("not a scap capture"), std::string::npos) << r.err;
  unlink(path.c_str());
}

TEST(CliErrors, TruncatedCapturePrintsGoodEventsThenOneLine) {
  // An uncompressed copy of a real capture, cut in the middle of an event.
  std::string plain = "/tmp/sysray-cli-plain.scap", cut = "/tmp/sysray-cli-cut.scap";
  ASSERT_EQ(system(("gzip -dcf " + kTraces + "cat_write.scap > " + plain).c_str()), 0);
  std::string bytes = read_file(plain);
  // 90% in: past the metadata, in the middle of the events cat prints.
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() * 9 / 10 + 3);
  RunResult full = run_sysray({"-r", plain});
  RunResult r = run_sysray({"-r", cut});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(cut + ": offset "), std::string::npos) << r.err;
  EXPECT_GT(count_lines(r.out), 0);
  EXPECT_LT(count_lines(r.out), count_lines(full.out));
  // What was printed is exactly the start of the full output.
  EXPECT_EQ(full.out.compare(0, r.out.size(), r.out), 0);
  unlink(plain.c_str());
  unlink(cut.c_str());
}

TEST(CliErrors, UnknownFieldInFormat) {
  RunResult r = run_sysray({"-r", kTraces + "cat_write.scap", "-p", "%evt.num %proc.nmae"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("column 11"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("proc.name"), std::string::npos) << r.err;  // the suggestion
}

// A bad filter: the message with its column, the expression with a caret
// under it, exit 1, and no event printed.
TEST(CliErrors, FilterErrorsPointAtTheirColumn) {
  struct Case {
    const char* filter;
    const char* err;
  };
  const Case cases[] = {
      {"evt.type=open and",
       "sysray: filter error at column 18: unexpected end of filter: expected a field, 'not' or '('\n"
       "evt.type=open and\n"
       "                 ^\n"},
      {"proc.nme=cat",
       "sysray: filter error at column 1: unknown field 'proc.nme' (did you mean 'proc.name'?)\n"
       "proc.nme=cat\n"
       "^\n"},
      {"fd.num>abc",
       "sysray: filter error at column 8: value 'abc' is not a number for field fd.num\n"
       "fd.num>abc\n"
       "       ^\n"},
  };
  for (const Case& c : cases) {
    RunResult r = run_sysray({"-r", kTraces + "cat_write.scap", c.filter});
    EXPECT_EQ(r.status, 1) << c.filter;
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "") << c.filter;
  }
}

TEST(CliErrors, UnknownOption) {
  RunResult r = run_sysray({"--no-such-option"});
  EXPECT_NE(r.status, 0);
  EXPECT_FALSE(r.err.empty());
}

TEST(Cli, EventListStartsWithSysdigsList) {
  RunResult r = run_sysray({"-L"});
  ASSERT_EQ(r.status, 0);
  std::string want = read_file(kTraces + "expected/sysdig-L.txt");
  ASSERT_GE(r.out.size(), want.size());
  // sysdig 0.29.3's events first, exactly; newer ones follow.
  EXPECT_EQ(r.out.substr(0, want.size()), want);
}

TEST(Cli, MaxEventsStopsEarly) {
  RunResult r = run_sysray({"-r", kTraces + "cat_write.scap", "-n", "135"});
  ASSERT_EQ(r.status, 0);
  // Events 1..130 are hidden procinfo events; 131..135 print.
  EXPECT_EQ(count_lines(r.out), 5);
}

}  // namespace
}  // namespace sysray::test
