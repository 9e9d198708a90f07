#!/bin/sh
# Builds the libFuzzer harnesses with clang + ASan/UBSan and runs each one
# for SECONDS, seeded with the shared sample captures. Exits non-zero when a
# harness finds a crash (its reproducer is left in the build dir).
#
# usage: tests/fuzz/run_fuzz_smoke.sh SECONDS [BUILD_DIR]
set -eu

seconds=${1:?usage: run_fuzz_smoke.sh SECONDS [BUILD_DIR]}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath -m "${2:-$src/build-fuzz}")
shared=${SYSRAY_SHARED_DIR:-$src/../shared}

CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSYSRAY_BUILD_FUZZERS=ON -DSYSRAY_SANITIZE=ON \
  -DSYSRAY_SHARED_DIR="$shared" >/dev/null
ninja -C "$build" sysray $(cd "$src/tests/fuzz" && ls *_fuzz.cpp | sed 's/\.cpp$//')

# Seeds are copied at run time into a scratch dir, never into the source tree.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for harness in "$build"/fuzz/*_fuzz; do
  name=$(basename "$harness")
  mkdir -p "$work/$name"
  for capture in "$shared"/traces/*.scap; do
    if [ "$name" = trace_reader_fuzz ]; then
      # The native reader is seeded with .sray files sysray writes.
      "$build/sysray" -r "$capture" -w "$work/$name/$(basename "$capture" .scap).sray"
      continue
    fi
    if [ "$name" = trace_codec_fuzz ]; then
      # The column decoders: a selector byte, then a decompressed payload.
      "$build/sysray" -r "$capture" -w "$work/seed.sray"
      python3 - "$work/seed.sray" "$work/$name/$(basename "$capture" .scap)" <<'PY'
import struct, subprocess, sys
d = open(sys.argv[1], 'rb').read()
o, k = 16, 0
while o + 32 <= len(d):
    tag, n, raw, count = struct.unpack_from('<4sIII', d, o)
    if tag in (b'STAT', b'EVTS'):
        body = subprocess.run(['zstd', '-dc'], input=d[o + 32:o + 32 + n], capture_output=True).stdout
        selector = 1 if tag == b'STAT' else min(count, 127) << 1
        open('%s.%d' % (sys.argv[2], k), 'wb').write(bytes([selector]) + body)
        k += 1
    o += 32 + n
PY
      continue
    fi
    cp "$capture" "$work/$name/"
    # Uncompressed copies too, so that mutations hit block fields directly.
    gzip -dcf "$capture" > "$work/$name/plain_$(basename "$capture")"
  done
  echo "== $name for ${seconds}s"
  if ! (cd "$build" && "$harness" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -max_len=262144 -print_final_stats=1 "$work/$name"); then
    echo "!! $name found a crash (see $build/crash-* or leak-*)"
    status=1
  fi
done
exit $status
