-- iobytes_net: Show total network I/O bytes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Counts the total bytes read from and written to the network, and prints the result every second"
short_description = "Show total network I/O bytes"
category = "Net"
args = {
}

require("sr_io_totals").install("evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6)")
