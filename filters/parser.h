// The filter parser: recursive descent over the lexer's tokens.
//
// Grammar, as sysdig 0.29.3 accepts it:
//   filter  := group END
//   group   := item (('and' | 'or') item)*    -- one kind of operator per group
//   item    := 'not'* primary                 -- "not not x" is "not x", as in sysdig
//   primary := '(' group ')' | compare
//   compare := FIELD OP VALUE | FIELD ('in' | 'pmatch') '(' VALUE (',' VALUE)* ')' | FIELD 'exists'
// sysdig has no precedence between 'and' and 'or': a group that mixes them
// is an error ("use parentheses"). 'not' applies to the next item only.
#pragma once

#include <memory>
#include <string_view>

#include "filters/ast.h"

namespace sysray {

// Throws FilterError. Field names are resolved against the registry, but
// values are not checked against the field types yet (see checker.h).
std::unique_ptr<AstNode> parse_filter(std::string_view text);

}  // namespace sysray
