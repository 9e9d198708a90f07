#include "source/chunk_read_ahead.h"

namespace sysray {

namespace {
// The consumer holds two chunks at most (the latest and, until it has
// copied its tail, the one before); the thread fills the rest.
constexpr size_t kChunks = 4;
}  // namespace

ChunkReadAhead::ChunkReadAhead(Producer produce, size_t chunk_size, size_t front_room)
    : produce_(std::move(produce)), ring_(kChunks) {
  for (Chunk& chunk : ring_) {
    chunk.front_room = front_room;
    chunk.buffer.resize(front_room + chunk_size);
  }
  thread_ = std::thread([this] { run(); });
}

ChunkReadAhead::~ChunkReadAhead() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  room_.notify_one();
  thread_.join();
}

void ChunkReadAhead::run() {
  for (;;) {
    Chunk* chunk;
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [this] { return stopping_ || produced_ - released_ < kChunks; });
      if (stopping_) return;
      chunk = &ring_[produced_ % kChunks];
    }
    const size_t room = chunk->buffer.size() - chunk->front_room;
    chunk->error.clear();
    chunk->size = produce_(chunk->data(), room, &chunk->error);
    chunk->last = chunk->size < room || !chunk->error.empty();
    const bool last = chunk->last;
    {
      std::lock_guard lock(mutex_);
      ++produced_;
    }
    filled_.notify_one();
    if (last) return;
  }
}

ChunkReadAhead::Chunk& ChunkReadAhead::next() {
  std::unique_lock lock(mutex_);
  filled_.wait(lock, [this] { return produced_ > taken_; });
  return ring_[taken_++ % kChunks];
}

void ChunkReadAhead::release_previous() {
  {
    std::lock_guard lock(mutex_);
    if (released_ + 1 >= taken_) return;  // nothing before the latest
    ++released_;
  }
  room_.notify_one();
}

}  // namespace sysray
