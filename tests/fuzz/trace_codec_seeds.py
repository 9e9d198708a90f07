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
major = struct.unpack_from("<H", data, 8)[0]


def prefix_file(content):
    f = tempfile.NamedTemporaryFile(suffix=".bin")
    f.write(content)
    f.flush()
    return f


# The records' zstd prefixes (docs/trace-format.md 4.1 and 3.1): from 2.0
# the initial state is compressed against the text of state_dictionary.cpp
# (4.0: its two texts, every newline a NUL); from 4.0 event blocks against
# that dictionary followed by the initial state's raw payload (its first
# MiB); snapshots against the initial state's raw payload.
source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../userspace/trace/state_dictionary.cpp")
texts = [part.split(')DICT"', 1)[0] for part in open(source).read().split('R"DICT(')[1:]]
dictionary = (texts[0] if major < 4 else "".join(texts).replace("\n", "\0")).encode()
state_prefix = prefix_file(dictionary) if major >= 2 else None
event_prefix = snapshot_prefix = None
offset, k = 16, 0  # records follow the 16-byte file header
while offset + 32 <= len(data):
    tag, size, _raw, count = struct.unpack_from("<4sIII", data, offset)
    if tag in (b"STAT", b"EVTS"):
        prefix = state_prefix if offset == 16 else event_prefix if tag == b"EVTS" else snapshot_prefix
        option = ["--patch-from=" + prefix.name] if prefix else []
        body = subprocess.run(["zstd", "-dc"] + option, input=data[offset + 32:offset + 32 + size],
                              capture_output=True, check=True).stdout
        if offset == 16:  # snapshots are compressed against the initial state
            snapshot_prefix = prefix_file(body)
            if major >= 4:
                event_prefix = prefix_file(dictionary + body[:1 << 20])
        selector = 1 if tag == b"STAT" else min(count, 127) << 1
        with open("%s.%d" % (sys.argv[2], k), "wb") as out:
            out.write(bytes([selector]) + body)
        k += 1
    offset += 32 + size
