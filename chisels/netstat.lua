-- netstat: List (and optionally filter) network connections.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Print the system network connections, with an output that is similar to the one of netstat. Output is at a point in time; adjust this in the filter. It defaults to time of evt.num=0"
short_description = "List (and optionally filter) network connections."
category = "System State"
args = {
  {name = "filter", description = "A sysdig-like filter expression that allows restricting the FD list. E.g. 'proc.name=foo and fd.port=80'.", argtype = "filter", optional = true},
}

-- Network connections at the start of the capture (the state at the first
-- event). A user filter narrows the IP sockets further.
local col = require("sr_text").column
local fd_filter = "(fd.type=ipv4 or fd.type=ipv6)"
local started, saw_event = false, false

function on_set_arg(name, value)
  -- (sysdig joins them without a space; the filter language does not mind)
  fd_filter = fd_filter .. "and (" .. value .. ")"
  return true
end

function on_capture_start()
  started = true
  return true
end

function on_event()
  saw_event = true
  sysdig.end_capture()
  return false
end

function on_capture_end()
  if not started then return end
  if not saw_event then
    print("empty capture or no event matching the filter")
    return
  end
  print(col("Proto", 6) .. col("Server Address", 25) .. col("Client Address", 25) .. col("State", 15) ..
        "TID/PID/Program Name")
  for tid, t in pairs(sysdig.get_thread_table(fd_filter)) do
    for _, fd in pairs(t.fdtable) do
      local client, state = "0.0.0.0:*", "LISTEN"
      if fd.cip ~= nil then client, state = fd.cip .. ":" .. fd.cport, "ESTABLISHED" end
      print(col(fd.l4proto, 6) .. col(fd.sip .. ":" .. fd.sport, 25) .. col(client, 25) .. col(state, 15) ..
            tid .. "/" .. t.pid .. "/" .. t.comm)
    end
  end
end
