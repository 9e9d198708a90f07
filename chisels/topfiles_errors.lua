-- topfiles_errors: Top files by number of errors
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the top files in terms of I/O errors. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown."
short_description = "Top files by number of errors"
category = "Errors"
args = {
}

require("sr_top").new{
  keys = {"fd.name"}, titles = {"Filename"},
  value = "evt.count", value_title = "#Errors", units = "none",
  filter = "fd.type=file and evt.failed=true",
  limit = 100,
}:install()
