#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "event/event.h"
#include "event/event_table.h"

namespace sysray {
namespace {

TEST(EventTable, KnowsOpenBothWays) {
  const EventInfo& enter = event_info(PPME_SYSCALL_OPEN_E);
  const EventInfo& exit = event_info(PPME_SYSCALL_OPEN_X);
  EXPECT_STREQ(enter.name, "open");
  EXPECT_EQ(enter.dir, Direction::Enter);
  EXPECT_EQ(exit.dir, Direction::Exit);
  ASSERT_GE(exit.nparams, 5);
  EXPECT_STREQ(exit.params[0].name, "fd");
  EXPECT_EQ(exit.params[0].type, ParamType::FD);
  EXPECT_EQ(exit.event_class(), EC_FILE);
  EXPECT_TRUE(exit.category & EC_SYSCALL);
}

TEST(EventTable, LegacyLayoutDrivesDisplay) {
  // mmap's exit res was a hex u64 in sysdig 0.29.3; it is an errno now.
  const EventInfo& mmap_x = event_info(161);
  EXPECT_EQ(mmap_x.params[0].type, ParamType::ERRNO);
  ASSERT_TRUE(mmap_x.has_legacy);
  EXPECT_EQ(mmap_x.display_params()[0].type, ParamType::UINT64);
  EXPECT_EQ(mmap_x.display_params()[0].format, PrintFormat::HEX);
  EXPECT_EQ(mmap_x.display_nparams(), 4);
  // Ids sysdig 0.29.3 does not know use the current layout.
  EXPECT_FALSE(event_info(kLegacyEventMax).has_legacy);
}

TEST(EventTable, LargePayloadTypes) {
  EXPECT_TRUE(event_info(322).is_large_payload());
  EXPECT_FALSE(event_info(PPME_SYSCALL_OPEN_X).is_large_payload());
}

TEST(EventTable, Names) {
  EXPECT_STREQ(errno_name(2), "ENOENT");
  EXPECT_EQ(errno_name(100000), nullptr);
  EXPECT_STREQ(signal_name(9), "SIGKILL");
  EXPECT_STREQ(syscall_name(3), "read");
  ASSERT_NE(flag_table_by_name("file_flags"), nullptr);
  EXPECT_EQ(flag_table_by_name("no_such_table"), nullptr);
}

// Builds a scap-layout event: header, u16 lengths, params.
std::vector<uint8_t> make_event(uint16_t type, const std::vector<std::string>& params) {
  std::vector<uint8_t> out(kEventHeaderSize);
  uint64_t ts = 1000;
  int64_t tid = 42;
  uint32_t nparams = uint32_t(params.size());
  for (auto& p : params) {
    uint16_t len = uint16_t(p.size());
    out.insert(out.end(), reinterpret_cast<uint8_t*>(&len), reinterpret_cast<uint8_t*>(&len) + 2);
  }
  for (auto& p : params) out.insert(out.end(), p.begin(), p.end());
  uint32_t len = uint32_t(out.size());
  memcpy(out.data(), &ts, 8);
  memcpy(out.data() + 8, &tid, 8);
  memcpy(out.data() + 16, &len, 4);
  memcpy(out.data() + 20, &type, 2);
  memcpy(out.data() + 22, &nparams, 4);
  return out;
}

TEST(DecodeEvent, ReadsHeaderAndParams) {
  int64_t fd = 3;
  auto bytes = make_event(PPME_SYSCALL_CLOSE_E, {std::string(reinterpret_cast<char*>(&fd), 8)});
  Event ev;
  std::string err;
  ASSERT_TRUE(decode_event(bytes.data(), bytes.size(), ev, &err)) << err;
  EXPECT_EQ(ev.ts, 1000u);
  EXPECT_EQ(ev.tid, 42);
  EXPECT_EQ(ev.type, PPME_SYSCALL_CLOSE_E);
  EXPECT_EQ(ev.nparams, 1u);
  EXPECT_EQ(ev.param_int<int64_t>(0), 3);
  EXPECT_EQ(ev.param_int<int64_t>(5), 0);
}

TEST(DecodeEvent, RejectsParamOverrun) {
  auto bytes = make_event(PPME_SYSCALL_CLOSE_E, {"12345678"});
  bytes[kEventHeaderSize] = 200;  // first length now overruns the event
  Event ev;
  std::string err;
  EXPECT_FALSE(decode_event(bytes.data(), bytes.size(), ev, &err));
  EXPECT_NE(err.find("overruns"), std::string::npos) << err;
}

TEST(DecodeEvent, RejectsUnknownTypeAndShortHeader) {
  auto bytes = make_event(60000, {});
  Event ev;
  std::string err;
  EXPECT_FALSE(decode_event(bytes.data(), bytes.size(), ev, &err));
  EXPECT_NE(err.find("unknown event type 60000"), std::string::npos) << err;
  EXPECT_FALSE(decode_event(bytes.data(), 10, ev, &err));
}

}  // namespace
}  // namespace sysray
