-- lsof: List (and optionally filter) the open file descriptors.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "This chisel prints the open file descriptors for every process in the system, with an output that is similar to the one of lsof. Output is at a point in time; adjust this in the filter.  It defaults to time of evt.num=0"
short_description = "List (and optionally filter) the open file descriptors."
category = "System State"
args = {
  {name = "filter", description = "A sysdig-like filter expression that allows restricting the FD list. E.g. 'proc.name=foo and fd.name contains /etc'.", argtype = "filter", optional = true},
}

-- Open fds at the start of the capture, threads by tid.
local col = require("sr_text").column
local snapshot = require("sr_snapshot")

snapshot.install{print_table = function(threads)
  print(col("COMMAND", 20) .. col("PID", 8) .. col("TID", 8) .. col("USER", 8) .. col("FD", 8) ..
        col("TYPE", 12) .. "NAME")
  for _, tid in ipairs(snapshot.sorted_tids(threads)) do
    local t = threads[tid]
    for fd, info in pairs(t.fdtable) do
      print(col(t.comm, 20) .. col(t.pid, 8) .. col(tid, 8) .. col(t.username, 8) .. col(fd, 8) ..
            col(tostring(info.type), 12) .. tostring(info.name))
    end
  end
end}
