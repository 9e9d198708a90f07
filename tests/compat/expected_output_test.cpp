// sysray -r X prints what sysdig 0.29.3 prints, byte for byte, for every
// capture in ../shared/traces and every output case in traces/expected.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "support/run_sysray.h"

namespace sysray::test {
namespace {

const std::string kTraces = std::string(SYSRAY_SHARED_DIR) + "/traces/";

const std::vector<std::string> kCaptures = {
    "cat_write", "connect_localhost", "curl_google", "open-multiple-files",
    "ping_sendto", "single_ipv6_conn", "syscall", "test_ipv6_client",
};

struct OutputCase {
  std::string name;  // the expected/ file suffix
  std::vector<std::string> args;
};

const std::vector<OutputCase> kCases = {
    {"default", {}},
    {"ascii", {"-A"}},
    {"hexascii", {"-X"}},
    {"hex", {"-x"}},
    {"base64", {"-b"}},
    {"verbose", {"-v"}},
    {"json", {"-j"}},
    {"format", {"-p", "%evt.num:%evt.type:%evt.dir:%proc.name:%thread.tid:%fd.name:%evt.res:%evt.latency"}},
    {"reltime", {"-t", "r"}},
    {"deltatime", {"-t", "D"}},
    {"summary", {"-S", "-q"}},
    // The filter cases (the filters that reproduce these files with sysdig).
    {"files", {"fd.type=file", "and", "evt.dir=<"}},
    {"errors", {"evt.failed=true"}},
    {"net", {"evt.category=net"}},
};

class ExpectedOutput : public ::testing::TestWithParam<std::tuple<std::string, OutputCase>> {};

TEST_P(ExpectedOutput, MatchesSysdig) {
  const auto& [capture, output_case] = GetParam();
  std::vector<std::string> args = {"-r", kTraces + capture + ".scap"};
  args.insert(args.end(), output_case.args.begin(), output_case.args.end());
  RunResult r = run_sysray(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");

  std::vector<std::string> got = lines_of(r.out);
  std::vector<std::string> want = lines_of(read_file(kTraces + "expected/" + capture + "." + output_case.name + ".txt"));
  ASSERT_EQ(got.size(), want.size()) << "line counts differ";
  for (size_t i = 0; i < want.size(); ++i) {
    if (got[i] == want[i]) continue;
    ADD_FAILURE() << "line " << i + 1 << " differs\n  sysray: " << got[i] << "\n  sysdig: " << want[i];
  }
  // The last byte too: a missing final newline is a difference.
  EXPECT_EQ(r.out.empty() ? ' ' : r.out.back(), want.empty() ? ' ' : '\n');
}

std::string case_name(const ::testing::TestParamInfo<ExpectedOutput::ParamType>& info) {
  std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param).name;
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Captures, ExpectedOutput,
                         ::testing::Combine(::testing::ValuesIn(kCaptures), ::testing::ValuesIn(kCases)), case_name);

}  // namespace
}  // namespace sysray::test
