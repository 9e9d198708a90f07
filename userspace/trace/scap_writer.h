// -w FILE.scap: exports events as a .scap capture that sysdig 0.29.3 and
// current falcosecurity libs read (scap-format.md §7): a 28-byte section
// header, machine info, IL_V2, UL_V2, PL_V9 (up to root, plus loginuid),
// one FDL_V2 per thread with fds, then EV_V2/EVF_V2 blocks (their LARGE
// forms for large-payload events). gzip makes it what sysdig -z writes.
#pragma once

#include <zlib.h>

#include <string>

#include "state/state.h"
#include "trace/event_writer.h"
#include "trace/varint.h"

namespace sysray::trace {

class ScapWriter : public EventWriter {
 public:
  // Creates path (mode 0600) and writes the metadata blocks from state.
  // Throws TraceError.
  ScapWriter(std::string path, const State& state, bool gzip);
  ~ScapWriter() override;
  ScapWriter(const ScapWriter&) = delete;
  ScapWriter& operator=(const ScapWriter&) = delete;

  void write(const Event& event) override;
  void close(const SourceStats& stats) override;  // scap has no place for drops
  uint64_t bytes_written() const override { return bytes_out_; }  // before gzip

 private:
  void start(const State& state, bool gzip);  // everything before the first event
  void write_block(uint32_t type, const Bytes& body);
  void append(const uint8_t* data, size_t size);
  [[noreturn]] void fail(const std::string& what);

  std::string path_;
  int fd_ = -1;
  gzFile gz_ = nullptr;
  Bytes block_;  // reused for event blocks
  uint64_t bytes_out_ = 0;
  bool closed_ = false;
};

// The metadata blocks' bodies, exposed for tests.
Bytes scap_machine_info_body(const MachineInfo& machine);
Bytes scap_process_list_body(const State& state);
Bytes scap_fd_list_body(const ThreadInfo& thread);  // empty when the thread has no fds to write
Bytes scap_user_list_body(const State& state);
Bytes scap_interface_list_body(const State& state);

}  // namespace sysray::trace
