#include "live/ring_reader.h"

#include <sys/mman.h>
#include <unistd.h>

#include <utility>

namespace sysray {

namespace {
// The kernel's record header (struct bpf_ringbuf_hdr): u32 len with two
// flag bits, u32 page offset. Records are 8-byte aligned.
constexpr uint32_t kBusyBit = 1u << 31;
constexpr uint32_t kDiscardBit = 1u << 30;
constexpr uint32_t kHeaderSize = 8;

uint64_t round_up8(uint64_t v) { return (v + 7) & ~uint64_t(7); }
}  // namespace

RingReader::RingReader(RingReader&& other) noexcept { *this = std::move(other); }

RingReader& RingReader::operator=(RingReader&& other) noexcept {
  if (this != &other) {
    unmap();
    consumer_page_ = std::exchange(other.consumer_page_, nullptr);
    producer_area_ = std::exchange(other.producer_area_, nullptr);
    page_size_ = other.page_size_;
    size_ = other.size_;
    consumer_pos_ = other.consumer_pos_;
    producer_pos_ = other.producer_pos_;
    peeked_advance_ = other.peeked_advance_;
  }
  return *this;
}

RingReader::~RingReader() { unmap(); }

void RingReader::unmap() {
  if (consumer_page_) munmap(consumer_page_, page_size_);
  if (producer_area_) munmap(producer_area_, page_size_ + 2 * size_);
  consumer_page_ = producer_area_ = nullptr;
}

bool RingReader::map(int fd, size_t size) {
  unmap();
  page_size_ = size_t(sysconf(_SC_PAGESIZE));
  size_ = size;
  void* cons = mmap(nullptr, page_size_, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (cons == MAP_FAILED) return false;
  // The data area is mapped twice in a row, so a record that wraps around
  // the end is still contiguous.
  void* prod = mmap(nullptr, page_size_ + 2 * size_, PROT_READ, MAP_SHARED, fd, off_t(page_size_));
  if (prod == MAP_FAILED) {
    munmap(cons, page_size_);
    return false;
  }
  consumer_page_ = static_cast<uint8_t*>(cons);
  producer_area_ = static_cast<uint8_t*>(prod);
  consumer_pos_ = __atomic_load_n(reinterpret_cast<uint64_t*>(consumer_page_), __ATOMIC_ACQUIRE);
  producer_pos_ = consumer_pos_;
  return true;
}

bool RingReader::peek(const uint8_t** data, uint32_t* len) {
  if (!producer_area_) return false;
  for (;;) {
    if (consumer_pos_ == producer_pos_) {
      // Only touch the shared producer position when our batch is used up.
      producer_pos_ = __atomic_load_n(reinterpret_cast<uint64_t*>(producer_area_), __ATOMIC_ACQUIRE);
      if (consumer_pos_ == producer_pos_) return false;
    }
    const uint8_t* rec = producer_area_ + page_size_ + (consumer_pos_ & (size_ - 1));
    uint32_t word = __atomic_load_n(reinterpret_cast<const uint32_t*>(rec), __ATOMIC_ACQUIRE);
    if (word & kBusyBit) return false;  // reserved, not yet submitted
    uint32_t rec_len = word & ~(kBusyBit | kDiscardBit);
    uint64_t advance = round_up8(uint64_t(rec_len) + kHeaderSize);
    if (word & kDiscardBit) {
      consumer_pos_ += advance;
      __atomic_store_n(reinterpret_cast<uint64_t*>(consumer_page_), consumer_pos_, __ATOMIC_RELEASE);
      continue;
    }
    *data = rec + kHeaderSize;
    *len = rec_len;
    peeked_advance_ = advance;
    return true;
  }
}

void RingReader::consume() {
  consumer_pos_ += peeked_advance_;
  peeked_advance_ = 0;
  __atomic_store_n(reinterpret_cast<uint64_t*>(consumer_page_), consumer_pos_, __ATOMIC_RELEASE);
}

}  // namespace sysray
