// The filter lexer: turns filter text into tokens with their columns.
//
// sysdig's filter syntax is context dependent: after a comparison operator
// everything up to a blank or ')' is the value ("proc.name==cat" compares
// with "=cat"). So the parser tells the lexer what it expects next: a
// structural token, an operator, or a value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sysray {

enum class TokenKind {
  End,
  LParen,
  RParen,
  Comma,
  And,
  Or,
  Not,
  Word,      // a field name (with its argument) or anything else unquoted
  Operator,  // = != < <= > >= contains icontains startswith endswith glob in pmatch exists
  Value,     // a comparison value, quoted or bare; text is the unquoted value
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;
  size_t column = 0;  // 0-based offset of the token's first character
};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}

  // The next structural token: ( ) , and or not, or a Word.
  Token next();
  // The next token without consuming it.
  Token peek();
  // A comparison operator at the cursor, or an End token (text empty) when
  // there is none.
  Token next_operator();
  // A value: a quoted string, or bare text up to a blank, '(' or ')' (and
  // ',' inside a list). Throws FilterError on an unterminated quote.
  Token next_value(bool in_list);
  // Skips blanks and returns the cursor (the column of what comes next).
  size_t skip_blanks();
  void advance_to(size_t pos) { pos_ = pos; }
  std::string_view source() const { return src_; }

 private:
  Token quoted(char quote);

  std::string_view src_;
  size_t pos_ = 0;
};

}  // namespace sysray
