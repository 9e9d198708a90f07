-- topports_server: Top TCP/UDP server ports by R+W bytes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the top TCP/UDP server ports in terms of total (in+out) bandwidth. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top TCP/UDP server ports by R+W bytes"
category = "Net"
args = {
}

require("sr_top").new{
  keys = {"fd.sport"}, titles = {"Srv Port"},
  value = "evt.rawarg.res", value_title = "Bytes", units = "bytes",
  filter = "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true",
  limit = 100,
}:install()
