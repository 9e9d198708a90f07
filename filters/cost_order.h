// An optimisation pass on a compiled filter: the operands of every and/or
// are put in order of estimated cost, cheapest first, so that short-circuit
// skips the expensive checks (fd names, ancestors) on the events a cheap
// one (event type, direction) already decides.
//
//   proc.name=curl and evt.dir=<   is evaluated as   evt.dir=< and proc.name=curl
//
// The result cannot change: checks have no side effects, an absent field
// just makes a check false, and and/or are commutative on such checks. An
// and/or with an operand that has side effects (evt.deltatime, thread.cpu:
// reading them changes the next reading) keeps its order.
#pragma once

#include <cstdint>

#include "filters/compiler.h"

namespace sysray {

// Relative cost of evaluating one check, for ordering only.
uint32_t estimated_cost(const CompiledCheck& check);

// Reorders the operands of the program's and/or nodes in place.
void order_by_cost(FilterProgram& program);

}  // namespace sysray
