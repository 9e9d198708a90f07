// Splitting a chisel's argument word as sysdig does (chisel-api.md §4d).
#include <gtest/gtest.h>

#include "chisel/chisel_args.h"

namespace sysray {
namespace {

std::vector<std::string> split(std::string_view word) {
  std::vector<std::string> out;
  EXPECT_TRUE(split_chisel_args(word, out)) << word;
  return out;
}

TEST(ChiselArgs, SplitsOnSpaces) {
  EXPECT_EQ(split("0 disable_color"), (std::vector<std::string>{"0", "disable_color"}));
  EXPECT_EQ(split("proc.name"), (std::vector<std::string>{"proc.name"}));
}

TEST(ChiselArgs, TrimsTheWord) { EXPECT_EQ(split("  a b  "), (std::vector<std::string>{"a", "b"})); }

TEST(ChiselArgs, SingleQuotesAndBackquotesGroupAndVanish) {
  EXPECT_EQ(split("'hello world' 3"), (std::vector<std::string>{"hello world", "3"}));
  EXPECT_EQ(split("`x y`"), (std::vector<std::string>{"x y"}));
  EXPECT_EQ(split("'proc.name=curl or proc.name=bash'"),
            (std::vector<std::string>{"proc.name=curl or proc.name=bash"}));
  EXPECT_EQ(split("`it's`"), (std::vector<std::string>{"it's"}));
}

TEST(ChiselArgs, DoubleQuotesDoNotGroup) {
  EXPECT_EQ(split("\"a b\""), (std::vector<std::string>{"\"a", "b\""}));
}

TEST(ChiselArgs, TwoSpacesMakeAnEmptyArgument) {
  EXPECT_EQ(split("a  b"), (std::vector<std::string>{"a", "", "b"}));
}

TEST(ChiselArgs, UnmatchedQuoteIsAnError) {
  std::vector<std::string> out;
  EXPECT_FALSE(split_chisel_args("'abc", out));
  EXPECT_FALSE(split_chisel_args("a `b", out));
}

TEST(ChiselArgs, JoinQuotesWhatHasSpacesSoThatSplitGivesItBack) {
  std::vector<std::string> values{"evt.type", "Syscall", "", "fd.type=file and evt.is_io=true", "30"};
  std::vector<std::string> back;
  ASSERT_TRUE(split_chisel_args(join_chisel_args(values), back));
  EXPECT_EQ(back, values);
}

TEST(ChiselArgs, CountMessagesAreSysdigs) {
  std::vector<ChiselArgSpec> specs{{"min_ms", "", "int", false}, {"disable_color", "", "string", true}};
  EXPECT_EQ(check_chisel_arg_count("fileslower", specs, 1), "");
  EXPECT_EQ(check_chisel_arg_count("fileslower", specs, 2), "");
  EXPECT_EQ(check_chisel_arg_count("fileslower", specs, 0),
            "wrong number of parameters for chisel fileslower, 1 required, 0 given");
  EXPECT_EQ(check_chisel_arg_count("fileslower", specs, 3),
            "too many parameters for chisel fileslower, 1 required, 1 optional, 3 given");
}

}  // namespace
}  // namespace sysray
