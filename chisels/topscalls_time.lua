-- topscalls_time: Top system calls by time
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Show the top 30 system calls in terms of time spent in each call. You can use filters to restrict this to a specific process, thread or file. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top system calls by time"
category = "Performance"
args = {
}

require("sr_top").new{
  keys = {"evt.type"}, titles = {"Syscall"},
  value = "evt.latency", value_title = "Time", units = "time",
  filter = "",
  limit = 30,
}:install()
