// The cost-ordering pass (filters/cost_order.h): cheap operands move first,
// operands with side effects stay put, and on real captures every filter
// selects exactly the same events with and without the pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "filters/filter.h"
#include "support/filter_selections.h"
#include "support/filter_cases.h"

namespace sysray {
namespace {

// The field names of the root's operands, in evaluation order.
std::vector<std::string> root_operand_fields(const Filter& filter) {
  const FilterProgram& p = filter.program();
  const FilterProgram::Node& root = p.nodes[p.root];
  std::vector<std::string> names;
  for (uint32_t i = 0; i < root.count; ++i) {
    const FilterProgram::Node& child = p.nodes[p.children[root.first + i]];
    names.push_back(child.kind == AstNode::Kind::Compare ? p.checks[child.first].bound_field().text() : "(...)");
  }
  return names;
}

using test::filter_selections;

std::string capture_path(const std::string& name) { return std::string(SYSRAY_SHARED_DIR) + "/traces/" + name; }

TEST(CostOrder, CheapOperandsGoFirst) {
  EXPECT_EQ(root_operand_fields(*compile_filter("proc.name=curl and evt.dir=<")),
            (std::vector<std::string>{"evt.dir", "proc.name"}));
  EXPECT_EQ(root_operand_fields(*compile_filter("fd.name contains /etc/ or proc.name=cat or evt.type=open")),
            (std::vector<std::string>{"evt.type", "proc.name", "fd.name"}));
  EXPECT_EQ(root_operand_fields(*compile_filter("proc.aname=bash and fd.num=3")),
            (std::vector<std::string>{"fd.num", "proc.aname[1]"}));  // the first ancestor it tries
  // Equal costs keep the written order.
  EXPECT_EQ(root_operand_fields(*compile_filter("proc.pid=1 and proc.name=cat")),
            (std::vector<std::string>{"proc.pid", "proc.name"}));
  // A nested and/or counts as the sum of its operands.
  EXPECT_EQ(root_operand_fields(*compile_filter("(fd.name=a or fd.name=b) and evt.type=open")),
            (std::vector<std::string>{"evt.type", "(...)"}));
}

TEST(CostOrder, OperandsWithSideEffectsKeepTheirPlace) {
  // evt.deltatime counts from the last event this use saw: moving it after
  // evt.dir would make it see fewer events.
  EXPECT_EQ(root_operand_fields(*compile_filter("evt.deltatime>1000 and evt.dir=<")),
            (std::vector<std::string>{"evt.deltatime", "evt.dir"}));
  EXPECT_EQ(root_operand_fields(*compile_filter("thread.cpu>0 or evt.type=procinfo")),
            (std::vector<std::string>{"thread.cpu", "evt.type"}));
  // Also when the effect is deeper in an operand.
  EXPECT_EQ(root_operand_fields(*compile_filter("fd.num=3 and not evt.deltatime<5 and evt.dir=>")),
            (std::vector<std::string>{"fd.num", "(...)", "evt.dir"}));
}

// Every expression sysdig accepted in the recorded cases, on its capture.
TEST(CostOrder, RecordedCasesSelectTheSameEventsWithAndWithoutThePass) {
  size_t compared = 0, reordered = 0;
  for (const auto& c : test::load_filter_cases(test::filter_cases_path())) {
    if (c.error) continue;
    auto ordered = compile_filter(c.expression);
    auto written = compile_filter(c.expression, false);
    if (ordered->program().children != written->program().children) ++reordered;
    EXPECT_EQ(filter_selections(capture_path(c.capture), *ordered), filter_selections(capture_path(c.capture), *written))
        << c.capture << ": " << c.expression;
    ++compared;
  }
  EXPECT_GT(compared, 250u);
  EXPECT_GE(reordered, 8u);  // the pass did change some of them
}

// Mixed operands where the expensive or the cheap side is often absent (no
// fd, no ancestor, no parameter of that name).
TEST(CostOrder, FieldsThatCanBeMissingGiveTheSameSelection) {
  const char* expressions[] = {
      "fd.name contains /etc/ or evt.dir=<",
      "not fd.name exists and evt.dir=>",
      "fd.sport=53 or evt.type=connect or proc.name=curl",
      "proc.aname=bash and evt.is_io=true",
      "evt.rawarg.fd>2 and evt.dir=< and fd.type=ipv4",
      "(fd.ip=8.8.8.8 or fd.port=53) and not evt.io_dir=read",
      "evt.io_dir=write or proc.apid=1 or evt.type in (open, close)",
      "not (fd.name != /dev/null or evt.dir=<) or thread.tid>0",
      "evt.res!=SUCCESS and evt.dir=< and fd.num>=0",
      "evt.is_wait=true or (fd.l4proto=udp and evt.type=sendto)",
  };
  size_t reordered = 0, selected = 0;
  for (const char* capture : {"curl_google.scap", "connect_localhost.scap", "cat_write.scap"}) {
    for (const char* expression : expressions) {
      auto ordered = compile_filter(expression);
      auto written = compile_filter(expression, false);
      if (ordered->program().children != written->program().children) ++reordered;
      auto with_pass = filter_selections(capture_path(capture), *ordered);
      EXPECT_EQ(with_pass, filter_selections(capture_path(capture), *written)) << capture << ": " << expression;
      selected += size_t(std::count(with_pass.begin(), with_pass.end(), true));
    }
  }
  EXPECT_GE(reordered, 3u * 8);  // not a test of nothing: most were reordered
  EXPECT_GT(selected, 1000u);     // and they select events
}

}  // namespace
}  // namespace sysray
