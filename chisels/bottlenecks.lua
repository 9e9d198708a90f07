-- bottlenecks: Slowest system calls
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Lists the 10 system calls that took the longest to return during the capture interval."
short_description = "Slowest system calls"
category = "Performance"
args = {
}

-- The slowest syscalls, each printed after the enter event its thread saw
-- last: an insertion-sorted list of the HOW_MANY highest latencies (an
-- equal latency goes after the ones already there).
local HOW_MANY = 10
local f = {}
local slowest = {}   -- {latency, enter line, exit line}, slowest first
local last_enter = {}  -- tid -> line of its latest zero-latency event

function on_init()
  for name, field in pairs{num = "evt.num", type = "evt.type", args = "evt.args", latency = "evt.latency",
                           proc = "proc.name", tid = "thread.tid"} do
    f[name] = chisel.request_field(field)
  end
  return true
end

local function event_line(latency, mark)
  return string.format("%d) %d.%.9d %s (%d) %s %s %s", evt.field(f.num), latency / 1000000000,
    latency % 1000000000, evt.field(f.proc) or "", evt.field(f.tid), mark, evt.field(f.type), evt.field(f.args))
end

function on_event()
  local latency = evt.field(f.latency)
  local etype = evt.field(f.type)
  if etype == "switch" then return true end
  if latency == 0 then
    last_enter[evt.field(f.tid)] = event_line(0, ">")
  elseif latency ~= nil then
    for i = 1, HOW_MANY do
      if slowest[i] == nil or latency > slowest[i][1] then
        table.insert(slowest, i, {latency, last_enter[evt.field(f.tid)], event_line(latency, "<")})
        break
      end
    end
    if #slowest > HOW_MANY then table.remove(slowest) end
  end
  return true
end

function on_capture_end()
  for _, call in ipairs(slowest) do
    print(call[2])
    print(call[3])
  end
  return true
end
