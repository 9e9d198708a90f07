// ByteStream on real files big enough to be read ahead on a second thread:
// every byte comes back in order whatever the request sizes, gzip damage
// comes after the good bytes before it, and a file that shrinks while it is
// read is an error, not a short stream.
#include "source/byte_stream.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace sysray {
namespace {

using Bytes = std::vector<uint8_t>;

// Compressible but not trivial: what a capture looks like to zlib.
Bytes sample_bytes(size_t n) {
  std::mt19937 rng(42);
  Bytes out(n);
  for (size_t i = 0; i < n; ++i) out[i] = uint8_t((i / 7) ^ (rng() % 4 == 0 ? rng() : 0));
  return out;
}

Bytes gzip_bytes(const Bytes& in) {
  uLongf size = compressBound(uLong(in.size())) + 64;
  Bytes out(size);
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  z.next_in = const_cast<uint8_t*>(in.data());
  z.avail_in = uInt(in.size());
  z.next_out = out.data();
  z.avail_out = uInt(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string write_temp(const Bytes& bytes, const std::string& name) {
  std::string path = ::testing::TempDir() + "sysray-byte-stream-" + name;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  return path;
}

// Takes the whole stream in requests of varying sizes (some bigger than
// the read-ahead chunks) and returns what came out.
Bytes take_all(ByteStream& stream) {
  std::mt19937 rng(7);
  Bytes out;
  for (int i = 0;; ++i) {
    size_t want = i % 50 == 49 ? (3u << 19) : 1 + rng() % 70000;
    size_t got = 0;
    const uint8_t* p = stream.take(want, &got);
    out.insert(out.end(), p, p + got);
    EXPECT_EQ(stream.offset(), out.size());
    if (got < want) return out;
  }
}

constexpr size_t kBigFile = 12u << 20;  // well over the read-ahead threshold

TEST(ByteStream, BigPlainFileComesBackWhole) {
  Bytes data = sample_bytes(kBigFile);
  auto stream = ByteStream::open_file(write_temp(data, "plain"));
  EXPECT_EQ(take_all(*stream), data);
  EXPECT_FALSE(stream->is_gzip());
}

TEST(ByteStream, BigGzipFileComesBackWhole) {
  Bytes data = sample_bytes(kBigFile);
  auto stream = ByteStream::open_file(write_temp(gzip_bytes(data), "gzip"));
  EXPECT_EQ(take_all(*stream), data);
  EXPECT_TRUE(stream->is_gzip());
}

// Inflating damaged data can produce wrong bytes before zlib notices (the
// CRC comes at the end), so only the bytes well before the damage are
// compared; what matters is that the stream ends in the error, after them.
TEST(ByteStream, GzipDamageComesAfterTheGoodBytes) {
  Bytes data = sample_bytes(kBigFile);
  Bytes gz = gzip_bytes(data);
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] ^= 0x5a;
  auto stream = ByteStream::open_file(write_temp(gz, "damaged"));
  Bytes out;
  bool failed = false;
  try {
    for (;;) {
      size_t got = 0;
      const uint8_t* p = stream->take(4096, &got);
      out.insert(out.end(), p, p + got);
      ASSERT_EQ(got, 4096u) << "the stream ended quietly at " << out.size();
    }
  } catch (const StreamError& e) {
    failed = true;
    EXPECT_NE(std::string(e.what()).find("corrupt gzip data"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(failed);
  ASSERT_GT(out.size(), data.size() / 4);
  EXPECT_LT(out.size(), data.size());
  EXPECT_TRUE(std::equal(data.begin(), data.begin() + data.size() / 4, out.begin()));
}

TEST(ByteStream, FileThatShrinksWhileReadIsAnError) {
  Bytes data = sample_bytes(kBigFile);
  std::string path = write_temp(data, "shrinks");
  auto stream = ByteStream::open_file(path);
  size_t got = 0;
  stream->take(100, &got);
  ASSERT_EQ(got, 100u);
  ASSERT_EQ(::truncate(path.c_str(), 1 << 20), 0);
  try {
    for (;;) {
      stream->take(65536, &got);
      ASSERT_EQ(got, 65536u) << "the stream ended quietly at " << stream->offset();
    }
  } catch (const StreamError& e) {
    EXPECT_NE(std::string(e.what()).find("shrank while it was being read"), std::string::npos) << e.what();
  }
  std::remove(path.c_str());
}

// Below the read-ahead threshold: one buffer that grows for requests
// bigger than it while holding the unread tail of the last fill (a
// use-after-free once, found by scap_reader_fuzz on a gzip'd capture).
TEST(ByteStream, SmallFilesAreReadWithoutAThreadTheSameWay) {
  Bytes data = sample_bytes(3u << 20);
  auto plain = ByteStream::open_file(write_temp(data, "small"));
  EXPECT_EQ(take_all(*plain), data);
  auto gzip = ByteStream::open_file(write_temp(gzip_bytes(data), "small-gzip"));
  EXPECT_EQ(take_all(*gzip), data);
  Bytes gz = gzip_bytes(data);
  auto memory = ByteStream::from_memory(gz);
  EXPECT_EQ(take_all(*memory), data);
}

}  // namespace
}  // namespace sysray
