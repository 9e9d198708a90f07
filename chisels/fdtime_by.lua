-- fdtime_by: FD time group by
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Groups FD activity based on the given filter field, and returns the keys where most time was spent. For example, this script can be used to list the processes or files that caused the biggest I/O latency."
short_description = "FD time group by"
category = "I/O"
args = {
  {name = "key", description = "The filter field used for grouping", argtype = "string", optional = false},
}

-- The key field comes from the command line and titles its own column.
local top = require("sr_top").new{
  keys = {}, titles = {},
  value = "evt.latency", value_title = "Time", units = "time",
  filter = "evt.is_io=true",
  limit = 10,
}
function on_set_arg(name, value)
  top.spec.keys = {value}
  top.spec.titles = {value}
  return true
end
top:install()
