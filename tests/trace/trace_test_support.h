// Helpers shared by the trace tests: the sample captures, scratch files,
// writing a .sray from a .scap through the library (with small blocks, to
// get many), and reading every event of a source as comparable records.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "source/scap_reader.h"
#include "trace/trace_writer.h"

namespace sysray::test {

inline const std::string kTraceDir = std::string(SYSRAY_SHARED_DIR) + "/traces/";
inline const std::vector<std::string> kCaptures = {
    "cat_write", "connect_localhost", "curl_google", "open-multiple-files",
    "ping_sendto", "single_ipv6_conn", "syscall", "test_ipv6_client",
};

inline std::string capture(const std::string& name) { return kTraceDir + name + ".scap"; }

// Debian's sysdig, the reference the trace tests compare with (CI installs it).
inline bool have_sysdig() { return std::system("command -v sysdig >/dev/null 2>&1") == 0; }

// A scratch directory removed with its contents when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    char tmpl[] = "/tmp/sysray-trace-test-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::vector<uint8_t> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline void write_bytes(const std::string& path, const uint8_t* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
}

// One event as a reader yielded it, enough to compare two sources.
struct EventRecord {
  uint64_t num = 0, ts = 0;
  int64_t tid = 0;
  uint16_t type = 0, cpu = 0;
  uint32_t flags = 0;
  std::vector<uint8_t> raw;
  bool operator==(const EventRecord&) const = default;
};

inline EventRecord record_of(const Event& e) {
  EventRecord r{e.num, e.ts, e.tid, e.type, e.cpu, e.dump_flags, {}};
  append_v2(e, r.raw);  // V1 captures are read in place; files hold V2
  return r;
}

// Writes what the pipeline would write for `scap`: state first, then every
// event after it went through State (snapshots see the state of then).
inline uint64_t write_trace_from_scap(const std::string& scap, const std::string& out,
                                      trace::TraceWriterOptions options = {}) {
  ScapReader reader(scap);
  State state;
  reader.open(state);
  trace::TraceWriter writer(out, state, options);
  Event e;
  EventContext ctx;
  while (reader.next(e)) {
    state.process_event(e, ctx);
    writer.write(e);
  }
  writer.close(reader.stats());
  return writer.events_written();
}

// Every event of source (opened on a fresh State), processed through it.
inline std::vector<EventRecord> read_all(EventSource& source) {
  State state;
  source.open(state);
  std::vector<EventRecord> events;
  Event e;
  EventContext ctx;
  while (source.next(e)) {
    state.process_event(e, ctx);
    events.push_back(record_of(e));
  }
  return events;
}

}  // namespace sysray::test
