-- spy_ip: Show the data exchanged with the given IP address
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the network payloads exchanged with an IP end-point. You can combine this chisel with the -x, -X or -A sysdig command line switches to customize the screen output"
short_description = "Show the data exchanged with the given IP address"
category = "Net"
args = {
  {name = "host_ip", description = "The remote host IP address", argtype = "ipv4", optional = false},
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

-- The data of network reads and writes to/from one host_ip. A header line
-- comes before each data line and changes color when the direction does.
local text = require("sr_text")
local c = text.color
local target
local f = {}
local header = nil
local last_is_read = nil

function on_set_arg(name, value)
  if name == "host_ip" then
    target = value
  elseif value == "disable_colors" then
    text.set_colors(false)
  end
  return true
end

function on_init()
  f.data = chisel.request_field("evt.arg.data")
  f.read = chisel.request_field("evt.is_io_read")
  f.res = chisel.request_field("evt.rawarg.res")
  sysdig.set_snaplen(1000)
  chisel.set_filter("evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6) and fd.ip=" .. target)
  return true
end

function on_event()
  local res, data = evt.field(f.res), evt.field(f.data)
  if res == nil or res <= 0 or data == nil then return true end
  local is_read = evt.field(f.read) == true
  if is_read ~= last_is_read then
    -- (sysdig's wording, "Read" for writes too, is kept for identical output)
    header = is_read and (c.red .. "------ Read " .. text.bytes(res)) or (c.blue .. "------ Read " .. text.bytes(res))
    last_is_read = is_read
  end
  print(header)
  print(data)
  return true
end

function on_capture_end()
  print(c.reset)
end
