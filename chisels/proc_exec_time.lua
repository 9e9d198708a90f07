-- proc_exec_time: Show process execution time
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "List the processes that have finished running, along with their execution time, and color every line based on the total process run time (Green|Blue below thresholds, Yellow at 3 sec, and Red at 10 sec). This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown. (Blue represents a process running within a container, and Green represents a host process)"
short_description = "Show process execution time"
category = "Performance"
args = {
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

-- One line per process exit: how long it ran (green; yellow over 3s, red
-- over 10s, blue inside a container).
local text = require("sr_text")
local c = text.color
local RED_NS, YELLOW_NS = 10 * 1000000000, 3 * 1000000000
local f = {}

function on_set_arg(name, value)
  if value == "disable_color" then text.set_colors(false) end
  return true
end

function on_init()
  f.name = chisel.request_field("proc.name")
  f.args = chisel.request_field("proc.args")
  f.duration = chisel.request_field("proc.duration")
  f.container = chisel.request_field("container.name")
  chisel.set_filter("evt.type=procexit")
  print(string.format("%-13.13s %-12.12s %s", "proc.duration", "proc.name", "proc.args"))
  print(string.format("%-13.13s %-12.12s %s", "-------------", "------------", "--------------------"))
  return true
end

function on_event()
  local duration = evt.field(f.duration)
  if duration == nil then return true end
  local color = c.green
  if duration > RED_NS then color = c.red
  elseif duration > YELLOW_NS then color = c.yellow
  elseif evt.field(f.container) ~= "host" then color = c.blue end
  print(color .. string.format("%-13.13s %-12.12s %s", text.duration(duration), evt.field(f.name), evt.field(f.args)))
  return true
end

function on_capture_end()
  print(c.reset)
end
