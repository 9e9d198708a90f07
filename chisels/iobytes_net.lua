-- iobytes_net: Show total network I/O bytes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Counts the total bytes read from and written to the network, and prints the result every second"
short_description = "Show total network I/O bytes"
category = "Net"
args = {
}

-- Bytes read and written per second: the line for a second prints at the
-- first event of the next one, with that event's time.
local bytes_field, read_field, time_field
local total_in, total_out = 0, 0

function on_init()
  bytes_field = chisel.request_field("evt.rawarg.res")
  read_field = chisel.request_field("evt.is_io_read")
  time_field = chisel.request_field("evt.time.s")
  chisel.set_filter("evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6)")
  chisel.set_interval_s(1)
  return true
end

function on_event()
  local n = evt.field(bytes_field)
  if n ~= nil and n > 0 then
    if evt.field(read_field) then total_in = total_in + n else total_out = total_out + n end
  end
  return true
end

function on_interval()
  print(evt.field(time_field) .. " in:" .. total_in .. " out:" .. total_out .. " tot:" .. (total_in + total_out))
  total_in, total_out = 0, 0
  return true
end
