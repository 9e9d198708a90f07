#!/usr/bin/env bash
# Builds the whole test suite with clang + AddressSanitizer (LeakSanitizer
# included on Linux) + UndefinedBehaviorSanitizer and runs it with ctest:
# unit, compatibility, fuzz-input replay and, as root, live BPF capture.
# It reuses the fuzz harnesses' build dir (same compiler and flags), so only
# the test binaries are extra work. Any sanitizer report fails its test:
# UBSan stops at the first finding (-fno-sanitize-recover, CMakeLists.txt).
#
# usage: scripts/test-sanitized.sh [BUILD_DIR]   (default build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
shared=${SYSRAY_SHARED_DIR:-$(cd .. && pwd)/shared}

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSYSRAY_BUILD_FUZZERS=ON -DSYSRAY_SANITIZE=ON -DSYSRAY_SHARED_DIR="$shared" >/dev/null
cmake --build "$build" -j"$(nproc)"

# halt_on_error is ASan's default; the options below make reports complete
# and keep leak checking on in the programs the tests run (sysray itself).
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
