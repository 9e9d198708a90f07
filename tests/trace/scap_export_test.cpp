// -w FILE.scap: Debian's sysdig 0.29.3 reads the export and prints exactly
// what sysray prints for the original capture; sysray reads it back too.
#include <gtest/gtest.h>

#include <cstdio>

#include "support/run_sysray.h"
#include "trace_test_support.h"

namespace sysray::test {
namespace {

// sysdig's stdout for `sysdig -r path args...` (its stderr is dropped:
// -v prints run statistics there).
std::string sysdig_output(const std::string& path, const std::vector<std::string>& args) {
  std::string cmd = "sysdig -r '" + path + "'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

const std::vector<std::vector<std::string>> kModes = {
    {},
    {"-j"},
    {"-A"},
    {"-X"},
    {"-v"},
    {"-p", "%evt.num:%evt.type:%evt.dir:%proc.name:%thread.tid:%fd.name:%evt.res:%evt.latency"},
};

class ScapExport : public ::testing::TestWithParam<std::string> {};

TEST_P(ScapExport, SysdigPrintsWhatSysrayPrints) {
  if (!have_sysdig()) GTEST_SKIP() << "sysdig is not installed";
  const std::string name = GetParam();
  ScratchDir dir;
  const std::string plain = dir.file("x.scap"), gz = dir.file("y.scap");
  RunResult w = run_sysray({"-r", capture(name), "-w", plain});
  ASSERT_EQ(w.status, 0) << w.err;
  EXPECT_EQ(w.out + w.err, "");
  ASSERT_EQ(run_sysray({"-r", capture(name), "-z", "-w", gz}).status, 0);
  const std::vector<uint8_t> gz_bytes = file_bytes(gz);
  ASSERT_GE(gz_bytes.size(), 2u);
  EXPECT_EQ(gz_bytes[0], 0x1f);  // gzip magic
  EXPECT_EQ(gz_bytes[1], 0x8b);

  for (const auto& mode : kModes) {
    std::vector<std::string> args = {"-r", capture(name)};
    args.insert(args.end(), mode.begin(), mode.end());
    const std::string want = run_sysray(args).out;
    ASSERT_FALSE(want.empty());
    EXPECT_EQ(sysdig_output(plain, mode), want) << name << " " << (mode.empty() ? "" : mode[0]);
    EXPECT_EQ(sysdig_output(gz, mode), want) << name << " -z " << (mode.empty() ? "" : mode[0]);
    args[1] = plain;
    EXPECT_EQ(run_sysray(args).out, want) << "sysray reading its own export";
  }
}

INSTANTIATE_TEST_SUITE_P(Captures, ScapExport, ::testing::ValuesIn(kCaptures), [](const auto& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

TEST(ScapExportCli, ZWithoutScapOutputIsAUsageError) {
  ScratchDir dir;
  RunResult r = run_sysray({"-r", capture("cat_write"), "-z", "-w", dir.file("x.sray")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "sysray: -z needs -w FILE.scap (a .sray trace is always compressed)\n");
}

}  // namespace
}  // namespace sysray::test
