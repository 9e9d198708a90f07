-- ps: List (and optionally filter) the machine processes.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "List the running processes, with an output that is similar to the one of ps. Output is at a point in time; adjust this in the filter. It defaults to time of evt.num=0"
short_description = "List (and optionally filter) the machine processes."
category = "System State"
args = {
  {name = "filter", description = "A sysdig-like filter expression that allows restricting the FD list. For example 'fd.name contains /etc' shows all the processes that have files open under /etc.", argtype = "filter", optional = true},
}

-- Like ps and lsof: the state is read at the first event, i.e. as the
-- capture begins, and printed when it ends.
local text = require("sr_text")
local col = text.column
local fd_filter = nil
local started, saw_event = false, false

function on_set_arg(name, value)
  fd_filter = value
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
  local threads = sysdig.get_thread_table(fd_filter)
  print(col("TID", 8) .. col("PID", 8) .. col("USER", 12) .. col("VIRT", 11) .. col("RES", 11) ..
        col("FDLIMIT", 10) .. col("CMD", 20))
  local tids = {}
  for tid in pairs(threads) do tids[#tids + 1] = tid end
  table.sort(tids)
  for _, tid in ipairs(tids) do
    local t = threads[tid]
    print(col(tid, 8) .. col(t.pid, 8) .. col(t.username, 12) .. col(text.bytes(t.vmsize_kb * 1024), 11) ..
          col(text.bytes(t.vmrss_kb * 1024), 11) .. col(t.fdlimit, 10) .. t.comm)
  end
end
