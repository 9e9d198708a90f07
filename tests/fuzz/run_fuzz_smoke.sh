#!/bin/sh
# Builds the libFuzzer harnesses with clang + ASan/UBSan and runs each one
# for SECONDS on the seed corpus build_seeds.sh makes (sample captures, files
# sysray writes, hand-written seeds). Exits non-zero when a harness finds a
# crash (its reproducer is left in the build dir); keep such an input in
# tests/fuzz/regressions/HARNESS/ once fixed, so ctest replays it.
#
# usage: tests/fuzz/run_fuzz_smoke.sh SECONDS [BUILD_DIR [HARNESS...]]
# FUZZ_CORPUS_DIR=DIR keeps the corpora (DIR/HARNESS) instead of a scratch dir.
set -eu

seconds=${1:?usage: run_fuzz_smoke.sh SECONDS [BUILD_DIR [HARNESS...]]}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath -m "${2:-$src/build-fuzz}")
[ $# -ge 2 ] && shift 2 || shift $#
shared=${SYSRAY_SHARED_DIR:-$src/../shared}

harnesses=${*:-$(cd "$src/tests/fuzz" && ls *_fuzz.cpp | sed 's/\.cpp$//')}
CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSYSRAY_BUILD_FUZZERS=ON -DSYSRAY_SANITIZE=ON \
  -DSYSRAY_SHARED_DIR="$shared" >/dev/null
ninja -C "$build" sysray $harnesses

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=${FUZZ_CORPUS_DIR:-$work/corpus}
# The seeds go to a scratch dir, never into the source tree; libFuzzer adds
# what it finds to the corpus dir, which starts with them.
"$src/tests/fuzz/build_seeds.sh" "$build/sysray" "$shared" "$work/seeds"
status=0
for name in $harnesses; do
  mkdir -p "$corpus/$name"
  echo "== $name for ${seconds}s"
  if ! (cd "$build" && SYSRAY_FUZZ_CAPTURE="$shared/traces/open-multiple-files.scap" \
        "$build/fuzz/$name" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -max_len=262144 -print_final_stats=1 "$corpus/$name" "$work/seeds/$name"); then
    echo "!! $name found a crash (see $build/crash-* or leak-*)"
    status=1
  fi
done
exit $status
