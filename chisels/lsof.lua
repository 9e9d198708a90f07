-- lsof: List (and optionally filter) the open file descriptors.
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "This chisel prints the open file descriptors for every process in the system, with an output that is similar to the one of lsof. Output is at a point in time; adjust this in the filter.  It defaults to time of evt.num=0"
short_description = "List (and optionally filter) the open file descriptors."
category = "System State"
args = {
  {name = "filter", description = "A sysdig-like filter expression that allows restricting the FD list. E.g. 'proc.name=foo and fd.name contains /etc'.", argtype = "filter", optional = true},
}

-- Open fds at the start of the capture (the state at the first event),
-- threads by tid.
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
  print(col("COMMAND", 20) .. col("PID", 8) .. col("TID", 8) .. col("USER", 8) .. col("FD", 8) ..
        col("TYPE", 12) .. "NAME")
  local tids = {}
  for tid in pairs(threads) do tids[#tids + 1] = tid end
  table.sort(tids)
  for _, tid in ipairs(tids) do
    local t = threads[tid]
    for fd, info in pairs(t.fdtable) do
      print(col(t.comm, 20) .. col(t.pid, 8) .. col(tid, 8) .. col(t.username, 8) .. col(fd, 8) ..
            col(tostring(info.type), 12) .. tostring(info.name))
    end
  end
end
