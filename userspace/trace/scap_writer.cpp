#include "trace/scap_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "source/scap_block_types.h"
#include "source/scap_event_block.h"

namespace sysray::trace {
namespace {

constexpr uint32_t kMachineInfo = 0x201, kProcessListV9 = 0x215, kFdListV2 = 0x218;
constexpr uint32_t kInterfaceListV2 = 0x219, kUserListV2 = 0x220;
constexpr uint32_t kEventV2 = 0x216, kEventFlagsV2 = 0x217, kEventV2Large = 0x221, kEventFlagsV2Large = 0x222;

template <class T>
void put(Bytes& out, T v) {
  put_bytes(out, &v, sizeof v);
}

}  // namespace

ScapWriter::ScapWriter(std::string path, const State& state, bool gzip) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) fail(std::string("cannot create: ") + std::strerror(errno));
  try {
    start(state, gzip);
  } catch (...) {
    // No destructor runs for a constructor that throws.
    if (gz_) gzclose(gz_);
    if (fd_ >= 0) ::close(fd_);
    throw;
  }
}

void ScapWriter::start(const State& state, bool gzip) {
  restrict_to_owner(fd_, path_);
  if (gzip) {
    gz_ = gzdopen(fd_, "wb6");
    if (!gz_) fail("cannot start gzip output");
    fd_ = -1;  // gzclose closes it
  }
  // The section header is exactly 28 bytes: sysdig 0.29.3 reads no more.
  Bytes shb;
  put<uint32_t>(shb, scap::kSectionHeader);
  put<uint32_t>(shb, scap::kSectionHeaderSize);
  put<uint32_t>(shb, scap::kByteOrderMagic);
  put<uint16_t>(shb, 1);
  put<uint16_t>(shb, 2);
  put<int64_t>(shb, -1);
  put<uint32_t>(shb, scap::kSectionHeaderSize);
  append(shb.data(), shb.size());

  write_block(kMachineInfo, scap_machine_info_body(state.machine));
  write_block(kInterfaceListV2, scap_interface_list_body(state));
  write_block(kUserListV2, scap_user_list_body(state));
  write_block(kProcessListV9, scap_process_list_body(state));
  std::vector<int64_t> tids;
  for (const auto& [tid, t] : state.threads()) tids.push_back(tid);
  std::sort(tids.begin(), tids.end());
  for (int64_t tid : tids) {
    Bytes body = scap_fd_list_body(state.threads().at(tid));
    if (!body.empty()) write_block(kFdListV2, body);
  }
}

ScapWriter::~ScapWriter() {
  if (!closed_) {
    try {
      close({});
    } catch (const TraceError&) {
    }
  }
}

void ScapWriter::fail(const std::string& what) { throw TraceError(path_ + ": " + what); }

void ScapWriter::append(const uint8_t* data, size_t size) {
  bytes_out_ += size;
  if (gz_) {
    while (size > 0) {
      const unsigned chunk = unsigned(std::min<size_t>(size, 1u << 30));
      if (gzwrite(gz_, data, chunk) != int(chunk)) {
        int err = 0;
        const char* msg = gzerror(gz_, &err);
        fail(std::string("write failed: ") + (err == Z_ERRNO ? std::strerror(errno) : msg));
      }
      data += chunk;
      size -= chunk;
    }
    return;
  }
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(std::string("write failed: ") + std::strerror(errno));
    data += n;
    size -= size_t(n);
  }
}

// Framing: type, total length, body, zero padding to 4, total length.
void ScapWriter::write_block(uint32_t type, const Bytes& body) {
  const uint32_t total = uint32_t((scap::kBlockHeaderSize + body.size() + scap::kBlockTrailerSize + 3) & ~size_t(3));
  block_.clear();
  put<uint32_t>(block_, type);
  put<uint32_t>(block_, total);
  put_bytes(block_, body.data(), body.size());
  block_.resize(total - scap::kBlockTrailerSize, 0);
  put<uint32_t>(block_, total);
  append(block_.data(), block_.size());
}

void ScapWriter::write(const Event& e) {
  // SCAP_DF_LARGE only lives in memory; the block type says it instead.
  const uint32_t flags = e.dump_flags & ~scap::kEventFlagLarge;
  const bool large = e.info().is_large_payload();
  const uint32_t type = flags ? (large ? kEventFlagsV2Large : kEventFlagsV2) : (large ? kEventV2Large : kEventV2);
  Bytes body;
  body.reserve(6 + v2_size(e));
  put<uint16_t>(body, e.cpu);
  if (flags) put<uint32_t>(body, flags);
  append_v2(e, body);
  write_block(type, body);
}

void ScapWriter::close(const SourceStats&) {
  if (closed_) return;
  closed_ = true;
  if (gz_) {
    gzFile gz = gz_;
    gz_ = nullptr;
    if (gzclose(gz) != Z_OK) fail("close failed");
  } else if (fd_ >= 0) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(std::string("close failed: ") + std::strerror(errno));
  }
}

}  // namespace sysray::trace
