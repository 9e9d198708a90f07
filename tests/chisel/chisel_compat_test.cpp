// sysdig's own chisel files run unmodified in sysray (-c /path/NAME.lua)
// and print what sysdig prints with them on the same capture.
#include <gtest/gtest.h>

#include "chisel_test_support.h"

namespace sysray::test {
namespace {

struct CompatCase {
  std::string name;
  std::vector<std::string> args;  // after the chisel name
  Compare how;
  size_t row_limit = 0;
};
void PrintTo(const CompatCase& c, std::ostream* os) { *os << c.name; }


class SysdigChiselFiles : public ::testing::TestWithParam<CompatCase> {};

TEST_P(SysdigChiselFiles, RunUnmodified) {
  std::string sysdig = sysdig_path();
  if (sysdig.empty()) GTEST_SKIP() << "sysdig is not installed (apt-get install sysdig): no chisels to run";
  const CompatCase& c = GetParam();
  std::string file = kSysdigChisels + c.name + ".lua";
  if (access(file.c_str(), R_OK) != 0) GTEST_SKIP() << file << " is missing";
  for (const std::string& trace : trace_names()) {
    std::vector<std::string> theirs_args{"-r", kTraces + trace + ".scap", "-c", c.name};
    std::vector<std::string> ours_args{"-r", kTraces + trace + ".scap", "-c", file};
    theirs_args.insert(theirs_args.end(), c.args.begin(), c.args.end());
    ours_args.insert(ours_args.end(), c.args.begin(), c.args.end());
    RunResult theirs = run_program(sysdig, theirs_args);
    ASSERT_EQ(theirs.status, 0) << "sysdig failed on " << trace;
    RunResult ours = run_sysray(ours_args);
    EXPECT_EQ(ours.status, 0) << trace << ": " << ours.err;
    EXPECT_EQ(ours.err, "") << trace;
    std::string diff = compare_output(theirs.out, ours.out, c.how, c.row_limit);
    EXPECT_EQ(diff, "") << trace << "\n--- sysdig printed:\n" << theirs.out << "--- sysray printed:\n" << ours.out;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Chisels, SysdigChiselFiles,
    ::testing::Values(CompatCase{"topscalls", {}, Compare::TopTable, 30},  // chisel.exec of table_generator
                      CompatCase{"topprocs_cpu", {}, Compare::TopTable, 10},
                      CompatCase{"topfiles_bytes", {}, Compare::TopTable, 10},
                      CompatCase{"topconns", {}, Compare::TopTable, 30},
                      CompatCase{"fdbytes_by", {"fd.name"}, Compare::TopTable, 30},
                      CompatCase{"fdcount_by", {"proc.name"}, Compare::TabTable},
                      CompatCase{"iobytes", {}, Compare::Exact},  // set_interval_s
                      CompatCase{"echo_fds", {}, Compare::Exact},  // set_event_formatter
                      CompatCase{"spy_users", {}, Compare::Exact},
                      CompatCase{"proc_exec_time", {}, Compare::Exact},
                      CompatCase{"bottlenecks", {}, Compare::Exact},
                      CompatCase{"ps", {}, Compare::Exact},  // get_thread_table, end_capture
                      CompatCase{"lsof", {}, Compare::LineSet},
                      CompatCase{"netstat", {}, Compare::LineSet},
                      CompatCase{"lscontainers", {}, Compare::LineSet},  // get_container_table
                      CompatCase{"fileslower", {"0 disable_color"}, Compare::Exact},
                      CompatCase{"scallslower", {"0"}, Compare::Exact},
                      CompatCase{"stdout", {}, Compare::Exact},
                      CompatCase{"spy_file", {}, Compare::Exact},  // set_output_format
                      CompatCase{"list_login_shells", {}, Compare::Exact}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace sysray::test
