-- topprocs_file: Top processes by R+W disk bytes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the top processes in terms of total (in+out) bytes to disk. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top processes by R+W disk bytes"
category = "I/O"
args = {
}

require("sr_top").new{
  keys = {"proc.name", "proc.pid"}, titles = {"Process", "PID"},
  value = "evt.rawarg.res", value_title = "Bytes", units = "bytes",
  filter = "fd.type=file and evt.is_io=true",
  limit = 10,
}:install()
