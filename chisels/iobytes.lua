-- iobytes: Sum of I/O bytes on any type of FD
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Counts the total bytes read from and written to any type of FD (disk, socket, pipe...) and prints the result every second."
short_description = "Sum of I/O bytes on any type of FD"
category = "I/O"
args = {
}

require("sr_io_totals").install("evt.is_io=true")
