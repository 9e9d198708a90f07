-- stderr: Print stderr of processes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Print the standard error of any process on screen. Combine this script with a filter to limit the output to a specific process or pid. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown. (Blue represents a process running within a container, and Green represents a host process)"
short_description = "Print stderr of processes"
category = "I/O"
args = {
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

-- The data processes read or write on fd 2.
local text = require("sr_text")
local data_field

function on_set_arg(name, value)
  if value ~= "disable_color" then return false end
  text.set_colors(false)
  return true
end

function on_init()
  data_field = chisel.request_field("evt.rawarg.data")
  sysdig.set_snaplen(2000)
  chisel.set_filter("fd.num=2 and evt.is_io=true")
  return true
end

function on_event()
  local data = evt.field(data_field)
  if data ~= nil then print(data) end
  return true
end
