-- stdin: Print stdin of processes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Print the standard input of any process on screen. Combine this script with a filter to limit the output to a specific process or pid."
short_description = "Print stdin of processes"
category = "I/O"
args = {
}

-- The data processes read or write on fd 0.
local data_field

function on_init()
  data_field = chisel.request_field("evt.rawarg.data")
  sysdig.set_snaplen(2000)
  chisel.set_filter("fd.num=0 and evt.is_io=true")
  return true
end

function on_event()
  local data = evt.field(data_field)
  if data ~= nil then print(data) end
  return true
end
