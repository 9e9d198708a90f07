// ScapReader on the shared sample captures and on damaged copies of them.
#include "source/scap_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

namespace sysray {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

std::string trace(const std::string& name) { return std::string(SYSRAY_SHARED_DIR "/traces/") + name; }

Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

Bytes gunzip(const Bytes& gz) {
  z_stream z{};
  inflateInit2(&z, 15 + 32);
  Bytes out(1 << 16);
  z.next_in = const_cast<uint8_t*>(gz.data());
  z.avail_in = uInt(gz.size());
  size_t have = 0;
  for (;;) {
    if (have == out.size()) out.resize(out.size() * 2);
    z.next_out = out.data() + have;
    z.avail_out = uInt(out.size() - have);
    int rc = inflate(&z, Z_NO_FLUSH);
    have = out.size() - z.avail_out;
    if (rc == Z_STREAM_END || (rc != Z_OK && rc != Z_BUF_ERROR)) break;
  }
  inflateEnd(&z);
  out.resize(have);
  return out;
}

Bytes gzip(const Bytes& plain) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  Bytes out(deflateBound(&z, plain.size()) + 64);
  z.next_in = const_cast<uint8_t*>(plain.data());
  z.avail_in = uInt(plain.size());
  z.next_out = out.data();
  z.avail_out = uInt(out.size());
  deflate(&z, Z_FINISH);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

// The capture's bytes with gzip undone.
Bytes plain_capture(const std::string& name) {
  Bytes raw = read_file(trace(name));
  return raw.size() > 2 && raw[0] == 0x1f && raw[1] == 0x8b ? gunzip(raw) : raw;
}

uint32_t get32(const Bytes& b, size_t at) {
  uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}
void put32(Bytes& b, size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); }

struct Block {
  size_t offset;
  uint32_t type, length;
};

std::vector<Block> blocks_of(const Bytes& b) {
  std::vector<Block> out;
  for (size_t off = 0; off + 8 <= b.size();) {
    Block blk{off, get32(b, off), get32(b, off + 4)};
    out.push_back(blk);
    off += blk.length;
  }
  return out;
}

bool is_event_block(uint32_t type) {
  return type == 0x204 || type == 0x208 || type == 0x216 || type == 0x217 || type == 0x221 || type == 0x222;
}

// Offset of the n-th (0-based) event block.
Block event_block(const Bytes& b, size_t n) {
  for (const Block& blk : blocks_of(b))
    if (is_event_block(blk.type) && n-- == 0) return blk;
  ADD_FAILURE() << "no such event block";
  return {};
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/sysray_scap_test_XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string write(const std::string& name, const Bytes& b) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Drained {
  uint64_t events = 0;
  std::string error;  // empty when the reader reached the end cleanly
  bool nums_in_order = true;
};

Drained drain(ScapReader& reader, State& state, const std::function<void(const Event&)>& each = {}) {
  Drained d;
  try {
    reader.open(state);
    Event ev;
    while (reader.next(ev)) {
      d.events++;
      d.nums_in_order = d.nums_in_order && ev.num == d.events;
      if (each) each(ev);
    }
  } catch (const SourceError& e) {
    d.error = e.what();
  }
  return d;
}

Drained drain_file(const std::string& path, ScapReaderOptions options = {}) {
  ScapReader reader(path, options);
  State state;
  return drain(reader, state);
}

// --- the sample captures -------------------------------------------------

struct Sample {
  const char* file;
  uint64_t events;  // counted with the reference emulator (scapread.py)
  uint64_t last_shown_num;  // last evt.num in expected/<name>.default.txt
};

const Sample kSamples[] = {
    {"cat_write.scap", 345, 215},         {"connect_localhost.scap", 374, 191},
    {"curl_google.scap", 1536, 1431},     {"open-multiple-files.scap", 1272, 1181},
    {"ping_sendto.scap", 1526, 1389},     {"single_ipv6_conn.scap", 1728, 1540},
    {"syscall.scap", 368, 190},           {"test_ipv6_client.scap", 326, 240},
};

TEST(ScapReader, ReadsEverySampleCapture) {
  for (const Sample& s : kSamples) {
    SCOPED_TRACE(s.file);
    ScapReader reader(trace(s.file));
    State state;
    uint64_t with_bad_cpu = 0;
    Drained d = drain(reader, state, [&](const Event& ev) { with_bad_cpu += ev.cpu >= state.machine.num_cpus; });
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.events, s.events);
    EXPECT_GE(d.events, s.last_shown_num);
    EXPECT_TRUE(d.nums_in_order);
    EXPECT_EQ(with_bad_cpu, 0u);
    EXPECT_EQ(reader.stats().events, s.events);
    EXPECT_FALSE(state.threads().empty());
  }
}

TEST(ScapReader, LoadsThreadsUsersAndMachine) {
  ScapReader reader(trace("cat_write.scap"));
  State state;
  ASSERT_EQ(drain(reader, state).error, "");
  const ThreadInfo* bash = state.find_thread(11310);
  ASSERT_NE(bash, nullptr);
  EXPECT_EQ(bash->comm, "bash");
  EXPECT_EQ(bash->exe, "/bin/bash");
  EXPECT_EQ(bash->args, (std::vector<std::string>{"--noediting", "-i"}));
  EXPECT_EQ(bash->cwd, "/mnt/sf_mstemm/work/src/agent/build/release/userspace/dragent/");
  const ThreadInfo* init = state.find_thread(1);
  ASSERT_NE(init, nullptr);
  EXPECT_EQ(init->comm, "systemd");
  EXPECT_EQ(init->sid, 1);
  EXPECT_EQ(init->fdlimit, 65536);
  EXPECT_EQ(init->vmrss_kb, 5540u);
  EXPECT_EQ(init->env.front(), "HOME=/");
  EXPECT_EQ(init->cgroups.front(), "freezer=/");
  EXPECT_EQ(init->root, "/");
  ASSERT_NE(state.find_user(0), nullptr);
  EXPECT_EQ(state.find_user(0)->name, "root");
  EXPECT_EQ(state.find_user(1)->shell, "/usr/sbin/nologin");
  ASSERT_NE(state.find_group(1), nullptr);
  EXPECT_EQ(state.find_group(1)->name, "daemon");
  EXPECT_EQ(state.users().size(), 32u);
  EXPECT_EQ(state.groups().size(), 61u);
  EXPECT_EQ(state.interfaces().size(), 5u);
  EXPECT_EQ(state.machine.hostname, "ubuntu");
  EXPECT_EQ(state.machine.num_cpus, 2u);
}

TEST(ScapReader, LoadsProcessListV9) {
  ScapReader reader(trace("ping_sendto.scap"));
  State state;
  ASSERT_EQ(drain(reader, state).error, "");
  const ThreadInfo* init = state.find_thread(1);
  ASSERT_NE(init, nullptr);
  EXPECT_EQ(init->exepath, "/lib/systemd/systemd");
  EXPECT_EQ(init->vpgid, 1);
  EXPECT_EQ(init->loginuid, 0xffffffffu);
  EXPECT_EQ(state.users().size(), 42u);
  EXPECT_EQ(state.interfaces().size(), 10u);
}

TEST(ScapReader, NamesFdsAsSysdigDoes) {
  ScapReader reader(trace("curl_google.scap"));
  State state;
  ASSERT_EQ(drain(reader, state).error, "");
  auto fd = [&](int64_t tid, int64_t num) -> const FdInfo* {
    const ThreadInfo* t = state.find_thread(tid);
    return t ? state.find_fd(*t, num) : nullptr;
  };
  const FdInfo* ssh = fd(3111, 3);
  ASSERT_NE(ssh, nullptr);
  EXPECT_EQ(ssh->type, FdType::Ipv4Sock);
  EXPECT_EQ(ssh->l4proto, L4Proto::Tcp);
  // sshd's local port 22 is a listening port in the file, so
  // State::finish_loading() turns the FDL tuple into client->server.
  EXPECT_EQ(ssh->sport, 63740);
  EXPECT_EQ(ssh->dport, 22);
  EXPECT_EQ(ssh->role, FdRole::Server);
  EXPECT_EQ(ssh->name, "50.207.137.246:63740->10.0.0.79:22");
  const FdInfo* dhcp6 = fd(1182, 5);
  ASSERT_NE(dhcp6, nullptr);
  EXPECT_EQ(dhcp6->type, FdType::Ipv6ServSock);
  EXPECT_EQ(dhcp6->role, FdRole::Server);
  EXPECT_EQ(dhcp6->name, "fe80::ceb:feff:fe7d:6f7e:546");
  const FdInfo* dhcp = fd(980, 6);
  ASSERT_NE(dhcp, nullptr);
  EXPECT_EQ(dhcp->type, FdType::Ipv4ServSock);
  EXPECT_EQ(dhcp->l4proto, L4Proto::Udp);
  EXPECT_EQ(dhcp->name, "0.0.0.0:68");
  const FdInfo* sshd6 = fd(1397, 4);
  ASSERT_NE(sshd6, nullptr);
  EXPECT_EQ(sshd6->name, ":::22");

  ScapReader cat_reader(trace("cat_write.scap"));
  State cat;
  ASSERT_EQ(drain(cat_reader, cat).error, "");
  const FdInfo* notify = cat.find_fd(*cat.find_thread(1), 12);
  ASSERT_NE(notify, nullptr);
  EXPECT_EQ(notify->type, FdType::UnixSock);
  EXPECT_EQ(notify->role, FdRole::Server);
  EXPECT_EQ(notify->name, "/run/systemd/notify\n");
  EXPECT_EQ(notify->ino, 9301u);
}

TEST(ScapReader, ReadsV1EventsInPlaceAndConvertsThemToV2) {
  ScapReader reader(trace("cat_write.scap"));
  State state;
  reader.open(state);
  Event ev;
  ASSERT_TRUE(reader.next(ev));
  EXPECT_EQ(ev.num, 1u);
  EXPECT_EQ(ev.type, PPME_PROCINFO_E);
  EXPECT_EQ(ev.tid, 1);
  EXPECT_EQ(ev.ts, 1470327475999999999u);
  EXPECT_EQ(ev.nparams, 2u);  // inferred: V1 events do not store it
  EXPECT_EQ(ev.header_size, kEventHeaderSizeV1);
  EXPECT_EQ(ev.raw_len, kEventHeaderSizeV1 + 2 * 2 + 2 * 8);
  EXPECT_EQ(ev.param_int<uint64_t>(0), load_le<uint64_t>(ev.raw + kEventHeaderSizeV1 + 4));
  std::vector<uint8_t> v2;
  append_v2(ev, v2);
  ASSERT_EQ(v2.size(), kEventHeaderSize + 2 * 2 + 2 * 8);
  EXPECT_EQ(load_le<uint32_t>(v2.data() + 16), v2.size());  // len
  EXPECT_EQ(load_le<uint16_t>(v2.data() + 20), PPME_PROCINFO_E);
  EXPECT_EQ(load_le<uint32_t>(v2.data() + 22), 2u);  // nparams
  Event again;
  std::string error;
  ASSERT_TRUE(decode_event(v2.data(), v2.size(), again, &error)) << error;
  EXPECT_EQ(again.param(0), ev.param(0));
  EXPECT_EQ(again.param(1), ev.param(1));
}

TEST(ScapReader, PlainAndGzipGiveTheSameEvents) {
  TempDir dir;
  Bytes plain = plain_capture("cat_write.scap");
  std::vector<uint64_t> from_gzip, from_plain, from_members;
  auto collect = [](const std::string& path, std::vector<uint64_t>& out) {
    ScapReader reader(path);
    State state;
    return drain(reader, state, [&](const Event& ev) { out.push_back(ev.ts ^ (uint64_t(ev.type) << 48) ^ ev.raw_len); });
  };
  EXPECT_EQ(collect(trace("cat_write.scap"), from_gzip).error, "");
  EXPECT_EQ(collect(dir.write("plain.scap", plain), from_plain).error, "");
  // Two gzip members back to back, split mid-block.
  Bytes first(plain.begin(), plain.begin() + 5001), second(plain.begin() + 5001, plain.end());
  Bytes members = gzip(first);
  Bytes tail = gzip(second);
  members.insert(members.end(), tail.begin(), tail.end());
  EXPECT_EQ(collect(dir.write("members.scap", members), from_members).error, "");
  EXPECT_EQ(from_gzip.size(), 345u);
  EXPECT_EQ(from_gzip, from_plain);
  EXPECT_EQ(from_gzip, from_members);
}

TEST(ScapReader, ReadsFromMemory) {
  Bytes raw = read_file(trace("ping_sendto.scap"));
  ScapReader reader("ping_sendto (memory)", raw);
  State state;
  Drained d = drain(reader, state);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.events, 1526u);
}

TEST(ScapReader, ConcatenatedCapturesRestartTheSection) {
  TempDir dir;
  Bytes a = plain_capture("cat_write.scap");
  Bytes b = plain_capture("syscall.scap");
  a.insert(a.end(), b.begin(), b.end());
  ScapReader reader(dir.write("both.scap", a));
  State state;
  Drained d = drain(reader, state);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.events, 345u + 368u);
  EXPECT_TRUE(d.nums_in_order);
  EXPECT_NE(state.find_thread(11310), nullptr);  // from the first section
  EXPECT_NE(state.find_thread(1715), nullptr);   // from the second
}

TEST(ScapReader, HonoursSectionHeaderOptionsAndExtraBytesInEventBlocks) {
  TempDir dir;
  Bytes b = plain_capture("cat_write.scap");
  // pcapng options in the SHB: a comment "hi!!" then the end-of-options marker.
  const uint8_t options[] = {1, 0, 4, 0, 'h', 'i', '!', '!', 0, 0, 0, 0};
  b.insert(b.begin() + 24, options, options + sizeof options);
  put32(b, 4, 28 + sizeof options);
  put32(b, 24 + sizeof options, 28 + sizeof options);
  // A pcapng comment after the third event, inside its block.
  Block ev = event_block(b, 2);
  const uint8_t comment[] = {1, 0, 4, 0, 'n', 'o', 't', 'e'};
  b.insert(b.begin() + ev.offset + ev.length - 4, comment, comment + sizeof comment);
  put32(b, ev.offset + 4, ev.length + sizeof comment);
  put32(b, ev.offset + ev.length + sizeof comment - 4, ev.length + sizeof comment);
  Drained d = drain_file(dir.write("options.scap", b));
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.events, 345u);
}

TEST(ScapReader, SkipsUnknownBlocksByLength) {
  TempDir dir;
  Bytes b = plain_capture("cat_write.scap");
  put32(b, event_block(b, 10).offset, 0x7777);  // an event block becomes an unknown type
  Drained d = drain_file(dir.write("unknown_block.scap", b));
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.events, 344u);
}

// --- events of types sysdig 0.29.3 does not know ----------------------------

TEST(ScapReader, UnknownToLegacyEventsAreSkippedOrYielded) {
  TempDir dir;
  Bytes b = plain_capture("ping_sendto.scap");  // EV_V2 blocks: type at +30
  put32(b, event_block(b, 5).offset + 30, 400 | (get32(b, event_block(b, 5).offset + 30) & 0xffff0000u));
  std::string path = dir.write("new_type.scap", b);
  Drained skipped = drain_file(path);
  EXPECT_EQ(skipped.error, "");
  EXPECT_EQ(skipped.events, 1525u);
  EXPECT_TRUE(skipped.nums_in_order);
  ScapReader reader(path, {.skip_unknown_to_legacy = false});
  State state;
  uint16_t sixth_type = 0;
  Drained yielded = drain(reader, state, [&](const Event& ev) { if (ev.num == 6) sixth_type = ev.type; });
  // The event keeps its original params, which may not fit type 400's layout:
  // either it decodes or it is reported, never a crash.
  if (yielded.error.empty()) {
    EXPECT_EQ(yielded.events, 1526u);
    EXPECT_EQ(sixth_type, 400);
  } else {
    EXPECT_EQ(yielded.events, 5u);
  }
}

TEST(ScapReader, EventTypeBeyondEveryTableIsAnErrorWhenNotSkipped) {
  TempDir dir;
  Bytes b = plain_capture("ping_sendto.scap");
  Block ev = event_block(b, 7);
  put32(b, ev.offset + 30, 60000 | (get32(b, ev.offset + 30) & 0xffff0000u));
  std::string path = dir.write("bad_type.scap", b);
  EXPECT_EQ(drain_file(path).events, 1525u);
  Drained d = drain_file(path, {.skip_unknown_to_legacy = false});
  EXPECT_EQ(d.events, 7u);
  EXPECT_NE(d.error.find("unknown event type 60000"), std::string::npos) << d.error;
}

// --- damage ----------------------------------------------------------------

// Expects the good events before the damage, then one line naming the file
// and the offset.
void expect_damage(const std::string& path, uint64_t good_events, const std::string& what) {
  SCOPED_TRACE(path);
  Drained d = drain_file(path);
  EXPECT_EQ(d.events, good_events);
  EXPECT_TRUE(d.nums_in_order);
  EXPECT_NE(d.error.find(path + ": offset "), std::string::npos) << d.error;
  EXPECT_NE(d.error.find(what), std::string::npos) << d.error;
  EXPECT_EQ(d.error.find('\n'), std::string::npos) << d.error;
}

TEST(ScapReaderDamage, TruncatedPlainFile) {
  TempDir dir;
  Bytes b = plain_capture("cat_write.scap");
  Block ev = event_block(b, 20);
  expect_damage(dir.write("cut_in_block.scap", Bytes(b.begin(), b.begin() + ev.offset + 17)), 20, "cut short");
  expect_damage(dir.write("cut_in_header.scap", Bytes(b.begin(), b.begin() + ev.offset + 5)), 20,
                "inside a block header");
  Block pl = blocks_of(b)[4];
  ASSERT_EQ(pl.type, 0x212u);
  expect_damage(dir.write("cut_in_metadata.scap", Bytes(b.begin(), b.begin() + pl.offset + pl.length / 2)), 0,
                "process list");
}

TEST(ScapReaderDamage, TruncatedGzipStream) {
  TempDir dir;
  Bytes raw = read_file(trace("curl_google.scap"));
  for (size_t cut : {raw.size() / 2, raw.size() - 5, raw.size() - 100}) {
    std::string path = dir.write("cut_gzip.scap", Bytes(raw.begin(), raw.begin() + cut));
    Drained d = drain_file(path);
    EXPECT_GT(d.events, 0u);
    EXPECT_LT(d.events, 1537u);
    EXPECT_TRUE(d.nums_in_order);
    EXPECT_NE(d.error.find(path + ": offset "), std::string::npos) << d.error;
    EXPECT_NE(d.error.find("uncompressed"), std::string::npos) << d.error;
  }
}

TEST(ScapReaderDamage, BadBlockLengths) {
  TempDir dir;
  Bytes b = plain_capture("cat_write.scap");
  Block ev = event_block(b, 30);
  auto with_length = [&](uint32_t len) {
    Bytes m = b;
    put32(m, ev.offset + 4, len);
    return m;
  };
  expect_damage(dir.write("odd.scap", with_length(ev.length + 1)), 30, "not a multiple of 4");
  expect_damage(dir.write("tiny.scap", with_length(8)), 30, "smaller than 12");
  expect_damage(dir.write("huge.scap", with_length(0x7ffffff0)), 30, "64 KiB");
  // Longer than the rest of the file: cut short.
  Block last = event_block(b, 344);
  Bytes m = b;
  put32(m, last.offset + 4, last.length + 4096);
  expect_damage(dir.write("overrun.scap", m), 344, "cut short");
}

TEST(ScapReaderDamage, EventLengthsThatOverrun) {
  TempDir dir;
  Bytes b = plain_capture("ping_sendto.scap");  // EV_V2: len at +26, lens at +36
  Block ev = event_block(b, 40);
  Bytes m = b;
  put32(m, ev.offset + 26, ev.length);  // longer than the block's body
  expect_damage(dir.write("event_len.scap", m), 40, "event length");
  m = b;
  m[ev.offset + 36] = 0xff;  // first parameter longer than the event
  m[ev.offset + 37] = 0xff;
  expect_damage(dir.write("param_len.scap", m), 40, "overruns");
}

TEST(ScapReaderDamage, MetadataTrailerDiffersFromHeader) {
  TempDir dir;
  Bytes b = plain_capture("cat_write.scap");
  Block mi = blocks_of(b)[1];
  put32(b, mi.offset + mi.length - 4, 1234);
  expect_damage(dir.write("trailer.scap", b), 0, "wrong block total length");
}

TEST(ScapReaderDamage, CorruptV1Event) {
  TempDir dir;
  Bytes b = plain_capture("cat_write.scap");  // EV V1: lens at +32
  Block ev = event_block(b, 50);
  b[ev.offset + 32] ^= 0x40;  // no parameter count matches the length any more
  expect_damage(dir.write("v1.scap", b), 50, "parameter count");
}

// --- files that cannot be opened ------------------------------------------

std::string open_error(const std::string& path) {
  ScapReader reader(path);
  State state;
  try {
    reader.open(state);
  } catch (const SourceError& e) {
    return e.what();
  }
  return "";
}

TEST(ScapReaderOpen, ReportsWhyAFileIsNotACapture) {
  TempDir dir;
  EXPECT_EQ(open_error(dir.path() + "/missing.scap"), dir.path() + "/missing.scap: No such file or directory");
  EXPECT_EQ(open_error(dir.path()), dir.path() + ": is a directory");
  std::string empty = dir.write("empty.scap", {});
  EXPECT_EQ(open_error(empty), empty + ": empty file");
  std::string text = dir.write("text.scap", Bytes{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '\n'});
  EXPECT_EQ(open_error(text), text + ": not a scap capture (bad magic 0x6c6c6568)");
  std::string tiny = dir.write("tiny.scap", Bytes{1, 2, 3});
  EXPECT_EQ(open_error(tiny), tiny + ": not a scap capture (only 3 bytes long)");

  Bytes b = plain_capture("cat_write.scap");
  Bytes metadata_only(b.begin(), b.begin() + event_block(b, 0).offset);
  std::string meta = dir.write("meta.scap", metadata_only);
  EXPECT_NE(open_error(meta).find("no events in file"), std::string::npos);
  Bytes newer = b;
  newer[12] = 2;  // major version 2
  std::string v2 = dir.write("v2.scap", newer);
  EXPECT_NE(open_error(v2).find("newer than this reader"), std::string::npos) << open_error(v2);
  Bytes swapped = b;
  put32(swapped, 8, 0x12345678);
  std::string bad = dir.write("badmagic.scap", swapped);
  EXPECT_NE(open_error(bad).find("bad magic 0x12345678"), std::string::npos) << open_error(bad);
}

}  // namespace
}  // namespace sysray
