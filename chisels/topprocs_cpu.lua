-- topprocs_cpu: Top processes by CPU usage
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Show the top process defined by the highest CPU utilization. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top processes by CPU usage"
category = "CPU Usage"
args = {
}

-- procinfo events carry each thread's CPU ticks; thread.cpu is the ticks
-- since the thread's previous one. Rows are shares of the capture's length.
local sr_top = require("sr_top")
local top = sr_top.new{
  keys = {"proc.name", "proc.pid"}, titles = {"Process", "PID"},
  value_title = "CPU%", units = "timepct",
  filter = "evt.type=procinfo",
  limit = 10,
}
function top:init()
  sr_top.init(self)
  self.cpu_field = chisel.request_field("thread.cpu")
end
function top:event()
  local key = self:event_key()
  local cpu = evt.field(self.cpu_field)
  if key ~= nil and cpu ~= nil then self.rows[key] = (self.rows[key] or 0) + cpu * 10000000 end
end
top:install()
