#!/usr/bin/env python3
"""Seeds for trace_codec_fuzz: each state or event block of a .sray file,
decompressed, behind the selector byte the harness reads first.

usage: trace_codec_seeds.py FILE.sray OUT_PREFIX   (writes OUT_PREFIX.0, .1, ...)
"""
import struct
import subprocess
import sys

data = open(sys.argv[1], "rb").read()
offset, k = 16, 0  # records follow the 16-byte file header
while offset + 32 <= len(data):
    tag, size, _raw, count = struct.unpack_from("<4sIII", data, offset)
    if tag in (b"STAT", b"EVTS"):
        body = subprocess.run(["zstd", "-dc"], input=data[offset + 32:offset + 32 + size],
                              capture_output=True, check=True).stdout
        selector = 1 if tag == b"STAT" else min(count, 127) << 1
        with open("%s.%d" % (sys.argv[2], k), "wb") as out:
            out.write(bytes([selector]) + body)
        k += 1
    offset += 32 + size
