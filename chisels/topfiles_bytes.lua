-- topfiles_bytes: Top files by R+W bytes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the top files in terms of disk usage. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top files by R+W bytes"
category = "I/O"
args = {
}

require("sr_top").new{
  keys = {"fd.name"}, titles = {"Filename"},
  value = "evt.rawarg.res", value_title = "Bytes", units = "bytes",
  filter = "fd.type=file and evt.is_io=true",
  limit = 10,
}:install()
