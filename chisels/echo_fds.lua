-- echo_fds: Print the data read and written by processes.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Print the data read and written for any FD. Combine this script with a filter to restrict what it shows. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown. (Blue represents  [Write], and Red represents [Read] for all data except when the -pc or -pcontainer argument is used. If used the container.name and container.id will be represented as: Green [host], and Cyan [container]) Container information will contain '[]' around container.name and container.id."
short_description = "Print the data read and written by processes."
category = "I/O"
args = {
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

-- Every successful read and write: a colored header line (red reads, blue
-- writes), then the data through the event formatter.
local text = require("sr_text")
local c = text.color
local f = {}

function on_set_arg(name, value)
  if value == "disable_color" then text.set_colors(false) end
  return true
end

function on_init()
  f.read = chisel.request_field("evt.is_io_read")
  f.res = chisel.request_field("evt.rawarg.res")
  f.fd = chisel.request_field("fd.name")
  f.proc = chisel.request_field("proc.name")
  sysdig.set_snaplen(2000)
  chisel.set_filter("evt.is_io=true and evt.dir=< and evt.rawres>0")
  chisel.set_event_formatter("%evt.arg.data")
  return true
end

function on_event()
  local res = evt.field(f.res)
  if res <= 0 then return true end
  local name = evt.field(f.fd) or "<NA>"
  local proc = evt.field(f.proc)
  if evt.field(f.read) then
    print(string.format("%s------ Read %s from  %s %s (%s)", c.red, text.bytes(res), c.red, name, proc))
  else
    print(string.format("%s------ Write %s to  %s %s (%s)", c.blue, text.bytes(res), c.blue, name, proc))
  end
  return true
end

function on_capture_end()
  print(c.reset)
end
