// The filter cases sysdig 0.29.3 decided (data/filter_cases.tsv, made by
// make_filter_expectations.sh): capture, expression, selected evt.nums.
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sysray::test {

struct FilterCase {
  std::string capture;
  std::string expression;
  bool error = false;             // sysdig rejected the expression
  std::vector<uint64_t> selected;  // evt.num of the events sysdig printed
};

inline std::vector<FilterCase> load_filter_cases(const std::string& path) {
  std::vector<FilterCase> cases;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t tab1 = line.find('\t'), tab2 = line.rfind('\t');
    if (tab1 == std::string::npos || tab2 == tab1) continue;
    FilterCase c;
    c.capture = line.substr(0, tab1);
    c.expression = line.substr(tab1 + 1, tab2 - tab1 - 1);
    std::string nums = line.substr(tab2 + 1);
    c.error = nums == "error";
    std::stringstream list(c.error ? "" : nums);
    std::string num;
    while (std::getline(list, num, ',')) c.selected.push_back(std::stoull(num));
    cases.push_back(std::move(c));
  }
  return cases;
}

inline std::string filter_cases_path() { return std::string(SYSRAY_SOURCE_DIR) + "/tests/filters/data/filter_cases.tsv"; }

}  // namespace sysray::test
