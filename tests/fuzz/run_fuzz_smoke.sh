#!/bin/sh
# Builds the libFuzzer harnesses with clang + ASan/UBSan and runs each one
# for SECONDS, seeded with the shared sample captures (file readers) or the
# recorded filter expressions (the filter compiler). Exits non-zero when a
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
  case "$name" in
    filter_fuzz)
      # One seed per recorded filter expression.
      i=0
      cut -f2 "$src/tests/filters/data/filter_cases.tsv" | while IFS= read -r expr; do
        i=$((i + 1))
        printf '%s' "$expr" > "$work/$name/expr_$i"
      done
      ;;
    trace_reader_fuzz)
      # The native reader is seeded with .sray files sysray writes.
      for capture in "$shared"/traces/*.scap; do
        "$build/sysray" -r "$capture" -w "$work/$name/$(basename "$capture" .scap).sray"
      done
      ;;
    trace_codec_fuzz)
      # The column decoders: a selector byte, then a decompressed payload.
      for capture in "$shared"/traces/*.scap; do
        "$build/sysray" -r "$capture" -w "$work/seed.sray"
        python3 "$src/tests/fuzz/trace_codec_seeds.py" "$work/seed.sray" "$work/$name/$(basename "$capture" .scap)"
      done
      ;;
    *)
      for capture in "$shared"/traces/*.scap; do
        cp "$capture" "$work/$name/"
        # Uncompressed copies too, so that mutations hit block fields directly.
        gzip -dcf "$capture" > "$work/$name/plain_$(basename "$capture")"
      done
      ;;
  esac
  echo "== $name for ${seconds}s"
  if ! (cd "$build" && "$harness" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -max_len=262144 -print_final_stats=1 "$work/$name"); then
    echo "!! $name found a crash (see $build/crash-* or leak-*)"
    status=1
  fi
done
exit $status
