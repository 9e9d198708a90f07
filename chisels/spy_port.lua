-- spy_port: Show the data exchanged using the given IP port number
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Shows the network payloads exchanged using a given IP port number. You can combine this chisel with the -x, -X or -A sysdig command line switches to customize the screen output"
short_description = "Show the data exchanged using the given IP port number"
category = "Net"
args = {
  {name = "host_port", description = "The remote host IP port number", argtype = "int", optional = false},
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

require("sr_spy_endpoint").install{arg = "host_port", field = "fd.port", write_word = "Write"}
