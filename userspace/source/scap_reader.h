// Reads sysdig/falco .scap captures, plain or gzip-compressed
// (scap-format.md §1 and §5).
//
// open() loads the first section's metadata (machine, processes, fds,
// users, interfaces) into the State; next() yields the events. A metadata
// block met after events starts a new section (concatenated captures): it
// is loaded into the same State before the next event.
//
// Damage is reported as one line, "<file>: offset <N>: <what is wrong>",
// after every good event before it has been yielded. N counts bytes of the
// uncompressed stream; messages about gzip files say so.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "source/event_source.h"
#include "source/scap_block_types.h"
#include "source/scap_event_block.h"

namespace sysray {

class ByteStream;

struct ScapReaderOptions {
  // sysdig 0.29.3 silently drops events whose type it does not know (>= 336)
  // and gives them no evt.num. true reproduces that; false yields the ones
  // sysray's own table knows.
  bool skip_unknown_to_legacy = true;
};

class ScapReader : public EventSource {
 public:
  explicit ScapReader(std::string path, ScapReaderOptions options = {});
  // Reads a capture held in memory; bytes must outlive the reader. name is
  // what messages call it.
  ScapReader(std::string name, std::span<const uint8_t> bytes, ScapReaderOptions options = {});
  ~ScapReader() override;

  void open(State& state) override;
  bool next(Event& event) override;
  SourceStats stats() const override { return {.events = events_yielded_}; }

 private:
  struct BlockHeader {
    uint32_t type = 0;
    uint32_t length = 0;
    uint64_t offset = 0;  // of the block's first byte
  };

  void open_stream();
  void read_first_block_header(BlockHeader& header);
  bool read_block_header(BlockHeader& header);  // false at a clean end
  void check_block_length(const BlockHeader& header);
  void load_section();  // metadata blocks up to the next event block
  void load_metadata_block(const BlockHeader& header, const scap::BlockInfo& info);
  void check_section_header(FieldReader body);
  bool read_event_block(const BlockHeader& header, const scap::BlockInfo& info, Event& event);
  void read_body(const BlockHeader& header);  // the rest of the block into block_
  void skip_body(const BlockHeader& header);
  size_t read_some(uint8_t* dst, size_t n);   // stream errors become SourceError
  [[noreturn]] void fail(uint64_t offset, std::string_view what);
  [[noreturn]] void fail_open(std::string_view what);

  std::string name_;
  std::optional<std::span<const uint8_t>> memory_;
  std::unique_ptr<ByteStream> stream_;
  State* state_ = nullptr;
  scap::EventBlockDecoder decoder_;
  std::vector<uint8_t> block_;               // the current block, reused
  std::optional<BlockHeader> pending_;       // read but not yet handled
  uint64_t events_yielded_ = 0;
  bool done_ = false;
};

}  // namespace sysray
