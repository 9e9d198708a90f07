-- fdbytes_by: I/O bytes, aggregated by an arbitrary filter field
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Groups FD activity based on the given filter field, and returns the key that generated the most input+output bytes. For example, this script can be used to list the processes or TCP ports that generated most traffic."
short_description = "I/O bytes, aggregated by an arbitrary filter field"
category = "I/O"
args = {
  {name = "key", description = "The filter field used for grouping", argtype = "string", optional = false},
}

-- The key field comes from the command line and titles its own column.
local top = require("sr_top").new{
  keys = {}, titles = {},
  value = "evt.rawarg.res", value_title = "Bytes", units = "bytes",
  filter = "evt.is_io=true and evt.failed=false",
  limit = 30,
}
function on_set_arg(name, value)
  top.spec.keys = {value}
  top.spec.titles = {value}
  return true
end
top:install()
