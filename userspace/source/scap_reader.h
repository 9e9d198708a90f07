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
  // Messages kept out of line, so the per-event functions stay small.
  [[noreturn]] void fail_block_length(const BlockHeader& header, uint32_t min);
  [[noreturn]] void fail_cut_header(const BlockHeader& header, size_t got);
  [[noreturn]] void fail_event_block_length(const BlockHeader& header, const scap::BlockInfo& info, size_t cap);
  void load_section();  // metadata blocks up to the next event block
  void load_metadata_block(const BlockHeader& header, const scap::BlockInfo& info);
  void check_section_header(FieldReader body);
  bool read_event_block(const BlockHeader& header, const scap::BlockInfo& info, Event& event);
  bool decode_event_block(const BlockHeader& header, const scap::BlockInfo& info, const uint8_t* data, Event& event);
  bool whole_event_block_in_memory(BlockHeader& header, scap::BlockInfo& info, const uint8_t*& body);
  // The rest of the block: in place in the stream when small, else copied
  // into block_. Valid until the next read.
  const uint8_t* read_body(const BlockHeader& header);
  [[noreturn]] void fail_cut_short(const BlockHeader& header, size_t got);
  void skip_body(const BlockHeader& header);
  size_t read_some(uint8_t* dst, size_t n);   // stream errors become SourceError
  const uint8_t* take_some(size_t n, size_t* got);  // the same, in place
  [[noreturn]] void fail(uint64_t offset, std::string_view what);
  [[noreturn]] void fail_open(std::string_view what);

  std::string name_;
  std::optional<std::span<const uint8_t>> memory_;
  std::unique_ptr<ByteStream> stream_;
  State* state_ = nullptr;
  scap::EventBlockDecoder decoder_;
  std::vector<uint8_t> block_;               // the current block when too big to use in place
  std::optional<BlockHeader> pending_;       // read but not yet handled
  uint32_t last_event_block_type_ = 0;       // whole_event_block_in_memory()'s cache
  scap::BlockInfo last_event_block_info_;
  uint64_t events_yielded_ = 0;
  bool done_ = false;
};

}  // namespace sysray
