#!/usr/bin/env bash
# Builds sysray and runs every test: unit, compatibility against sysdig's
# expected output, and (as root) live capture and fault scenarios. First the
# hardening runs on a clang build: each fuzz harness for SYSRAY_FUZZ_SECONDS
# (default 20, 0 = skip), and the whole suite under ASan+UBSan+LSan
# (SYSRAY_SANITIZED_TESTS=0 skips it); then the normal build's suite, whose
# ctest summary line ends the output.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
if [ "${SYSRAY_FUZZ_SECONDS:-20}" -gt 0 ] && [ -x tests/fuzz/run_fuzz_smoke.sh ]; then
  bash tests/fuzz/run_fuzz_smoke.sh "${SYSRAY_FUZZ_SECONDS:-20}" build-fuzz
fi
if [ "${SYSRAY_SANITIZED_TESTS:-1}" != 0 ]; then
  bash scripts/test-sanitized.sh build-fuzz
fi
ctest --test-dir build --output-on-failure -j"$(nproc)"
