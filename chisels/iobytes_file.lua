-- iobytes_file: Sum of file I/O bytes
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Counts the total bytes read from and written to files."
short_description = "Sum of file I/O bytes"
category = "I/O"
args = {
}

require("sr_io_totals").install("evt.is_io=true and fd.type=file")
