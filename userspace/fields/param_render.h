// Rendering of event parameters and evt.info, byte for byte as sysdig 0.29.3
// prints them (see scap-format.md §2).
//
// Every function appends into caller-owned strings, so once those strings
// have grown to their working size, rendering allocates nothing.
#pragma once

#include <cstddef>
#include <string>

#include "event/event.h"
#include "fields/render_options.h"
#include "state/state.h"

namespace sysray {

// Renders parameter `index` of `event` (using event.info().display_params()[index])
// into value and resolved; both are cleared first, and resolved stays empty when
// there is nothing to show in parentheses. ctx.thread (may be nullptr) is used for
// fd and cwd lookups; state gives pid -> comm, uid -> user and gid -> group names.
// Parameters the event does not carry render as empty strings.
void render_param(const State& state, const EventContext& ctx, const Event& event, size_t index,
                  const RenderOptions& opts, std::string& value, std::string& resolved);

// Appends evt.info: for each displayed param j < min(display_nparams, event.nparams),
// "name=VALUE" or "name=VALUE(RESOLVED)", each followed by one space. Generic
// events (type 0/1) have an empty evt.info.
void append_event_info(const State& state, const EventContext& ctx, const Event& event,
                       const RenderOptions& opts, std::string& out);

}  // namespace sysray
