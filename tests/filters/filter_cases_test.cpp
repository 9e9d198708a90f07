// The recorded sysdig cases, as far as they can be checked without reading
// captures: sysray accepts what sysdig accepts and rejects what it rejects.
// tests/compat/filter_equivalence_test.cpp runs them on the captures.
#include <gtest/gtest.h>

#include <set>

#include "support/filter_cases.h"
#include "filters/filter.h"

namespace sysray {
namespace {

TEST(FilterCases, EnoughCasesOverEveryFieldClassAndOperator) {
  auto cases = test::load_filter_cases(test::filter_cases_path());
  EXPECT_GE(cases.size(), 150u);
  std::set<std::string> wanted = {"evt.", "proc.", "thread.", "user.", "group.", "container.", "fd.", "fdlist.",
                                  "syslog.", "=", "!=", "<", "<=", ">", ">=", " contains ", " icontains ",
                                  " startswith ", " endswith ", " glob ", " in (", " pmatch (", " exists", " and ",
                                  " or ", "not "};
  for (const auto& c : cases) {
    for (auto it = wanted.begin(); it != wanted.end();) {
      it = c.expression.find(*it) != std::string::npos ? wanted.erase(it) : std::next(it);
    }
  }
  EXPECT_TRUE(wanted.empty()) << "no case uses " << *wanted.begin();
}

TEST(FilterCases, SysrayAcceptsAndRejectsWhatSysdigDoes) {
  for (const auto& c : test::load_filter_cases(test::filter_cases_path())) {
    bool rejected = false;
    std::string message;
    try {
      compile_filter(c.expression);
    } catch (const FilterError& e) {
      rejected = true;
      message = e.what();
    }
    EXPECT_EQ(rejected, c.error) << c.expression << (rejected ? ": " + message : " was accepted");
  }
}

}  // namespace
}  // namespace sysray
