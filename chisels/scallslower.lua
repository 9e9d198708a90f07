-- scallslower: Trace slow syscalls
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Trace syscalls slower than a threshold milliseconds. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown. (Blue represents a process running within a container, and Green represents a host process)"
short_description = "Trace slow syscalls"
category = "Performance"
args = {
  {name = "min_ms", description = "Minimum milliseconds before which a syscall should complete", argtype = "int", optional = false},
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

-- Syscalls slower than min_ms milliseconds ("0" shows them all), green on
-- the host, blue in containers.
local text = require("sr_text")
local c = text.color
local min_ms = 0
local f = {}
local LINE = "%-23.23s %-23.23s %-20s %s"

function on_set_arg(name, value)
  if name == "min_ms" then
    min_ms = text.number_arg(value, name)
  elseif value == "disable_color" then
    text.set_colors(false)
  end
  return true
end

function on_init()
  for name, field in pairs{type = "evt.type", time = "evt.datetime", proc = "proc.name", latency = "evt.latency",
                           container = "container.name"} do
    f[name] = chisel.request_field(field)
  end
  print(string.format(LINE, "evt.datetime", "proc.name", "LATENCY(ms)", "evt.type"))
  print(string.format(LINE, string.rep("-", 23), string.rep("-", 23), string.rep("-", 20), string.rep("-", 20)))
  return true
end

function on_event()
  local latency = evt.field(f.latency)
  if latency == nil then return true end
  local ms = latency / 1000000
  if ms <= min_ms then return true end
  local color = evt.field(f.container) ~= "host" and c.blue or c.green
  print(color .. string.format(LINE, evt.field(f.time), evt.field(f.proc), ms, evt.field(f.type)))
  return true
end
