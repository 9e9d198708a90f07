// The chisel command line (-c, -cl, -i), the API as sysdig answers it, and
// chisel errors.
#include <gtest/gtest.h>

#include <algorithm>

#include <cstdlib>

#include "chisel_test_support.h"

namespace sysray::test {
namespace {

const std::string kData = std::string(SYSRAY_SOURCE_DIR) + "/tests/chisel/data/";
const std::string kCatWrite = kTraces + "cat_write.scap";

// Sets an environment variable for the runs of one test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) { setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

TEST(ChiselList, SysdigsChiselsListExactlyAsSysdigDoes) {
  // With sysdig's directory first, every name resolves to sysdig's file
  // (sysray's chisels share their names and descriptions).
  ScopedEnv env("SYSRAY_CHISEL_DIR", kSysdigChisels);
  if (access(kSysdigChisels.c_str(), R_OK) != 0) GTEST_SKIP() << "sysdig's chisels are not installed";
  RunResult r = run_sysray({"-cl"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, read_file(kTraces + "expected/sysdig-cl.txt"));
}

TEST(ChiselList, SysraysChiselsListAsSysdigListsThem) {
  // Every line sysray prints for its own chisels is a line of sysdig's list.
  std::string sysdig_list = read_file(kTraces + "expected/sysdig-cl.txt");
  RunResult r = run_sysray({"-cl"});
  ASSERT_EQ(r.status, 0);
  size_t chisels = 0;
  for (const std::string& line : lines_of(r.out)) {
    EXPECT_NE(sysdig_list.find(line + "\n"), std::string::npos) << line;
    if (!line.empty() && line[0] != ' ' && line.find("Category") != 0 && line[0] != '-' && line.find("Use the") != 0)
      ++chisels;
  }
  EXPECT_GE(chisels, 35u);
  EXPECT_EQ(r.out.find("sr_top"), std::string::npos) << "modules are not chisels";
}

TEST(ChiselInfo, LayoutIsSysdigs) {
  RunResult r = run_sysray({"-i", "spy_users"});
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            "\nCategory: Security\n------------------\nspy_users       Display interactive user activity\n\n"
            "Lists every command that users launch interactively (e.g. from bash) and every \n"
            "directory users visit. This chisel is compatible with containers using the sysd\n"
            "ig -pc or -pcontainer argument, otherwise no container information will be show\n"
            "n. (Blue represents a process running within a container, and Green represents \n"
            "a host process)\nArgs:\n"
            "[int] max_depth - the maximum depth to show in the hierarchy of\n"
            "                 processes\n"
            "[string] disable_color - Set to 'disable_colors' if you want to\n"
            "                 disable color output\n\n");
  RunResult none = run_sysray({"-i", "topscalls"});
  EXPECT_NE(none.out.find("Args:\n(None)\n"), std::string::npos) << none.out;
}

TEST(ChiselInfo, MatchesSysdigForEveryChisel) {
  std::string sysdig = sysdig_path();
  if (sysdig.empty()) GTEST_SKIP() << "sysdig is not installed";
  for (const char* name : {"topscalls", "fdbytes_by", "spy_file", "fileslower", "netstat", "echo_fds"}) {
    EXPECT_EQ(run_sysray({"-i", name}).out, run_program(sysdig, {"-i", name}).out) << name;
  }
}

TEST(ChiselCli, UnknownChiselIsOneLine) {
  RunResult r = run_sysray({"-r", kCatWrite, "-c", "no_such_chisel"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "chisel no_such_chisel not found - use -cl to list them.\n");
  RunResult info = run_sysray({"-i", "no_such_chisel"});
  EXPECT_EQ(info.status, 1);
  EXPECT_EQ(info.err, "chisel no_such_chisel not found - use -cl to list them.\n");
}

TEST(ChiselCli, EmptyChiselInfoNameIsAnError) {
  // Read as "no -i", an empty name would start a capture instead.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"-r", kCatWrite, "-i", ""}, {"-r", kCatWrite, "--chisel-info="}, {"-i"}}) {
    RunResult r = run_sysray(args);
    EXPECT_EQ(r.status, 1) << args.back();
    EXPECT_TRUE(r.out.empty()) << args.back();
    EXPECT_NE(r.err.find("needs the name of a chisel\n"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(ChiselCli, ArgumentCountErrorsAreSysdigs) {
  RunResult missing = run_sysray({"-r", kCatWrite, "-c", "fdcount_by"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.err, "missing arguments for chisel fdcount_by\n");
  RunResult many = run_sysray({"-r", kCatWrite, "-c", "fdcount_by", "a b"});
  EXPECT_EQ(many.status, 1);
  EXPECT_EQ(many.err, "too many parameters for chisel fdcount_by, 1 required, 0 optional, 2 given\n");
  RunResult quote = run_sysray({"-r", kCatWrite, "-c", "fdcount_by", "'a"});
  EXPECT_EQ(quote.status, 1);
  EXPECT_EQ(quote.err, "corrupted parameters for chisel fdcount_by\n");
}

TEST(ChiselCli, OptionalArgumentWordThatIsAFilterStaysTheFilter) {
  // topscalls takes no arguments: the word is the capture filter.
  RunResult r = run_sysray({"-r", kCatWrite, "-c", "topscalls", "evt.type=open"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[2], "8                   open");
  // fileslower's second argument is optional; a filter after its word stays the filter.
  RunResult slow = run_sysray({"-r", kCatWrite, "-c", "fileslower", "0 disable_color", "proc.name=nobody"});
  ASSERT_EQ(slow.status, 0) << slow.err;
  EXPECT_EQ(lines_of(slow.out).size(), 2u) << slow.out;
}

TEST(ChiselCli, OptionsAfterTheChiselAreOptions) {
  RunResult r = run_sysray({"-c", "ps", "-r", kCatWrite});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, read_file(kTraces + "expected/cat_write.chisel_ps.txt"));
}

TEST(ChiselCli, SeveralChiselsEachSeeEveryEvent) {
  RunResult both = run_sysray({"-r", kCatWrite, "-c", "topfiles_bytes", "-c", "fdcount_by", "proc.name"});
  ASSERT_EQ(both.status, 0) << both.err;
  EXPECT_EQ(both.out, read_file(kTraces + "expected/cat_write.chisel_topfiles_bytes.txt") +
                          read_file(kTraces + "expected/cat_write.chisel_fdcount_by_proc.txt"));
}

TEST(ChiselCli, ChiselFoundThroughSysrayChiselDir) {
  ScopedEnv env("SYSRAY_CHISEL_DIR", kData);
  RunResult r = run_sysray({"-r", kCatWrite, "-c", "exec_child", "x y z"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "a=[x]\nb=[y]\nc=[z]\nfirst event 1\nend\n");
}

TEST(ChiselApi, AnswersAsSysdigDoes) {
  std::string sysdig = sysdig_path();
  if (sysdig.empty()) GTEST_SKIP() << "sysdig is not installed: nothing to compare with";
  for (const std::string& trace : trace_names()) {
    for (std::vector<std::string> chisel : {std::vector<std::string>{kData + "api_probe.lua", "hello 6"},
                                            std::vector<std::string>{kData + "interval_probe.lua"}}) {
      std::vector<std::string> args{"-r", kTraces + trace + ".scap", "-c"};
      args.insert(args.end(), chisel.begin(), chisel.end());
      args.push_back("proc.name!=nobody");
      RunResult theirs = run_program(sysdig, args);
      RunResult ours = run_sysray(args);
      EXPECT_EQ(ours.status, 0) << ours.err;
      EXPECT_EQ(ours.out, theirs.out) << trace << " " << chisel[0];
    }
  }
}

TEST(ChiselApi, IntegersPrintAsIntegers) {
  RunResult r = run_sysray({"-r", kCatWrite, "-c", kData + "api_probe.lua", "x 20"});
  ASSERT_EQ(r.status, 0) << r.err;
  // evt.num, the fd number and the result are Lua numbers without ".0".
  EXPECT_NE(r.out.find("number:832 "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(".0 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("arg\tlabel\tx\narg\tcount\t20\n"), std::string::npos) << r.out;
}

TEST(ChiselApi, ExecHandsOverWithArgumentsRequoted) {
  RunResult r = run_sysray({"-r", kCatWrite, "-c", kData + "exec_parent.lua"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "a=[one two]\nb=[]\nc=[three]\nfirst event 1\nend\n");
}

TEST(ChiselApi, RunAppRunsSysrayAgainAfterTheCapture) {
  RunResult r = run_sysray({"-r", kCatWrite, "-c", kData + "run_app.lua"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "first run over\n" + read_file(kTraces + "expected/cat_write.chisel_topfiles_bytes.txt"));
}

TEST(ChiselApi, EndCaptureStopsAfterTheFirstEventAndCaptureEndRunsOnce) {
  // ps reads the state at the first event; -n does not change that.
  RunResult r = run_sysray({"-r", kCatWrite, "-n", "500", "-c", "ps"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, read_file(kTraces + "expected/cat_write.chisel_ps.txt"));
}

TEST(ChiselApi, RequireFindsModulesBesideTheChisel) {
  RunResult r = run_sysray({"-r", kCatWrite, "-c", kData + "module_user.lua"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "hello from beside\n");
}

TEST(ChiselErrors, RuntimeErrorNamesFileAndLineThenCaptureEnds) {
  RunResult r = run_sysray({"-r", kCatWrite, "-c", kData + "runtime_error.lua"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "runtime_error: " + kData + "runtime_error.lua:13: attempt to index local 'missing' (a nil value)\n");
  EXPECT_EQ(r.out, "capture end after 3 events\n");
}

TEST(ChiselErrors, SyntaxErrorNamesFileAndLine) {
  RunResult r = run_sysray({"-r", kCatWrite, "-c", kData + "syntax_error.lua"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "syntax_error: " + kData + "syntax_error.lua:9: '<eof>' expected near 'end'\n");
}

TEST(ChiselErrors, NonexistentFieldIsAnError) {
  ScopedEnv env("SYSRAY_CHISEL_DIR", kData);
  RunResult r = run_sysray({"-r", kCatWrite, "-c", "fdcount_by", "no.such.field"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("chisel requesting nonexistent field no.such.field"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sysray::test
