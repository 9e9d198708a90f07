-- netlower: Trace slow network I/0
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Trace network I/O slower than a threshold, or all network I/O. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown. (Blue represents a process running within a container, and Green represents a host process)"
short_description = "Trace slow network I/0"
category = "Performance"
args = {
  {name = "min_ms", description = "Minimum millisecond threshold for showing network I/O", argtype = "int", optional = false},
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

-- I/O exits slower than min_ms milliseconds ("0" shows them all): time,
-- process, syscall, latency and fd, green on the host, blue in containers.
local text = require("sr_text")
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
  chisel.set_filter("evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6)")
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
  local color = evt.field(f.container) ~= "host" and c.blue or c.green
  print(color .. string.format(LINE, evt.field(f.time), evt.field(f.proc), evt.field(f.type), ms, name))
  return true
end
