-- spy_file: Echo any read/write made by any process to all files. Optionally, you can provide the name of one file to only intercept reads/writes to that file.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "This chisel intercepts all reads and writes to all files. Instead of all files, you can limit interception to one file."
short_description = "Echo any read/write made by any process to all files. Optionally, you can provide the name of one file to only intercept reads/writes to that file."
category = "I/O"
args = {
  {name = "read_or_write", description = "Specify 'R' to capture only read events; 'W' to capture only write events; 'RW' to capture read and write events. By default both read and write events are captured.", argtype = "string", optional = true},
  {name = "spy_on_file_name", description = "The name of the file which the chisel should spy on for all read and write activity.", argtype = "string", optional = true},
}

-- Reads and writes on files (all but terminals, or just the named one):
-- time, process, R/W, size, file and the data as text.
local text = require("sr_text")
local mode, only_file = nil, nil
local f = {}

function on_set_arg(name, value)
  if name == "read_or_write" then mode = value else only_file = value end
  return true
end

function on_init()
  f.data = chisel.request_field("evt.arg.data")
  f.fd = chisel.request_field("fd.name")
  f.write = chisel.request_field("evt.is_io_write")
  f.pid = chisel.request_field("proc.pid")
  f.proc = chisel.request_field("proc.name")
  f.res = chisel.request_field("evt.rawarg.res")
  f.time = chisel.request_field("evt.time")
  sysdig.set_snaplen(2000)
  sysdig.set_output_format("ascii")
  local parts = {}
  if only_file ~= nil and only_file ~= "" then
    parts[#parts + 1] = "(fd.name=" .. only_file .. ")"
  else
    parts[#parts + 1] = "(not fd.name contains /dev/pt and not fd.name contains /dev/tty)"
  end
  if mode == "R" or mode == "r" then parts[#parts + 1] = "evt.is_io_read=true"
  elseif mode == "W" or mode == "w" then parts[#parts + 1] = "evt.is_io_write=true"
  else parts[#parts + 1] = "evt.is_io=true" end
  parts[#parts + 1] = "fd.type=file and evt.dir=< and evt.failed=false"
  chisel.set_filter(table.concat(parts, " and "))
  return true
end

function on_event()
  print(string.format("%s %s(%s) %s %s %s %s", evt.field(f.time), evt.field(f.proc), evt.field(f.pid),
    evt.field(f.write) == true and "W" or "R", text.bytes(evt.field(f.res)), evt.field(f.fd), evt.field(f.data)))
  return true
end
