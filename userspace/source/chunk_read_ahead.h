// Produces a stream's bytes on a second thread, a few chunks ahead of the
// consumer.
//
// Reading a large capture spends a good part of its time getting the bytes
// at all: read() copying from the page cache, or zlib inflating. That work
// does not depend on what the consumer does with the bytes, so on a machine
// with a second core it runs there, while the main thread decodes the
// events, keeps the state and evaluates the filter.
//
// Each chunk keeps `front_room` bytes free before its data, so that the
// consumer can put the tail of the previous chunk (half an event block)
// right in front of the new bytes and go on without copying the rest.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sysray {

class ChunkReadAhead {
 public:
  // produce(dst, n, &error) runs on the thread: it fills dst with up to n
  // bytes and returns how many, fewer than n only at the end of the stream
  // or at damage, which it describes in error.
  using Producer = std::function<size_t(uint8_t* dst, size_t n, std::string* error)>;

  struct Chunk {
    std::vector<uint8_t> buffer;  // front room, then the data
    size_t size = 0;              // bytes of data
    bool last = false;            // nothing follows (end of stream or error)
    std::string error;            // why the stream ended early, if it did
    uint8_t* data() { return buffer.data() + front_room; }
    size_t front_room = 0;
  };

  ChunkReadAhead(Producer produce, size_t chunk_size, size_t front_room);
  ~ChunkReadAhead();
  ChunkReadAhead(const ChunkReadAhead&) = delete;
  ChunkReadAhead& operator=(const ChunkReadAhead&) = delete;

  // The next chunk, waiting for it if needed. The chunk returned by the
  // call before stays untouched until release_previous().
  Chunk& next();
  // Gives the chunk before the latest one back to the thread.
  void release_previous();

 private:
  void run();

  Producer produce_;
  std::vector<Chunk> ring_;

  std::mutex mutex_;
  std::condition_variable filled_;  // consumer waits for a chunk
  std::condition_variable room_;    // thread waits for a free chunk
  size_t produced_ = 0;             // chunks filled
  size_t taken_ = 0;                // chunks handed to the consumer
  size_t released_ = 0;             // chunks given back
  bool stopping_ = false;

  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace sysray
