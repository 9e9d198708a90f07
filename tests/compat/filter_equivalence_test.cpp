// For every recorded case (tests/filters/data/filter_cases.tsv), `sysray -r
// CAPTURE -p %evt.num EXPRESSION` prints exactly the events sysdig 0.29.3
// printed, and rejects exactly the expressions sysdig rejected. This runs the
// real binary, so it checks the whole path an event takes: reader, state,
// filter, hidden events, printer.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "support/filter_cases.h"
#include "support/run_sysray.h"

namespace sysray {
namespace {

std::vector<uint64_t> printed_numbers(const std::string& out) {
  std::vector<uint64_t> nums;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) nums.push_back(std::stoull(line));
  return nums;
}

// capture + '\t' + expression -> reason, from known_differences.tsv.
std::map<std::string, std::string> load_known_differences() {
  std::map<std::string, std::string> known;
  std::ifstream in(std::string(SYSRAY_SOURCE_DIR) + "/tests/filters/data/known_differences.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t last_tab = line.rfind('\t');
    known[line.substr(0, last_tab)] = line.substr(last_tab + 1);
  }
  return known;
}

std::string describe(const std::vector<uint64_t>& nums) {
  std::string s;
  for (size_t i = 0; i < nums.size() && i < 12; ++i) s += (i ? "," : "") + std::to_string(nums[i]);
  if (nums.size() > 12) s += ",... (" + std::to_string(nums.size()) + " events)";
  return s.empty() ? "nothing" : s;
}

TEST(FilterEquivalence, SelectsWhatSysdigSelects) {
  auto cases = test::load_filter_cases(test::filter_cases_path());
  ASSERT_GT(cases.size(), 300u);
  auto known = load_known_differences();
  size_t agreed = 0, differ_as_documented = 0;
  for (const auto& c : cases) {
    std::string capture = std::string(SYSRAY_SHARED_DIR) + "/traces/" + c.capture;
    auto run = test::run_sysray({"-r", capture, "-p", "%evt.num", c.expression});
    if (c.error) {
      if (run.status == 1 && run.out.empty()) {
        ++agreed;
      } else {
        ADD_FAILURE() << c.capture << ": '" << c.expression << "' should be rejected, sysray exited "
                      << run.status;
      }
      continue;
    }
    if (run.status != 0) {
      ADD_FAILURE() << c.capture << ": '" << c.expression << "' failed: " << run.err;
      continue;
    }
    auto selected = printed_numbers(run.out);
    if (auto it = known.find(c.capture + '\t' + c.expression); it != known.end()) {
      EXPECT_NE(selected, c.selected) << c.capture << ": '" << c.expression
                                      << "' now agrees with sysdig: remove it from known_differences.tsv";
      std::cout << "known difference: " << c.capture << ": '" << c.expression << "': " << it->second << "\n";
      ++differ_as_documented;
      continue;
    }
    if (selected == c.selected) {
      ++agreed;
      continue;
    }
    ADD_FAILURE() << c.capture << ": '" << c.expression << "' selects " << describe(selected) << "; sysdig "
                  << describe(c.selected);
  }
  std::cout << agreed << " of " << cases.size() << " filter cases agree with sysdig, " << differ_as_documented
            << " differ as documented\n";
  EXPECT_EQ(differ_as_documented, known.size()) << "known_differences.tsv names a case that is not recorded";
}

}  // namespace
}  // namespace sysray
