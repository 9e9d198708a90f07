#!/usr/bin/env python3
"""Seeds for trace_codec_fuzz: each state or event block of a .sray file,
decompressed, behind the selector byte the harness reads first.

usage: trace_codec_seeds.py FILE.sray OUT_PREFIX   (writes OUT_PREFIX.0, .1, ...)
"""
import os
import struct
import subprocess
import sys
import tempfile

data = open(sys.argv[1], "rb").read()
# Format 2.x compresses the initial state against a built-in prefix
# (docs/trace-format.md 4.1): the text of state_dictionary.cpp.
major = struct.unpack_from("<H", data, 8)[0]
source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../userspace/trace/state_dictionary.cpp")
dictionary = tempfile.NamedTemporaryFile(mode="w", suffix=".txt")
dictionary.write(open(source).read().split('R"DICT(', 1)[1].split(')DICT"', 1)[0])
dictionary.flush()
offset, k = 16, 0  # records follow the 16-byte file header
while offset + 32 <= len(data):
    tag, size, _raw, count = struct.unpack_from("<4sIII", data, offset)
    if tag in (b"STAT", b"EVTS"):
        prefix = ["--patch-from=" + dictionary.name] if offset == 16 and major >= 2 else []
        body = subprocess.run(["zstd", "-dc"] + prefix, input=data[offset + 32:offset + 32 + size],
                              capture_output=True, check=True).stdout
        selector = 1 if tag == b"STAT" else min(count, 127) << 1
        with open("%s.%d" % (sys.argv[2], k), "wb") as out:
            out.write(bytes([selector]) + body)
        k += 1
    offset += 32 + size
