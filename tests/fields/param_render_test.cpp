// Parameter and evt.info rendering, checked against lines that Debian's
// sysdig 0.29.3 printed for the shared traces (traces/expected/*.txt).
#include "fields/param_render.h"

#include <gtest/gtest.h>

#include <string>

#include "support/event_builder.h"

namespace sysray {
namespace {

using test::EventBuilder;

constexpr int64_t kCurl = 17497;
constexpr int64_t kCurlThread = 17498;
constexpr int64_t kBash = 3200;

const uint8_t kDocIp3[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3};
const uint8_t kDocIp4[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4};
const uint8_t kMapped127[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
const uint8_t kLoopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

class ParamRender : public ::testing::Test {
 protected:
  void SetUp() override {
    ThreadInfo curl;
    curl.tid = curl.pid = kCurl;
    curl.ptid = kBash;
    curl.comm = "curl";
    curl.cwd = "/home/ubuntu/";
    state.add_thread(curl);
    ThreadInfo worker = curl;  // a thread of curl: shares its fds and cwd
    worker.tid = kCurlThread;
    worker.cwd.clear();
    state.add_thread(worker);
    ThreadInfo bash;
    bash.tid = bash.pid = kBash;
    bash.comm = "bash";
    state.add_thread(bash);

    add_fd(3, FdType::FileV2, "/etc/ld.so.cache");
    add_fd(4, FdType::Ipv6Sock, "2001:db8::4:54405->2001:db8::3:1234", L4Proto::Tcp, FdRole::Client);
    add_fd(5, FdType::Fifo, "");
    add_fd(6, FdType::Ipv4Sock, "", L4Proto::Tcp, FdRole::None);  // fresh socket()
    add_fd(7, FdType::Directory, "/tmp/dir");
    add_fd(8, FdType::File, std::string("/tmp/we\x01ird\x7f"));
    add_fd(9, FdType::Ipv6ServSock, "2001:db8::3:1234", L4Proto::Tcp, FdRole::Server);

    state.add_user({0, 0, "root", "/root", "/bin/bash"});
    state.add_user({1001, 1001, "", "", ""});
    state.add_group({0, "root"});

    ctx.thread = state.find_thread(kCurl);
  }

  void add_fd(int64_t fd, FdType type, std::string name, L4Proto l4 = L4Proto::Unknown,
              FdRole role = FdRole::None) {
    FdInfo info;
    info.type = type;
    info.l4proto = l4;
    info.role = role;
    info.name = std::move(name);
    state.add_fd(kCurl, fd, info);
  }

  // evt.info of the event, as sysdig prints it after the event type.
  std::string info(const EventBuilder& builder, RenderOptions opts = {}) {
    auto built = builder.build();
    std::string out;
    append_event_info(state, ctx, built.event, opts, out);
    return out;
  }

  // One parameter as "VALUE" or "VALUE(RESOLVED)".
  std::string param(const EventBuilder& builder, size_t index, RenderOptions opts = {}) {
    auto built = builder.build();
    std::string value = "stale", resolved = "stale";
    render_param(state, ctx, built.event, index, opts, value, resolved);
    return resolved.empty() ? value : value + "(" + resolved + ")";
  }

  State state;
  EventContext ctx;
};

// --- integers ---------------------------------------------------------------

TEST_F(ParamRender, OpenExitWithFileFlags) {
  // cat_write 141
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_OPEN_X).i64(3).str("/etc/ld.so.cache").u32(4097).u32(0).u32(0)),
            "fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0 dev=0 ");
}

TEST_F(ParamRender, MmapHexAndFlags) {
  // cat_write 136/137; fd=4294967295 is an old driver's zero-extended -1.
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_MMAP_E).u64(0).u64(8192).u32(3).u32(10).i64(4294967295).u64(0)),
            "addr=0 length=8192 prot=3(PROT_READ|PROT_WRITE) flags=10(MAP_PRIVATE|MAP_ANONYMOUS) "
            "fd=4294967295 offset=0 ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_MMAP_X).u64(0x7FAD48782000).u32(368).u32(4).u32(0)),
            "res=7FAD48782000 vm_size=368 vm_rss=4 vm_swap=0 ");
  // curl_google 234: a negative fd resolves as an errno.
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_MMAP_E).u64(0).u64(4096).u32(3).u32(10).i64(-1).u64(0), 4),
            "-1(EPERM)");
}

TEST_F(ParamRender, DecimalIsSignedForEveryWidth) {
  // curl_google 933: max=-1 is a u64 RLIM_INFINITY.
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_GETRLIMIT_X).i64(0).u64(8388608).u64(~uint64_t(0))),
            "res=0 cur=8388608 max=-1 ");
  // A u32 above 2^31 prints negative with %d.
  EXPECT_EQ(param(EventBuilder(PPME_SOCKET_LISTEN_E).i64(9).u32(0x80000000u), 1), "-2147483648");
  // u8/u16 are promoted to int, so they stay positive.
  EXPECT_EQ(param(EventBuilder(PPME_GENERIC_E).u16(12).u16(65535), 1), "65535");
}

TEST_F(ParamRender, HexAndOctalPrintTheBitPattern) {
  // openat exit: mode PF_OCT, dev PF_HEX.
  auto openat = EventBuilder(PPME_SYSCALL_OPENAT_2_X).i64(3).i64(-100).str("/etc/x").u32(1).u32(0644).u32(0xfd01);
  EXPECT_EQ(param(openat, 4), "0644");
  EXPECT_EQ(param(openat, 5), "FD01");
  auto zero_mode = EventBuilder(PPME_SYSCALL_OPENAT_2_X).i64(3).i64(-100).str("/etc/x").u32(1).u32(0).u32(0);
  EXPECT_EQ(param(zero_mode, 4), "0");
  EXPECT_EQ(param(zero_mode, 5), "0");
}

// --- fds, pids, errnos --------------------------------------------------------

TEST_F(ParamRender, FdTypeAndL4Chars) {
  auto close_fd = [](int64_t fd) { return EventBuilder(PPME_SYSCALL_CLOSE_E).i64(fd); };
  EXPECT_EQ(info(close_fd(4)), "fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) ");
  EXPECT_EQ(info(close_fd(5)), "fd=5(<p>) ");    // curl_google 961
  EXPECT_EQ(info(close_fd(6)), "fd=6(<4>) ");    // connect_localhost 186: no l4 before connect
  EXPECT_EQ(info(close_fd(7)), "fd=7(<d>/tmp/dir) ");
  EXPECT_EQ(info(close_fd(8)), "fd=8(<f>/tmp/weird) ");  // non-printables removed
  EXPECT_EQ(info(close_fd(9)), "fd=9(<6t>2001:db8::3:1234) ");
  EXPECT_EQ(info(close_fd(1)), "fd=1 ");  // unknown fd: just the number
  EXPECT_EQ(info(close_fd(-100)), "fd=-100(AT_FDCWD) ");
  EXPECT_EQ(info(close_fd(-9999)), "fd=-9999 ");  // no such errno
}

TEST_F(ParamRender, ThreadsUseTheirProcessFds) {
  ctx.thread = state.find_thread(kCurlThread);
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_CLOSE_E, kCurlThread).i64(3)), "fd=3(<f>/etc/ld.so.cache) ");
}

TEST_F(ParamRender, FdWithoutThreadIsOnlyANumber) {
  ctx.thread = nullptr;
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_CLOSE_E).i64(3)), "fd=3 ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_CLOSE_E).i64(-1)), "fd=-1 ");
}

TEST_F(ParamRender, PidsShowTheirComm) {
  // curl_google 1050 / 954: switch next=17498(curl), next=7 (unknown thread).
  EXPECT_EQ(info(EventBuilder(PPME_SCHEDSWITCH_6_E).i64(kCurlThread).u64(0).u64(378).u32(93240).u32(5144).u32(0)),
            "next=17498(curl) pgft_maj=0 pgft_min=378 vm_size=93240 vm_rss=5144 vm_swap=0 ");
  EXPECT_EQ(param(EventBuilder(PPME_SCHEDSWITCH_6_E).i64(7), 0), "7");
  EXPECT_EQ(state.find_thread(7), nullptr);  // the lookup created nothing
}

TEST_F(ParamRender, ErrnoNames) {
  // cat_write 135, connect_localhost 187
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_ACCESS_X).i64(-2).str("/etc/ld.so.nohwcap")),
            "res=-2(ENOENT) name=/etc/ld.so.nohwcap ");
  EXPECT_EQ(param(EventBuilder(PPME_SOCKET_CONNECT_X).i64(-115), 0), "-115(EINPROGRESS)");
  EXPECT_EQ(param(EventBuilder(PPME_SOCKET_CONNECT_X).i64(0), 0), "0");
  EXPECT_EQ(param(EventBuilder(PPME_SOCKET_CONNECT_X).i64(-99999), 0), "-99999");
}

// --- strings and paths --------------------------------------------------------

TEST_F(ParamRender, CharbufIsRawAndNeverCut) {
  const std::string long_cwd(200, 'x');
  auto built = EventBuilder(PPME_SYSCALL_EXECVE_19_X).i64(0).str("c\x01t").raw("").i64(1).i64(1).i64(1).str(long_cwd);
  EXPECT_EQ(param(built, 1), "c\x01t");
  EXPECT_EQ(param(built, 6), long_cwd);
}

TEST_F(ParamRender, RelativePathsResolveAgainstTheCwd) {
  auto access = [](const char* path) { return EventBuilder(PPME_SYSCALL_ACCESS_X).i64(0).str(path); };
  EXPECT_EQ(param(access("/etc/passwd"), 1), "/etc/passwd");
  EXPECT_EQ(param(access("foo"), 1), "foo(/home/ubuntu/foo)");
  EXPECT_EQ(param(access("./a/../b/"), 1), "./a/../b/(/home/ubuntu/b)");
  EXPECT_EQ(param(access("../../../.."), 1), "../../../..(/)");
  EXPECT_EQ(param(access("<NA>"), 1), "<NA>");
  EXPECT_EQ(param(access(""), 1), "");
  EXPECT_EQ(param(access("f\x02o"), 1), "fo(/home/ubuntu/fo)");
  state.find_thread(kCurl)->cwd = "/";
  EXPECT_EQ(param(access("."), 1), ".(/)");
}

TEST_F(ParamRender, RelativePathsOfAThreadUseItsProcessCwd) {
  ctx.thread = state.find_thread(kCurlThread);
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_ACCESS_X, kCurlThread).i64(0).str("x"), 1), "x(/home/ubuntu/x)");
}

TEST_F(ParamRender, FsRelPathUsesItsDirfd) {
  auto fchmodat = [](int64_t dirfd, const char* path) {
    return EventBuilder(PPME_SYSCALL_FCHMODAT_X).i64(0).i64(dirfd).str(path).u32(0644);
  };
  EXPECT_EQ(param(fchmodat(-100, "f"), 2), "f(/home/ubuntu/f)");
  EXPECT_EQ(param(fchmodat(7, "f"), 2), "f(/tmp/dir/f)");
  EXPECT_EQ(param(fchmodat(7, "../f"), 2), "../f(/tmp/f)");
  EXPECT_EQ(param(fchmodat(42, "f"), 2), "f(<UNKNOWN>f)");
  EXPECT_EQ(param(fchmodat(7, "/abs"), 2), "/abs");
}

TEST_F(ParamRender, PathsWithoutThreadAreNotResolved) {
  ctx.thread = nullptr;
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_ACCESS_X).i64(0).str("foo"), 1), "foo");
}

// --- byte buffers -------------------------------------------------------------

// curl_google 231: the first 80 bytes of an ELF header (from the -b output).
const std::string kElfHead = std::string(
    "\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x03\x00\x3e\x00\x01\x00\x00\x00\xb0\x8d\x00\x00\x00\x00\x00\x00"
    "\x40\x00\x00\x00\x00\x00\x00\x00\xc0\xc2\x06\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x40\x00\x38\x00\x07\x00\x40\x00\x1b\x00\x1a\x00"
    "\x01\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    80);

EventBuilder read_exit(std::string_view data) {
  return EventBuilder(PPME_SYSCALL_READ_X).i64(int64_t(data.size())).raw(data);
}

RenderOptions with(BufferFormat format, size_t max_len = 80) { return {format, max_len}; }

TEST_F(ParamRender, BufferDefault) {
  EXPECT_EQ(info(read_exit(kElfHead)),
            "res=80 data=.ELF..............>.............@...................@.8...@..................... ");
  EXPECT_EQ(info(read_exit("this is a test\n")), "res=15 data=this is a test. ");  // single_ipv6_conn 1348
  EXPECT_EQ(info(read_exit("")), "res=0 data= ");                                   // cat_write 205
}

TEST_F(ParamRender, BufferDefaultIsCutTo80WithDots) {
  std::string cgroups =
      std::string("cpuset=/\0cpu=/user.slice\0cpuacct=/user.slice\0io=/user.slice\0memory=/user.slice\0", 80) +
      "devices=/user.slice";
  // curl_google 1018
  EXPECT_EQ(param(read_exit(cgroups), 1),
            "cpuset=/.cpu=/user.slice.cpuacct=/user.slice.io=/user.slice.memory=/user.slic...");
  EXPECT_EQ(param(read_exit(std::string(81, 'a')), 1), std::string(77, 'a') + "...");
  EXPECT_EQ(param(read_exit(std::string(80, 'a')), 1), std::string(80, 'a'));
  // -v (no limit) and -j print it whole.
  EXPECT_EQ(param(read_exit(std::string(81, 'a')), 1, with(BufferFormat::Normal, 0)), std::string(81, 'a'));
  EXPECT_EQ(param(read_exit(std::string(81, '\n')), 1, with(BufferFormat::Json)), std::string(81, '.'));
}

TEST_F(ParamRender, BufferHex) {
  // single_ipv6_conn 1348 and curl_google 958 / 231 with -x
  EXPECT_EQ(info(read_exit("this is a test\n"), with(BufferFormat::Hex)),
            "res=15 data=\n\t0x0000: 7468 6973 2069 7320 6120 7465 7374 0a\n ");
  EXPECT_EQ(param(read_exit("\x69\x8d\xc6\xa9\x65\x67\x0e\xf9"), 1, with(BufferFormat::Hex)),
            "\n\t0x0000: 698d c6a9 6567 0ef9\n");
  EXPECT_EQ(param(read_exit(kElfHead), 1, with(BufferFormat::Hex)),
            "\n\t0x0000: 7f45 4c46 0201 0100 0000 0000 0000 0000"
            "\n\t0x0010: 0300 3e00 0100 0000 b08d 0000 0000 0000"
            "\n\t0x0020: 4000 0000 0000 0000 c0c2 0600 0000 0000"
            "\n\t0x0030: 0000 0000 4000 3800 0700 4000 1b00 1a00"
            "\n\t0x0040: 0100 0000 0500 0000 0000 0000 0000 0000\n");
  EXPECT_EQ(info(read_exit(""), with(BufferFormat::Hex)), "res=0 data= ");
}

TEST_F(ParamRender, BufferHexAscii) {
  EXPECT_EQ(param(read_exit("this is a test\n"), 1, with(BufferFormat::HexAscii)),
            "\n\t0x0000: 7468 6973 2069 7320 6120 7465 7374 0a  this is a test.\n");
  EXPECT_EQ(param(read_exit("\x69\x8d\xc6\xa9\x65\x67\x0e\xf9"), 1, with(BufferFormat::HexAscii)),
            "\n\t0x0000: 698d c6a9 6567 0ef9                      i...eg..\n");
  const std::string dump = param(read_exit(kElfHead), 1, with(BufferFormat::HexAscii));
  const std::string first_row = "\n\t0x0000: 7f45 4c46 0201 0100 0000 0000 0000 0000  .ELF............\n";
  EXPECT_EQ(dump.substr(0, first_row.size()), first_row);
  EXPECT_NE(dump.find("\n\t0x0030: 0000 0000 4000 3800 0700 4000 1b00 1a00  ....@.8...@.....\n"), std::string::npos);
}

TEST_F(ParamRender, BufferHexOfTheLargestParam) {
  const std::string dump = param(read_exit(std::string(0xffff, 'A')), 1, with(BufferFormat::Hex));
  EXPECT_NE(dump.find("\n\t0xffe0: 4141"), std::string::npos);
  const std::string last_row = "\n\t0xfff0: 4141 4141 4141 4141 4141 4141 4141 41\n";
  EXPECT_EQ(dump.substr(dump.size() - last_row.size()), last_row);
}

TEST_F(ParamRender, BufferAscii) {
  EXPECT_EQ(param(read_exit("this is a test\n"), 1, with(BufferFormat::Ascii)), "\nthis is a test\n");
  EXPECT_EQ(param(read_exit("\x69\x8d\xc6\xa9\x65\x67\x0e\xf9"), 1, with(BufferFormat::Ascii)), "\nieg");
  EXPECT_EQ(param(read_exit(kElfHead), 1, with(BufferFormat::Ascii)), "\nELF>@@8@");
  // CR prints as a newline; the LF of a CRLF and a leading LF are dropped.
  EXPECT_EQ(param(read_exit("\nHTTP/1.1 200\r\nA\rB\n\nC"), 1, with(BufferFormat::Ascii)),
            "\nHTTP/1.1 200\nA\nB\n\nC");
}

TEST_F(ParamRender, BufferBase64) {
  EXPECT_EQ(param(read_exit("this is a test\n"), 1, with(BufferFormat::Base64)), "dGhpcyBpcyBhIHRlc3QK");
  EXPECT_EQ(param(read_exit("\x69\x8d\xc6\xa9\x65\x67\x0e\xf9"), 1, with(BufferFormat::Base64)), "aY3GqWVnDvk=");
  EXPECT_EQ(param(read_exit(kElfHead), 1, with(BufferFormat::Base64)),
            "f0VMRgIBAQAAAAAAAAAAAAMAPgABAAAAsI0AAAAAAABAAAAAAAAAAMDCBgAAAAAAAAAAAEAAOAAHAEAAGwAaAAEAAAAFAAAAAAAAAAAAAAA=");
  EXPECT_EQ(param(read_exit("a"), 1, with(BufferFormat::Base64)), "YQ==");
}

TEST_F(ParamRender, OtherParamsIgnoreTheBufferFormat) {
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_CLOSE_E).i64(3), with(BufferFormat::Hex)), "fd=3(<f>/etc/ld.so.cache) ");
}

// --- sockets ------------------------------------------------------------------

TEST_F(ParamRender, Sockaddr) {
  auto bind = [](const std::string& addr) { return EventBuilder(PPME_SOCKET_BIND_X).i64(0).raw(addr); };
  EXPECT_EQ(info(bind(test::sockaddr_ipv6(kDocIp3, 1234))), "res=0 addr=2001:db8::3:1234 ");  // single_ipv6_conn 851
  EXPECT_EQ(param(bind(test::sockaddr_ipv4({127, 0, 0, 1}, 80)), 1), "127.0.0.1:80");
  EXPECT_EQ(param(bind(test::sockaddr_unix("/run/s\x01ock")), 1), "/run/sock");
  EXPECT_EQ(param(bind(std::string("\x02\x7f\x00", 3)), 1), "INVALID IPv4");
  EXPECT_EQ(param(bind(std::string("\x0a\x00", 2)), 1), "INVALID IPv6");
  EXPECT_EQ(param(bind(std::string("\x11\x00", 2)), 1), "family 17");
  EXPECT_EQ(param(bind(""), 1), "NULL");
}

TEST_F(ParamRender, Socktuple) {
  auto connect = [](const std::string& tuple) { return EventBuilder(PPME_SOCKET_CONNECT_X).i64(0).raw(tuple); };
  // connect_localhost 187
  EXPECT_EQ(param(connect(test::socktuple_ipv4({127, 0, 0, 1}, 47192, {127, 0, 0, 1}, 80)), 1),
            "127.0.0.1:47192->127.0.0.1:80");
  // single_ipv6_conn 1153
  EXPECT_EQ(param(connect(test::socktuple_ipv6(kDocIp4, 54405, kDocIp3, 1234)), 1),
            "2001:db8::4:54405->2001:db8::3:1234");
  // v4-mapped on both ends prints as IPv4; ::1 is not v4-mapped.
  EXPECT_EQ(param(connect(test::socktuple_ipv6(kMapped127, 1, kMapped127, 2)), 1), "127.0.0.1:1->127.0.0.1:2");
  const uint8_t zero[16] = {};
  EXPECT_EQ(param(connect(test::socktuple_ipv6(zero, 0, kMapped127, 2)), 1), "0.0.0.0:0->127.0.0.1:2");
  EXPECT_EQ(param(connect(test::socktuple_ipv6(kLoopback6, 38255, kLoopback6, 2345)), 1), "::1:38255->::1:2345");
  EXPECT_EQ(param(connect(test::socktuple_ipv6(kMapped127, 1, kLoopback6, 2)), 1), "::ffff:127.0.0.1:1->::1:2");
  // single_ipv6_conn 1143
  EXPECT_EQ(info(EventBuilder(PPME_SOCKET_CONNECT_X).i64(-2).raw(
                test::socktuple_unix(0, 0xffff94dc817b9400, "/var/run/nscd/socket"))),
            "res=-2(ENOENT) tuple=0->ffff94dc817b9400 /var/run/nscd/socket ");
  EXPECT_EQ(param(connect(""), 1), "NULL");
  EXPECT_EQ(param(connect(std::string("\x02\x01", 2)), 1), "INVALID IPv4");
  EXPECT_EQ(param(connect(std::string("\x01\xab", 2)), 1), "ab->0 ");  // short unix tuple: zeros
}

// --- other types --------------------------------------------------------------

TEST_F(ParamRender, FdList) {
  // curl_google 1049 / 1193
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_POLL_E).raw(test::fd_list({})).i64(4)), "fds= timeout=4 ");
  // fd 4 is an IPv6 socket (typechar '6') with flags 4.
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_POLL_X).i64(1).raw(test::fd_list({{4, 4}}))), "res=1 fds=4:64 ");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_POLL_X).i64(1).raw(test::fd_list({{3, 1}, {5, 4}, {42, 1}})), 1),
            "3:f1 5:p4 42:?1");
  // Negative flags are sign-extended to 32 bits; a count beyond the data stops at the data.
  std::string truncated = test::fd_list({{3, -1}});
  truncated[0] = 5;
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_POLL_X).i64(1).raw(truncated), 1), "3:fffffffff");
  ctx.thread = nullptr;
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_POLL_X).i64(1).raw(test::fd_list({{3, 1}})), 1), "");
}

TEST_F(ParamRender, SignalsAndTimes) {
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_KILL_E).i64(kBash).u8(29)), "pid=3200(bash) sig=29(SIGIO) ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_NANOSLEEP_E).u64(1000000000)), "interval=1000000000(1s) ");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_NANOSLEEP_E).u64(1500), 0), "1500(1.5e-06s)");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_NANOSLEEP_E).u64(123456789012), 0), "123456789012(123.457s)");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_NANOSLEEP_E).u64(~uint64_t(0)), 0), "none");
  // ppoll sigmask: bit k is signal k+1.
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_PPOLL_E).raw(test::fd_list({})).u64(0).u32((1u << 1) | (1u << 8)), 2),
            "SIGINT SIGKILL");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_PPOLL_E).raw(test::fd_list({})).u64(0).u32(0), 2), "");
}

TEST_F(ParamRender, FlagWalk) {
  auto socket = [](uint32_t domain) { return EventBuilder(PPME_SOCKET_SOCKET_E).u32(domain).u32(1).u32(0); };
  EXPECT_EQ(param(socket(10), 0), "10(AF_INET6)");  // test_ipv6_client
  EXPECT_EQ(param(socket(1), 0), "1(AF_LOCAL)");    // AF_LOCAL comes before AF_UNIX in the table
  auto mmap_prot = [](uint32_t prot) { return EventBuilder(PPME_SYSCALL_MMAP_E).u64(0).u64(0).u32(prot); };
  EXPECT_EQ(param(mmap_prot(0), 2), "0(PROT_NONE)");
  EXPECT_EQ(param(mmap_prot(1), 2), "1(PROT_READ)");
  EXPECT_EQ(param(mmap_prot(0x80), 2), "128");  // no name matches
  auto open_flags = [](uint32_t flags) {
    return EventBuilder(PPME_SYSCALL_OPEN_X).i64(3).str("/x").u32(flags).u32(0).u32(0);
  };
  EXPECT_EQ(param(open_flags(3), 2), "3(O_RDWR)");  // the exact entry wins, O_WRONLY/O_RDONLY are not added
  EXPECT_EQ(param(open_flags(0x1003), 2), "4099(O_RDWR|O_CLOEXEC)");
  EXPECT_EQ(param(open_flags(0), 2), "0(O_NONE)");
  // clone flags (curl_google 1018): walked in table order.
  auto clone = EventBuilder(PPME_SYSCALL_CLONE_20_X).i64(kCurlThread).str("curl").raw("").i64(kCurl).i64(kCurl)
                   .i64(kBash).str("/home/ubuntu").i64(1024).u64(0).u64(378).u32(93240).u32(5144).u32(0)
                   .str("curl").raw("").u32(47619);
  EXPECT_EQ(param(clone, 15),
            "47619(CLONE_FILES|CLONE_FS|CLONE_PARENT_SETTID|CLONE_SIGHAND|CLONE_SYSVSEM|CLONE_THREAD|CLONE_VM)");
}

TEST_F(ParamRender, ModeUsesItsNumericFormat) {
  auto chmod = [](uint32_t mode) { return EventBuilder(PPME_SYSCALL_CHMOD_X).i64(0).str("/f").u32(mode); };
  EXPECT_EQ(param(chmod(0644), 2), "0644(S_IROTH|S_IRGRP|S_IWUSR|S_IRUSR)");
  EXPECT_EQ(param(chmod(01), 2), "01(S_IXOTH)");
  EXPECT_EQ(param(chmod(0), 2), "0");
}

TEST_F(ParamRender, UsersAndGroups) {
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_SETUID_E).u32(0)), "uid=0(root) ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_SETUID_E).u32(0xffffffff)), "uid=-1(<NONE>) ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_SETUID_E).u32(1000)), "uid=1000(<NA>) ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_SETUID_E).u32(1001)), "uid=1001(<NA>) ");  // empty name
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_SETGID_E).u32(0)), "gid=0(root) ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_SETGID_E).u32(5)), "gid=5(<NA>) ");
}

TEST_F(ParamRender, SyscallId) {
  EXPECT_EQ(param(EventBuilder(PPME_GENERIC_E).u16(3).u16(0), 0), "3(read)");
  EXPECT_EQ(param(EventBuilder(PPME_GENERIC_E).u16(60000).u16(0), 0), "<unknown syscall>");
}

TEST_F(ParamRender, DynamicParams) {
  // ptrace exit: addr/data are PT_DYN over ptrace_dynamic_param {VAL u64 hex, SIGTYPE}.
  auto ptrace = [](std::string addr) {
    return EventBuilder(PPME_SYSCALL_PTRACE_X).i64(0).raw(addr).raw(std::string(1, '\0') + test::le_bytes(uint64_t(0)));
  };
  EXPECT_EQ(param(ptrace(std::string(1, '\0') + test::le_bytes(uint64_t(0x7ffd1234))), 1), "7FFD1234");
  EXPECT_EQ(param(ptrace(std::string(1, '\1') + test::le_bytes(uint8_t(9))), 1), "9(SIGKILL)");
  EXPECT_EQ(param(ptrace(std::string(1, '\7') + test::le_bytes(uint8_t(9))), 1), "INVALID DYNAMIC PARAMETER");
  EXPECT_EQ(info(ptrace(std::string(1, '\0') + test::le_bytes(uint64_t(0x10)))), "res=0 addr=10 data=0 ");
  // setsockopt val: the UNKNOWN entry is a byte buffer, rendered with the buffer format.
  auto setsockopt = EventBuilder(PPME_SOCKET_SETSOCKOPT_X).i64(0).i64(4).u8(1).u8(2).raw(std::string("\0ab\n", 4)).u32(3);
  EXPECT_EQ(param(setsockopt, 4), "ab.");
  EXPECT_EQ(param(setsockopt, 4, with(BufferFormat::Base64)), "YWIK");
}

// --- event shapes ---------------------------------------------------------------

TEST_F(ParamRender, GenericEventsHaveNoInfo) {
  EXPECT_EQ(info(EventBuilder(PPME_GENERIC_E).u16(3).u16(0)), "");
  EXPECT_EQ(info(EventBuilder(PPME_GENERIC_X).u16(3)), "");
}

TEST_F(ParamRender, EventsWithoutParamsHaveEmptyInfo) {
  // curl_google 1260: "> setsockopt " with no parameters in the capture.
  EXPECT_EQ(info(EventBuilder(PPME_SOCKET_SETSOCKOPT_X)), "");
}

TEST_F(ParamRender, ExtraParamsAreIgnoredMissingOnesNotShown) {
  // mmap exit in sysdig 0.29.3 has 4 params; a new-libs event carries more.
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_MMAP_X).u64(0x1000).u32(1).u32(2).u32(3).u64(99).u64(98)),
            "res=1000 vm_size=1 vm_rss=2 vm_swap=3 ");
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_MMAP_X).u64(0x1000)), "res=1000 ");
  std::string value = "x", resolved = "y";
  auto built = EventBuilder(PPME_SYSCALL_MMAP_X).u64(0x1000).build();
  render_param(state, ctx, built.event, 3, {}, value, resolved);
  EXPECT_EQ(value, "");
  EXPECT_EQ(resolved, "");
}

TEST_F(ParamRender, EmptyAndShortParamsAreSafe) {
  EXPECT_EQ(info(EventBuilder(PPME_SYSCALL_MMAP_X).empty().empty()), "res=<NA> vm_size=<NA> ");
  EXPECT_EQ(param(EventBuilder(PPME_SOCKET_CONNECT_X).i64(0).empty(), 1), "NULL");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_POLL_X).i64(0).empty(), 1), "NULL");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_PTRACE_X).i64(0).empty(), 1), "NULL");
  // Short numerics read only what is there.
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_CLOSE_E).raw("\x03"), 0), "3(<f>/etc/ld.so.cache)");
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_CLOSE_E).raw("\xff\xff"), 0), "65535");
  // A string without its NUL stops at the parameter's end.
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_ACCESS_X).i64(0).raw("abc"), 1), "abc(/home/ubuntu/abc)");
  // A DYN with only its index byte.
  EXPECT_EQ(param(EventBuilder(PPME_SYSCALL_PTRACE_X).i64(0).raw(std::string(1, '\0')), 1), "0");
}

TEST_F(ParamRender, NoAllocationOnceWarm) {
  auto built = EventBuilder(PPME_SYSCALL_OPEN_X).i64(3).str("rel/path").u32(4097).u32(0).u32(0).build();
  std::string out;
  append_event_info(state, ctx, built.event, {}, out);
  const std::string first = out;
  const size_t capacity = out.capacity();
  const char* data = out.data();
  for (int i = 0; i < 100; ++i) {
    out.clear();
    append_event_info(state, ctx, built.event, {}, out);
  }
  EXPECT_EQ(out, first);
  EXPECT_EQ(out.capacity(), capacity);
  EXPECT_EQ(out.data(), data);
}

}  // namespace
}  // namespace sysray
