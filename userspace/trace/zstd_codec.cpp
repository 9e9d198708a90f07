#include "trace/zstd_codec.h"

#include <zstd.h>

#include <memory>
#include <stdexcept>
#include <utility>
#include <string>

namespace sysray::trace {
namespace {

struct CctxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DctxDeleter {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

}  // namespace

Bytes zstd_compress(const Bytes& raw, int level, const Bytes* prefix, size_t block_end) {
  // One context per thread: creating one per block costs more than small
  // blocks take to compress.
  thread_local std::unique_ptr<ZSTD_CCtx, CctxDeleter> cctx(ZSTD_createCCtx());
  ZSTD_CCtx_reset(cctx.get(), ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  if (prefix) ZSTD_CCtx_refPrefix(cctx.get(), prefix->data(), prefix->size());
  if (block_end == 0 || block_end >= raw.size()) {
    Bytes out(ZSTD_compressBound(raw.size()));
    size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), raw.data(), raw.size());
    if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
  }
  // One frame still (any zstd decoder reads it), in two runs of blocks.
  ZSTD_CCtx_setPledgedSrcSize(cctx.get(), raw.size());
  Bytes out(ZSTD_compressBound(block_end) + ZSTD_compressBound(raw.size() - block_end));
  ZSTD_outBuffer ob{out.data(), out.size(), 0};
  ZSTD_inBuffer first{raw.data(), block_end, 0};
  ZSTD_inBuffer rest{raw.data() + block_end, raw.size() - block_end, 0};
  for (auto [in, mode] : {std::pair{&first, ZSTD_e_flush}, std::pair{&rest, ZSTD_e_end}}) {
    size_t left;
    do {
      left = ZSTD_compressStream2(cctx.get(), &ob, in, mode);
      if (ZSTD_isError(left)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(left));
    } while (left != 0);
  }
  out.resize(ob.pos);
  return out;
}

void zstd_decompress(const uint8_t* data, size_t size, size_t raw_len, Bytes& out, const Bytes* prefix) {
  thread_local std::unique_ptr<ZSTD_DCtx, DctxDeleter> dctx(ZSTD_createDCtx());
  const unsigned long long content = ZSTD_getFrameContentSize(data, size);
  if (content == ZSTD_CONTENTSIZE_ERROR) throw DecodeError("not a zstd frame");
  // Writers always record the size, so that nothing is allocated on a
  // damaged frame's word alone.
  if (content == ZSTD_CONTENTSIZE_UNKNOWN) throw DecodeError("zstd frame without its content size");
  if (content != raw_len)
    throw DecodeError("zstd frame holds " + std::to_string(content) + " bytes, the record header says " +
                      std::to_string(raw_len));
  out.resize(raw_len);
  ZSTD_DCtx_reset(dctx.get(), ZSTD_reset_session_and_parameters);
  if (prefix) ZSTD_DCtx_refPrefix(dctx.get(), prefix->data(), prefix->size());
  size_t n = ZSTD_decompressDCtx(dctx.get(), out.data(), out.size(), data, size);
  if (ZSTD_isError(n)) throw DecodeError(std::string("zstd: ") + ZSTD_getErrorName(n));
  if (n != raw_len)
    throw DecodeError("zstd frame holds " + std::to_string(n) + " bytes, the record header says " +
                      std::to_string(raw_len));
}

}  // namespace sysray::trace
