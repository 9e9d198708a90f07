#!/usr/bin/env bash
# Configures and builds sysray into build/ (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SYSRAY_SHARED_DIR:-$(cd .. && pwd)/shared}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSYSRAY_SHARED_DIR="$shared" >/dev/null
cmake --build build -j"$(nproc)"
