-- For the process storm (tests/hardening, bench/process_storm.sh): keeps
-- the last 200 exits of the storm's exec'd children (srstorm_a/b) and, at
-- the end, prints how many threads and fds sysray's tables hold.
description = "Thread and fd table sizes after a process storm, for the hardening tests."
short_description = "Storm tables"
category = "Tests"
args = {}

local kept = {}
local exits = 0

function on_init()
  f_name = chisel.request_field("proc.name")
  f_exe = chisel.request_field("proc.exe")
  f_args = chisel.request_field("proc.args")
  f_tid = chisel.request_field("thread.tid")
  f_pid = chisel.request_field("proc.pid")
  chisel.set_filter("evt.type=procexit and proc.name startswith srstorm")
  return true
end

-- The probe is loaded and /proc read: the storm may start.
function on_capture_start()
  print("capture started")
  io.stdout:flush()
  return true
end

function on_event()
  exits = exits + 1
  kept[exits % 200 + 1] = string.format("exit|%s|%s|%s|%d|%d", evt.field(f_name), evt.field(f_exe),
                                        evt.field(f_args), evt.field(f_tid), evt.field(f_pid))
  return true
end

function on_capture_end()
  local threads, fds = 0, 0
  for _, t in pairs(sysdig.get_thread_table()) do
    threads = threads + 1
    for _ in pairs(t.fdtable) do fds = fds + 1 end
  end
  print("exits " .. exits)
  print("table threads " .. threads .. " fds " .. fds)
  for _, line in pairs(kept) do print(line) end
end
