// Every syscall that has an event of its own in the event table has an
// enter and an exit program in the probe, so none of them silently falls
// back to a generic event. Reads the embedded probe; needs no privileges.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "live/probe_programs.h"

namespace sysray {
namespace {

// Syscalls with an event of their own that the probe leaves generic, and why.
// Empty: every one of them is decoded. Add a name here only with a reason.
const std::set<std::string> kLeftGeneric = {};

TEST(SyscallCoverage, EverySyscallWithItsOwnEventHasFillers) {
  ProbeFillers fillers = probe_fillers();
  auto specific = specific_syscalls();
  ASSERT_GT(specific.size(), 140u) << "the syscall map lost its event ids";
  for (const auto& sc : specific) {
    if (kLeftGeneric.count(sc.name)) continue;
    // An unused enter event still needs a (silent) enter program, or the
    // dispatcher would send a generic enter event.
    EXPECT_TRUE(fillers.enter.count(sc.name)) << sc.name << ": no enter program (e_" << sc.name << ")";
    EXPECT_TRUE(fillers.exit.count(sc.name)) << sc.name << ": no exit program (x_" << sc.name << ")";
  }
}

TEST(SyscallCoverage, EveryFillerIsForASyscallWithItsOwnEvent) {
  ProbeFillers fillers = probe_fillers();
  std::set<std::string> names;
  for (const auto& sc : specific_syscalls()) names.insert(sc.name);
  for (const auto& name : fillers.enter) EXPECT_TRUE(names.count(name)) << "e_" << name << " has no event of its own";
  for (const auto& name : fillers.exit) EXPECT_TRUE(names.count(name)) << "x_" << name << " has no event of its own";
}

TEST(SyscallCoverage, ExclusionsAreStillSpecific) {
  std::set<std::string> names;
  for (const auto& sc : specific_syscalls()) names.insert(sc.name);
  for (const auto& name : kLeftGeneric) EXPECT_TRUE(names.count(name)) << name << " no longer needs an exclusion";
}

}  // namespace
}  // namespace sysray
