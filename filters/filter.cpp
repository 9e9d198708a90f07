#include "filters/filter.h"

#include "filters/parser.h"

namespace sysray {

std::unique_ptr<Filter> compile_filter(std::string_view text, bool order_by_cost) {
  std::unique_ptr<AstNode> ast = parse_filter(text);
  return std::make_unique<Filter>(std::string(text), compile_ast(*ast, text, order_by_cost));
}

}  // namespace sysray
