// proc.aname / proc.apid without an index walk the process tree once; they
// must select what trying every indexed ancestor in turn selects.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "filters/filter.h"
#include "support/filter_selections.h"

namespace sysray {
namespace {

std::vector<bool> selections(const std::string& capture, const Filter& filter) {
  return test::filter_selections(std::string(SYSRAY_SHARED_DIR) + "/traces/" + capture, filter);
}

// "proc.aname[1]=v or proc.aname[2]=v or ..." up to the deepest level.
std::string every_level(const std::string& field, const std::string& rest) {
  std::string text;
  for (int64_t level = 1; level <= kMaxAncestorDepth; ++level) {
    text += (level > 1 ? " or " : "") + field + "[" + std::to_string(level) + "]" + rest;
  }
  return text;
}

TEST(AncestorWalk, SelectsWhatEveryIndexedAncestorSelects) {
  struct Case {
    const char* field;
    const char* rest;
  } cases[] = {
      {"proc.aname", "=bash"}, {"proc.aname", "=sudo"}, {"proc.aname", " contains s"},
      {"proc.aname", " in (bash, sshd)"}, {"proc.apid", ">1"}, {"proc.apid", "=1"},
  };
  size_t selected = 0;
  for (const char* capture : {"curl_google.scap", "cat_write.scap", "connect_localhost.scap"}) {
    for (const Case& c : cases) {
      auto walked = compile_filter(std::string(c.field) + c.rest);
      auto each = compile_filter(every_level(c.field, c.rest));
      auto got = selections(capture, *walked);
      EXPECT_EQ(got, selections(capture, *each)) << capture << ": " << c.field << c.rest;
      for (bool b : got) selected += b;
    }
  }
  EXPECT_GT(selected, 0u);
  // exists: any ancestor at all, i.e. the parent.
  auto exists = compile_filter("proc.aname exists");
  auto parent = compile_filter("proc.aname[1] exists");
  EXPECT_EQ(selections("curl_google.scap", *exists), selections("curl_google.scap", *parent));
}

}  // namespace
}  // namespace sysray
