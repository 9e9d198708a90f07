-- ps: List (and optionally filter) the machine processes.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "List the running processes, with an output that is similar to the one of ps. Output is at a point in time; adjust this in the filter. It defaults to time of evt.num=0"
short_description = "List (and optionally filter) the machine processes."
category = "System State"
args = {
  {name = "filter", description = "A sysdig-like filter expression that allows restricting the FD list. For example 'fd.name contains /etc' shows all the processes that have files open under /etc.", argtype = "filter", optional = true},
}

-- Threads at the start of the capture, by tid.
local text = require("sr_text")
local col = text.column
local snapshot = require("sr_snapshot")

snapshot.install{print_table = function(threads)
  print(col("TID", 8) .. col("PID", 8) .. col("USER", 12) .. col("VIRT", 11) .. col("RES", 11) ..
        col("FDLIMIT", 10) .. col("CMD", 20))
  for _, tid in ipairs(snapshot.sorted_tids(threads)) do
    local t = threads[tid]
    print(col(tid, 8) .. col(t.pid, 8) .. col(t.username, 12) .. col(text.bytes(t.vmsize_kb * 1024), 11) ..
          col(text.bytes(t.vmrss_kb * 1024), 11) .. col(t.fdlimit, 10) .. t.comm)
  end
end}
