// A probe that fails to load is explained in one line drawn from libbpf's
// messages. The samples follow libbpf 1.x's wording.
#include "live/libbpf_log.h"

#include <gtest/gtest.h>

namespace sysray {
namespace {

TEST(LibbpfLog, VerifierRejectionNamesTheProgramAndTheReason) {
  std::string log =
      "libbpf: prog 'x_openat': BPF program load failed: Permission denied\n"
      "libbpf: prog 'x_openat': -- BEGIN PROG LOAD LOG --\n"
      "0: R1=ctx() R10=fp0\n"
      "; int x_openat(struct pt_regs *regs)\n"
      "12: (61) r2 = *(u32 *)(r1 +0)\n"
      "R1 invalid mem access 'scalar'\n"
      "processed 13 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 1\n"
      "-- END PROG LOAD LOG --\n"
      "libbpf: prog 'x_openat': failed to load: -13\n"
      "libbpf: failed to load object 'probe_bpf'\n";
  EXPECT_EQ(describe_load_failure(log),
            "the kernel's verifier rejected probe program x_openat: R1 invalid mem access 'scalar'");
}

TEST(LibbpfLog, MapCreationFailure) {
  std::string log = "libbpf: map 'ringbufs': failed to create: Operation not permitted(-1)\n";
  EXPECT_EQ(describe_load_failure(log), "cannot create BPF map ringbufs: Operation not permitted(-1)");
}

TEST(LibbpfLog, LoadFailureWithoutAVerifierLog) {
  std::string log = "libbpf: prog 'sys_enter': BPF program load failed: Invalid argument\n";
  EXPECT_EQ(describe_load_failure(log), "the kernel refused probe program sys_enter: Invalid argument");
}

TEST(LibbpfLog, NothingNamedGivesEmpty) {
  EXPECT_EQ(describe_load_failure(""), "");
  EXPECT_EQ(describe_load_failure("libbpf: loading object 'probe_bpf' from buffer\n"), "");
}

}  // namespace
}  // namespace sysray
