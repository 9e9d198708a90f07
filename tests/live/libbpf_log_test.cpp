// A probe that fails to load is explained in one line drawn from libbpf's
// messages. The samples follow libbpf 1.x's wording.
#include "live/libbpf_log.h"

#include <bpf/libbpf.h>
#include <gtest/gtest.h>

#include <cstdarg>

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

// libbpf hands the whole verifier log over in one message; a long one
// must not lose its last line, where the reason is.
TEST(LibbpfLog, LongVerifierLogKeepsItsReason) {
  LibbpfLog log;
  std::string body;
  for (int i = 0; i < 5000; i++) body += std::to_string(i) + ": (b7) r0 = 0\n";
  body += "R2 !read_ok\nprocessed 5001 insns (limit 1000000)\n";
  // What libbpf does when a program is rejected (its print goes through the callback).
  libbpf_print_fn_t print = libbpf_set_print(nullptr);
  libbpf_set_print(print);
  ASSERT_NE(print, nullptr);
  auto call = [&](const char* format, ...) {
    va_list args;
    va_start(args, format);
    print(LIBBPF_WARN, format, args);
    va_end(args);
  };
  call("libbpf: prog '%s': -- BEGIN PROG LOAD LOG --\n%s-- END PROG LOAD LOG --\n", "x_read", body.c_str());
  EXPECT_EQ(describe_load_failure(log.text()), "the kernel's verifier rejected probe program x_read: R2 !read_ok");
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
