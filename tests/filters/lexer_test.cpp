#include "filters/lexer.h"

#include <gtest/gtest.h>

#include "filters/filter_error.h"

namespace sysray {
namespace {

TEST(Lexer, StructuralTokensCarryColumns) {
  Lexer lex("not (a or b) and c");
  Token t = lex.next();
  EXPECT_EQ(t.kind, TokenKind::Not);
  EXPECT_EQ(t.column, 0u);
  t = lex.next();
  EXPECT_EQ(t.kind, TokenKind::LParen);
  EXPECT_EQ(t.column, 4u);
  t = lex.next();
  EXPECT_EQ(t.kind, TokenKind::Word);
  EXPECT_EQ(t.text, "a");
  EXPECT_EQ(lex.next().kind, TokenKind::Or);
  EXPECT_EQ(lex.next().text, "b");
  t = lex.next();
  EXPECT_EQ(t.kind, TokenKind::RParen);
  EXPECT_EQ(t.column, 11u);
  EXPECT_EQ(lex.next().kind, TokenKind::And);
  EXPECT_EQ(lex.next().text, "c");
  EXPECT_EQ(lex.next().kind, TokenKind::End);
}

TEST(Lexer, KeywordsNeedTheirWholeWord) {
  Lexer lex("andrew order nothing");
  EXPECT_EQ(lex.next().kind, TokenKind::Word);
  EXPECT_EQ(lex.next().kind, TokenKind::Word);
  EXPECT_EQ(lex.next().kind, TokenKind::Word);
}

TEST(Lexer, WordsStopAtOperatorsAndKeepBracketArguments) {
  Lexer lex("container.mount[/usr/local]=x");
  Token t = lex.next();
  EXPECT_EQ(t.text, "container.mount[/usr/local]");
  EXPECT_EQ(lex.next_operator().text, "=");
}

TEST(Lexer, OperatorsLongestFirstButDoubleEqualsIsEqualsThenValue) {
  for (const char* op : {"!=", "<=", ">=", "<", ">", "=", "contains", "icontains", "startswith", "endswith", "glob",
                         "in", "pmatch", "exists"}) {
    std::string text = std::string(" ") + op + " x";
    Lexer lex(text);
    Token t = lex.next_operator();
    EXPECT_EQ(t.kind, TokenKind::Operator) << op;
    EXPECT_EQ(t.text, op);
    EXPECT_EQ(t.column, 1u);
  }
  Lexer lex("==cat");
  EXPECT_EQ(lex.next_operator().text, "=");
  EXPECT_EQ(lex.next_value(false).text, "=cat");  // as sysdig 0.29.3
  Lexer none("foo");
  EXPECT_EQ(none.next_operator().kind, TokenKind::End);
}

TEST(Lexer, BareValuesEndAtBlanksAndParentheses) {
  Lexer lex("/etc/passwd) and");
  Token v = lex.next_value(false);
  EXPECT_EQ(v.text, "/etc/passwd");
  EXPECT_EQ(lex.next().kind, TokenKind::RParen);
  Lexer list("a,b )");
  EXPECT_EQ(list.next_value(true).text, "a");
  Lexer plain("a,b )");
  EXPECT_EQ(plain.next_value(false).text, "a,b");
}

TEST(Lexer, QuotedValuesKeepBlanksAndEscapes) {
  Lexer lex(R"('cat and dog' "say \"hi\"")");
  Token v = lex.next_value(false);
  EXPECT_EQ(v.text, "cat and dog");
  EXPECT_EQ(v.column, 0u);
  v = lex.next_value(false);
  EXPECT_EQ(v.text, "say \"hi\"");
  EXPECT_EQ(v.column, 14u);
}

TEST(Lexer, UnterminatedQuoteIsAnError) {
  Lexer lex("x 'abc");
  lex.next();
  try {
    lex.next_value(false);
    FAIL();
  } catch (const FilterError& e) {
    EXPECT_EQ(e.column(), 2u);
  }
}

}  // namespace
}  // namespace sysray
