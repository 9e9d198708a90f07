#include "trace/event_block_codec.h"

#include <string>

#include "trace/trace_format.h"

namespace sysray::trace {
namespace {

// Parameters of these widths are integers in practice (fds, results,
// flags, pids); any bytes of these widths round-trip through a varint.
bool is_numeric_width(uint32_t len) { return len == 1 || len == 2 || len == 4 || len == 8; }

int64_t load_signed(const uint8_t* p, uint32_t len) {
  switch (len) {
    case 1: return int8_t(p[0]);
    case 2: return load_le<int16_t>(p);
    case 4: return load_le<int32_t>(p);
    default: return load_le<int64_t>(p);
  }
}

void store_le(uint8_t* p, uint64_t v, size_t len) {
  for (size_t i = 0; i < len; ++i) p[i] = uint8_t(v >> (8 * i));
}

constexpr std::array<const char*, 12> kNames = {"ts",   "tid",   "type",    "cpu",    "flags", "nparams", "param len",
                                                 "numbers", "data", "extra", "exit ts", "buffers"};

// I/O payloads (read/write data) look nothing like paths and names: they
// compress better apart.
bool is_buffer(const EventInfo& info, uint32_t i) { return i < info.nparams && info.params[i].type == ParamType::BYTEBUF; }

}  // namespace

void EventBlockEncoder::add(const Event& e) {
  if (count_ == 0) first_ts_ = prev_ts_ = e.ts;
  put_svarint(cols_[e.is_enter() ? kTs : kExitTs], int64_t(e.ts - prev_ts_));
  put_svarint(cols_[kTid], int64_t(uint64_t(e.tid) - uint64_t(prev_tid_)));
  put_varint(cols_[kType], e.type);
  put_varint(cols_[kCpu], e.cpu);
  put_varint(cols_[kFlags], e.dump_flags);
  BlockPredictor::TypeMemory& last = predict_.of(e.type);
  put_svarint(cols_[kNparams], int64_t(e.nparams) - int64_t(last.nparams));
  last.nparams = e.nparams;
  size_t end = e.header_size + e.nparams * (e.info().is_large_payload() ? 4 : 2);
  for (uint32_t i = 0; i < e.nparams; ++i) {
    const uint32_t len = e.param_length[i];
    const uint8_t* p = e.raw + e.param_offset[i];
    put_svarint(cols_[kParamLen], int64_t(len) - int64_t(last.len[i]));
    last.len[i] = len;
    if (is_numeric_width(len)) {
      // 0: the same value as last time, else 1 + the zigzag value.
      const int64_t v = load_signed(p, len);
      put_varint(cols_[kNumbers], uint64_t(v) == last.value[i] ? 0 : 1 + zigzag(v));
      last.value[i] = uint64_t(v);
    } else {
      put_bytes(cols_[is_buffer(e.info(), i) ? kBuffers : kData], p, len);
    }
    end = e.param_offset[i] + len;
  }
  // Bytes after the last parameter that the event's len still covers.
  const size_t extra = e.raw_len > end ? e.raw_len - end : 0;
  put_varint(cols_[kExtra], extra);
  put_bytes(cols_[kData], e.raw + end, extra);

  prev_ts_ = e.ts;
  if (count_ == 0 || e.ts > last_ts_) last_ts_ = e.ts;
  prev_tid_ = e.tid;
  ++count_;
  raw_bytes_ += v2_size(e);
}

size_t event_block_buffers_start(const Bytes& raw) {
  try {
    VarintReader r(raw.data(), raw.size(), "event block");
    const uint64_t count = r.varint();
    if (count == 0) return 0;
    for (uint64_t i = 0; i + 1 < count; ++i) r.bytes(r.varint());
    r.varint();
    return raw.size() - r.remaining();
  } catch (const DecodeError&) {
    return 0;
  }
}

Bytes EventBlockEncoder::finish() {
  Bytes out = cols_.serialize();
  cols_.clear();
  predict_.reset();
  count_ = 0;
  raw_bytes_ = 0;
  prev_tid_ = 0;
  return out;
}

void decode_event_block(const uint8_t* data, size_t size, uint32_t count, uint64_t first_ts, DecodedBlock& out) {
  auto in = parse_columns<kNames.size()>(data, size, kNames);
  auto& [ts_in, tid_in, type_in, cpu_in, flags_in, nparams_in, len_in, num_in, data_in, extra_in, exit_ts_in,
         buffers_in] = in;
  BlockPredictor predict;
  out.raw.clear();
  out.offset.clear();
  out.cpu.clear();
  out.flags.clear();
  // Every event takes at least one byte in each column.
  if (count > size) throw DecodeError("block claims " + std::to_string(count) + " events in " + std::to_string(size) +
                                      " bytes");
  out.offset.reserve(count);
  uint64_t ts = first_ts;
  int64_t tid = 0;
  uint32_t lens[kMaxParams];
  for (uint32_t n = 0; n < count; ++n) {
    tid = int64_t(uint64_t(tid) + uint64_t(tid_in.svarint()));
    const uint64_t type = type_in.bounded(0xffff, "event type");
    if (!is_known_event(uint16_t(type))) type_in.fail("holds unknown event type " + std::to_string(type));
    ts += uint64_t((type & 1) == 0 ? ts_in.svarint() : exit_ts_in.svarint());
    const uint16_t cpu = uint16_t(cpu_in.bounded(0xffff, "cpu"));
    const uint32_t flags = uint32_t(flags_in.bounded(0xffffffff, "flags"));
    BlockPredictor::TypeMemory& last = predict.of(uint16_t(type));
    const uint64_t nparams = uint64_t(int64_t(last.nparams) + nparams_in.svarint());
    if (nparams > kMaxParams) nparams_in.fail("holds a parameter count of " + std::to_string(int64_t(nparams)));
    last.nparams = uint32_t(nparams);
    const bool large = event_info(uint16_t(type)).is_large_payload();
    const size_t len_size = large ? 4 : 2;
    uint64_t len = kEventHeaderSize + len_size * nparams;
    const EventInfo& info = event_info(uint16_t(type));
    uint64_t data_bytes = 0, buffer_bytes = 0;  // taken from the data and buffer columns
    for (uint32_t i = 0; i < nparams; ++i) {
      const uint64_t plen = uint64_t(int64_t(last.len[i]) + len_in.svarint());
      if (plen > (large ? kMaxRawBlock : 0xffff)) len_in.fail("holds a parameter length of " + std::to_string(int64_t(plen)));
      lens[i] = last.len[i] = uint32_t(plen);
      len += lens[i];
      if (!is_numeric_width(lens[i])) (is_buffer(info, i) ? buffer_bytes : data_bytes) += lens[i];
    }
    const uint64_t extra = extra_in.bounded(kMaxRawBlock, "extra length");
    len += extra;
    data_bytes += extra;
    if (data_bytes > data_in.remaining()) data_in.fail("ends before the parameters of event " + std::to_string(n));
    if (buffer_bytes > buffers_in.remaining())
      buffers_in.fail("ends before the parameters of event " + std::to_string(n));
    if (out.raw.size() + len > kMaxRawBlock) throw DecodeError("block decodes to more than the raw block limit");

    const size_t at = out.raw.size();
    out.raw.resize(at + len);
    uint8_t* p = out.raw.data() + at;
    store_le(p, ts, 8);
    store_le(p + 8, uint64_t(tid), 8);
    store_le(p + 16, len, 4);
    store_le(p + 20, type, 2);
    store_le(p + 22, nparams, 4);
    p += kEventHeaderSize;
    for (uint32_t i = 0; i < nparams; ++i, p += len_size) store_le(p, lens[i], len_size);
    for (uint32_t i = 0; i < nparams; ++i) {
      if (is_numeric_width(lens[i])) {
        const uint64_t code = num_in.varint();
        if (code != 0) last.value[i] = uint64_t(unzigzag(code - 1));
        store_le(p, last.value[i], lens[i]);
      } else {
        std::memcpy(p, (is_buffer(info, i) ? buffers_in : data_in).bytes(lens[i]), lens[i]);
      }
      p += lens[i];
    }
    std::memcpy(p, data_in.bytes(extra), extra);
    out.offset.push_back(uint32_t(at));
    out.cpu.push_back(cpu);
    out.flags.push_back(flags);
  }
}

}  // namespace sysray::trace
