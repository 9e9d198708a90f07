-- sr_io_totals: the body of iobytes, iobytes_file and iobytes_net. Bytes
-- read and written per second by the events a filter selects; the line
-- for a second prints at the first event of the next one, with that
-- event's time:
--
--   require("sr_io_totals").install("evt.is_io=true and fd.type=file")
--   -- defines on_init, on_event and on_interval

local sr_io_totals = {}

function sr_io_totals.install(filter)
  local bytes_field, read_field, time_field
  local total_in, total_out = 0, 0

  function on_init()
    bytes_field = chisel.request_field("evt.rawarg.res")
    read_field = chisel.request_field("evt.is_io_read")
    time_field = chisel.request_field("evt.time.s")
    chisel.set_filter(filter)
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
end

return sr_io_totals
