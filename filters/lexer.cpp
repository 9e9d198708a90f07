#include "filters/lexer.h"

#include <array>

#include "filters/filter_error.h"

namespace sysray {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where a structural word ends: sysdig's words stop at blanks, parentheses
// and the first character of a symbolic operator.
bool ends_word(char c) {
  return is_blank(c) || c == '(' || c == ')' || c == ',' || c == '=' || c == '!' || c == '<' || c == '>' ||
         c == '\'' || c == '"';
}

constexpr std::array<std::string_view, 9> kWordOperators = {"contains", "icontains", "startswith", "endswith", "glob",
                                                            "in",       "pmatch",    "exists",     "intersects"};

}  // namespace

size_t Lexer::skip_blanks() {
  while (pos_ < src_.size() && is_blank(src_[pos_])) ++pos_;
  return pos_;
}

Token Lexer::peek() {
  size_t saved = pos_;
  Token t = next();
  pos_ = saved;
  return t;
}

Token Lexer::next() {
  Token t;
  t.column = skip_blanks();
  if (pos_ >= src_.size()) return t;
  char c = src_[pos_];
  if (c == '(' || c == ')' || c == ',') {
    t.kind = c == '(' ? TokenKind::LParen : c == ')' ? TokenKind::RParen : TokenKind::Comma;
    t.text.assign(1, c);
    ++pos_;
    return t;
  }
  size_t start = pos_;
  while (pos_ < src_.size() && !ends_word(src_[pos_])) {
    if (src_[pos_] == '[') {  // a field argument is one unit: container.mount[/usr/local]
      size_t close = src_.find(']', pos_);
      pos_ = close == std::string_view::npos ? src_.size() : close + 1;
      continue;
    }
    ++pos_;
  }
  if (pos_ == start) ++pos_;  // a stray symbol is a one-character word
  t.text = std::string(src_.substr(start, pos_ - start));
  t.kind = t.text == "and" ? TokenKind::And : t.text == "or" ? TokenKind::Or : t.text == "not" ? TokenKind::Not
                                                                                               : TokenKind::Word;
  return t;
}

Token Lexer::next_operator() {
  Token t;
  t.column = skip_blanks();
  // Longest symbol first, except that "==" is "=" followed by a value that
  // starts with '=', as in sysdig 0.29.3.
  for (std::string_view op : {std::string_view("!="), std::string_view("<="), std::string_view(">=")}) {
    if (src_.substr(pos_, 2) == op) {
      t.kind = TokenKind::Operator;
      t.text = op;
      pos_ += 2;
      return t;
    }
  }
  if (pos_ < src_.size() && (src_[pos_] == '=' || src_[pos_] == '<' || src_[pos_] == '>')) {
    t.kind = TokenKind::Operator;
    t.text.assign(1, src_[pos_++]);
    return t;
  }
  size_t end = pos_;
  while (end < src_.size() && src_[end] >= 'a' && src_[end] <= 'z') ++end;
  std::string_view word = src_.substr(pos_, end - pos_);
  for (std::string_view op : kWordOperators) {
    if (word == op) {
      t.kind = TokenKind::Operator;
      t.text = op;
      pos_ = end;
      return t;
    }
  }
  return t;
}

Token Lexer::quoted(char quote) {
  Token t;
  t.kind = TokenKind::Value;
  t.column = pos_;
  ++pos_;
  while (pos_ < src_.size() && src_[pos_] != quote) {
    if (src_[pos_] == '\\' && pos_ + 1 < src_.size()) ++pos_;  // \' \" \\ stand for the character
    t.text += src_[pos_++];
  }
  if (pos_ >= src_.size()) throw FilterError(src_, t.column, "unterminated quoted string");
  ++pos_;
  return t;
}

Token Lexer::next_value(bool in_list) {
  skip_blanks();
  if (pos_ < src_.size() && (src_[pos_] == '\'' || src_[pos_] == '"')) return quoted(src_[pos_]);
  Token t;
  t.kind = TokenKind::Value;
  t.column = pos_;
  size_t start = pos_;
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (is_blank(c) || c == '(' || c == ')' || (in_list && c == ',')) break;
    ++pos_;
  }
  t.text = std::string(src_.substr(start, pos_ - start));
  return t;
}

}  // namespace sysray
