#include "trace/zstd_codec.h"

#include <zstd.h>

#include <memory>
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

Bytes zstd_compress(const Bytes& raw, int level, const Bytes* prefix) {
  // One context per thread: creating one per block costs more than small
  // blocks take to compress.
  thread_local std::unique_ptr<ZSTD_CCtx, CctxDeleter> cctx(ZSTD_createCCtx());
  ZSTD_CCtx_reset(cctx.get(), ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  if (prefix) ZSTD_CCtx_refPrefix(cctx.get(), prefix->data(), prefix->size());
  Bytes out(ZSTD_compressBound(raw.size()));
  size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), raw.data(), raw.size());
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
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
