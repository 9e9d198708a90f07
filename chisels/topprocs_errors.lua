-- topprocs_errors: top processes by number of errors
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the top processes in terms of system call errors. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "top processes by number of errors"
category = "Errors"
args = {
}

require("sr_top").new{
  keys = {"proc.name", "proc.pid"}, titles = {"Process", "PID"},
  value = "evt.count", value_title = "#Errors", units = "none",
  filter = "evt.failed=true",
  limit = 100,
}:install()
