-- topprocs_net: Top processes by network I/O
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Sort the list of the processes that use the most network bandwidth. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top processes by network I/O"
category = "Net"
args = {
}

require("sr_top").new{
  keys = {"proc.name", "proc.pid"}, titles = {"Process", "PID"},
  value = "evt.rawarg.res", value_title = "Bytes", units = "bytes",
  filter = "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true",
  limit = 100,
}:install()
