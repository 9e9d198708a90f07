-- netstat: List (and optionally filter) network connections.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Print the system network connections, with an output that is similar to the one of netstat. Output is at a point in time; adjust this in the filter. It defaults to time of evt.num=0"
short_description = "List (and optionally filter) network connections."
category = "System State"
args = {
  {name = "filter", description = "A sysdig-like filter expression that allows restricting the FD list. E.g. 'proc.name=foo and fd.port=80'.", argtype = "filter", optional = true},
}

-- Network connections at the start of the capture. A user filter narrows
-- the IP sockets further.
local col = require("sr_text").column

require("sr_snapshot").install{base_filter = "(fd.type=ipv4 or fd.type=ipv6)", print_table = function(threads)
  print(col("Proto", 6) .. col("Server Address", 25) .. col("Client Address", 25) .. col("State", 15) ..
        "TID/PID/Program Name")
  for tid, t in pairs(threads) do
    for _, fd in pairs(t.fdtable) do
      local client, state = "0.0.0.0:*", "LISTEN"
      if fd.cip ~= nil then client, state = fd.cip .. ":" .. fd.cport, "ESTABLISHED" end
      print(col(fd.l4proto, 6) .. col(fd.sip .. ":" .. fd.sport, 25) .. col(client, 25) .. col(state, 15) ..
            tid .. "/" .. t.pid .. "/" .. t.comm)
    end
  end
end}
