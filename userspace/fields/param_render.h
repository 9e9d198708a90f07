// Rendering one event parameter, and evt.info, exactly as sysdig 0.29.3.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "event/event.h"
#include "state/state.h"

namespace sysray {

enum class BufferFormat : uint8_t { Normal, Ascii, Hex, HexAscii, Base64, Json };

struct RenderOptions {
  BufferFormat buffers = BufferFormat::Normal;
  size_t max_bytebuf_len = 80;  // 0 = unlimited (-v)
};

void render_param(const State& state, const EventContext& ctx, const Event& event, size_t index,
                  const RenderOptions& opts, std::string& value, std::string& resolved);

void append_event_info(const State& state, const EventContext& ctx, const Event& event,
                       const RenderOptions& opts, std::string& out);

}  // namespace sysray
