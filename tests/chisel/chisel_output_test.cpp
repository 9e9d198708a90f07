// sysray's chisels print what sysdig 0.29.3 prints: against the shared
// expected outputs, and against sysdig itself (when installed) for the
// chisels that have none.
#include <gtest/gtest.h>

#include "chisel_test_support.h"

namespace sysray::test {
namespace {

struct ExpectedCase {
  std::string file_case;            // expected/<trace>.chisel_<file_case>.txt
  std::vector<std::string> chisel;  // -c arguments
  Compare how;
  size_t row_limit = 0;
};
void PrintTo(const ExpectedCase& c, std::ostream* os) { *os << c.file_case; }


class ExpectedChiselOutput : public ::testing::TestWithParam<ExpectedCase> {};

TEST_P(ExpectedChiselOutput, MatchesSysdig) {
  const ExpectedCase& c = GetParam();
  for (const std::string& trace : trace_names()) {
    std::string expected_path = kTraces + "expected/" + trace + ".chisel_" + c.file_case + ".txt";
    std::string expected = read_file(expected_path);
    std::vector<std::string> args{"-r", kTraces + trace + ".scap", "-c"};
    args.insert(args.end(), c.chisel.begin(), c.chisel.end());
    RunResult r = run_sysray(args);
    EXPECT_EQ(r.status, 0) << trace << ": " << r.err;
    EXPECT_EQ(r.err, "") << trace;
    std::string diff = compare_output(expected, r.out, c.how, c.row_limit);
    EXPECT_EQ(diff, "") << trace << " (" << expected_path << ")\n--- sysray printed:\n" << r.out;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Chisels, ExpectedChiselOutput,
    ::testing::Values(ExpectedCase{"topprocs_cpu", {"topprocs_cpu"}, Compare::TopTable, 10},
                      ExpectedCase{"topfiles_bytes", {"topfiles_bytes"}, Compare::TopTable, 10},
                      ExpectedCase{"topscalls", {"topscalls"}, Compare::TopTable, 30},
                      ExpectedCase{"fdcount_by_proc", {"fdcount_by", "proc.name"}, Compare::TabTable},
                      ExpectedCase{"echo_fds", {"echo_fds"}, Compare::Exact},
                      ExpectedCase{"spy_users", {"spy_users"}, Compare::Exact},
                      ExpectedCase{"lsof", {"lsof"}, Compare::LineSet},
                      ExpectedCase{"ps", {"ps"}, Compare::Exact},
                      ExpectedCase{"iobytes", {"iobytes"}, Compare::Exact},
                      ExpectedCase{"bottlenecks", {"bottlenecks"}, Compare::Exact},
                      ExpectedCase{"proc_exec_time", {"proc_exec_time"}, Compare::Exact}),
    [](const auto& info) { return info.param.file_case; });

// The chisels without expected files: sysdig runs beside sysray.
struct LiveCase {
  std::string name;
  std::vector<std::string> chisel;
  Compare how;
  size_t row_limit = 0;
};
void PrintTo(const LiveCase& c, std::ostream* os) { *os << c.name; }


class ChiselOutputVsSysdig : public ::testing::TestWithParam<LiveCase> {};

TEST_P(ChiselOutputVsSysdig, MatchesSysdig) {
  std::string sysdig = sysdig_path();
  if (sysdig.empty()) GTEST_SKIP() << "sysdig is not installed (apt-get install sysdig): nothing to compare with";
  const LiveCase& c = GetParam();
  for (const std::string& trace : trace_names()) {
    std::vector<std::string> args{"-r", kTraces + trace + ".scap", "-c"};
    args.insert(args.end(), c.chisel.begin(), c.chisel.end());
    RunResult theirs = run_program(sysdig, args);
    ASSERT_EQ(theirs.status, 0) << "sysdig failed on " << trace;
    RunResult ours = run_sysray(args);
    EXPECT_EQ(ours.status, 0) << trace << ": " << ours.err;
    std::string diff = compare_output(theirs.out, ours.out, c.how, c.row_limit);
    EXPECT_EQ(diff, "") << trace << "\n--- sysdig printed:\n" << theirs.out << "--- sysray printed:\n" << ours.out;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Chisels, ChiselOutputVsSysdig,
    ::testing::Values(LiveCase{"topprocs_net", {"topprocs_net"}, Compare::TopTable, 100},
                      LiveCase{"topprocs_file", {"topprocs_file"}, Compare::TopTable, 10},
                      LiveCase{"topprocs_errors", {"topprocs_errors"}, Compare::TopTable, 100},
                      LiveCase{"topfiles_time", {"topfiles_time"}, Compare::TopTable, 10},
                      LiveCase{"topfiles_errors", {"topfiles_errors"}, Compare::TopTable, 100},
                      LiveCase{"topscalls_time", {"topscalls_time"}, Compare::TopTable, 30},
                      LiveCase{"topconns", {"topconns"}, Compare::TopTable, 30},
                      LiveCase{"topports_server", {"topports_server"}, Compare::TopTable, 100},
                      LiveCase{"fdbytes_by", {"fdbytes_by", "fd.name"}, Compare::TopTable, 30},
                      LiveCase{"fdtime_by", {"fdtime_by", "proc.name"}, Compare::TopTable, 10},
                      LiveCase{"fdcount_by_fd_name", {"fdcount_by", "fd.name"}, Compare::TabTable},
                      LiveCase{"iobytes_file", {"iobytes_file"}, Compare::Exact},
                      LiveCase{"iobytes_net", {"iobytes_net"}, Compare::Exact},
                      LiveCase{"stdin", {"stdin"}, Compare::Exact},
                      LiveCase{"stdout", {"stdout"}, Compare::Exact},
                      LiveCase{"stderr", {"stderr"}, Compare::Exact},
                      LiveCase{"netstat", {"netstat"}, Compare::LineSet},
                      LiveCase{"list_login_shells", {"list_login_shells"}, Compare::Exact},
                      LiveCase{"lscontainers", {"lscontainers"}, Compare::LineSet},
                      LiveCase{"spy_file", {"spy_file"}, Compare::Exact},
                      LiveCase{"spy_ip", {"spy_ip", "127.0.0.1"}, Compare::Exact},
                      LiveCase{"spy_port", {"spy_port", "80"}, Compare::Exact},
                      LiveCase{"fileslower", {"fileslower", "0"}, Compare::Exact},
                      LiveCase{"fileslower_no_color", {"fileslower", "0 disable_color"}, Compare::Exact},
                      LiveCase{"scallslower", {"scallslower", "0"}, Compare::Exact},
                      LiveCase{"netlower", {"netlower", "0"}, Compare::Exact},
                      LiveCase{"ps_filtered", {"ps", "proc.name=bash"}, Compare::Exact},
                      LiveCase{"lsof_filtered", {"lsof", "'fd.type=ipv4 or fd.type=ipv6'"}, Compare::LineSet},
                      LiveCase{"topscalls_with_filter", {"topscalls", "proc.name=curl"}, Compare::TopTable, 30}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace sysray::test
