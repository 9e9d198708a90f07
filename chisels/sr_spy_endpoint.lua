-- sr_spy_endpoint: the body of spy_ip and spy_port. The data of network
-- reads and writes to or from one endpoint (fd.ip or fd.port equal to the
-- chisel's argument). A header line comes before each data line and
-- changes color when the direction does.
--
--   require("sr_spy_endpoint").install{arg = "host_port", field = "fd.port",
--     write_word = "Write"}   -- defines on_set_arg, on_init, on_event, on_capture_end
local text = require("sr_text")

local sr_spy_endpoint = {}

function sr_spy_endpoint.install(spec)
  local c = text.color
  local target
  local f = {}
  local header = nil
  local last_is_read = nil

  function on_set_arg(name, value)
    if name == spec.arg then
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
    chisel.set_filter("evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6) and " .. spec.field .. "=" .. target)
    return true
  end

  function on_event()
    local res, data = evt.field(f.res), evt.field(f.data)
    if res == nil or res <= 0 or data == nil then return true end
    local is_read = evt.field(f.read) == true
    if is_read ~= last_is_read then
      header = is_read and (c.red .. "------ Read " .. text.bytes(res))
                       or (c.blue .. "------ " .. spec.write_word .. " " .. text.bytes(res))
      last_is_read = is_read
    end
    print(header)
    print(data)
    return true
  end

  function on_capture_end()
    print(c.reset)
  end
end

return sr_spy_endpoint
