// Reads one BPF ring buffer through its mmapped pages, without libbpf's
// callback loop: peek() exposes the next record in place, consume() frees
// it. One reader per ring, used from one thread; no locks, no copies.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sysray {

class RingReader {
 public:
  RingReader() = default;
  RingReader(const RingReader&) = delete;
  RingReader& operator=(const RingReader&) = delete;
  RingReader(RingReader&& other) noexcept;
  RingReader& operator=(RingReader&& other) noexcept;
  ~RingReader();

  // Maps the ring of map fd `fd` whose data area is `size` bytes. Returns
  // false with errno set on failure.
  bool map(int fd, size_t size);

  // The next complete record, or false when the ring is empty (or the
  // producer is still writing the next one). Discarded records are skipped.
  bool peek(const uint8_t** data, uint32_t* len);
  // Releases the record returned by the last successful peek().
  void consume();

 private:
  void unmap();

  uint8_t* consumer_page_ = nullptr;
  uint8_t* producer_area_ = nullptr;  // producer page, then the data area mapped twice
  size_t page_size_ = 0;
  size_t size_ = 0;
  uint64_t consumer_pos_ = 0;  // our copy of the kernel's consumer position
  uint64_t producer_pos_ = 0;  // last producer position read
  uint64_t peeked_advance_ = 0;
};

}  // namespace sysray
