#include "filters/parser.h"

#include <gtest/gtest.h>

#include "filters/filter_error.h"

namespace sysray {
namespace {

std::string tree(const char* text) { return ast_to_string(*parse_filter(text)); }

size_t error_column(const char* text, std::string* message = nullptr) {
  try {
    parse_filter(text);
  } catch (const FilterError& e) {
    if (message) *message = e.message();
    return e.column();
  }
  ADD_FAILURE() << "no error for " << text;
  return 0;
}

TEST(Parser, Comparisons) {
  EXPECT_EQ(tree("evt.type=open"), "(= evt.type open)");
  EXPECT_EQ(tree("evt.num <= 3"), "(<= evt.num 3)");
  EXPECT_EQ(tree("fd.name exists"), "(exists fd.name)");
  EXPECT_EQ(tree("evt.type in (open, 'close',\"read\")"), "(in evt.type open close read)");
  EXPECT_EQ(tree("fd.name pmatch (/etc)"), "(pmatch fd.name /etc)");
  EXPECT_EQ(tree("proc.aname[2]=bash"), "(= proc.aname[2] bash)");
  EXPECT_EQ(tree("evt.arg.fd=3"), "(= evt.arg.fd 3)");
  EXPECT_EQ(tree("evt.arg[1]=3"), "(= evt.arg[1] 3)");
  EXPECT_EQ(tree("proc.name==cat"), "(= proc.name =cat)");
}

TEST(Parser, AndOrGroupsAndParentheses) {
  EXPECT_EQ(tree("evt.num=1 and evt.num=2 and evt.num=3"), "(and (= evt.num 1) (= evt.num 2) (= evt.num 3))");
  EXPECT_EQ(tree("evt.num=1 or (evt.num=2 and evt.num=3)"), "(or (= evt.num 1) (and (= evt.num 2) (= evt.num 3)))");
  EXPECT_EQ(tree("((evt.num=1))"), "(= evt.num 1)");
  EXPECT_EQ(tree("proc.name='cat'and(evt.num=1)"), "(and (= proc.name cat) (= evt.num 1))");
}

// sysdig 0.29.3: 'not' takes the next item only; "not not x" is "not x".
TEST(Parser, NotBindsTightest) {
  EXPECT_EQ(tree("not evt.num=1 and evt.num=2"), "(and (not (= evt.num 1)) (= evt.num 2))");
  EXPECT_EQ(tree("evt.num=1 or not evt.num=2"), "(or (= evt.num 1) (not (= evt.num 2)))");
  EXPECT_EQ(tree("not (evt.num=1 or evt.num=2)"), "(not (or (= evt.num 1) (= evt.num 2)))");
  EXPECT_EQ(tree("not not evt.num=1"), "(not (= evt.num 1))");
  EXPECT_EQ(tree("not (not evt.num=1)"), "(not (not (= evt.num 1)))");
}

// sysdig 0.29.3 has no precedence between and/or: mixing them is an error.
TEST(Parser, MixingAndOrNeedsParentheses) {
  std::string message;
  EXPECT_EQ(error_column("evt.num=1 or evt.num=2 and evt.num=3", &message), 23u);
  EXPECT_NE(message.find("parentheses"), std::string::npos);
  EXPECT_EQ(error_column("evt.num=1 and evt.num=2 or evt.num=3"), 24u);
  EXPECT_EQ(error_column("(evt.num=1 and not evt.num=2 or evt.num=3)"), 29u);
}

TEST(Parser, ErrorsPointAtTheirColumn) {
  std::string message;
  EXPECT_EQ(error_column("evt.type=open and", &message), 17u);
  EXPECT_NE(message.find("end of filter"), std::string::npos);
  EXPECT_EQ(error_column("proc.nam=cat", &message), 0u);
  EXPECT_NE(message.find("proc.name"), std::string::npos);  // did you mean
  EXPECT_EQ(error_column("evt.type", &message), 8u);
  EXPECT_NE(message.find("comparison operator"), std::string::npos);
  EXPECT_EQ(error_column("evt.type=open)"), 13u);
  EXPECT_EQ(error_column("(evt.type=open"), 14u);
  EXPECT_EQ(error_column("and evt.num=1"), 0u);
  EXPECT_EQ(error_column("evt.num=1 and or evt.num=2"), 14u);
  EXPECT_EQ(error_column("evt.num=1 evt.num=2"), 10u);
  EXPECT_EQ(error_column("evt.type in open"), 12u);
  EXPECT_EQ(error_column("evt.type in (open"), 17u);
  EXPECT_EQ(error_column("evt.num in ()"), 11u);
  EXPECT_EQ(error_column("()"), 1u);
  EXPECT_EQ(error_column(""), 0u);
}

TEST(Parser, CaretLine) {
  try {
    parse_filter("evt.num=1 and");
    FAIL();
  } catch (const FilterError& e) {
    EXPECT_EQ(e.caret_line(), "evt.num=1 and\n             ^");
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("column 14"), std::string::npos);
  }
}

}  // namespace
}  // namespace sysray
