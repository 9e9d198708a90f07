-- topconns: Top network connections by total bytes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the top network connections in terms of total (in+out) bandwidth. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top network connections by total bytes"
category = "Net"
args = {
}

require("sr_top").new{
  keys = {"fd.l4proto", "fd.name"}, titles = {"Proto", "Conn"},
  value = "evt.rawarg.res", value_title = "Bytes", units = "bytes",
  filter = "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true",
  limit = 30,
}:install()
