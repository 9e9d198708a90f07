-- spy_ip: Show the data exchanged with the given IP address
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the network payloads exchanged with an IP end-point. You can combine this chisel with the -x, -X or -A sysdig command line switches to customize the screen output"
short_description = "Show the data exchanged with the given IP address"
category = "Net"
args = {
  {name = "host_ip", description = "The remote host IP address", argtype = "ipv4", optional = false},
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

require("sr_spy_endpoint").install{arg = "host_ip", field = "fd.ip",
  -- (sysdig's spy_ip says "Read" for writes too; kept for identical output)
  write_word = "Read"}
