-- sr_slow_io: the body of fileslower and netlower. I/O exits slower than
-- min_ms milliseconds ("0" shows them all) among the events a filter
-- selects: time, process, syscall, latency and fd, green on the host, blue
-- in containers.
--
--   require("sr_slow_io").install{filter = "evt.is_io=true and fd.type=file",
--     skip_devices = true}   -- defines on_set_arg, on_init, on_event
local text = require("sr_text")

local sr_slow_io = {}

function sr_slow_io.install(spec)
  local c = text.color
  local min_ms = 0
  local f = {}
  local LINE = "%-23.23s %-12.12s %-8s %12d %s"

  function on_set_arg(name, value)
    if name == "min_ms" then
      min_ms = text.number_arg(value, name)
    elseif value == "disable_color" then
      text.set_colors(false)
    end
    return true
  end

  function on_init()
    for name, field in pairs{type = "evt.type", dir = "evt.dir", time = "evt.datetime", fd = "fd.name",
                             proc = "proc.name", latency = "evt.latency", container = "container.name"} do
      f[name] = chisel.request_field(field)
    end
    chisel.set_filter(spec.filter)
    print(string.format("%-23.23s %-12.12s %-8s %-12s %s", "evt.datetime", "proc.name", "evt.type", "LATENCY(ms)",
                        "fd.name"))
    print(string.format("%-23.23s %-12.12s %-8s %-12s %s", string.rep("-", 23), string.rep("-", 12),
                        string.rep("-", 8), string.rep("-", 12), string.rep("-", 41)))
    return true
  end

  function on_event()
    local ms = evt.field(f.latency) / 1000000
    local name = evt.field(f.fd)
    if evt.field(f.dir) ~= "<" or ms <= min_ms then return true end
    if spec.skip_devices and name:sub(1, 5) == "/dev/" then return true end
    local color = evt.field(f.container) ~= "host" and c.blue or c.green
    print(color .. string.format(LINE, evt.field(f.time), evt.field(f.proc), evt.field(f.type), ms, name))
    return true
  end
end

return sr_slow_io
