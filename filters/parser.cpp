#include "filters/parser.h"

#include <fmt/format.h>

#include "filters/filter_error.h"
#include "filters/lexer.h"

namespace sysray {
namespace {

struct OperatorName {
  std::string_view text;
  CompareOp op;
};
constexpr OperatorName kOperators[] = {
    {"=", CompareOp::Eq},          {"!=", CompareOp::Ne},           {"<", CompareOp::Lt},
    {"<=", CompareOp::Le},         {">", CompareOp::Gt},            {">=", CompareOp::Ge},
    {"contains", CompareOp::Contains}, {"icontains", CompareOp::IContains}, {"startswith", CompareOp::StartsWith},
    {"endswith", CompareOp::EndsWith}, {"glob", CompareOp::Glob},   {"in", CompareOp::In},
    {"pmatch", CompareOp::PMatch},  {"exists", CompareOp::Exists},
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), lex_(text) {}

  std::unique_ptr<AstNode> parse() {
    auto root = group();
    Token t = lex_.next();
    if (t.kind == TokenKind::RParen) fail(t.column, "unexpected ')'");
    if (t.kind != TokenKind::End) fail(t.column, fmt::format("expected 'and', 'or' or the end, found '{}'", t.text));
    return root;
  }

 private:
  [[noreturn]] void fail(size_t column, const std::string& message) { throw FilterError(text_, column, message); }

  std::unique_ptr<AstNode> group() {
    auto first = item();
    Token t = lex_.peek();
    if (t.kind != TokenKind::And && t.kind != TokenKind::Or) return first;
    auto node = std::make_unique<AstNode>();
    node->kind = t.kind == TokenKind::And ? AstNode::Kind::And : AstNode::Kind::Or;
    node->column = first->column;
    node->children.push_back(std::move(first));
    while (true) {
      t = lex_.peek();
      if (t.kind != TokenKind::And && t.kind != TokenKind::Or) break;
      if ((t.kind == TokenKind::And) != (node->kind == AstNode::Kind::And)) {
        fail(t.column, "expression mixes 'and' and 'or' without parentheses; add parentheses");
      }
      lex_.next();
      node->children.push_back(item());
    }
    return node;
  }

  std::unique_ptr<AstNode> item() {
    Token t = lex_.peek();
    if (t.kind != TokenKind::Not) return primary();
    while (lex_.peek().kind == TokenKind::Not) lex_.next();
    auto node = std::make_unique<AstNode>();
    node->kind = AstNode::Kind::Not;
    node->column = t.column;
    node->children.push_back(primary());
    return node;
  }

  std::unique_ptr<AstNode> primary() {
    Token t = lex_.peek();
    switch (t.kind) {
      case TokenKind::End: fail(t.column, "unexpected end of filter: expected a field, 'not' or '('");
      case TokenKind::LParen: {
        lex_.next();
        auto inner = group();
        Token close = lex_.next();
        if (close.kind == TokenKind::End) fail(close.column, "unexpected end of filter: missing ')'");
        if (close.kind != TokenKind::RParen) {
          fail(close.column, fmt::format("expected 'and', 'or' or ')', found '{}'", close.text));
        }
        return inner;
      }
      case TokenKind::Word: return compare();
      default: fail(t.column, fmt::format("expected a field, '(' or 'not', found '{}'", t.text));
    }
  }

  std::unique_ptr<AstNode> compare() {
    auto node = std::make_unique<AstNode>();
    node->kind = AstNode::Kind::Compare;
    node->column = node->field_column = lex_.skip_blanks();
    size_t consumed = 0, error_pos = 0;
    std::string error;
    if (!parse_field(text_, node->field_column, node->field, &consumed, &error, &error_pos)) fail(error_pos, error);
    lex_.advance_to(node->field_column + consumed);

    Token op = lex_.next_operator();
    if (op.kind != TokenKind::Operator) {
      fail(op.column, fmt::format("expected a comparison operator after {}", node->field.text()));
    }
    node->op_column = op.column;
    for (const OperatorName& o : kOperators) {
      if (o.text == op.text) node->op = o.op;
    }
    if (op.text == "intersects") fail(op.column, "'intersects' is not supported");

    if (node->op == CompareOp::In || node->op == CompareOp::PMatch) {
      value_list(*node);
    } else if (node->op != CompareOp::Exists) {
      Token v = lex_.next_value(false);
      node->values.push_back({v.text, v.column});
    }
    return node;
  }

  void value_list(AstNode& node) {
    size_t open = lex_.skip_blanks();
    if (open >= text_.size() || text_[open] != '(') {
      fail(open, fmt::format("expected '(' after '{}'", compare_op_name(node.op)));
    }
    lex_.advance_to(open + 1);
    while (true) {
      Token v = lex_.next_value(true);
      node.values.push_back({v.text, v.column});
      size_t pos = lex_.skip_blanks();
      if (pos >= text_.size()) fail(pos, "unexpected end of filter: missing ')' after the list");
      lex_.advance_to(pos + 1);
      if (text_[pos] == ')') break;
      if (text_[pos] != ',') fail(pos, fmt::format("expected ',' or ')' in the list, found '{}'", text_[pos]));
    }
    if (node.values.size() == 1 && node.values[0].text.empty()) fail(open, "empty list");
  }

  std::string_view text_;
  Lexer lex_;
};

}  // namespace

std::unique_ptr<AstNode> parse_filter(std::string_view text) { return Parser(text).parse(); }

const char* compare_op_name(CompareOp op) {
  for (const OperatorName& o : kOperators) {
    if (o.op == op) return o.text.data();
  }
  return "?";
}

std::string ast_to_string(const AstNode& node) {
  switch (node.kind) {
    case AstNode::Kind::And:
    case AstNode::Kind::Or:
    case AstNode::Kind::Not: {
      std::string s = node.kind == AstNode::Kind::And ? "(and" : node.kind == AstNode::Kind::Or ? "(or" : "(not";
      for (const auto& child : node.children) s += ' ' + ast_to_string(*child);
      return s + ')';
    }
    case AstNode::Kind::Compare: {
      std::string s = fmt::format("({} {}", compare_op_name(node.op), node.field.text());
      for (const AstValue& v : node.values) s += ' ' + v.text;
      return s + ')';
    }
  }
  return "";
}

}  // namespace sysray
