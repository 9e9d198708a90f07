-- topfiles_time: Top files by time
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the top files in terms of disk usage. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top files by time"
category = "I/O"
args = {
}

require("sr_top").new{
  keys = {"fd.name"}, titles = {"Filename"},
  value = "evt.latency", value_title = "Time", units = "time",
  filter = "fd.type=file and evt.is_io=true",
  limit = 10,
}:install()
