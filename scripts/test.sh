#!/usr/bin/env bash
# Builds sysray and runs every test: unit, compatibility against sysdig's
# expected output, and (as root) live capture. ctest's summary line ends it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
if [ "${SYSRAY_FUZZ_SECONDS:-20}" -gt 0 ] && [ -x tests/fuzz/run_fuzz_smoke.sh ]; then
  bash tests/fuzz/run_fuzz_smoke.sh "${SYSRAY_FUZZ_SECONDS:-20}" build-fuzz
fi
ctest --test-dir build --output-on-failure -j"$(nproc)"
