// The sysray binary capturing live, as a user runs it: a known workload
// under a filter, then checks of what sysray printed (event types, fd
// names, data, processes, exit statuses); stopping by SIGINT, -M and -n;
// drops under a syscall storm; the one-line errors.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "live_cli_support.h"
#include "live_test_support.h"

namespace sysray {
namespace {

using namespace std::chrono_literals;
using testing::SysrayProcess;
using testing::Workload;

// One printed event of kFormat.
struct Line {
  std::string num, proc, pname, tid, dir, type, fd, rawres, args;
};

constexpr char kFormat[] = "*%evt.num|%proc.name|%proc.pname|%thread.tid|%evt.dir|%evt.type|%fd.name|%evt.rawres|%evt.args";

std::vector<Line> parse_lines(const std::string& out) {
  std::vector<Line> lines;
  for (const std::string& text : testing::split(out, '\n')) {
    auto f = testing::split(text, '|');
    if (f.size() < 8) continue;
    Line l{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], ""};
    for (size_t i = 8; i < f.size(); i++) l.args += (i > 8 ? "|" : "") + f[i];
    lines.push_back(l);
  }
  return lines;
}

// The lines of `type` and direction `dir` ("<" exit, ">" enter).
std::vector<Line> of(const std::vector<Line>& lines, const std::string& dir, std::initializer_list<const char*> types) {
  std::vector<Line> out;
  for (const Line& l : lines)
    for (const char* t : types)
      if (l.dir == dir && l.type == t) out.push_back(l);
  return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string describe(const std::vector<Line>& lines) {
  std::string s;
  for (const Line& l : lines) s += l.num + " " + l.proc + " " + l.dir + " " + l.type + " " + l.fd + " " + l.args + "\n";
  return s;
}

class LiveCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = testing::live_skip_reason();
    if (!reason.empty()) GTEST_SKIP() << reason;
  }
};

TEST_F(LiveCli, KnownWorkloadIsPrintedWithItsDetails) {
  Workload wl;
  std::string filter = "proc.name=" + wl.name + " or proc.pname=" + wl.name;
  // Large rings: other processes on the machine may storm meanwhile.
  SysrayProcess sysray({"--buffer-size", "64M", "-p", kFormat, filter});
  pid_t pid = wl.start({"script", wl.dir});
  // The failed opens of <dir>/go show the capture is running.
  ASSERT_TRUE(sysray.wait_for_output(wl.go_path(), 30s)) << sysray.finish(1s).err;
  wl.go();
  EXPECT_EQ(testing::wait_exit_status(pid), 3);
  std::string ports = test::read_file(wl.dir + "/ports");
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(20s);
  ASSERT_EQ(r.status, 0) << r.err;
  SCOPED_TRACE("sysray's stderr: " + r.err);  // a drop report would explain missing events
  auto lines = parse_lines(r.out);
  ASSERT_FALSE(lines.empty());
  std::string all = describe(lines);
  auto mine = [&](const std::vector<Line>& ls) {
    std::vector<Line> out;
    for (const Line& l : ls)
      if (l.proc == wl.name) out.push_back(l);
    return out;
  };

  // Event numbers increase.
  for (size_t i = 1; i < lines.size(); i++) EXPECT_LT(std::stoull(lines[i - 1].num), std::stoull(lines[i].num));

  // File I/O: open, write, read with the data, on the file's name.
  std::string data = wl.dir + "/data", data2 = wl.dir + "/data2";
  auto opens = mine(of(lines, "<", {"openat", "open"}));
  const Line* open_x = nullptr;
  for (const Line& l : opens)
    if (l.fd == data) open_x = &l;
  ASSERT_NE(open_x, nullptr) << all;
  EXPECT_GE(std::stoll(open_x->rawres), 3);
  EXPECT_TRUE(contains(open_x->args, "O_CREAT")) << open_x->args;
  EXPECT_TRUE(contains(open_x->args, "mode=0640")) << open_x->args;
  auto writes = mine(of(lines, "<", {"write"}));
  auto reads = mine(of(lines, "<", {"read"}));
  bool wrote = false, read_back = false;
  for (const Line& l : writes)
    if (l.fd == data && l.rawres == "20" && contains(l.args, "data=sysray live payload")) wrote = true;
  for (const Line& l : reads)
    if (l.fd == data && l.rawres == "20" && contains(l.args, "data=sysray live payload")) read_back = true;
  EXPECT_TRUE(wrote) << describe(writes);
  EXPECT_TRUE(read_back) << describe(reads);

  // rename and unlink, whichever flavour libc uses.
  auto renames = mine(of(lines, "<", {"rename", "renameat", "renameat2"}));
  ASSERT_FALSE(renames.empty()) << all;
  EXPECT_EQ(renames[0].rawres, "0");
  EXPECT_TRUE(contains(renames[0].args, data) && contains(renames[0].args, data2)) << renames[0].args;
  auto unlinks = mine(of(lines, "<", {"unlink", "unlinkat"}));
  ASSERT_FALSE(unlinks.empty()) << all;
  EXPECT_EQ(unlinks[0].rawres, "0");
  EXPECT_TRUE(contains(unlinks[0].args, data2)) << unlinks[0].args;

  // pipe + dup: pipe fds are <p> (nameless, as in sysdig); the write goes
  // into fd2, the read comes out of the duplicate of fd1.
  auto pipes = mine(of(lines, "<", {"pipe", "pipe2"}));
  ASSERT_FALSE(pipes.empty()) << all;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pipes[0].args, m, std::regex("fd1=(\\d+)\\(<p>\\) fd2=(\\d+)\\(<p>\\)")))
      << pipes[0].args;
  std::string fd1 = m[1], fd2 = m[2];
  auto dups = mine(of(lines, "<", {"dup", "dup2", "dup3"}));
  ASSERT_FALSE(dups.empty()) << all;
  EXPECT_TRUE(contains(dups[0].args, "oldfd=" + fd1 + "(<p>)")) << dups[0].args;
  std::string dup_fd = dups[0].rawres;
  bool pipe_write = false, pipe_read = false;
  for (size_t i = 0; i + 1 < lines.size(); i++) {
    const Line &e = lines[i], &x = lines[i + 1];  // enter, then its exit (one thread at a time here)
    if (e.proc != wl.name || e.dir != ">" || x.dir != "<" || e.type != x.type) continue;
    if (e.type == "write" && contains(e.args, "fd=" + fd2 + "(<p>)") && contains(x.args, "data=through the pipe"))
      pipe_write = true;
    if (e.type == "read" && contains(e.args, "fd=" + dup_fd + "(<p>)") && contains(x.args, "data=through the pipe"))
      pipe_read = true;
  }
  EXPECT_TRUE(pipe_write) << all;
  EXPECT_TRUE(pipe_read) << all;

  // fork + exec of /bin/echo with known args; the parent is the workload.
  auto execs = of(lines, "<", {"execve"});
  const Line* echo = nullptr;
  for (const Line& l : execs)
    if (l.proc == "echo") echo = &l;
  ASSERT_NE(echo, nullptr) << all;
  EXPECT_EQ(echo->pname, wl.name);
  EXPECT_EQ(echo->rawres, "0");
  EXPECT_TRUE(contains(echo->args, "exe=echo ")) << echo->args;  // argv[0], as sysdig
  EXPECT_TRUE(contains(echo->args, "args=sysray-arg-one.two.")) << echo->args;
  auto clones = mine(of(lines, "<", {"clone", "clone3", "fork", "vfork"}));
  bool parent_side = false;
  for (const Line& l : clones)
    if (l.rawres == echo->tid) parent_side = true;
  EXPECT_TRUE(parent_side) << describe(clones);

  // Exit statuses: echo 0, the plain child 7, the workload 3.
  auto exits = of(lines, ">", {"procexit"});
  std::map<std::string, std::vector<std::string>> exit_args;  // proc -> args of its procexits
  for (const Line& l : exits) exit_args[l.proc].push_back(l.args);
  // status is the raw wait status (code << 8), ret the exit code.
  auto has_exit = [&](const std::string& proc, int code) {
    std::string want = "status=" + std::to_string(code << 8) + " ret=" + std::to_string(code) + " sig=0 ";
    for (const auto& a : exit_args[proc])
      if (contains(a, want)) return true;
    return false;
  };
  EXPECT_TRUE(has_exit("echo", 0)) << describe(exits);
  EXPECT_TRUE(has_exit(wl.name, 7)) << describe(exits);
  EXPECT_TRUE(has_exit(wl.name, 3)) << describe(exits);

  // TCP and UDP on loopback, named client->server with the right ports.
  auto port_words = testing::split(ports, ' ');
  ASSERT_EQ(port_words.size(), 2u) << ports;
  std::string tcp_port = port_words[0], udp_port = std::to_string(std::stoi(port_words[1]));
  auto connects = mine(of(lines, "<", {"connect"}));
  ASSERT_FALSE(connects.empty()) << all;
  EXPECT_EQ(connects[0].rawres, "0");
  std::string tcp_tuple = connects[0].fd;
  EXPECT_TRUE(contains(tcp_tuple, "127.0.0.1:") && contains(tcp_tuple, "->127.0.0.1:" + tcp_port)) << tcp_tuple;
  auto accepts = mine(of(lines, "<", {"accept", "accept4"}));
  ASSERT_FALSE(accepts.empty()) << all;
  EXPECT_EQ(accepts[0].fd, tcp_tuple);
  bool tcp_sent = false, tcp_received = false;
  for (const Line& l : mine(of(lines, "<", {"sendto", "send", "sendmsg"})))
    if (l.fd == tcp_tuple && contains(l.args, "data=tcp-ping")) tcp_sent = true;
  for (const Line& l : mine(of(lines, "<", {"recvfrom", "recv", "recvmsg"})))
    if (l.fd == tcp_tuple && contains(l.args, "data=tcp-ping")) tcp_received = true;
  EXPECT_TRUE(tcp_sent) << all;
  EXPECT_TRUE(tcp_received) << all;
  bool udp_sent = false, udp_received = false;
  for (const Line& l : mine(of(lines, "<", {"sendto"})))
    if (contains(l.fd, "->127.0.0.1:" + udp_port) && contains(l.args, "data=udp-ping")) udp_sent = true;
  for (const Line& l : mine(of(lines, "<", {"recvfrom"})))
    if (contains(l.args, "data=udp-ping")) udp_received = true;
  EXPECT_TRUE(udp_sent) << all;
  EXPECT_TRUE(udp_received) << all;

  // Only what the filter asked for.
  for (const Line& l : lines) EXPECT_TRUE(l.proc == wl.name || l.pname == wl.name) << l.proc << " " << l.type;
}

// A connection open before sysray starts comes from the /proc scan, local
// end first; finishing the state must name both ends client->server.
TEST_F(LiveCli, SocketsFromProcAreNamedClientToServer) {
  Workload wl;
  pid_t pid = wl.start({"preopened", wl.dir});
  std::string ports;
  for (int i = 0; i < 500 && ports.find('\n') == std::string::npos; i++) {
    std::this_thread::sleep_for(10ms);
    ports = test::read_file(wl.dir + "/ports");
  }
  auto words = testing::split(ports, ' ');
  ASSERT_EQ(words.size(), 2u) << ports;
  std::string tuple = "127.0.0.1:" + std::to_string(std::stoi(words[1])) + "->127.0.0.1:" + words[0];
  SysrayProcess sysray({"-p", kFormat, "proc.name=" + wl.name});
  ASSERT_TRUE(sysray.wait_for_output(wl.go_path(), 30s)) << sysray.finish(1s).err;
  wl.go();
  EXPECT_EQ(testing::wait_exit_status(pid), 0);
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(20s);
  ASSERT_EQ(r.status, 0) << r.err;
  auto lines = parse_lines(r.out);
  int seen = 0;
  for (const Line& l : of(lines, ">", {"sendto"})) {
    EXPECT_EQ(l.fd, tuple) << l.args;
    seen++;
  }
  EXPECT_EQ(seen, 2) << describe(lines);
}

TEST_F(LiveCli, SigintDrainsAndPrintsTheSummary) {
  Workload wl;
  SysrayProcess sysray({"--buffer-size", "64M", "-S", "-v", "-p", "%evt.type %fd.name", "proc.name=" + wl.name});
  pid_t pid = wl.start({"script", wl.dir});
  ASSERT_TRUE(sysray.wait_for_output(wl.go_path(), 30s)) << sysray.finish(1s).err;
  wl.go();
  EXPECT_EQ(testing::wait_exit_status(pid), 3);
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(20s);
  ASSERT_EQ(r.status, 0) << r.err;
  // The last events of the workload were still in the rings: drained.
  EXPECT_TRUE(contains(r.out, "procexit")) << r.out;
  // The -S table, then sysdig's -v lines on stderr.
  EXPECT_TRUE(contains(r.out, "#Calls")) << r.out;
  EXPECT_TRUE(contains(r.err, "Driver Events:")) << r.err;
  EXPECT_TRUE(contains(r.err, "Driver Drops:")) << r.err;
  EXPECT_TRUE(contains(r.err, "Elapsed time: ")) << r.err;
}

TEST_F(LiveCli, SecondSigintExitsAtOnce) {
  // Nobody reads sysray's stdout: once the pipe is full it blocks in
  // write, so the first Ctrl-C cannot finish; the second must end it.
  SysrayProcess sysray({}, nullptr, SysrayProcess::Stdout::LeftFull);
  for (int i = 0; i < 3000 && !sysray.stdout_full(); i++) {  // 30 s at most
    for (int j = 0; j < 100; j++) getppid();
    std::this_thread::sleep_for(10ms);
  }
  if (!sysray.stdout_full()) {
    test::RunResult r = sysray.finish(1s);
    FAIL() << "stdout never filled; status " << r.status << ", stderr: " << r.err;
  }
  // A full pipe alone does not mean sysray is blocked: its last write may
  // have just fit. More events make sure it has more to write.
  for (int i = 0; i < 30; i++) {
    for (int j = 0; j < 100; j++) getppid();
    std::this_thread::sleep_for(10ms);
  }
  sysray.send(SIGINT);
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(sysray.running());
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(10s);
  EXPECT_EQ(r.status, 128 + SIGINT) << r.err;
}

TEST_F(LiveCli, SigtermStopsCleanly) {
  SysrayProcess sysray({"-q", "-S"});
  std::this_thread::sleep_for(1500ms);  // probe loaded and /proc scanned, or close to it
  sysray.send(SIGTERM);
  test::RunResult r = sysray.finish(20s);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "Driver Events:")) << r.err;
}

TEST_F(LiveCli, DurationStopsTheCapture) {
  auto start = std::chrono::steady_clock::now();
  SysrayProcess sysray({"-M", "2", "-q", "proc.name=no-such-process-here"});
  test::RunResult r = sysray.finish(30s);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_GE(seconds, 2.0);
  EXPECT_LT(seconds, 25.0);
}

TEST_F(LiveCli, NumEventsStopsAfterN) {
  // -n counts hidden events too (as sysdig does): without a filter, the
  // procinfo events of a second boundary would use up part of the 20
  // without a line. With one, -n counts the events that pass it.
  SysrayProcess sysray({"-n", "20", "-p", "%evt.num %evt.type", "evt.type=getppid"});
  // Make sure there is something to capture, whatever else runs.
  for (int i = 0; i < 200 && !sysray.wait_for_output("\n", 50ms); i++) getppid();
  for (int i = 0; i < 100; i++) {
    getppid();
    std::this_thread::sleep_for(5ms);
  }
  test::RunResult r = sysray.finish(20s);
  EXPECT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = testing::split(r.out, '\n');
  EXPECT_EQ(lines.size(), 20u) << r.out;
  for (const std::string& line : lines) EXPECT_NE(line.find(" getppid"), std::string::npos) << line;
}

TEST_F(LiveCli, DropsAreCountedAndReported) {
  Workload wl;
  // One 4000-byte event fills a 4 KiB ring: a storm of them must drop.
  SysrayProcess sysray({"--buffer-size", "4K", "-s", "4000", "-p", "%evt.type %fd.name", "proc.name=" + wl.name});
  pid_t pid = wl.start({"storm", wl.dir, "20000"});
  ASSERT_TRUE(sysray.wait_for_output(wl.go_path(), 30s)) << sysray.finish(1s).err;
  wl.go();
  int workload_status = testing::wait_exit_status(pid);
  sysray.send(SIGINT);
  test::RunResult r = sysray.finish(30s);
  SCOPED_TRACE("sysray's stderr: " + r.err + "; start of its stdout: " + r.out.substr(0, 500));
  EXPECT_EQ(workload_status, 0);
  ASSERT_EQ(r.status, 0);
  // No -v: exactly one line, and it says how many.
  ASSERT_EQ(testing::split(r.err, '\n').size(), 1u) << r.err;
  EXPECT_TRUE(r.err.rfind("sysray: ", 0) == 0) << r.err;
  EXPECT_TRUE(contains(r.err, " events dropped (buffer full: ")) << r.err;
  uint64_t dropped = std::stoull(r.err.substr(8));
  EXPECT_GT(dropped, 0u);
  EXPECT_TRUE(contains(r.out, "write /dev/null")) << r.out.substr(0, 2000);
}

TEST_F(LiveCli, UnprivilegedUserGetsOneLine) {
  SysrayProcess sysray({"-n", "1"}, [] { return setresgid(65534, 65534, 65534) == 0 && setresuid(65534, 65534, 65534) == 0; });
  test::RunResult r = sysray.finish(20s);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(testing::split(r.err, '\n').size(), 1u) << r.err;
  EXPECT_TRUE(contains(r.err, "sysray: live capture needs root, or CAP_BPF and CAP_PERFMON")) << r.err;
}

TEST_F(LiveCli, WorksWithoutTracefs) {
  // A private mount namespace without tracefs: the raw tracepoints the
  // probe uses do not need it, so sysray neither mounts it nor fails.
  SysrayProcess sysray({"-n", "5", "-p", "%evt.type"}, [] {
    if (unshare(CLONE_NEWNS) != 0 || mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
    umount2("/sys/kernel/debug/tracing", MNT_DETACH);
    umount2("/sys/kernel/tracing", MNT_DETACH);
    return access("/sys/kernel/tracing/events", F_OK) != 0;
  });
  for (int i = 0; i < 100 && !sysray.wait_for_output("\n", 50ms); i++) getppid();
  test::RunResult r = sysray.finish(20s);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(testing::split(r.out, '\n').size(), 5u) << r.out;
}

// These must fail before any capture starts; if one did start, finish()
// would stop it at the timeout instead of hanging the suite.
TEST_F(LiveCli, BadFormatOrFilterFailsBeforeCapturing) {
  test::RunResult r = SysrayProcess({"-p", "%evt.type %no.such.field"}).finish(20s);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(testing::split(r.err, '\n').size(), 1u) << r.err;
  EXPECT_TRUE(contains(r.err, "no.such.field")) << r.err;
  r = SysrayProcess({"proc.name=("}).finish(20s);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "filter error")) << r.err;
  EXPECT_FALSE(contains(r.err, "Driver Events")) << r.err;
}

TEST_F(LiveCli, BadBufferSizeIsAUsageError) {
  test::RunResult r = SysrayProcess({"--buffer-size", "12Q"}).finish(20s);
  EXPECT_NE(r.status, 0);
  EXPECT_TRUE(contains(r.err, "not a size: 12Q")) << r.err;
  r = SysrayProcess({"--buffer-size", "100"}).finish(20s);
  EXPECT_NE(r.status, 0);
  EXPECT_TRUE(contains(r.err, "between 4K and 1G")) << r.err;
}

}  // namespace
}  // namespace sysray

namespace sysray {
namespace {

// -M on a file, as sysdig 0.29.3 does it: reading stops at the first event
// N seconds after the first one. Line counts decided by sysdig on this
// capture; the output is a prefix of the whole capture's.
TEST(CliDuration, FileStopsByEventTimestampsAsSysdig) {
  std::string trace = std::string(SYSRAY_SHARED_DIR) + "/traces/ping_sendto.scap";
  test::RunResult full = test::run_sysray({"-r", trace});
  ASSERT_EQ(full.status, 0) << full.err;
  for (auto [seconds, lines] : {std::pair{"1", 2u}, {"2", 4u}, {"5", 10u}}) {
    test::RunResult r = test::run_sysray({"-r", trace, "-M", seconds});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(testing::split(r.out, '\n').size(), lines) << "-M " << seconds;
    EXPECT_EQ(full.out.compare(0, r.out.size(), r.out), 0) << "-M " << seconds;
  }
}

}  // namespace
}  // namespace sysray
